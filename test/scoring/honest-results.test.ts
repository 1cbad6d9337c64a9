/**
 * Each new figure of a result pinned on hand-made answer sets for "User centered design"
 * (levels of 4, 9, 6 and 7 characteristics): range, borderline, evidence, confidence grade.
 */
import { describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework, parseFramework } from '../../src/framework/index.js';
import { describeConfidence, emptyAnswers, score, type Answers } from '../../src/scoring/index.js';

const f = builtInFramework();
const ucd = f.elements[0]!;
const idsOf = (rank: number) => ucd.levels[rank - 1]!.characteristics.map((c) => c.id);

/** Answers for User centered design: pick(rank, i) gives each rating (undefined = unanswered). */
function rate(
  pick: (rank: number, i: number) => string | undefined,
  evidence?: (id: string) => boolean,
): Answers {
  const a = emptyAnswers(f);
  for (const l of ucd.levels)
    l.characteristics.forEach((c, i) => {
      const label = pick(l.rank, i);
      if (label !== undefined) a.ratings[c.id] = label;
      if (evidence?.(c.id)) a.evidence[c.id] = 'Seen in the service assessment reports.';
    });
  return a;
}
const ucdResult = (a: Answers) => score(f, a).elements[0]!;

describe('a borderline case', () => {
  // Level 3: all six "Largely" (exactly θ); every other level "Not at all"; all with evidence.
  const r = ucdResult(
    rate(
      (rank) => (rank === 3 ? 'Largely' : 'Not at all'),
      () => true,
    ),
  );

  it('names the six level-3 ratings: any one moved to "Partly" drops the level to 2', () => {
    expect(r.level).toBe(3);
    expect(r.borderline).toBe(true);
    expect(r.borderlineItems).toEqual(idsOf(3));
  });

  it('is medium, with the borderline as its only reason; the range is the level itself', () => {
    expect(r.range).toEqual({ low: 3, high: 3 });
    expect(r.evidence).toEqual({ inPlace: 6, withEvidence: 6, share: 1 });
    expect(r.confidence.rating).toBe('high');
    expect(r.confidence.grade).toBe('medium');
    expect(r.confidence.reasons).toEqual([
      'The level is on a borderline: moving any one of 6 ratings by one step (for example from "Largely" to "Partly") would change it.',
    ]);
  });
});

describe('a wide range', () => {
  // Level 3: three "Largely", three unanswered; level 4 all unanswered; levels 1–2 "Not at all".
  const r = ucdResult(
    rate((rank, i) => (rank <= 2 ? 'Not at all' : rank === 3 && i < 3 ? 'Largely' : undefined)),
  );

  it('could be 2 (the open level-3 items "Not at all") to 4 (every open item "Fully")', () => {
    expect(r.level).toBe(3);
    expect(r.range).toEqual({ low: 2, high: 4 });
  });

  it('is low, saying why: few deciding answers, no evidence, a wide range, a borderline', () => {
    expect(r.confidence.grade).toBe('low');
    expect(r.confidence.reasons).toEqual([
      '3 of the 13 characteristics of levels 3 and 4, which decide this result, are answered.',
      '0 of the 3 characteristics rated "Largely" or "Fully" have evidence written down.',
      'Depending on how the 10 open characteristics (not answered or "Don\'t know") would be answered, the level could be anywhere from 2 to 4.',
      'The level is on a borderline: moving any one of 3 ratings by one step (for example from "Largely" to "Partly") would change it.',
    ]);
    expect(r.borderlineItems).toEqual(idsOf(3).slice(0, 3));
  });

  it('"Don\'t know" counts as open, like no answer', () => {
    const dk = ucdResult(
      rate((rank, i) => (rank <= 2 ? 'Not at all' : rank === 3 && i < 3 ? 'Largely' : "Don't know")),
    );
    expect(dk.range).toEqual({ low: 2, high: 4 });
  });
});

describe('a strong level-1 fit with level 3 reached', () => {
  // Level 1 all "Largely" (so it fits at θ), level 2 "Partly", level 3 "Fully", level 4 "Not at all".
  const r = ucdResult(
    rate(
      (rank) => ['Largely', 'Partly', 'Fully', 'Not at all'][rank - 1],
      () => true,
    ),
  );

  it('is a contradiction that makes confidence low, although the old flag (Fully only) stays high', () => {
    expect(r.level).toBe(3);
    expect(r.confidence.contradictions).toEqual([]);
    expect(r.confidence.rating).toBe('high');
    expect(r.confidence.conflictingLevels).toEqual([
      { rank: 1, name: 'Non-digital / non-responsive', inPlace: 4, scored: 4 },
    ]);
    expect(r.confidence.grade).toBe('low');
    expect(r.confidence.reasons).toEqual([
      'The answers also describe level 1 ("Non-digital / non-responsive"): 4 of the 4 level-1 characteristics with a rating are rated "Largely" or "Fully", although the result is level 3.',
    ]);
  });

  it('and the reverse: level 4 in place while level 3 is not, so the result is 2', () => {
    const rev = ucdResult(
      rate(
        (rank) => ['Not at all', 'Partly', 'Not at all', 'Fully'][rank - 1],
        () => true,
      ),
    );
    expect(rev.level).toBe(2);
    expect(rev.confidence.conflictingLevels).toEqual([
      { rank: 4, name: 'Digitally mature / proactive', inPlace: 7, scored: 7 },
    ]);
    expect(rev.confidence.grade).toBe('low');
  });

  it('a neighbouring level that fits well is no contradiction', () => {
    const near = ucdResult(
      rate(
        (rank) => ['Not at all', 'Largely', 'Fully', 'Partly'][rank - 1],
        () => true,
      ),
    );
    expect(near.level).toBe(3);
    expect(near.confidence.conflictingLevels).toEqual([]);
  });
});

