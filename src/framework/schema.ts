/**
 * The shape of a maturity framework, as a zod schema.
 *
 * The built-in framework (the DGX Digital Maturity Framework MVP) and any framework a user passes
 * with `--framework FILE.json` are validated by this one schema at load. The TypeScript types of
 * the whole code base are inferred from it, so the data and the types cannot drift apart.
 *
 * Nothing here assumes 7 elements or 4 levels: counts come from the data.
 */
import { z } from 'zod';

import { ItemId } from './ids.js';
import { ReadingSchema } from './reading.js';

export { ItemId };

const Text = z.string().trim().min(1, { message: 'must not be empty' });

export const CharacteristicSchema = z.strictObject({
  id: ItemId,
  text: Text,
  /** Set when the source prints this characteristic as an indented sub-point of another one. */
  parentId: ItemId.optional(),
});

export const LevelSchema = z.strictObject({
  id: ItemId,
  /** 1-based position on the maturity scale (1 = least mature). */
  rank: z.number().int().min(1),
  /** Generic level name, the same for every element (e.g. "Becoming digital / responsive"). */
  name: Text,
  /** Element-specific label printed beside the name in the source, e.g. "active leadership". */
  label: Text.optional(),
  /** The paragraph that introduces the level in the source. */
  description: Text,
  characteristics: z.array(CharacteristicSchema).min(1),
});

export const SubQuestionSchema = z.strictObject({
  id: ItemId,
  /** The source's marker, e.g. "a". */
  label: Text,
  text: Text,
});

export const QuestionSchema = z.strictObject({
  id: ItemId,
  /** The source's number, e.g. "3". */
  label: Text,
  text: Text,
  subQuestions: z.array(SubQuestionSchema),
});

export const ElementSchema = z.strictObject({
  id: ItemId,
  /** Short title, used as the workbook sheet name (Excel allows at most 31 characters). */
  shortTitle: Text.max(31, { message: 'must fit an Excel sheet name (31 characters at most)' }).refine(
    (s) => !/[\\/?*[\]:]/.test(s) && !/^'|'$/.test(s),
    { message: 'must be a valid Excel sheet name (no \\ / ? * [ ] : and no leading or trailing quote)' },
  ),
  /** The element's title exactly as in the source. */
  title: Text,
  /** The element's introductory text; paragraphs separated by blank lines. */
  introduction: Text,
  levels: z.array(LevelSchema).min(2),
  questions: z.array(QuestionSchema),
});

export const RatingSchema = z.strictObject({
  /** The label respondents pick, exactly as in the workbook's dropdown. */
  label: Text,
  /** Explanation shown to respondents. */
  meaning: Text,
  /**
   * `scored`: counts with its value; `excluded`: answered but left out of averages (Not applicable);
   * `unanswered`: counts as no answer (Don't know).
   */
  kind: z.enum(['scored', 'excluded', 'unanswered']),
  /** Score between 0 and 1; present exactly when kind is `scored`. */
  value: z.number().min(0).max(1).optional(),
});

/** A share that grades a result: at or above `high` it supports high confidence, at or above `medium` medium. */
const GradeBand = z
  .strictObject({ high: z.number().min(0).max(1), medium: z.number().min(0).max(1) })
  .refine((b) => b.medium <= b.high, { message: 'medium must not be above high' });

/**
 * How sure a result is (docs/scoring.md, "Confidence"): the grade is the lowest any of these
 * allows. Contradictions and coverage below `lowCoverage` always give low.
 */
export const ConfidenceSchema = z
  .strictObject({
    /** Share answered of the characteristics of the result level and the next level. */
    decidingCoverage: GradeBand,
    /** Share of "in place" ratings (at or above θ) that carry evidence text. */
    evidenceShare: GradeBand,
    /**
     * Levels the result could move (range high − low) from which confidence is at most medium
     * (`medium`) or low (`low`).
     */
    rangeWidth: z.strictObject({ medium: z.number().int().min(1), low: z.number().int().min(1) }),
    /** Grade at most this when one rating moved one step would change the level. */
    borderline: z.enum(['medium', 'low']),
  })
  .refine((c) => c.rangeWidth.medium <= c.rangeWidth.low, {
    path: ['rangeWidth'],
    message: 'medium must not be above low',
  });

/** The DMF's confidence parameters (docs/scoring.md), used when a framework file has none. */
export const DEFAULT_CONFIDENCE = {
  decidingCoverage: { high: 0.8, medium: 0.5 },
  evidenceShare: { high: 0.75, medium: 0.4 },
  rangeWidth: { medium: 1, low: 2 },
  borderline: 'medium',
} as const satisfies z.input<typeof ConfidenceSchema>;

