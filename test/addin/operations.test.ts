/**
 * The pane's operations against the Excel API double: check, go to a cell, calculate (reader +
 * engine + Summary), with their round-trip budgets.
 */
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  calculateLevels,
  checkWorkbook,
  goTo,
  insertAssessment,
} from '../../src/addin/assessment/operations.js';
import { layout } from '../../src/addin/assessment/plan-cache.js';
import { CHART_NAME, RESULTS_TITLE } from '../../src/addin/excel/write-results.js';
import { readAssessment } from '../../src/addin/excel/read-workbook.js';
import { FakeExcel } from './fake-excel/index.js';
import { checkHost, REQUIRED } from '../../src/addin/excel/requirements.js';
import { characteristicsOf } from '../../src/framework/index.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan, SHEET } from '../../src/workbook/plan/index.js';
import { readGrids, workbookGrids } from '../../src/workbook/read/index.js';

const { framework, answerCells } = layout();
const [first, second] = framework.elements;

let excel: FakeExcel;
const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);

/** Types a rating into the cell the plan gave the characteristic. */
const rate = (id: string, label: string) => {
  const cell = answerCells.get(id)!;
  excel.type(cell.sheet, cell.address, label);
};

// Every operation runs on the oldest host the manifest admits (the double's default, ExcelApi 1.8),
// which refuses any API Microsoft documents in a newer set.
beforeEach(async () => {
  excel = new FakeExcel();
  expect(excel.host.excelApi).toBe(REQUIRED.version);
  const check = checkHost(excel.isSetSupported);
  if (!check.supported) throw new Error(check.reason);
  const outcome = await insertAssessment(run, { department: 'Cabinet Office' }, check.capabilities);
  expect(outcome.kind).toBe('inserted');
});

describe('check answers', () => {
  it('lists every characteristic as unrated in a blank assessment, each with its cell', async () => {
    const report = await checkWorkbook(run);
    expect(report.kind).toBe('checked');
    if (report.kind !== 'checked') return;
    const total = framework.elements.reduce((n, e) => n + characteristicsOf(e).length, 0);
    expect(report.unratedCount).toBe(total);
    expect(report.errorCount).toBe(0);
    const item = report.elements[0]!.unrated[0]!;
    expect(item).toMatchObject({
      ref: '1.01',
      problem: 'No rating yet.',
      place: { sheet: first!.shortTitle },
    });
    expect(item.place!.cell).toMatch(/^D\d+$/);
    expect(excel.syncCounts.at(-1)).toBe(1);
  });

  it('reports a rating off the scale with its cell, and stops listing it as unrated', async () => {
    const [a, b] = characteristicsOf(first!);
    rate(a!.id, 'Mostly');
    rate(b!.id, '  fully ');
    const report = await checkWorkbook(run);
    if (report.kind !== 'checked') throw new Error(report.kind);
    const element = report.elements[0]!;
    expect(element.problems).toHaveLength(1);
    expect(element.problems[0]).toMatchObject({
      ref: '1.01',
      severity: 'error',
      place: { sheet: first!.shortTitle, cell: answerCells.get(a!.id)!.address },
    });
    expect(element.problems[0]!.problem).toContain('Mostly');
    expect(element.unrated.map((i) => i.ref)).not.toContain('1.01');
    expect(element.unrated.map((i) => i.ref)).not.toContain('1.02');
    expect(element.rated).toBe(1);
  });

  it('takes the respondent to the cell', async () => {
    const cell = answerCells.get(characteristicsOf(second!)[2]!.id)!;
    await goTo(run, { sheet: cell.sheet, cell: cell.address });
    const sheet = excel.model.sheetByName(second!.shortTitle)!;
    expect(excel.model.activeSheetId).toBe(sheet.id);
    expect(excel.model.selection).toEqual({ sheetId: sheet.id, address: cell.address });
    expect(excel.syncCounts.at(-1)).toBe(1);
  });

  it('says plainly when the workbook is not an assessment', async () => {
    excel = new FakeExcel();
    excel.type('Sheet1', 'A1', 'Budget 2026');
    const report = await checkWorkbook(run);
    expect(report.kind).toBe('unreadable');
  });
});

