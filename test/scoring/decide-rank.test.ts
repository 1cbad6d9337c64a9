/**
 * `decideRank` is the rank of `decideLevel` without the ranks that decided it (the borderline test
 * asks for it twice per answered characteristic): the two must agree on every input, including a
 * rule staged from level 1 and fits that sit on the threshold within epsilon.
 */
import { describe, expect, it } from 'vitest';
import { decideLevel, decideRank } from '../../src/scoring/decide-level.js';

describe('decideRank', () => {
  it('gives the rank decideLevel gives, for every rule and fits near the threshold', () => {
    const values = [null, 0, 1 / 3, 0.6666666666666666, 2 / 3 - 1e-10, 0.7, 1];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let checked = 0;
    for (const stagedFrom of [1, 2, 3, 4]) {
      for (const levels of [3, 5]) {
        for (let i = 0; i < 500; i++) {
          const fits = Array.from({ length: levels }, () => values[Math.floor(next() * values.length)]!);
          const params = { threshold: 2 / 3, stagedFrom, epsilon: 1e-9 };
          expect(decideRank(fits, params), JSON.stringify({ fits, stagedFrom })).toBe(
            decideLevel(fits, params).rank,
          );
          checked++;
        }
      }
    }
    expect(checked).toBe(4000);
  });
});
