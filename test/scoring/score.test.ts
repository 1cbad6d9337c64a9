import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInFramework, parseFramework, type Element, type Framework } from '../../src/framework/index.js';
import {
  AnswersError,
  decideLevel,
  emptyAnswers,
  score,
  validateAnswers,
  type Answers,
} from '../../src/scoring/index.js';

const f = builtInFramework();
const SCORED = ['Not at all', 'Partly', 'Largely', 'Fully'] as const; // in rising order
const ALL = [...SCORED, "Don't know", 'Not applicable'] as const;

/** Answers rating every characteristic of `element` at level rank r with pick(r). */
function rate(element: Element, pick: (rank: number, i: number) => string | undefined): Answers {
  const a = emptyAnswers(f);
  for (const l of element.levels)
    l.characteristics.forEach((c, i) => {
      const label = pick(l.rank, i);
      if (label !== undefined) a.ratings[c.id] = label;
    });
  return a;
}
const resultFor = (element: Element, a: Answers) => score(f, a).elements.find((e) => e.id === element.id)!;

describe('the default rule', () => {
  const ucd = f.elements[0]!;

  it('gives 4 when levels 3 and 4 are Fully and levels 1–2 Not at all', () => {
    const r = resultFor(
      ucd,
      rate(ucd, (rank) => (rank >= 3 ? 'Fully' : 'Not at all')),
    );
    expect(r).toMatchObject({
      assessed: true,
      level: 4,
      levelName: 'Digitally mature / proactive',
      progress: null,
    });
    expect(r.confidence.rating).toBe('high');
  });

  it('gives 1 when level 1 is Fully and everything else Not at all', () => {
    const r = resultFor(
      ucd,
      rate(ucd, (rank) => (rank === 1 ? 'Fully' : 'Not at all')),
    );
    expect(r.level).toBe(1);
    expect(r.progress).toMatchObject({ towardsRank: 2, inPlace: 0, applicable: 9, share: 0 });
    expect(r.trace.gaps).toHaveLength(9);
  });

  it('gives 2 on a tie, such as everything Not at all', () => {
    expect(
      resultFor(
        ucd,
        rate(ucd, () => 'Not at all'),
      ).level,
    ).toBe(2);
  });

  it('needs level 3 before level 4 (staged)', () => {
    const r = resultFor(
      ucd,
      rate(ucd, (rank) => (rank === 4 ? 'Fully' : rank === 3 ? 'Partly' : 'Not at all')),
    );
    expect(r.level).toBe(2);
  });

  it('counts exactly "largely" (2/3) as reaching the threshold despite rounding', () => {
    const r = resultFor(
      ucd,
      rate(ucd, (rank) => (rank === 3 ? 'Largely' : 'Not at all')),
    );
    expect(r.fits[2]!.fit).toBeCloseTo(2 / 3, 12);
    expect(r.level).toBe(3);
    expect(r.trace.decidedBy).toEqual(ucd.levels[2]!.characteristics.map((c) => c.id));
  });

  it('flags contradictions: level 1 rated Fully while level 3 or 4 is reached', () => {
    const r = resultFor(
      ucd,
      rate(ucd, (rank, i) => (rank >= 3 || (rank === 1 && i === 0) ? 'Fully' : 'Not at all')),
    );
    expect(r.level).toBe(4);
    expect(r.confidence).toMatchObject({ rating: 'low', contradictions: ['ucd.l1.01'] });
  });
});

describe('coverage, Don’t know and Not applicable', () => {
  const data = f.elements[2]!;

  it('is Not assessed when nothing is rated, everywhere', () => {
    const result = score(f, emptyAnswers(f));
    expect(result.assessedCount).toBe(0);
    for (const e of result.elements)
      expect(e).toMatchObject({ assessed: false, level: null, levelName: null });
  });

  it('treats Don’t know as unanswered', () => {
    const r = resultFor(
      data,
      rate(data, () => "Don't know"),
    );
    expect(r).toMatchObject({ assessed: false, answered: 0, coverage: 0 });
  });

  it('counts Not applicable as answered but leaves it out of the averages', () => {
    // Level 3: all N/A except one Fully -> fit 1; level 4 all N/A -> no fit -> stays 3.
    const r = resultFor(
      data,
      rate(data, (rank, i) =>
        rank === 3 && i === 0 ? 'Fully' : rank >= 3 ? 'Not applicable' : 'Not at all',
      ),
    );
    expect(r.coverage).toBe(1);
    expect(r.fits[2]).toMatchObject({
      fit: 1,
      scored: 1,
      notApplicable: data.levels[2]!.characteristics.length - 1,
    });
    expect(r.fits[3]!.fit).toBeNull();
    expect(r.level).toBe(3);
    expect(r.progress).toMatchObject({ towardsRank: 4, applicable: 0, share: 0 });
  });

  it('flags low coverage', () => {
    const r = resultFor(
      data,
      rate(data, (rank, i) => (rank === 2 && i === 0 ? 'Partly' : undefined)),
    );
    expect(r.coverage).toBeCloseTo(1 / 33);
    expect(r.confidence).toMatchObject({ rating: 'low', lowCoverage: true });
  });

  it('compares the respondent’s own judgement with the computed level', () => {
    const a = rate(data, (rank) => (rank <= 3 ? 'Fully' : 'Partly'));
    a.judgements[data.id] = { level: 4, rationale: 'We think so' };
    expect(resultFor(data, a).ownJudgement).toEqual({
      rank: 4,
      name: 'Digitally mature / proactive',
      rationale: 'We think so',
      differsBy: 1,
    });
  });
});

