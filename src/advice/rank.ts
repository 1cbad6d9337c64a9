/**
 * Which next steps come first: the ranking rule of the report (documented in docs/report.md,
 * "How next steps are ranked", and printed in the report's annex from `NEXT_STEPS_RULE`).
 *
 * An element's next steps are the strengths of its next level that are not yet in place (./advice.ts
 * says which characteristics are strengths, and where the steps come from when the next level has none).
 *
 * 1. Only rated characteristics are steps. One with no rating, or rated "Don't know", is "not yet
 *    assessed": nobody has said whether it is in place, so it is listed apart, never as a step.
 * 2. Among the rated ones, the higher rating comes first ("Partly" before "Not at all"): the
 *    nearer a characteristic already is to being in place, the sooner it can be.
 * 3. Equal ratings keep the framework's order.
 *
 * The brief's priorities take one step from each of three elements:
 * the elements at the lowest level first (furthest behind); among equals, the one closest to its
 * next level (the largest share of that level's applicable characteristics already in place);
 * then framework order. An element without a rated step gives no priority.
 *
 * Pure: works on plain values so it can be tested on its own and reused by any front end.
 */

/** A gap to the next level, as the ranking sees it. */
export interface GapForRanking {
  /** The rating's value when it is a scored rating ("Partly" = 1/3), else null (no rating, "Don't know"). */
  value: number | null;
}

/** How many next steps an element page and the brief show. */
export const TOP_STEPS = 3;

/** The rule in plain English, one paragraph each (the annex prints it; docs/report.md says the same). */
export const NEXT_STEPS_RULE: readonly string[] = [
  'The next steps of an element are the characteristics of its next level that are not yet largely ' +
    'or fully in place. They are ranked: a characteristic rated "Partly" comes before one rated ' +
    '"Not at all", because it is nearer to being in place; equal ratings keep the framework’s order.',
  'A characteristic with no rating, or rated "Don’t know", is never a next step: nobody has said ' +
    'whether it is in place. It is listed apart as "not yet assessed".',
  'The three priorities of the summary take the first next step of three elements: the elements at ' +
    'the lowest level first; among elements at the same level, the one with the largest share of its ' +
    'next level already in place; then the framework’s order.',
];

/**
 * The rule as the reports print it: with the tool's reading of the characteristics (strengths and
 * weaknesses, who acts), or, for a framework without one, the rule above and a sentence that says so.
 */
export function adviceRule(hasReading: boolean): string[] {
  if (!hasReading)
    return [
      ...NEXT_STEPS_RULE,
      'This framework comes without the tool’s reading of its characteristics, so every characteristic ' +
        'of the next level is treated as something to put in place, and the department as able to act on it.',
    ];
  return [
    'The tool reads each characteristic as a strength to put in place or a weakness (a problem), and ' +
      'says who can act: the department, the centre of government, or both. The reading is the tool’s, ' +
      'not the framework’s, and does not change the levels.',
    'Next steps are the rated strengths of the next level not yet in place, "Partly" before "Not at all" ' +
      '(or, when that level has none, those of the first level above that has); unrated ones are "not yet ' +
      'assessed". Problems rated "Largely" or "Fully" at or below the level are to move away from.',
    'The priorities take the first step the department can take itself from up to three elements, the ' +
      'lowest level first, then the nearest to its next level. Steps that need the centre are named as such.',
  ];
}

/** Splits gaps into ranked steps (rule 2 and 3) and those not yet assessed (rule 1), keeping input order for ties. */
export function rankNextSteps<T extends GapForRanking>(
  gaps: readonly T[],
): { ranked: T[]; notYetAssessed: T[] } {
  const rated = gaps.map((g, i) => ({ g, i })).filter(({ g }) => g.value !== null);
  rated.sort((a, b) => b.g.value! - a.g.value! || a.i - b.i);
  return { ranked: rated.map(({ g }) => g), notYetAssessed: gaps.filter((g) => g.value === null) };
}

/** What the priority choice needs to know of an element. */
export interface ElementForPriority {
  level: number;
  /** Share (0–1) of the next level's applicable characteristics already in place. */
  progress: number;
  /** True when the element has at least one ranked step. */
  hasStep: boolean;
}

/** The elements (indices into the input, in priority order) the brief's priorities come from. */
export function choosePriorityElements(
  elements: readonly (ElementForPriority | null)[],
  count = TOP_STEPS,
): number[] {
  return elements
    .map((e, i) => ({ e, i }))
    .filter((x): x is { e: ElementForPriority; i: number } => x.e !== null && x.e.hasStep)
    .sort((a, b) => a.e.level - b.e.level || b.e.progress - a.e.progress || a.i - b.i)
    .slice(0, count)
    .map(({ i }) => i);
}
