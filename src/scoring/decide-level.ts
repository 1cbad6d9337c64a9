/** The staged-threshold rule itself, on the fits of one element's levels (docs/scoring.md). */

type RuleParams = { threshold: number; stagedFrom: number; epsilon: number };

/**
 * The staged-threshold decision. Levels from `stagedFrom` up are climbed in order while each fit
 * reaches θ; if not even the first of them does, the best-fitting lower level wins, ties going
 * to the higher level and a missing fit counting as 0. Returns the rank and the ranks that decided it.
 */
export function decideLevel(
  fits: readonly (number | null)[],
  params: RuleParams,
): { rank: number; decisive: number[] } {
  const { stagedFrom } = params;
  const rank = climbed(fits, params);
  if (rank) return { rank, decisive: range(stagedFrom, rank) };
  return { rank: bestLower(fits, params), decisive: range(1, stagedFrom - 1) };
}

/**
 * `decideLevel(fits, params).rank` without the ranks that decided it: the borderline test asks it
 * twice for every answered characteristic, so it builds nothing.
 */
export const decideRank = (fits: readonly (number | null)[], params: RuleParams): number =>
  climbed(fits, params) || bestLower(fits, params);

/** The highest level climbed from `stagedFrom` with every fit on the way reaching θ; 0 when none is. */
function climbed(fits: readonly (number | null)[], { threshold, stagedFrom, epsilon }: RuleParams): number {
  const reaches = (f: number | null) => f !== null && f >= threshold - epsilon;
  let rank = 0;
  for (let r = stagedFrom; r <= fits.length && reaches(fits[r - 1]!); r++) rank = r;
  return rank;
}

/** The best-fitting level below `stagedFrom`, ties going to the higher level, a missing fit counting as 0. */
function bestLower(fits: readonly (number | null)[], { stagedFrom, epsilon }: RuleParams): number {
  let best = 1;
  for (let r = 2; r < stagedFrom; r++) {
    if ((fits[r - 1] ?? 0) >= (fits[best - 1] ?? 0) - epsilon) best = r;
  }
  return best;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
