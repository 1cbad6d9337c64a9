/**
 * How far a level could move: the range over every way of answering the open characteristics,
 * and the ratings one step away from changing it (borderline).
 *
 * An open characteristic is one with no rating or a rating that counts as not answered ("Don't
 * know"). Any rating on the scale is a possible answer to it, "Not applicable" included. Each
 * level's fit is the mean of its own scored ratings, so the levels move independently: a level's
 * fit is highest with all its open items at the top of the scale and lowest with all of them at
 * the bottom. "Not applicable" never goes beyond those extremes (leaving an item out of a mean
 * cannot push it past the top or bottom value), and a fit with nothing scored counts as 0 in
 * `decideLevel`, the same as all open items at the bottom. So the exact set of reachable levels
 * follows from each level's lowest and highest fit; test/scoring/level-range.test.ts checks this
 * against every completion of small frameworks.
 */
import { decideLevel } from './decide-level.js';

export interface RuleParams {
  threshold: number;
  stagedFrom: number;
  epsilon: number;
}

/** The lowest and highest fit a level can take over all answers to its open items. */
export interface FitBounds {
  min: number | null;
  max: number | null;
}

/** Fit bounds of one level from its scored values, the number of open items and the scale's ends. */
export function fitBounds(
  scoredValues: readonly number[],
  open: number,
  scale: { bottom: number; top: number },
): FitBounds {
  if (scoredValues.length === 0 && open === 0) return { min: null, max: null };
  const sum = scoredValues.reduce((s, v) => s + v, 0);
  const n = scoredValues.length + open;
  return { min: (sum + open * scale.bottom) / n, max: (sum + open * scale.top) / n };
}

/**
 * Every level `decideLevel` can give when each level's fit may take any value it can reach
 * between its bounds (the bounds themselves are reachable). Sorted ascending.
 */
export function reachableLevels(bounds: readonly FitBounds[], params: RuleParams): number[] {
  const { threshold, stagedFrom, epsilon } = params;
  const canReach = (b: FitBounds) => b.max !== null && b.max >= threshold - epsilon;
  const canFail = (b: FitBounds) => b.min === null || b.min < threshold - epsilon;
  const levels: number[] = [];

  // Below the staged part: only when the first staged level can miss θ. Candidate r wins at
  // its highest fit with every other lower level at its lowest, if it can win at all (raising
  // the winner and lowering the others never changes who wins).
  if (canFail(bounds[stagedFrom - 1]!)) {
    for (let r = 1; r < stagedFrom; r++) {
      const fits = bounds.map((b, i) => (i === r - 1 ? b.max : b.min));
      if (decideLevel(fits, params).rank === r) levels.push(r);
    }
  }
  // The staged part: r is reachable when every staged level up to r can reach θ and the next can miss it.
  for (let r = stagedFrom; r <= bounds.length && canReach(bounds[r - 1]!); r++) {
    if (r === bounds.length || canFail(bounds[r]!)) levels.push(r);
  }
  return levels;
}
