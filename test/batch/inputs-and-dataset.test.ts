import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  answersTable,
  csvChunks,
  resultsTable,
  toCsv,
  toXlsx,
  type DatasetEntry,
} from '../../src/batch/dataset.js';
import { collectInputs } from '../../src/batch/inputs.js';
import { builtInFramework } from '../../src/framework/index.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';

describe('collectInputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmf-inputs-'));
  for (const name of [
    'a.xlsx',
    'b.XLSX',
    '~$a.xlsx',
    '.hidden.xlsx',
    'notes.txt',
    'old.xls',
    'data.csv',
    'book.ods',
    'macro.xlsm',
  ])
    writeFileSync(join(dir, name), 'x');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'c.xlsx'), 'x');

  it('takes every workbook-like file in a folder, recursively, and notes what it skips', async () => {
    const r = await collectInputs([dir]);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual([
      'a.xlsx',
      'b.XLSX',
      'book.ods',
      'data.csv',
      'macro.xlsm',
      'old.xls',
      'sub/c.xlsx',
    ]);
    expect(r.skipped.map((s) => [s.path.slice(dir.length + 1), s.reason])).toEqual(
      expect.arrayContaining([
        ['~$a.xlsx', expect.stringMatching(/lock file/)],
        ['.hidden.xlsx', expect.stringMatching(/hidden/)],
        ['notes.txt', expect.stringMatching(/not a workbook \(\.txt\)/)],
      ]),
    );
  });

  it('expands globs, de-duplicates, and reports arguments that name nothing', async () => {
    const r = await collectInputs([
      join(dir, '*.xlsx'),
      join(dir, 'a.xlsx'),
      join(dir, 'nope.xlsx'),
      join(dir, '*.zzz'),
    ]);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(['a.xlsx', 'b.XLSX']);
    expect(r.missing).toEqual([join(dir, 'nope.xlsx'), join(dir, '*.zzz')]);
  });

  it('attempts an explicitly named file whatever its extension', async () => {
    const r = await collectInputs([join(dir, 'notes.txt')]);
    expect(r.files).toHaveLength(1);
  });
});