export const ScoringSchema = z
  .strictObject({
    /** Name of the rule; only "staged-threshold" exists today. */
    rule: z.literal('staged-threshold'),
    /** The rating scale, from best to worst. */
    ratings: z.array(RatingSchema).min(2),
    /** θ: a level's fit must reach this to count as "in place" (default 2/3, "largely"). */
    threshold: z.number().gt(0).lte(1),
    /**
     * First level (rank) of the staged upper part of the scale. Levels from here up are reached in
     * order, each needing fit ≥ θ; below it the best-fitting level wins (ties go up).
     */
    stagedFrom: z.number().int().min(2),
    /** Coverage (share answered) below which a result is flagged as low confidence. */
    lowCoverage: z.number().min(0).max(1),
    /**
     * Tolerance for comparing averages, so spreadsheets and the engine agree despite rounding.
     * Must be above 0: with none, an average exactly at the threshold (three "Largely" = 2/3) can
     * fall either side of it depending on how each program rounds.
     */
    epsilon: z.number().gt(0).max(1e-6),
    /**
     * How a result's confidence is graded high, medium or low. Optional so that framework files
     * written before the grade existed keep working: they get the DMF's own values.
     */
    confidence: ConfidenceSchema.default(DEFAULT_CONFIDENCE),
  })
  .superRefine((s, ctx) => {
    s.ratings.forEach((r, i) => {
      if ((r.kind === 'scored') !== (r.value !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ratings', i, 'value'],
          message: 'a value is required for scored ratings and not allowed for the others',
        });
      }
    });
    const labels = s.ratings.map((r) => r.label.toLowerCase());
    labels.forEach((l, i) => {
      if (labels.indexOf(l) !== i)
        ctx.addIssue({ code: 'custom', path: ['ratings', i, 'label'], message: `duplicate rating "${l}"` });
    });
  });

export const FrameworkSchema = z
  .strictObject({
    id: ItemId,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'must be a semantic version such as 1.0.0' }),
    title: Text,
    publisher: Text,
    published: Text,
    licence: Text,
    source: Text.optional(),
    elements: z.array(ElementSchema).min(1),
    scoring: ScoringSchema,
    /**
     * The tool's reading of each characteristic (src/framework/reading.ts): optional, and when
     * present it must cover every characteristic and name no other id.
     */
    reading: ReadingSchema.optional(),
  })
  .superRefine((f, ctx) => {
    const seen = new Map<string, string>();
    const claim = (id: string, where: (string | number)[]) => {
      const before = seen.get(id);
      if (before !== undefined) {
        ctx.addIssue({ code: 'custom', path: where, message: `id "${id}" is already used at ${before}` });
      } else {
        seen.set(id, where.join('.'));
      }
    };
    const sheetNames = new Map<string, number>();
    const levelCount = f.elements[0]?.levels.length ?? 0;
    f.elements.forEach((e, ei) => {
      claim(e.id, ['elements', ei, 'id']);
      const lower = e.shortTitle.toLowerCase();
      if (sheetNames.has(lower)) {
        ctx.addIssue({
          code: 'custom',
          path: ['elements', ei, 'shortTitle'],
          message: `short title "${e.shortTitle}" is used twice (sheet names must be unique)`,
        });
      }
      sheetNames.set(lower, ei);
      if (e.levels.length !== levelCount) {
        ctx.addIssue({
          code: 'custom',
          path: ['elements', ei, 'levels'],
          message: `every element needs the same number of levels (${levelCount}), this one has ${e.levels.length}`,
        });
      }
      e.levels.forEach((l, li) => {
        claim(l.id, ['elements', ei, 'levels', li, 'id']);
        if (l.rank !== li + 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['elements', ei, 'levels', li, 'rank'],
            message: `levels must be listed in order: expected rank ${li + 1}, found ${l.rank}`,
          });
        }
        const ids = new Set(l.characteristics.map((c) => c.id));
        l.characteristics.forEach((c, ci) => {
          claim(c.id, ['elements', ei, 'levels', li, 'characteristics', ci, 'id']);
          if (c.parentId !== undefined && !ids.has(c.parentId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['elements', ei, 'levels', li, 'characteristics', ci, 'parentId'],
              message: `parent "${c.parentId}" is not a characteristic of the same level`,
            });
          }
        });
      });
      e.questions.forEach((q, qi) => {
        claim(q.id, ['elements', ei, 'questions', qi, 'id']);
        q.subQuestions.forEach((s, si) =>
          claim(s.id, ['elements', ei, 'questions', qi, 'subQuestions', si, 'id']),
        );
      });
    });
    if (f.reading) {
      const characteristicIds = new Set(
        f.elements.flatMap((e) => e.levels.flatMap((l) => l.characteristics.map((c) => c.id))),
      );
      for (const id of characteristicIds) {
        if (!(id in f.reading.characteristics)) {
          ctx.addIssue({
            code: 'custom',
            path: ['reading', 'characteristics'],
            message: `no reading for characteristic "${id}" (a reading must cover every characteristic)`,
          });
        }
      }
      for (const id of Object.keys(f.reading.characteristics)) {
        if (!characteristicIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['reading', 'characteristics', id],
            message: `"${id}" is not a characteristic of this framework`,
          });
        }
      }
    }
    if (f.scoring.stagedFrom > levelCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['scoring', 'stagedFrom'],
        message: `must be a level rank between 2 and ${levelCount}`,
      });
    }
  });

export type Framework = z.infer<typeof FrameworkSchema>;
export type Element = z.infer<typeof ElementSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type Characteristic = z.infer<typeof CharacteristicSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type SubQuestion = z.infer<typeof SubQuestionSchema>;
export type Rating = z.infer<typeof RatingSchema>;
export type ScoringParameters = z.infer<typeof ScoringSchema>;
export type ConfidenceParameters = z.infer<typeof ConfidenceSchema>;
