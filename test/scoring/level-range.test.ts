/**
 * The level range and the borderline flag, checked against brute force: every way of answering
 * the open characteristics of small, randomly shaped frameworks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInFramework, parseFramework, type Framework } from '../../src/framework/index.js';
import { emptyAnswers, score, validateAnswers, type Answers } from '../../src/scoring/index.js';

const SCORED = ['Not at all', 'Partly', 'Largely', 'Fully'] as const; // rising
/** What an open characteristic could be answered: any rating that is not itself "open". */
const POSSIBLE = [...SCORED, 'Not applicable'] as const;
const ANY = [...SCORED, 'Not applicable', "Don't know", undefined] as const;

/** A one-element framework with the given number of characteristics per level. */
function smallFramework(sizes: number[], stagedFrom: number, threshold: number): Framework {
  const base = builtInFramework();
  const e = base.elements[0]!;
  return parseFramework({
    ...structuredClone(base),
    reading: undefined, // the built-in reading does not cover the made-up characteristics
    id: 'small',
    scoring: { ...structuredClone(base.scoring), stagedFrom, threshold },
    elements: [
      {
        ...structuredClone(e),
        questions: [],
        levels: sizes.map((n, li) => ({
          id: `${e.id}.l${li + 1}`,
          rank: li + 1,
          name: `Level ${li + 1}`,
          description: 'A level.',
          characteristics: Array.from({ length: n }, (_, i) => ({
            id: `${e.id}.l${li + 1}.c${i + 1}`,
            text: `characteristic ${i + 1}`,
          })),
        })),
      },
    ],
  });
}

const ids = (f: Framework) => f.elements[0]!.levels.flatMap((l) => l.characteristics.map((c) => c.id));

/** Answers with the given labels in characteristic order (labels are canonical already). */
function answersOf(f: Framework, labels: readonly (string | undefined)[]): Answers {
  const a = emptyAnswers(f);
  ids(f).forEach((id, i) => {
    const label = labels[i];
    if (label !== undefined) a.ratings[id] = label;
  });
  return a;
}

/** Every completion of the open items (unanswered or Don't know) with every possible answer. */
function* completions(labels: readonly (string | undefined)[]): Generator<(string | undefined)[]> {
  const open = labels.flatMap((l, i) => (l === undefined || l === "Don't know" ? [i] : []));
  const total = POSSIBLE.length ** open.length;
  for (let k = 0; k < total; k++) {
    const filled = [...labels];
    let rest = k;
    for (const i of open) {
      filled[i] = POSSIBLE[rest % POSSIBLE.length];
      rest = Math.floor(rest / POSSIBLE.length);
    }
    yield filled;
  }
}

/** A small framework shape, its rule parameters and a set of answers with at most 4 open items. */
const cases = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 5 }),
    staged: fc.nat(),
    threshold: fc.constantFrom(1 / 3, 1 / 2, 2 / 3, 1),
    seed: fc.array(fc.constantFrom(...ANY), { minLength: 15, maxLength: 15 }),
  })
  .map(({ sizes, staged, threshold, seed }) => {
    const stagedFrom = 2 + (staged % (sizes.length - 1));
    const f = smallFramework(sizes, stagedFrom, threshold);
    const n = ids(f).length;
    let open = 0;
    const labels = seed.slice(0, n).map((l) => {
      if (l === undefined || l === "Don't know") return ++open <= 4 ? l : 'Partly';
      return l;
    });
    return { f, labels };
  });

describe('level range (property tests against brute force)', () => {
  it('is exactly the lowest and highest level over every completion, and contains the level', () => {
    fc.assert(
      fc.property(cases, ({ f, labels }) => {
        const result = score(f, validateAnswers(f, answersOf(f, labels))).elements[0]!;
        if (!result.assessed) {
          expect(result.range).toEqual({ low: null, high: null });
          return;
        }
        let low = Infinity;
        let high = -Infinity;
        for (const filled of completions(labels)) {
          const level = score(f, answersOf(f, filled)).elements[0]!.level!;
          // Any completion stays inside the range.
          expect(level).toBeGreaterThanOrEqual(result.range.low!);
          expect(level).toBeLessThanOrEqual(result.range.high!);
          low = Math.min(low, level);
          high = Math.max(high, level);
        }
        expect(result.range).toEqual({ low, high });
        expect(result.level).toBeGreaterThanOrEqual(low);
        expect(result.level).toBeLessThanOrEqual(high);
      }),
      { numRuns: 250 },
    );
  });

  it('names as borderline exactly the answered ratings whose one-step move changes the level', () => {
    fc.assert(
      fc.property(cases, ({ f, labels }) => {
        const result = score(f, answersOf(f, labels)).elements[0]!;
        const expected: string[] = [];
        ids(f).forEach((id, i) => {
          const at = SCORED.indexOf(labels[i] as (typeof SCORED)[number]);
          if (at < 0) return;
          const moves = [SCORED[at - 1], SCORED[at + 1]].filter((m) => m !== undefined);
          const changes = moves.some((m) => {
            const moved = labels.map((l, j) => (j === i ? m : l));
            return score(f, answersOf(f, moved)).elements[0]!.level !== result.level;
          });
          if (changes) expected.push(id);
        });
        expect(result.borderlineItems).toEqual(expected);
        expect(result.borderline).toBe(expected.length > 0);
      }),
      { numRuns: 250 },
    );
  });
});
