import { describe, expect, it } from 'vitest';
import { builtInFramework, parseFramework, type Framework } from '../../src/framework/index.js';
import { emptyAnswers, score, type Answers } from '../../src/scoring/index.js';
import {
  byMostLacking,
  commonGaps,
  gapShare,
  type GapDepartment,
} from '../../src/report/summary/common-gaps.js';

// The rule itself, on the framework's text alone: without a reading every characteristic can be a gap
// (the reading's own case is tested below).
const { reading: _builtInReading, ...bare } = builtInFramework();
const f: Framework = parseFramework(bare);

/** Every characteristic rated Fully, then User centred design held at level 1 with `ucdL2` for its level 2. */
function department(name: string, ucdL2: Record<string, string | undefined>, framework = f): GapDepartment {
  const answers: Answers = emptyAnswers(framework);
  for (const e of framework.elements)
    for (const l of e.levels) for (const c of l.characteristics) answers.ratings[c.id] = 'Fully';
  const ucd = framework.elements.find((e) => e.id === 'ucd')!;
  for (const l of ucd.levels.slice(2))
    for (const c of l.characteristics) answers.ratings[c.id] = 'Not at all';
  for (const [id, label] of Object.entries(ucdL2))
    if (label === undefined) delete answers.ratings[id];
    else answers.ratings[id] = label;
  return { department: name, scores: score(framework, answers), answers };
}

const a = department('A', {
  'ucd.l2.01': 'Not at all',
  'ucd.l2.02': "Don't know",
  'ucd.l2.03': undefined,
  'ucd.l2.04': 'Not applicable',
});
const b = department('B', { 'ucd.l2.01': 'Partly', 'ucd.l2.02': 'Largely' });

describe('commonGaps', () => {
  it('counts rated, lacking, not applicable, don’t know and blank apart, for departments one level below', () => {
    expect(a.scores.elements[0]!.level).toBe(1);
    expect(b.scores.elements[0]!.level).toBe(1);
    const rows = commonGaps(f, [a, b]).filter((r) => r.elementId === 'ucd');
    const row = (id: string) => rows.find((r) => r.characteristicId === id)!;
    expect(row('ucd.l2.01')).toMatchObject({
      rank: 2,
      departmentsBelow: 2,
      rated: 2,
      lacking: 2,
      lackingDepartments: ['A', 'B'],
    });
    expect(row('ucd.l2.02')).toMatchObject({ rated: 1, lacking: 0, dontKnow: 1, blank: 0 });
    expect(row('ucd.l2.03')).toMatchObject({ rated: 1, lacking: 0, dontKnow: 0, blank: 1 });
    expect(row('ucd.l2.04')).toMatchObject({ rated: 1, lacking: 0, notApplicable: 1 });
    for (const r of rows) expect(r.rated + r.notApplicable + r.dontKnow + r.blank).toBe(r.departmentsBelow);
    // Only level 2 of ucd has departments one level below; no other element has a department below the top.
    expect(new Set(commonGaps(f, [a, b]).map((r) => `${r.elementId} ${r.rank}`))).toEqual(new Set(['ucd 2']));
    expect(gapShare(row('ucd.l2.02'))).toBe(0);
  });

  it('leaves out departments that answered too little to be counted', () => {
    const thin = emptyAnswers(f);
    thin.ratings['ucd.l1.01'] = 'Fully';
    thin.ratings['ucd.l2.05'] = 'Not at all';
    const c = { department: 'C', scores: score(f, thin), answers: thin };
    expect(c.scores.elements[0]!.level).toBe(1);
    const row = commonGaps(f, [a, b, c]).find((r) => r.characteristicId === 'ucd.l2.05')!;
    expect(row).toMatchObject({ departmentsBelow: 2, rated: 2, lacking: 0 });
  });

  it('takes only strengths as gaps when the framework has a reading, every characteristic without one', () => {
    const ids = f.elements.flatMap((e) => e.levels.flatMap((l) => l.characteristics.map((c) => c.id)));
    const withReading: Framework = parseFramework({
      ...f,
      reading: {
        provenance: { by: 'test', date: '2026-12-06', basis: 'a test reading' },
        characteristics: Object.fromEntries(
          ids.map((id) => [
            id,
            {
              polarity: id === 'ucd.l2.01' ? 'weakness' : 'strength',
              actor: 'department',
              label: `Label ${id}`,
            },
          ]),
        ),
      },
    });
    const a2 = department('A', { 'ucd.l2.01': 'Not at all' }, withReading);
    expect(commonGaps(withReading, [a2]).map((r) => r.characteristicId)).not.toContain('ucd.l2.01');
    expect(
      commonGaps(f, [department('A', { 'ucd.l2.01': 'Not at all' })]).map((r) => r.characteristicId),
    ).toContain('ucd.l2.01');
  });

  it('ranks a gap more departments lack above a larger share of a small base (10 of 11 before 4 of 4)', () => {
    const row = (id: string, lacking: number, rated: number) => ({
      elementId: 'ucd',
      characteristicId: id,
      rank: 2,
      departmentsBelow: rated,
      rated,
      lacking,
      notApplicable: 0,
      dontKnow: 0,
      blank: 0,
      lackingDepartments: [],
    });
    const sorted = [row('small', 4, 4), row('wide', 10, 11), row('half', 10, 20)].sort(byMostLacking);
    expect(sorted.map((r) => r.characteristicId)).toEqual(['wide', 'half', 'small']);
  });

  it('orders by departments lacking, then share, keeping framework order for ties', () => {
    const rows = commonGaps(f, [a, b]);
    const sorted = [...rows].sort(byMostLacking);
    expect(sorted[0]!.characteristicId).toBe('ucd.l2.01');
    const zeros = sorted.filter((r) => r.lacking === 0).map((r) => r.characteristicId);
    expect(zeros).toEqual(rows.filter((r) => r.lacking === 0).map((r) => r.characteristicId));
  });
});