describe('the reader sees the same workbook through Office.js as through exceljs', () => {
  it('gives equal answers and diagnostics', async () => {
    const [a, b, c] = characteristicsOf(first!);
    rate(a!.id, 'Largely');
    rate(b!.id, 'Mostly');
    rate(c!.id, '=1+1');
    const viaOffice = await run(
      async (ctx) => (await readAssessment(ctx, framework, layout().sheetNames, () => 0)).result,
    );

    const answers = { ...emptyAnswers(framework), ratings: { [a!.id]: 'Largely' } };
    const plan = buildPlan(framework, { department: 'Cabinet Office', cachedResults: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(plan)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(first!.shortTitle)!;
    ws.getCell(answerCells.get(a!.id)!.address).value = 'Largely';
    ws.getCell(answerCells.get(b!.id)!.address).value = 'Mostly';
    ws.getCell(answerCells.get(c!.id)!.address).value = '=1+1';
    const viaExcelJs = readGrids(framework, workbookGrids(wb));

    expect(viaOffice.answers.ratings).toEqual(answers.ratings);
    expect(viaOffice.answers).toEqual(viaExcelJs.answers);
    const strip = (r: typeof viaOffice) =>
      r.diagnostics.map(({ code, sheet, cell, itemId }) => ({ code, sheet, cell, itemId }));
    expect(strip(viaOffice)).toEqual(strip(viaExcelJs));
  });
});

describe('calculate levels', () => {
  function rateSome() {
    const answers = emptyAnswers(framework);
    characteristicsOf(first!).forEach((c, i) => {
      const label = i % 3 === 0 ? 'Partly' : 'Fully';
      rate(c.id, label);
      answers.ratings[c.id] = label;
    });
    characteristicsOf(second!).forEach((c) => {
      rate(c.id, 'largely');
      answers.ratings[c.id] = 'Largely';
    });
    return answers;
  }

  it('scores with the engine and writes the results and a chart to Summary, in two round trips', async () => {
    const answers = rateSome();
    const calc = await calculateLevels(run, new Date('2026-03-01T10:00:00Z'));
    expect(excel.syncCounts.at(-1)).toBeLessThanOrEqual(2);
    expect(calc.result).toEqual(score(framework, answers));
    expect(calc.write).toMatchObject({ written: true, sheet: SHEET.summary, chartAdded: true });

    const summary = excel.model.sheetByName(SHEET.summary)!;
    const at = calc.write.written ? calc.write.address : '';
    const row = Number(at.slice(1));
    expect(excel.read(SHEET.summary, at)).toBe(RESULTS_TITLE);
    expect(excel.read(SHEET.summary, `B${row + 3}`)).toBe(first!.title);
    expect(excel.read(SHEET.summary, `C${row + 3}`)).toBe(calc.result.elements[0]!.level);
    expect(excel.read(SHEET.summary, `C${row + 3 + framework.elements.length - 1}`)).toBe('Not assessed');
    // Issue 12: the grade with its reasons, and the levels the open answers allow.
    const e0 = calc.result.elements[0]!;
    expect(excel.read(SHEET.summary, `F${row + 3}`)).toMatch(/^(High|Medium: |Low: )/);
    expect(excel.read(SHEET.summary, `F${row + 3}`)).toContain(
      { high: 'High', medium: 'Medium', low: 'Low' }[e0.confidence.grade],
    );
    expect(excel.read(SHEET.summary, `G${row + 3}`)).toBe(
      e0.range.low === e0.range.high ? e0.range.low! : `${e0.range.low}–${e0.range.high}`,
    );
    expect(summary.charts.map((c) => c.name)).toEqual([CHART_NAME]);
    expect(summary.charts[0]!.source).toMatch(/^Summary!\$?B\d+:\$?C\d+$|^Summary!B\d+:C\d+$/);
    // Protected again, as before, and the respondent is shown the results.
    expect(summary.protection.protected).toBe(true);
    expect(summary.protection.options.allowFormatColumns).toBe(true);
    expect(excel.model.activeSheetId).toBe(summary.id);
  });

  it('replaces its own block on a second run and keeps one chart', async () => {
    rateSome();
    const one = await calculateLevels(run);
    rate(characteristicsOf(first!)[0]!.id, 'Not at all');
    const two = await calculateLevels(run);
    expect(excel.syncCounts.at(-1)).toBeLessThanOrEqual(2);
    expect(two.write).toMatchObject({ written: true, chartAdded: false });
    expect(one.write.written && two.write.written && one.write.address === two.write.address).toBe(true);
    expect(excel.model.sheetByName(SHEET.summary)!.charts).toHaveLength(1);
  });

  it('still finds the answers when a sheet was renamed (one more read)', async () => {
    const answers = rateSome();
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem(first!.shortTitle).name = 'UCD (ours)';
      await ctx.sync();
    });
    const calc = await calculateLevels(run);
    expect(calc.result).toEqual(score(framework, answers));
    expect(excel.syncCounts.at(-1)).toBe(3);
  });

  it('shows the levels and says why when the Summary cannot be written', async () => {
    const answers = rateSome();
    // Someone protected the Summary with a password: the add-in cannot unprotect it.
    await run(async (ctx) => {
      const summary = ctx.workbook.worksheets.getItem(SHEET.summary);
      summary.protection.unprotect();
      summary.protection.protect({ allowFormatColumns: true }, 'secret');
      await ctx.sync();
    });
    const calc = await calculateLevels(run);
    expect(calc.result).toEqual(score(framework, answers));
    expect(calc.write.written).toBe(false);
    if (calc.write.written) return;
    expect(calc.write.reason).toMatch(/^The levels above were calculated but not written to the workbook: /);
    expect(calc.write.reason).toContain('Unprotect the Summary sheet');
    expect(excel.read(SHEET.summary, 'B1')).not.toBe(RESULTS_TITLE);
    expect(excel.model.sheetByName(SHEET.summary)!.charts).toHaveLength(0);
  });

  it('refuses a workbook that is not an assessment, writing nothing', async () => {
    excel = new FakeExcel();
    await expect(calculateLevels(run)).rejects.toThrow(/assessment/i);
    expect(excel.model.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });
});