describe('properties (fast-check)', () => {
  const elementArb = fc.constantFrom(...f.elements);
  // Uniform ratings rarely reach the threshold, so half the runs favour high ratings: the staged
  // part of the rule is then exercised as often as the lower part.
  const labelArb = fc.oneof(
    fc.option(fc.constantFrom(...ALL), { nil: undefined }),
    fc.constantFrom('Fully', 'Largely', 'Largely', 'Partly', 'Not applicable'),
  );
  const answersArb = elementArb.chain((element) => {
    const n = element.levels.reduce((k, l) => k + l.characteristics.length, 0);
    return fc.array(labelArb, { minLength: n, maxLength: n }).map((labels) => {
      let k = 0;
      return { element, answers: rate(element, () => labels[k++]) };
    });
  });

  it('raising any rating at level 3 or 4 never lowers the level', () => {
    fc.assert(
      fc.property(answersArb, fc.nat(), fc.nat(), ({ element, answers }, pickC, pickUp) => {
        const upper = element.levels.filter((l) => l.rank >= 3).flatMap((l) => l.characteristics);
        const target = upper[pickC % upper.length]!;
        const before = answers.ratings[target.id];
        const from = SCORED.indexOf(before as (typeof SCORED)[number]);
        if (from < 0 || from === SCORED.length - 1) return; // only scored ratings can be raised
        const raised = {
          ...answers,
          ratings: {
            ...answers.ratings,
            [target.id]: SCORED[from + 1 + (pickUp % (SCORED.length - 1 - from))]!,
          },
        };
        const a = resultFor(element, answers);
        const b = resultFor(element, raised);
        expect(b.level!).toBeGreaterThanOrEqual(a.level!);
      }),
      { numRuns: 500 },
    );
  });

  it('always gives a level between 1 and the top, or Not assessed when nothing is scored', () => {
    fc.assert(
      fc.property(answersArb, ({ element, answers }) => {
        const r = resultFor(element, answers);
        const anyScored = Object.values(answers.ratings).some((l) =>
          (SCORED as readonly string[]).includes(l),
        );
        expect(r.assessed).toBe(anyScored);
        if (r.assessed) {
          expect(r.level).toBeGreaterThanOrEqual(1);
          expect(r.level).toBeLessThanOrEqual(element.levels.length);
        }
        expect(r.coverage).toBeGreaterThanOrEqual(0);
        expect(r.coverage).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('decideLevel: a level from stagedFrom up is given only when every staged level below reaches θ', () => {
    const params = f.scoring;
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), {
          minLength: 2,
          maxLength: 7,
        }),
        (fits) => {
          const p = { ...params, stagedFrom: Math.min(params.stagedFrom, fits.length) };
          const { rank } = decideLevel(fits, p);
          expect(rank).toBeGreaterThanOrEqual(1);
          expect(rank).toBeLessThanOrEqual(fits.length);
          if (rank >= p.stagedFrom) {
            for (let r = p.stagedFrom; r <= rank; r++)
              expect(fits[r - 1]!).toBeGreaterThanOrEqual(p.threshold - p.epsilon);
          }
        },
      ),
    );
  });
});

describe('nothing assumes 7 elements or 4 levels', () => {
  it('scores a framework with 2 elements and 5 levels', () => {
    const base = builtInFramework();
    const five: Framework = parseFramework({
      ...structuredClone(base),
      reading: undefined, // the built-in reading does not cover the made-up characteristics
      id: 'five-levels',
      elements: base.elements.slice(0, 2).map((e) => ({
        ...structuredClone(e),
        levels: [
          ...structuredClone(e.levels),
          {
            id: `${e.id}.l5`,
            rank: 5,
            name: 'Beyond',
            description: 'Leading others.',
            characteristics: [{ id: `${e.id}.l5.01`, text: 'we lead' }],
          },
        ],
      })),
    });
    const a = emptyAnswers(five);
    for (const l of five.elements[0]!.levels)
      for (const c of l.characteristics) a.ratings[c.id] = l.rank >= 3 ? 'Fully' : 'Not at all';
    const result = score(five, validateAnswers(five, a));
    expect(result.elements).toHaveLength(2);
    expect(result.elements[0]).toMatchObject({ level: 5, levelName: 'Beyond' });
    expect(result.elements[1]).toMatchObject({ assessed: false });
  });
});

describe('invalid answers', () => {
  it('are rejected with every problem named', () => {
    const bad = {
      ...emptyAnswers(f),
      ratings: { 'ucd.l1.01': 'Mostly', 'nope.l1.01': 'Fully' },
      judgements: { ucd: { level: 7 } },
    };
    expect(() => validateAnswers(f, bad)).toThrow(AnswersError);
    try {
      validateAnswers(f, bad);
    } catch (e) {
      const problems = (e as AnswersError).problems.join('\n');
      expect(problems).toMatch(/ratings\.ucd\.l1\.01: "Mostly" is not on the scale \(Fully, Largely/);
      expect(problems).toMatch(/ratings\.nope\.l1\.01: not a characteristic/);
      expect(problems).toMatch(/judgements\.ucd\.level: 7 is above the top level \(4\)/);
    }
  });

  it('accept typed variants of the labels and return them canonical', () => {
    const a = validateAnswers(f, {
      ...emptyAnswers(f),
      ratings: { 'ucd.l1.01': '  DON’T   know ', 'ucd.l1.02': 'not applicable' },
    });
    expect(a.ratings).toEqual({ 'ucd.l1.01': "Don't know", 'ucd.l1.02': 'Not applicable' });
  });

  it('refuses answers of another framework', () => {
    expect(() => validateAnswers(f, { ...emptyAnswers(f), frameworkId: 'other' })).toThrow(
      /answers are for "other"/,
    );
  });
});
