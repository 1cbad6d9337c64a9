/**
 * Answers: what a respondent said, keyed by framework item id. The workbook reader produces them;
 * the scoring engine and the report consume them. Validated against the framework they claim.
 */
import { z } from 'zod';
import { itemIndex, type Framework } from '../framework/index.js';
import { matchRating } from './ratings.js';

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

/** Answers that do not fit the framework; each problem is one line naming the id. */
export class AnswersError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `invalid answers (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'AnswersError';
  }
}

/** An empty set of answers for a framework. */
export function emptyAnswers(framework: Framework): Answers {
  return {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    ratings: {},
    evidence: {},
    responses: {},
    judgements: {},
  };
}

/**
 * Checks untrusted answers against a framework and returns them with rating labels in their
 * canonical spelling. Throws AnswersError listing every problem.
 */
export function validateAnswers(framework: Framework, data: unknown): Answers {
  const parsed = AnswersSchema.safeParse(data);
  if (!parsed.success) {
    throw new AnswersError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  }
  const answers = parsed.data;
  const problems: string[] = [];
  if (answers.frameworkId !== framework.id) {
    problems.push(`frameworkId: answers are for "${answers.frameworkId}", not "${framework.id}"`);
  }
  const index = itemIndex(framework);
  const ratings: Record<string, string> = {};
  for (const [id, label] of Object.entries(answers.ratings)) {
    const item = index.get(id);
    const rating = matchRating(framework, label);
    if (item?.kind !== 'characteristic')
      problems.push(`ratings.${id}: not a characteristic of ${framework.id}`);
    else if (!rating) {
      problems.push(
        `ratings.${id}: "${label}" is not on the scale (${framework.scoring.ratings.map((r) => r.label).join(', ')})`,
      );
    } else ratings[id] = rating.label;
  }
  for (const id of Object.keys(answers.evidence)) {
    if (index.get(id)?.kind !== 'characteristic')
      problems.push(`evidence.${id}: not a characteristic of ${framework.id}`);
  }
  for (const id of Object.keys(answers.responses)) {
    const kind = index.get(id)?.kind;
    if (kind !== 'question' && kind !== 'subQuestion')
      problems.push(`responses.${id}: not a question of ${framework.id}`);
  }
  for (const [id, judgement] of Object.entries(answers.judgements)) {
    const element = framework.elements.find((e) => e.id === id);
    if (!element) problems.push(`judgements.${id}: not an element of ${framework.id}`);
    else if (judgement.level !== undefined && judgement.level > element.levels.length) {
      problems.push(
        `judgements.${id}.level: ${judgement.level} is above the top level (${element.levels.length})`,
      );
    }
  }
  if (problems.length) throw new AnswersError(problems);
  return { ...answers, ratings };
}
