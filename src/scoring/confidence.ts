/**
 * How sure a result is, graded high / medium / low from the framework's documented parameters
 * (`scoring.confidence`, docs/scoring.md "Confidence"). The grade is the lowest that any check
 * allows; the reasons say in plain English what set it (or, for high, what supports it).
 */
import type { ConfidenceParameters } from '../framework/index.js';

export type Grade = 'high' | 'medium' | 'low';

const order: Record<Grade, number> = { low: 0, medium: 1, high: 2 };
const lowest = (a: Grade, b: Grade): Grade => (order[a] <= order[b] ? a : b);

/** A share against a high/medium band: where it falls. */
const band = (share: number, b: { high: number; medium: number }, epsilon: number): Grade =>
  share >= b.high - epsilon ? 'high' : share >= b.medium - epsilon ? 'medium' : 'low';

/** A level that the answers describe strongly although the result is two or more levels away. */
export interface ConflictingLevel {
  rank: number;
  name: string;
  /** Scored characteristics of that level rated at or above θ, and how many were scored. */
  inPlace: number;
  scored: number;
}

export interface GradeInput {
  rank: number;
  /** Levels whose characteristics decide the result (the result level and the next one). */
  decidingRanks: number[];
  decidingAnswered: number;
  decidingTotal: number;
  /** Whole-element coverage below `scoring.lowCoverage`. */
  lowCoverage: boolean;
  answered: number;
  total: number;
  /** Lowest-level characteristics rated at the top of the scale although a staged level is reached. */
  topRatedLowest: number;
  lowestLevelName: string;
  topLabel: string;
  /**
   * The ratings at or above the threshold, quoted: '"Largely" or "Fully"'. Reasons name the ratings
   * rather than say "in place": a weakness (a problem, in the tool's reading) rated so is true of
   * the department, not in place, and the engine does not know the reading.
   */
  atLeastLabels: string;
  conflicting: ConflictingLevel[];
  evidence: { inPlace: number; withEvidence: number; share: number | null };
  range: { low: number; high: number };
  open: number;
  borderlineItems: number;
  /** Two labels one step apart on the scale, for the example in the borderline reason. */
  stepExample: [string, string];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const levelsText = (ranks: number[]) =>
  ranks.length === 1 ? `level ${ranks[0]}` : `levels ${ranks.slice(0, -1).join(', ')} and ${ranks.at(-1)}`;

/** The confidence grade of one assessed element, with its reasons (always at least one). */
export function gradeConfidence(
  input: GradeInput,
  params: ConfidenceParameters,
  epsilon: number,
): { grade: Grade; reasons: string[] } {
  const limits: { grade: Grade; reason: string }[] = [];
  const support: string[] = [];
  const limit = (grade: Grade, reason: string) => {
    if (grade === 'high') support.push(reason);
    else limits.push({ grade, reason });
  };

  if (input.lowCoverage) {
    limit(
      'low',
      `Only ${input.answered} of the ${input.total} characteristics of this element were answered.`,
    );
  }
  if (input.topRatedLowest) {
    limit(
      'low',
      `${plural(input.topRatedLowest, 'characteristic')} of level 1 ("${input.lowestLevelName}") ` +
        `${input.topRatedLowest === 1 ? 'is' : 'are'} rated "${input.topLabel}", although the result is level ${input.rank}.`,
    );
  }
  for (const c of input.conflicting) {
    limit(
      'low',
      `The answers also describe level ${c.rank} ("${c.name}"): ${c.inPlace} of the ${plural(c.scored, `level-${c.rank} characteristic`)} ` +
        `with a rating ${c.inPlace === 1 ? 'is' : 'are'} rated ${input.atLeastLabels}, although the result is level ${input.rank}.`,
    );
  }

  const deciding = levelsText(input.decidingRanks);
  const coverage = input.decidingTotal ? input.decidingAnswered / input.decidingTotal : 0;
  limit(
    band(coverage, params.decidingCoverage, epsilon),
    input.decidingAnswered === input.decidingTotal
      ? `All ${input.decidingTotal} characteristics of ${deciding}, which decide this result, are answered.`
      : `${input.decidingAnswered} of the ${input.decidingTotal} characteristics of ${deciding}, which decide this result, are answered.`,
  );

  const ev = input.evidence;
  if (ev.share !== null) {
    limit(
      band(ev.share, params.evidenceShare, epsilon),
      `${ev.withEvidence} of the ${plural(ev.inPlace, 'characteristic')} rated ${input.atLeastLabels} ` +
        `${ev.withEvidence === 1 ? 'has' : 'have'} evidence written down.`,
    );
  }

  const width = input.range.high - input.range.low;
  limit(
    width >= params.rangeWidth.low ? 'low' : width >= params.rangeWidth.medium ? 'medium' : 'high',
    width === 0
      ? input.open
        ? `Answering the ${plural(input.open, 'open characteristic')} (not answered or "Don't know") could not change the level.`
        : 'Every characteristic is answered.'
      : `Depending on how the ${plural(input.open, 'open characteristic')} (not answered or "Don't know") ` +
          `would be answered, the level could be anywhere from ${input.range.low} to ${input.range.high}.`,
  );

  limit(
    input.borderlineItems ? params.borderline : 'high',
    input.borderlineItems
      ? `The level is on a borderline: moving ${input.borderlineItems === 1 ? 'one rating' : `any one of ${input.borderlineItems} ratings`} ` +
          `by one step (for example from "${input.stepExample[0]}" to "${input.stepExample[1]}") would change it.`
      : 'No single rating moved by one step would change the level.',
  );

  const grade = limits.reduce<Grade>((g, l) => lowest(g, l.grade), 'high');
  const reasons =
    grade === 'high'
      ? support
      : [...limits.filter((l) => l.grade === 'low'), ...limits.filter((l) => l.grade === 'medium')].map(
          (l) => l.reason,
        );
  return { grade, reasons };
}
