/**
 * "Close to the next level": a result that one answered rating, moved one step on the scale, would
 * raise. Built from the scoring engine's own borderline data (`borderlineItems`: the ratings whose
 * one-step move changes the level, docs/scoring.md "Borderline"), never from a new rule.
 *
 * A borderline move raises the level rather than lowering it when (by the staged-threshold rule of
 * src/scoring/decide-level.ts):
 * - the result is level 1: nothing is below it, so any change is a rise; or
 * - the rating belongs to a level above the result: raising that level's fit can only lift the
 *   result to it (a staged level reaching θ, or a lower level fitting best), and lowering it
 *   cannot change a result it does not decide.
 * A rating at or below the result's level can only lower it, except in one case the built-in rule
 * never meets (stagedFrom above 3: a result of level 2 or more below the staged part whose own
 * rating, moved down, lets a higher lower level fit best); that case is not called close, so the
 * summary never claims more than the answers give. Pure and browser-safe.
 */
import type { Framework } from '../../framework/index.js';
import type { ElementResult } from '../../scoring/index.js';

/** The level each characteristic belongs to, by id (built once per framework). */
export function levelOfItems(framework: Framework): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const e of framework.elements)
    for (const l of e.levels) for (const c of l.characteristics) ranks.set(c.id, l.rank);
  return ranks;
}

/** True when one rating moved one step would raise this result to a higher level. */
export function closeToNextLevel(result: ElementResult, rankOf: ReadonlyMap<string, number>): boolean {
  if (!result.assessed || !result.borderline) return false;
  if (result.level === 1) return true;
  return result.borderlineItems.some((id) => (rankOf.get(id) ?? 0) > result.level);
}
