/**
 * Issue 22 (with issue 20's reading): "For the centre" lists the steps that depend on the centre
 * of government (actor "centre" or "both"), strengths only, that most of the departments one level
 * below lack, with the counts of those that rated them.
 */
import { describe, expect, it } from 'vitest';
import { readingOf } from '../../src/framework/index.js';
import { commonGaps } from '../../src/report/summary/common-gaps.js';
import { buildSummaryModel } from '../../src/report/summary/index.js';
import { score } from '../../src/scoring/index.js';
import { department } from './hand-made-batch.js';
import { entryOf, withoutReading, withReading } from './summary-helpers.js';

const fr = withReading();

describe('For the centre', () => {
  // Three departments at level 2 everywhere; one of them has every level-3 characteristic in place
  // except in Data Driven, so some centre steps are lacking in 2 of 3 and Data's in 3 of 3.
  const ds = ['A', 'B', 'C'].map((n) => department(fr, n, [2, 2, 2, 2, 2, 2, 2]));
  for (const e of fr.elements.filter((x) => x.id !== 'data'))
    for (const c of e.levels[2]!.characteristics.slice(0, 2)) ds[0]!.answers.ratings[c.id] = 'Fully';
  const scored = ds.map((d) => ({ ...d, scores: score(fr, d.answers) }));
  const m = buildSummaryModel(
    fr,
    scored.map((d, i) => entryOf(d, i)),
    [],
    { generatedOn: 'today', gapCount: 200 },
  );

  it('holds only strengths whose actor is the centre or both, lacking in more than half of those that rated them', () => {
    const rows = m.forCentre!.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const g of rows) {
      const reading = readingOf(fr, g.itemId)!;
      expect(reading.polarity).toBe('strength');
      expect(['centre', 'both']).toContain(reading.actor);
      expect(g.actor).toBe(reading.actor);
      expect(g.departments * 2).toBeGreaterThan(g.base);
    }
  });

  it('matches the common-gaps rule row for row: every qualifying characteristic, with its counts', () => {
    const expected = commonGaps(
      fr,
      scored.map((d) => ({ department: d.department, scores: d.scores, answers: d.answers })),
    ).filter((r) => {
      const reading = readingOf(fr, r.characteristicId)!;
      return reading.actor !== 'department' && r.rated >= 2 && r.lacking * 2 > r.rated;
    });
    expect(new Set(m.forCentre!.rows.map((g) => g.itemId))).toEqual(
      new Set(expected.map((r) => r.characteristicId)),
    );
    for (const g of m.forCentre!.rows) {
      const r = expected.find((x) => x.characteristicId === g.itemId)!;
      expect(g.shareText).toBe(
        `${r.lacking} of ${r.rated} that rated it (${Math.round((r.lacking / r.rated) * 100)}%)`,
      );
    }
  });

  it('leaves out a step a department can take alone', () => {
    const ids = new Set(m.forCentre!.rows.map((g) => g.itemId));
    const departmentOnly = fr.elements
      .flatMap((e) => e.levels[2]!.characteristics)
      .find(
        (c) => readingOf(fr, c.id)!.actor === 'department' && readingOf(fr, c.id)!.polarity === 'strength',
      )!;
    expect(ids.has(departmentOnly.id)).toBe(false);
  });

  it('is null without a reading, and the summary says why', () => {
    const f = withoutReading();
    const plain = ['A', 'B'].map((n) => department(f, n, [2, 2, 2, 2, 2, 2, 2]));
    const m2 = buildSummaryModel(
      f,
      plain.map((d, i) => entryOf(d, i)),
      [],
      { generatedOn: 'today' },
    );
    expect(m2.forCentre).toBeNull();
    expect(m2.readingUsed).toBe(false);
    expect(m2.readingText).toMatch(/brings no reading/);
  });
});