describe('evidence-free ratings', () => {
  // Levels 3 and 4 "Fully", levels 1–2 "Not at all": level 4 on 13 in-place ratings.
  const pick = (rank: number) => (rank >= 3 ? 'Fully' : 'Not at all');
  const withEvidenceOn = (n: number) => {
    const inPlace = [...idsOf(3), ...idsOf(4)].slice(0, n);
    return ucdResult(rate(pick, (id) => inPlace.includes(id)));
  };

  it('counts in-place ratings and how many have evidence; grade follows evidenceShare (0.75 / 0.4)', () => {
    const none = withEvidenceOn(0);
    expect(none.level).toBe(4);
    expect(none.evidence).toEqual({ inPlace: 13, withEvidence: 0, share: 0 });
    expect(none.confidence.grade).toBe('low');
    expect(none.confidence.reasons).toEqual([
      '0 of the 13 characteristics rated "Largely" or "Fully" have evidence written down.',
    ]);
    expect(withEvidenceOn(6).confidence.grade).toBe('medium'); // 6 of 13 ≈ 0.46
    const ten = withEvidenceOn(10); // 10 of 13 ≈ 0.77
    expect(ten.evidence.share).toBeCloseTo(10 / 13);
    expect(ten.confidence.grade).toBe('high');
    expect(ten.confidence.reasons).toEqual([
      'All 7 characteristics of level 4, which decide this result, are answered.',
      '10 of the 13 characteristics rated "Largely" or "Fully" have evidence written down.',
      'Every characteristic is answered.',
      'No single rating moved by one step would change the level.',
    ]);
  });

  it('blank evidence text does not count; no in-place rating gives no share', () => {
    const a = rate(pick);
    for (const id of idsOf(3)) a.evidence[id] = '   ';
    expect(ucdResult(a).evidence.withEvidence).toBe(0);
    const low = ucdResult(rate(() => 'Not at all'));
    expect(low.evidence).toEqual({ inPlace: 0, withEvidence: 0, share: null });
  });
});

describe('not assessed', () => {
  it('has no range, no borderline and low confidence with its reason', () => {
    const r = ucdResult(emptyAnswers(f));
    expect(r).toMatchObject({
      assessed: false,
      range: { low: null, high: null },
      borderline: false,
      borderlineItems: [],
      evidence: { inPlace: 0, withEvidence: 0, share: null },
      confidence: { grade: 'low', rating: 'low' },
    });
    expect(r.confidence.reasons.length).toBeGreaterThan(0);
  });
});

describe('the parameters come from the framework data', () => {
  it('a stricter evidence band lowers the grade', () => {
    const strict = parseFramework({
      ...structuredClone(f),
      scoring: {
        ...structuredClone(f.scoring),
        confidence: { ...structuredClone(f.scoring.confidence), evidenceShare: { high: 1, medium: 0.9 } },
      },
    });
    const a = rate(
      (rank) => (rank >= 3 ? 'Fully' : 'Not at all'),
      (id) => id !== 'ucd.l4.07',
    );
    expect(score(f, a).elements[0]!.confidence.grade).toBe('high');
    expect(score(strict, a).elements[0]!.confidence.grade).toBe('medium');
  });

  it('are described in plain English from the parameters', () => {
    const text = describeConfidence(f).join(' ');
    expect(text).toContain('at least 80% of the characteristics of the result level and the next level');
    expect(text).toContain('fewer than 40% of the in-place ratings have evidence');
    expect(text).toContain('could move the level by 2 levels or more');
    expect(text).not.toMatch(/\bfits?\b/);
  });

  it('default to the DMF values for a framework file written before they existed', () => {
    const { confidence, ...older } = structuredClone(f.scoring);
    const parsed = parseFramework({ ...structuredClone(f), scoring: older });
    expect(parsed.scoring.confidence).toEqual(confidence);
  });

  it('are validated: medium above high is refused', () => {
    expect(() =>
      parseFramework({
        ...structuredClone(f),
        scoring: {
          ...structuredClone(f.scoring),
          confidence: {
            ...structuredClone(f.scoring.confidence),
            decidingCoverage: { high: 0.5, medium: 0.8 },
          },
        },
      }),
    ).toThrow(/medium must not be above high/);
  });
});

describe('every result, on the demo', () => {
  const departments = fictionalGovernment(f);

  it('carries a grade with at least one reason and a range that contains the level', () => {
    for (const d of departments)
      for (const e of score(f, d.answers).elements) {
        expect(e.confidence.reasons.length).toBeGreaterThan(0);
        if (e.assessed) {
          expect(e.range.low).toBeLessThanOrEqual(e.level);
          expect(e.range.high).toBeGreaterThanOrEqual(e.level);
        }
        // The grade is never above the original two-way flag.
        if (e.confidence.rating === 'low') expect(e.confidence.grade).toBe('low');
      }
  });

  it('grades confidence differently between the elements of at least one department', () => {
    const varied = departments.filter(
      (d) => new Set(score(f, d.answers).elements.map((e) => e.confidence.grade)).size === 3,
    );
    expect(varied.length).toBeGreaterThan(0);
  });
});
