/** The staged-threshold rule itself, on the fits of one element's levels (docs/scoring.md). */

/**
 * The staged-threshold decision. Levels from `stagedFrom` up are climbed in order while each fit
 * reaches θ; if not even the first of them does, the best-fitting lower level wins, ties going
 * to the higher level and a missing fit counting as 0. Returns the rank and the ranks that decided it.
 */
export function decideLevel(
  fits: readonly (number | null)[],
  params: { threshold: number; stagedFrom: number; epsilon: number },
): { rank: number; decisive: number[] } {
  const { threshold, stagedFrom, epsilon } = params;
  const reaches = (f: number | null) => f !== null && f >= threshold - epsilon;
  let rank = 0;
  for (let r = stagedFrom; r <= fits.length && reaches(fits[r - 1]!); r++) rank = r;
  if (rank) return { rank, decisive: range(stagedFrom, rank) };
  let best = 1;
  for (let r = 2; r < stagedFrom; r++) {
    if ((fits[r - 1] ?? 0) >= (fits[best - 1] ?? 0) - epsilon) best = r;
  }
  return { rank: best, decisive: range(1, stagedFrom - 1) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
