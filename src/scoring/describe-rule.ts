/**
 * The scoring rule in plain English, generated from the parameters so the report's annex and the
 * workbook's instructions can never disagree with what the engine does.
 */
import type { Framework } from '../framework/index.js';
import { levelNames } from '../framework/lookup.js';

const fraction = (v: number): string => {
  for (const d of [1, 2, 3, 4, 5, 6, 8, 10]) {
    const n = Math.round(v * d);
    if (Math.abs(n / d - v) < 1e-9) return d === 1 ? String(n) : `${n}/${d}`;
  }
  return v.toFixed(2);
};

/** Paragraphs describing how ratings become levels. */
export function describeRule(framework: Framework, options: { confidenceFlag?: boolean } = {}): string[] {
  const { ratings, threshold, stagedFrom, lowCoverage } = framework.scoring;
  const names = levelNames(framework);
  const top = names.length;
  const scored = ratings.filter((r) => r.kind === 'scored');
  const excluded = ratings.filter((r) => r.kind === 'excluded').map((r) => `"${r.label}"`);
  const unanswered = ratings.filter((r) => r.kind === 'unanswered').map((r) => `"${r.label}"`);
  const t = `${fraction(threshold)} (${Math.round(threshold * 100)}%)`;
  const staged = names.slice(stagedFrom - 1).map((n, i) => `level ${stagedFrom + i} (${n})`);
  const lower = names.slice(0, stagedFrom - 1).map((n, i) => `level ${i + 1} (${n})`);
  return [
    `Each characteristic is rated on how well it describes the organisation today. The ratings count as ` +
      scored.map((r) => `"${r.label}" = ${fraction(r.value!)}`).join(', ') +
      '.' +
      (unanswered.length ? ` ${unanswered.join(' and ')} counts as not answered.` : '') +
      (excluded.length
        ? ` ${excluded.join(' and ')} counts as answered but is left out of the averages.`
        : ''),
    `The fit of a level is the average rating of its answered, applicable characteristics.`,
    `The upper levels are reached in steps: ${staged.join(', then ')}` +
      ` — each is reached when its fit, and the fit of every upper level below it, is at least ${t}, ` +
      `meaning its characteristics are largely in place. The highest level reached this way, up to level ${top}, is the result.`,
    `If not even level ${stagedFrom} is reached, the result is whichever of ${lower.join(' and ')} fits best; ` +
      `a level with no answers counts as 0 and a tie goes to the higher level.`,
    `An element with no rated characteristic is "Not assessed".` +
      // The workbook flags low confidence this simple way (its formulas); the report grades it
      // (describeConfidence) and leaves the flag out, so a reader never meets two rules.
      (options.confidenceFlag === false
        ? ''
        : ` A result is flagged as low confidence when ` +
          `fewer than ${Math.round(lowCoverage * 100)}% of its characteristics were answered, or when level ${stagedFrom} ` +
          `or above is reached although characteristics of level 1 are rated "${scored[0]?.label}".`),
  ];
}

const share = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Paragraphs describing the level range, borderline results and how confidence is graded, from
 * the parameters (`scoring.confidence`). Kept apart from `describeRule`, whose paragraphs the
 * workbook's Start sheet prints.
 */
export function describeConfidence(framework: Framework): string[] {
  const { lowCoverage, stagedFrom, confidence: c } = framework.scoring;
  const levels = (n: number) => `${n} level${n === 1 ? '' : 's'}`;
  return [
    `Each result says how far it could move: the lowest and highest level the element could have if ` +
      `every characteristic left unanswered or rated "Don't know" were answered, by the same rule ` +
      `("level 3, could be 2 to 3"). A result is borderline when moving one answered rating by one step ` +
      `(for example from "Largely" to "Partly") would change the level; those characteristics are named.`,
    `Confidence is graded high, medium or low. It is high when at least ${share(c.decidingCoverage.high)} of the ` +
      `characteristics of the result level and the next level were answered, at least ${share(c.evidenceShare.high)} ` +
      `of the characteristics rated "largely" or "fully" in place have evidence written down, the unanswered ` +
      `characteristics could not ${c.rangeWidth.medium === 1 ? 'change the level' : `move the level by ${levels(c.rangeWidth.medium)} or more`}, the result is not ` +
      `borderline and the answers do not contradict it.`,
    `It is low when fewer than ${share(c.decidingCoverage.medium)} of the characteristics of the result level and ` +
      `the next level were answered, when fewer than ${share(lowCoverage)} of all the element's characteristics were ` +
      `answered, when fewer than ${share(c.evidenceShare.medium)} of the in-place ratings have evidence, when the ` +
      `unanswered characteristics could move the level by ${levels(c.rangeWidth.low)} or more, ` +
      (c.borderline === 'low' ? 'when the result is borderline, ' : '') +
      `or when the answers contradict the result: level 1 is largely in place although level 3 ` +
      `or above is reached, a level two or more above the result is largely in place, or a level-1 ` +
      `characteristic is rated at the top of the scale although level ${stagedFrom} or above is reached. ` +
      `Otherwise it is medium.`,
  ];
}
