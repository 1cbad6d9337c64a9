/**
 * Issue 23: the add-in's reads stay within what Excel on the web sends at once (5 MB per
 * response, enforced by the double) on any workbook: a big sheet beside the assessment, a big
 * block pasted on an element sheet, rows moved below the first look, very long answers. Each
 * bounded read must give what reading every cell gives.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { insertAssessment, readForReport } from '../../src/addin/assessment/operations.js';
import { layout } from '../../src/addin/assessment/plan-cache.js';
import { readAssessment, WINDOW } from '../../src/addin/excel/read-workbook.js';
import { estimateLoadBytes, PAYLOAD_LIMIT_BYTES } from '../../src/addin/excel/payload.js';
import { checkHost } from '../../src/addin/excel/requirements.js';
import { notReadMessages } from '../../src/addin/taskpane/read-notes.js';
import { characteristicsOf } from '../../src/framework/index.js';
import { readGrids, type CellData, type SheetGrid } from '../../src/workbook/read/core.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import { FakeExcel, PAYLOAD_LIMIT_BYTES as DOUBLE_LIMIT, type SheetModel } from './fake-excel/index.js';

const { framework, answerCells, sheetNames } = layout();
const [first, second] = framework.elements;

let excel: FakeExcel;
const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);

const rate = (id: string, label: string) => {
  const cell = answerCells.get(id)!;
  excel.type(cell.sheet, cell.address, label);
};

/** Writes `value(r, c)` into a block of cells straight into the model (a paste, without the API). */
function fill(
  sheet: SheetModel,
  top: number,
  left: number,
  rows: number,
  columns: number,
  value: (r: number, c: number) => string | number,
) {
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) excel.model.cell(sheet, top + r, left + c, true).value = value(r, c);
}

