import { describe, expect, it } from 'vitest';
import { heatMapSheet, ratingFills } from '../../src/batch/heat-map-sheet.js';
import type { DepartmentRecord } from '../../src/batch/package-tables.js';
import { builtInFramework } from '../../src/framework/index.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';

const f = builtInFramework();
const record = (department: string, file: string, rating?: string): DepartmentRecord => {
  const answers = emptyAnswers(f);
  if (rating) answers.ratings['ucd.l1.01'] = rating;
  return {
    department,
    file,
    scores: score(f, answers),
    answers,
    respondents: [{ label: department, file, answers }],
    consolidation: null,
    report: null,
  };
};

describe('the heat map sheet', () => {
  it('gives each rating a fill, best to worst, grey for Don’t know and none for Not applicable', () => {
    const fills = new Map(ratingFills(f).map((r) => [r.text, r.fill]));
    expect([...fills.keys()]).toEqual(f.scoring.ratings.map((r) => r.label));
    expect(new Set(['Fully', 'Largely', 'Partly', 'Not at all'].map((l) => fills.get(l))).size).toBe(4);
    expect(fills.get("Don't know")).toBe('E3E3E3');
    expect(fills.get('Not applicable')).toBe('FFFFFF');
  });

  it('has a row per characteristic, ids and labels first, a column per department with the rating used', () => {
    const t = heatMapSheet(f, [record('A', 'a.xlsx', 'Partly'), record('B', 'b.xlsx')]);
    const rows = [...t.rows];
    expect(t.header).toEqual(['Characteristic ID', 'Element', 'Level', 'Characteristic', 'A', 'B']);
    expect(rows).toHaveLength(
      f.elements.reduce((n, e) => n + e.levels.reduce((m, l) => m + l.characteristics.length, 0), 0),
    );
    expect(rows[0]!.slice(0, 3)).toEqual(['ucd.l1.01', f.elements[0]!.shortTitle, 1]);
    expect(rows[0]!.slice(4)).toEqual(['Partly', '']);
    expect(t.layout).toMatchObject({ frozenColumns: 4, fills: { fromColumn: 5 } });
  });

  it('tells two departments of one name apart by their files', () => {
    const t = heatMapSheet(f, [record('A', 'a.xlsx'), record('A', 'a2.xlsx')]);
    expect(t.header.slice(4)).toEqual(['A (a.xlsx)', 'A (a2.xlsx)']);
  });
});
