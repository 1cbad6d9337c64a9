/**
 * Answers checked against the framework they claim: every id an item of it, every rating on its
 * scale. Without zod, so that the report and the reader, whose answers are typed already (the
 * reader builds them), load none (docs/performance.md, issue 24 session 7); untrusted data (an
 * answers JSON file) has its shape checked first by validateAnswers in ./answers.ts.
 */
import type { Framework } from '../framework/schema.js';
import { itemIndex } from '../framework/lookup.js';
import type { Answers } from './answers.js';
import { matchRating } from './ratings.js';

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
 * Checks answers of the right shape against a framework and returns them with rating labels in
 * their canonical spelling. Throws AnswersError listing every problem.
 */
export function checkAnswers(framework: Framework, answers: Answers): Answers {
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