/** Every cell of every sheet as the reader's grids: what an unbounded read would see. */
function everyCell(): SheetGrid[] {
  return excel.model.sheets.map((sheet) => {
    const rows: CellData[][] = [];
    for (const [key, c] of sheet.cells) {
      const m = /^([A-Z]+)(\d+)$/.exec(key)!;
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const row = Number(m[2]) - 1;
      const value = c.value === '' ? null : c.value;
      (rows[row] ??= [])[col] = c.formula ? { formula: c.formula.slice(1), result: value } : value;
    }
    const visibility = ({ Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' } as const)[
      sheet.visibility
    ];
    return { name: sheet.name, visibility, rows };
  });
}

/** The reader's result without the add-in's notes about what it did not read. */
const withoutNotes = (r: ReadResult) => ({
  ...r,
  diagnostics: r.diagnostics.filter((d) => d.code !== 'sheet-skipped' && d.code !== 'cells-not-read'),
});

/** Every sync of the last run stayed within the limit; returns the bytes it brought back. */
function responseWithinLimit(): number {
  for (const s of excel.lastSyncs) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  return excel.lastSyncs.reduce((n, s) => n + s.responseBytes, 0);
}

beforeEach(async () => {
  excel = new FakeExcel();
  const check = checkHost(excel.isSetSupported);
  if (!check.supported) throw new Error(check.reason);
  await insertAssessment(run, { department: 'Cabinet Office' }, check.capabilities);
  characteristicsOf(first!).forEach((c, i) => rate(c.id, i % 2 ? 'Fully' : 'Partly'));
  characteristicsOf(second!).forEach((c) => rate(c.id, 'Largely'));
});

describe('bounded reads (issue 23)', () => {
  it('the double measures what Excel on the web limits: 5 MB', () => {
    expect(DOUBLE_LIMIT).toBe(PAYLOAD_LIMIT_BYTES);
    expect(PAYLOAD_LIMIT_BYTES).toBe(5 * 1024 * 1024);
  });

  it('builds the Word report with a renamed element sheet beside a 20,000 × 10 data sheet, and says the data sheet was skipped', async () => {
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem(first!.shortTitle).name = 'UCD (ours)';
      await ctx.sync();
    });
    const data = excel.model.addSheet('Data');
    fill(data, 0, 0, 20_000, 10, (r, c) =>
      c % 2 ? `Row ${r} of the department's own data, column ${c}` : r * c + 0.125,
    );

    const read = await readForReport(run);
    const bytes = responseWithinLimit();
    // The data sheet alone is over 10 MB; only its first rows were looked at.
    expect(bytes).toBeLessThan(1024 * 1024);
    expect(withoutNotes(read)).toEqual(
      readGrids(
        framework,
        everyCell().filter((g) => g.name !== 'Data'),
      ),
    );
    expect(read.answers.ratings[characteristicsOf(first!)[0]!.id]).toBe('Partly');
    const skipped = read.diagnostics.filter((d) => d.code === 'sheet-skipped');
    expect(skipped).toEqual([expect.objectContaining({ severity: 'info', sheet: 'Data' })]);
    expect(skipped[0]!.message).toMatch(/^Sheet "Data" was not read: it is not part of the assessment/);
    // The pane shows it under "Report ready".
    expect(notReadMessages(read)).toEqual([skipped[0]!.message]);
  });

  it('reads only the ID column below the first rows of an element sheet that holds a 20,000-row paste', async () => {
    const sheet = excel.model.sheetByName(first!.shortTitle)!;
    fill(sheet, 300, 2, 20_000, 8, (r, c) => `Pasted line ${r}, cell ${c}: notes from a workshop`);

    const { result } = await run((ctx) => readAssessment(ctx, framework, sheetNames, () => 0));
    expect(responseWithinLimit()).toBeLessThan(1024 * 1024);
    expect(excel.lastSyncs).toHaveLength(2); // the windows, then column A below them: no ID there
    expect(withoutNotes(result)).toEqual(readGrids(framework, everyCell()));
    const note = result.diagnostics.find((d) => d.code === 'cells-not-read');
    expect(note).toMatchObject({ severity: 'info', sheet: first!.shortTitle });
    expect(note!.message).toContain('uses 20,300 rows');
    expect(note!.message).toContain('the other 20,100 were not');
  });

  it('reads a table moved below the first rows: the rows with an ID and a row appended after them', async () => {
    const sheet = excel.model.sheetByName(first!.shortTitle)!;
    const moved = characteristicsOf(first!).at(-1)!;
    const cell = answerCells.get(moved.id)!;
    // The respondent moved the last characteristic into a table of its own at row 251, rated it
    // there, and typed a rating in the row below without an ID.
    const header = ['ID', 'Ref', 'Characteristic', 'Rating', 'Evidence or comment'];
    fill(sheet, 249, 0, 1, 5, (_, c) => header[c]!);
    for (let c = 0; c < 5; c++) {
      const from = excel.model.cell(sheet, cell.row - 1, c);
      excel.model.cell(sheet, 250, c, true).value = from?.value ?? '';
      sheet.cells.delete(`${String.fromCharCode(65 + c)}${cell.row}`);
    }
    excel.model.cell(sheet, 250, 3, true).value = 'Mostly'; // off the scale: an error on row 251
    excel.model.cell(sheet, 251, 3, true).value = 'Fully';

    const { result } = await run((ctx) => readAssessment(ctx, framework, sheetNames, () => 0));
    expect(excel.lastSyncs).toHaveLength(3); // the window, the ID column below it, its rows
    expect(withoutNotes(result)).toEqual(readGrids(framework, everyCell()));
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'rating-off-scale', sheet: first!.shortTitle, cell: 'D251' }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'row-without-id', sheet: first!.shortTitle, cell: 'D252' }),
    );
  });

  it('splits a read that Excel refuses as too large: 120 answers of 30,000 characters', async () => {
    const long = (i: number) => `${i} ${'Evidence that goes on at length. '.repeat(910)}`.slice(0, 30_000);
    const ids = framework.elements
      .flatMap((e) => characteristicsOf(e))
      .slice(0, 120)
      .map((c) => c.id);
    expect(ids).toHaveLength(120);
    ids.forEach((id, i) => {
      const cell = answerCells.get(id)!;
      const sheet = excel.model.sheetByName(cell.sheet)!;
      excel.model.cell(sheet, cell.row - 1, cell.column, true).value = long(i); // the Evidence cell
    });

    const { result } = await run((ctx) => readAssessment(ctx, framework, sheetNames, () => 0));
    const syncs = excel.lastSyncs;
    // The first sync was refused (over 7 MB); it was split until the parts went through.
    expect(syncs[0]!.responseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    const refused = syncs.filter((s) => s.responseBytes > PAYLOAD_LIMIT_BYTES).length;
    expect(syncs.length - refused).toBeGreaterThanOrEqual(2);
    expect(syncs.length).toBeLessThanOrEqual(12);
    expect(result).toEqual(readGrids(framework, everyCell()));
    ids.forEach((id, i) => expect(result.answers.evidence[id]).toBe(long(i).trim()));
  });

  it('estimates the first sync of an answered template above what the double measures', async () => {
    await run((ctx) => readAssessment(ctx, framework, sheetNames, () => 0));
    const [sync] = excel.lastSyncs;
    expect(excel.lastSyncs).toHaveLength(1);
    const estimate =
      sheetNames.length *
      estimateLoadBytes(WINDOW.rows, WINDOW.columns, ['formulas', 'values', 'valueTypes']);
    expect(estimate).toBeGreaterThan(sync!.responseBytes);
    expect(estimate).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });
});
