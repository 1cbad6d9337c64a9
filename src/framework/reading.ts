/**
 * The tool's reading of each characteristic: this tool's judgement, not the framework's text.
 *
 * The framework describes each level by its characteristics, and levels 1–2 mostly describe what a
 * less mature government suffers from. To advise, the tool needs to know, per characteristic,
 * whether it is something to put in place (`strength`) or to move away from (`weakness`), who can
 * act on it (`actor`) and a short complete clause to show where space is tight (`label`).
 *
 * That reading is kept apart from the framework's own text, with its provenance, so a reviewer can
 * challenge any line and a user can replace it (docs/framework-data.md, "The tool's reading").
 * A framework without a reading still works: the reports then treat every characteristic of the
 * next level as a step, as before, and say so.
 */
import { z } from 'zod';
import { ItemId } from './ids.js';

/** `strength`: a capability or practice a government wants; `weakness`: a problem to move away from. */
export const Polarity = z.enum(['strength', 'weakness']);
/** `department`: a department can act alone; `centre`: it depends on the centre of government; `both`. */
export const Actor = z.enum(['department', 'centre', 'both']);

/** The longest label the reports show (a brief's table cell, a chart label). */
export const LABEL_MAX = 70;

export const CharacteristicReadingSchema = z.strictObject({
  polarity: Polarity,
  actor: Actor,
  /** A complete short clause in plain English that says what the characteristic says. */
  label: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(LABEL_MAX, { message: `must be at most ${LABEL_MAX} characters` })
    .refine((s) => !/…|\.\.\./.test(s), { message: 'must be a complete clause, without an ellipsis' }),
  /** Why, for a call a reviewer may challenge (shown in docs/characteristic-reading.md). */
  note: z.string().trim().min(1).optional(),
});

export const ReadingSchema = z.strictObject({
  /** Who made the reading and on what basis, shown wherever the reading is used. */
  provenance: z.strictObject({
    by: z.string().trim().min(1),
    date: z.string().trim().min(1),
    basis: z.string().trim().min(1),
  }),
  /** One entry per characteristic of the framework, keyed by its id. */
  characteristics: z.record(ItemId, CharacteristicReadingSchema),
});

export type Polarity = z.infer<typeof Polarity>;
export type Actor = z.infer<typeof Actor>;
export type CharacteristicReading = z.infer<typeof CharacteristicReadingSchema>;
export type FrameworkReading = z.infer<typeof ReadingSchema>;