describe('dataset', () => {
  const f = builtInFramework();
  const answers = emptyAnswers(f);
  answers.ratings['ucd.l1.01'] = 'Fully';
  answers.evidence['ucd.l1.01'] = '=HYPERLINK("http://evil","click")';
  answers.responses['ucd.q1'] = '+44 20 7946 0000, "quoted"\nsecond line';
  answers.judgements['ucd'] = { level: 2, rationale: '@SUM(A1)' };
  const entry: DatasetEntry = {
    department: '-Dept\u0007 of Tests',
    file: 'a.xlsx',
    scores: score(f, answers),
    answers,
  };

  it('has one row per department × element with fits per level', () => {
    const t = resultsTable(f, [entry]);
    const rows = [...t.rows];
    expect(rows).toHaveLength(7);
    expect([...t.rows], 'the rows can be read again').toEqual(rows);
    expect(t.header).toEqual(
      expect.arrayContaining(['Element', 'Computed level', 'Fit L1', 'Fit L4', 'Coverage']),
    );
    expect(rows[0]!.slice(2, 6)).toEqual(['ucd', 'User centered design', 1, 'Non-digital / non-responsive']);
    expect(rows[1]![4]).toBe('Not assessed');
  });

  it('says whether each department is counted in the summary, and why its return is challenged', () => {
    const all = emptyAnswers(f);
    for (const e of f.elements)
      for (const l of e.levels) for (const c of l.characteristics) all.ratings[c.id] = 'Fully';
    const t = resultsTable(f, [
      entry,
      { department: 'Top', file: 'b.xlsx', scores: score(f, all), answers: all },
    ]);
    const col = (name: string) => t.header.indexOf(name);
    const rows = [...t.rows];
    expect(rows[0]![col('Counted in summary figures')]).toBe('no (low coverage)');
    expect(rows[0]![col('Challenge')]).toBe('');
    expect(rows[7]![col('Counted in summary figures')]).toBe('yes');
    expect(rows[7]![col('Challenge')]).toMatch(
      /^every element is at level 4 \(the top\), with evidence for only 0 of .*; the same rating is given to every characteristic of /,
    );
  });

  it('keeps its columns in order and appends range, grade, borderline and evidence at the end', () => {
    const t = resultsTable(f, [entry]);
    expect(t.header).toEqual([
      'Department',
      'File',
      'Element ID',
      'Element',
      'Computed level',
      'Level name',
      'Fit L1',
      'Fit L2',
      'Fit L3',
      'Fit L4',
      'Coverage',
      'Answered',
      'Characteristics',
      'Confidence',
      'Confidence reasons',
      'Own judgement',
      'Own minus computed',
      'Counted in summary figures',
      'Challenge',
      'Range low',
      'Range high',
      'Confidence grade',
      'Borderline',
      'Borderline items',
      'In place',
      'In place with evidence',
      'Evidence share',
      // Appended with the data package (docs/dataset.md).
      'Coverage confidence',
      'Round',
      'Date',
      // Appended with last round's results (src/round/previous-round.ts).
      'Previous level',
      'Change',
      'Change in levels',
    ]);
    const [ucd, culture] = [...t.rows];
    // One "Fully" at level 1 with evidence, the rest open: level 1, could be anything from 1 to 4.
    expect(ucd!.slice(19, 30)).toEqual([1, 4, 'low', 'no', '', 1, 1, 1, 'low', '', '']);
    expect(culture!.slice(19, 30)).toEqual([null, null, 'low', 'no', '', 0, 0, null, 'low', '', '']);
    // No previous round given: the last-round columns stay empty.
    expect(ucd!.slice(30)).toEqual([null, null, null]);
    const run = [...resultsTable(f, [entry], { round: '2026 spring', date: '2026-04-30' }).rows][0]!;
    expect(run.slice(28, 30)).toEqual(['2026 spring', '2026-04-30']);
  });

  it('gives the graded confidence in Confidence, and the old two-way flag as Coverage confidence', () => {
    // Every characteristic Largely, no evidence: coverage is full (the old flag high), the grade is not.
    const all = emptyAnswers(f);
    for (const e of f.elements)
      for (const l of e.levels) for (const c of l.characteristics) all.ratings[c.id] = 'Largely';
    const scores = score(f, all);
    const t = resultsTable(f, [{ department: 'D', file: 'd.xlsx', scores, answers: all }]);
    const col = (name: string) => t.header.indexOf(name);
    const rows = [...t.rows];
    rows.forEach((r, i) => {
      expect(r[col('Confidence')]).toBe(scores.elements[i]!.confidence.grade);
      expect(r[col('Confidence')]).toBe(r[col('Confidence grade')]);
      expect(r[col('Coverage confidence')]).toBe(scores.elements[i]!.confidence.rating);
    });
    expect(rows.some((r) => r[col('Confidence')] !== r[col('Coverage confidence')])).toBe(true);
  });

  it('lists every item of the framework for each workbook, unanswered included, with its levels apart', () => {
    const t = answersTable(f, [entry]);
    const rows = [...t.rows];
    const col = (name: string) => t.header.indexOf(name);
    const items = f.elements.reduce(
      (n, e) =>
        n +
        1 +
        e.levels.reduce((m, l) => m + l.characteristics.length, 0) +
        e.questions.reduce((m, q) => m + 1 + q.subQuestions.length, 0),
      0,
    );
    expect(rows).toHaveLength(items);
    const byId = (id: string) => rows.find((r) => r[col('Item ID')] === id)!;
    expect(byId('ucd.l1.01')[col('Answer')]).toBe('Fully');
    expect(byId('ucd.l1.02')[col('Answer')]).toBe('');
    expect(byId('ucd.l2.01')[col('Framework level')]).toBe(2);
    const judgement = rows.find((r) => r[col('Kind')] === 'own judgement' && r[col('Item ID')] === 'ucd')!;
    expect([
      judgement[col('Level')],
      judgement[col('Own judgement level')],
      judgement[col('Framework level')],
    ]).toEqual([2, 2, null]);
    expect(byId('ucd.q1')[col('Answer')]).toMatch(/^\+44/);
  });

  it('writes the CSV in chunks of whole lines that add up to the same text', () => {
    const t = answersTable(f, [entry]);
    const rows = [...t.rows].length;
    const chunks = [...csvChunks(t, 1)];
    expect(chunks).toHaveLength(rows); // the header travels with the first row
    expect(chunks.every((c) => c.endsWith('\r\n'))).toBe(true);
    expect(chunks.join('')).toBe(toCsv(t));
  });

  it('neutralises formula injection and strips control characters in CSV', () => {
    const csv = toCsv(answersTable(f, [entry]));
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain(`'-Dept of Tests`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csv).toContain(`"'+44 20 7946 0000, ""quoted""\nsecond line"`);
    expect(csv).toContain(`'@SUM(A1)`);
    expect(csv).not.toContain('\u0007');
  });

  it('writes an .xlsx whose text cells stay text', async () => {
    const buf = await toXlsx([resultsTable(f, [entry]), answersTable(f, [entry])]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(buf).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Results', 'Answers']);
    const answers = wb.getWorksheet('Answers')!;
    const row = answers.getRows(2, answers.rowCount - 1)!.find((r) => r.getCell(4).value === 'ucd.l1.01')!;
    const cell = row.getCell(8);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil","click")');
  });
});
