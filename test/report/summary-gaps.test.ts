/**
 * Issue 22, common gaps: counted from rated items only, each with its denominator ("2 of 2 that
 * rated it"); "Don't know" and blanks counted apart; ties kept, and what a limit leaves out is
 * counted aloud with where it is (common-gaps.csv); no per-element limit hides a gap every
 * department has; with the tool's reading only strengths are gaps, shown by their labels.
 */
import { describe, expect, it } from 'vitest';
import { readingOf, type Framework } from '../../src/framework/index.js';
import { commonGaps } from '../../src/report/summary/common-gaps.js';
import { GAP_ROWS_MAX, GAPS_FILE } from '../../src/report/summary/gaps-table.js';
import { buildSummaryModel, type SummaryViewModel } from '../../src/report/summary/index.js';
import { score } from '../../src/scoring/index.js';
import { department, type HandMade } from './hand-made-batch.js';
import { entryOf, withoutReading, withReading } from './summary-helpers.js';

// Without a reading unless a test says otherwise: technology.l2.02 is a weakness in the reading.
const f = withoutReading();
const build = (ds: HandMade[], framework: Framework = f, gapCount?: number): SummaryViewModel =>
  buildSummaryModel(
    framework,
    ds.map((d, i) => entryOf(d, i)),
    [],
    { generatedOn: 'today', ...(gapCount ? { gapCount } : {}) },
  );

/** A department at level 1 in Technology (2 elsewhere) whose rating of technology.l2.02 is `rating` (undefined: blank). */
function techAtOne(name: string, rating: string | undefined, framework: Framework = f): HandMade {
  const d = department(framework, name, [2, 2, 2, 1, 2, 2, 2]);
  if (rating === undefined) delete d.answers.ratings['technology.l2.02'];
  else d.answers.ratings['technology.l2.02'] = rating;
  return { ...d, scores: score(framework, d.answers) };
}

describe('a gap counts only the departments that rated it', () => {
  // The case: four departments one level below, two rated it, one said "Don't know", one left it blank.
  const ds = [
    techAtOne('A', 'Not at all'),
    techAtOne('B', 'Partly'),
    techAtOne('C', "Don't know"),
    techAtOne('D', undefined),
  ];
  const m = build(ds, f, 200);
  const gap = m.commonGaps.find((g) => g.itemId === 'technology.l2.02')!;

  it('gives the share of those that rated it, with its base (was "4 of 4 (100%)")', () => {
    for (const d of ds) expect(d.scores.elements.find((e) => e.id === 'technology')!.level).toBe(1);
    expect(gap).toMatchObject({
      departmentsBelow: 4,
      base: 2,
      departments: 2,
      dontKnow: 1,
      blank: 1,
      notApplicable: 0,
      shareText: '2 of 2 that rated it (100%)',
      unansweredText: '1 don’t know, 1 blank',
    });
  });

  it('never counts "Don’t know" or a blank as lacking, so shares differ where ratings differ', () => {
    const half = build(
      [techAtOne('A', 'Not at all'), techAtOne('B', 'Fully'), techAtOne('C', "Don't know")],
      f,
      200,
    );
    expect(half.commonGaps.find((g) => g.itemId === 'technology.l2.02')!.shareText).toBe(
      '1 of 2 that rated it (50%)',
    );
  });

  it('needs two departments that rated it: one rating and a "Don’t know" give no share', () => {
    const one = build([techAtOne('A', 'Not at all'), techAtOne('C', "Don't know")], f, 200);
    expect(one.commonGaps.find((g) => g.itemId === 'technology.l2.02')).toBeUndefined();
  });
});

describe('ties are kept and no limit is hidden', () => {
  // Three departments at level 1 in User centered design, everything of level 2 "Not at all".
  const ds = ['A', 'B', 'C'].map((n) => department(f, n, [1, 2, 2, 2, 2, 2, 2]));

  it('lists every level-2 characteristic all three lack (no limit of two per element)', () => {
    const m = build(ds, f, 200);
    const ucd = m.commonGaps.filter((g) => g.elementId === 'ucd');
    expect(ucd.map((g) => g.itemId)).toEqual(f.elements[0]!.levels[1]!.characteristics.map((c) => c.id));
    for (const g of ucd) expect(g.shareText).toBe('3 of 3 that rated it (100%)');
  });

  it('keeps rows tied with the last one past the limit, then counts what is left and says where it is', () => {
    const all = commonGaps(
      f,
      ds.map((d) => ({ department: d.department, scores: d.scores, answers: d.answers })),
    ).filter((r) => r.lacking > 0 && r.rated >= 2);
    const m = build(ds, f, 3);
    // Every row ties ("3 of 3"): the limit of 3 gives way to the ties, up to GAP_ROWS_MAX.
    expect(all.length).toBeGreaterThan(GAP_ROWS_MAX);
    expect(m.commonGaps).toHaveLength(GAP_ROWS_MAX);
    const more = all.length - GAP_ROWS_MAX;
    expect(m.commonGapsMore).toBe(
      `The table shows the ${GAP_ROWS_MAX} most common gaps; ${more} more characteristics with a gap are not shown (${more} of them with the same figures as the last row): ` +
        `every one is in ${GAPS_FILE} and results.xlsx, with its counts.`,
    );
  });

  it('says nothing more when every gap is shown', () => {
    expect(build(ds, f, 200).commonGapsMore).toBe('');
  });
});

describe('with the tool’s reading', () => {
  const fr = withReading();
  const ds = ['A', 'B', 'C'].map((n) => department(fr, n, [1, 2, 1, 1, 2, 1, 2]));
  const m = build(ds, fr, 200);

  it('lists strengths only: a weakness of the next level is not a gap', () => {
    expect(m.commonGaps.length).toBeGreaterThan(0);
    for (const g of m.commonGaps) expect(readingOf(fr, g.itemId)!.polarity).toBe('strength');
    // technology.l2.* are all weaknesses ("describes us"), so Technology has no level-2 gap.
    expect(m.commonGaps.some((g) => g.itemId.startsWith('technology.l2.'))).toBe(false);
    expect(
      build(
        ds.map((d) => ({ ...d, scores: score(f, d.answers) })),
        f,
        200,
      ).commonGaps.some((g) => g.itemId.startsWith('technology.l2.')),
    ).toBe(true);
  });

  it('shows each by its label, never cut-off text', () => {
    for (const g of m.commonGaps) {
      expect(g.label).toBe(readingOf(fr, g.itemId)!.label);
      expect(g.label).not.toMatch(/…/);
    }
    expect(m.readingUsed).toBe(true);
  });
});
