import { describe, expect, it } from 'vitest';
import { frameworkTable, ratingsTable, type DepartmentRecord } from '../../src/batch/package-tables.js';
import { builtInFramework, parseFramework } from '../../src/framework/index.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';

const f = builtInFramework();
const characteristicIds = f.elements.flatMap((e) =>
  e.levels.flatMap((l) => l.characteristics.map((c) => c.id)),
);

describe('framework.csv', () => {
  it('lists every element, characteristic, question and sub-question once, by id', () => {
    const t = frameworkTable(f);
    const rows = [...t.rows];
    const ids = rows.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = f.elements.flatMap((e) => [
      e.id,
      ...e.levels.flatMap((l) => l.characteristics.map((c) => c.id)),
      ...e.questions.flatMap((q) => [q.id, ...q.subQuestions.map((s) => s.id)]),
    ]);
    expect(ids).toEqual(expected);
    const col = (name: string) => t.header.indexOf(name);
    const c = rows.find((r) => r[0] === 'ucd.l2.03')!;
    expect([c[col('Kind')], c[col('Level')], c[col('Text')]]).toEqual([
      'characteristic',
      2,
      f.elements[0]!.levels[1]!.characteristics[2]!.text,
    ]);
    // The built-in framework has no reading (yet): its columns are blank, and the description says so.
    expect(rows.every((r) => r[col('Reading polarity')] === '')).toBe(true);
    expect(t.resource!.description).toMatch(/has none, so they are blank/);
  });

  it('gives the tool’s reading of each characteristic when the framework has one', () => {
    const withReading = parseFramework({
      ...f,
      reading: {
        provenance: { by: 'test', date: '2026-12-06', basis: 'a test reading' },
        characteristics: Object.fromEntries(
          characteristicIds.map((id, i) => [
            id,
            { polarity: i % 2 ? 'weakness' : 'strength', actor: 'centre', label: `Label of ${id}` },
          ]),
        ),
      },
    });
    const t = frameworkTable(withReading);
    const col = (name: string) => t.header.indexOf(name);
    const row = [...t.rows].find((r) => r[0] === characteristicIds[1])!;
    expect([row[col('Reading label')], row[col('Reading polarity')], row[col('Reading actor')]]).toEqual([
      `Label of ${characteristicIds[1]}`,
      'weakness',
      'centre',
    ]);
  });
});

describe('ratings.csv', () => {
  it('has every characteristic for every respondent, their rating, evidence given, and the rating used', () => {
    const mine = emptyAnswers(f);
    mine.ratings['ucd.l1.01'] = 'Fully';
    mine.evidence['ucd.l1.01'] = 'The strategy, page 3';
    const theirs = emptyAnswers(f);
    theirs.ratings['ucd.l1.01'] = 'Partly';
    theirs.evidence['ucd.l1.02'] = '   ';
    const used = emptyAnswers(f);
    used.ratings['ucd.l1.01'] = 'Largely';
    const d: DepartmentRecord = {
      department: 'D',
      file: 'a.xlsx; b.xlsx',
      scores: score(f, used),
      answers: used,
      respondents: [
        { label: 'Ana', file: 'a.xlsx', answers: mine },
        { label: 'Bo', file: 'b.xlsx', answers: theirs },
      ],
      consolidation: null,
      report: null,
    };
    const t = ratingsTable(f, [d]);
    const rows = [...t.rows];
    expect(rows).toHaveLength(2 * characteristicIds.length);
    const col = (name: string) => t.header.indexOf(name);
    const pick = (who: string, id: string) =>
      rows.find((r) => r[col('Respondent')] === who && r[col('Characteristic ID')] === id)!;
    const fields = ['Rating', 'Evidence given', 'Rating used', 'Value used'].map(col);
    expect(fields.map((i) => pick('Ana', 'ucd.l1.01')[i])).toEqual(['Fully', 'yes', 'Largely', 2 / 3]);
    expect(fields.map((i) => pick('Bo', 'ucd.l1.01')[i])).toEqual(['Partly', 'no', 'Largely', 2 / 3]);
    // Blank evidence is no evidence; an unanswered characteristic is a row with blanks.
    expect(fields.map((i) => pick('Bo', 'ucd.l1.02')[i])).toEqual(['', 'no', '', null]);
  });
});
