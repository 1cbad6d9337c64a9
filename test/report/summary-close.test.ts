/**
 * Issue 22: levels beside their ranges where a result could move ("2 (1–4)"), results one rating
 * step from the next level named "close", and a level-1 result decided by a near tie between
 * levels 1 and 2 is borderline (one rating step changes it).
 */
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { closeToNextLevel, levelOfItems } from '../../src/report/summary/close.js';
import { buildSummaryModel } from '../../src/report/summary/index.js';
import { emptyAnswers, score, type Answers } from '../../src/scoring/index.js';
import { department } from './hand-made-batch.js';
import { entryOf } from './summary-helpers.js';

const f = builtInFramework();
const ucd = f.elements[0]!;
const rankOf = levelOfItems(f);
const ids = (rank: number) => ucd.levels[rank - 1]!.characteristics.map((c) => c.id);

/**
 * User centered design rated level by level (a label per level, or a list of labels); the other
 * elements answered in full at level 2, so the department counts in the group's figures.
 */
function ucdAnswers(byLevel: (string | string[])[]): Answers {
  const answers = department(f, 'base', [null, 2, 2, 2, 2, 2, 2]).answers;
  byLevel.forEach((r, i) =>
    ids(i + 1).forEach((id, j) => (answers.ratings[id] = Array.isArray(r) ? r[j]! : r)),
  );
  return answers;
}
const ucdResult = (a: Answers) => score(f, a).elements[0]!;

describe('a level-1 result decided by a near tie between levels 1 and 2', () => {
  // Level 1 all "Largely" (fit 2/3); level 2 all "Largely" but one "Partly" (fit just below 2/3):
  // level 1 wins by less than one rating step.
  const partlyAt = 4;
  const l2 = ids(2).map((_, j) => (j === partlyAt ? 'Partly' : 'Largely'));
  const answers = ucdAnswers(['Largely', l2, 'Not at all', 'Not at all']);
  const r = ucdResult(answers);

  it('is level 1, and one rating moved one step makes it level 2', () => {
    expect(r.level).toBe(1);
    const moved = structuredClone(answers);
    moved.ratings[ids(2)[partlyAt]!] = 'Largely';
    expect(ucdResult(moved).level).toBe(2);
  });

  it('is borderline, with that rating among the borderline items, and its grade says so', () => {
    expect(r.borderline).toBe(true);
    expect(r.borderlineItems).toContain(ids(2)[partlyAt]);
    expect(r.confidence.reasons.join(' ')).toMatch(/The level is on a borderline/);
  });

  it('is close to the next level, and the heat map marks it "+"', () => {
    expect(closeToNextLevel(r, rankOf)).toBe(true);
    const m = buildSummaryModel(
      f,
      [entryOf({ department: 'Near Tie', answers, scores: score(f, answers) })],
      [],
      {
        generatedOn: 'today',
      },
    );
    expect(m.heatMap[0]!.cells[0]!.close).toBe(true);
    expect(m.close[0]).toMatchObject({ elementId: 'ucd', count: 1, names: ['Near Tie'] });
  });

  it('is not borderline when level 1 leads by more than any one step can close', () => {
    const clear = ucdResult(ucdAnswers(['Fully', 'Partly', 'Not at all', 'Not at all']));
    expect(clear.level).toBe(1);
    expect(clear.borderline).toBe(false);
    expect(closeToNextLevel(clear, rankOf)).toBe(false);
  });
});

describe('close to the next level', () => {
  it('is a level-2 result that one level-3 rating moved up would lift to 3', () => {
    const l3 = ids(3).map((_, j) => (j === 0 ? 'Partly' : 'Largely'));
    const r = ucdResult(ucdAnswers(['Not at all', 'Fully', l3, 'Not at all']));
    expect(r.level).toBe(2);
    expect(r.borderlineItems).toContain(ids(3)[0]);
    expect(closeToNextLevel(r, rankOf)).toBe(true);
  });

  it('is not a result that one step could only lower (level 3 exactly at the threshold)', () => {
    const r = ucdResult(ucdAnswers(['Not at all', 'Not at all', 'Largely', 'Not at all']));
    expect(r.level).toBe(3);
    expect(r.borderline).toBe(true);
    expect(closeToNextLevel(r, rankOf)).toBe(false);
  });

  it('is never the top level', () => {
    const r = ucdResult(ucdAnswers(['Not at all', 'Not at all', 'Largely', 'Largely']));
    expect(r.level).toBe(4);
    expect(closeToNextLevel(r, rankOf)).toBe(false);
  });

  it('names at most five departments per element and counts the rest', () => {
    const l2 = ids(2).map((_, j) => (j === 0 ? 'Partly' : 'Largely'));
    const answers = ucdAnswers(['Largely', l2, 'Not at all', 'Not at all']);
    const entries = Array.from({ length: 7 }, (_, i) =>
      entryOf({ department: `Dept ${i + 1}`, answers, scores: score(f, answers) }, i),
    );
    const counted = buildSummaryModel(f, entries, [], { generatedOn: 'today' });
    expect(counted.close[0]).toMatchObject({
      count: 7,
      names: ['Dept 1', 'Dept 2', 'Dept 3', 'Dept 4', 'Dept 5'],
      moreText: 'and 2 more (marked + in the heat map)',
    });
    expect(counted.closeDepartments).toBe(7);
  });
});

describe('levels beside their ranges', () => {
  it('gives "(low–high)" where the open answers could move the level, and nothing where they cannot', () => {
    // Level 1 and 2 answered, levels 3 and 4 left blank: the level could reach 4.
    const open = ucdAnswers(['Fully', 'Partly']);
    const fixed = ucdAnswers(['Fully', 'Partly', 'Not at all', 'Not at all']);
    const m = buildSummaryModel(
      f,
      [
        entryOf({ department: 'Open', answers: open, scores: score(f, open) }, 0),
        entryOf({ department: 'Fixed', answers: fixed, scores: score(f, fixed) }, 1),
      ],
      [],
      { generatedOn: 'today' },
    );
    const cell = (name: string) => m.heatMap.find((r) => r.department === name)!.cells[0]!;
    const r = score(f, open).elements[0]!;
    expect(r.range).toEqual({ low: 1, high: 4 });
    expect(cell('Open')).toMatchObject({ text: '1', rangeText: '(1–4)', range: { low: 1, high: 4 } });
    expect(cell('Fixed')).toMatchObject({ text: '1', rangeText: '', range: { low: 1, high: 1 } });
    // A blank element has no range at all.
    const blank = emptyAnswers(f);
    const none = buildSummaryModel(
      f,
      [entryOf({ department: 'Blank', answers: blank, scores: score(f, blank) })],
      [],
      {
        generatedOn: 'today',
      },
    );
    expect(none.heatMap[0]!.cells[0]).toMatchObject({ text: '–', rangeText: '', range: null, close: false });
  });
});
