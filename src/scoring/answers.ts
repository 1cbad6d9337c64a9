/**
 * Answers: what a respondent said, keyed by framework item id. The workbook reader produces them;
 * the scoring engine and the report consume them. Validated against the framework they claim.
 */
import { z } from 'zod';
import type { Framework } from '../framework/index.js';
import { AnswersError, checkAnswers } from './answers-check.js';

export const JudgementSchema = z.strictObject({
  /** Rank of the level the respondent judges best fitting (1 = least mature). */
  level: z.number().int().min(1).optional(),
  rationale: z.string().optional(),
});

export const AnswersSchema = z.strictObject({
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  /** Characteristic id → rating label (one of the framework's ratings). Absent = unanswered. */
  ratings: z.record(z.string(), z.string()),
  /** Characteristic id → evidence or comment. */
  evidence: z.record(z.string(), z.string()).default({}),
  /** Question or sub-question id → the response text. */
  responses: z.record(z.string(), z.string()).default({}),
  /** Element id → the respondent's own judgement of the best-fitting level. */
  judgements: z.record(z.string(), JudgementSchema).default({}),
});

export type Answers = z.infer<typeof AnswersSchema>;
export type Judgement = z.infer<typeof JudgementSchema>;

export { AnswersError, checkAnswers, emptyAnswers } from './answers-check.js';

/**
 * Checks untrusted answers (their shape, with zod, then checkAnswers) against a framework and
 * returns them with rating labels in their canonical spelling. Throws AnswersError listing every
 * problem.
 */
export function validateAnswers(framework: Framework, data: unknown): Answers {
  const parsed = AnswersSchema.safeParse(data);
  if (!parsed.success) {
    throw new AnswersError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  }
  return checkAnswers(framework, parsed.data);
}
