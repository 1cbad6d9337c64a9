/**
 * The add-in's Word report is the CLI's: the same view model and template, fed with what the
 * add-in read through Office.js. Reading the same answers through exceljs (as `dmf report` does)
 * must give the same document body.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { insertAssessment, readForReport } from '../../src/addin/assessment/operations.js';
import { layout } from '../../src/addin/assessment/plan-cache.js';
import { buildWordReport, reportFileName } from '../../src/addin/report/word-report.js';
import { FakeExcel } from './fake-excel/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { readGrids, workbookGrids } from '../../src/workbook/read/index.js';
import { respondent } from './helpers/respondent.js';

/** The document body, without the ids docx numbers per process or draws at random. */
const documentXml = async (bytes: Uint8Array) =>
  (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'))
    .replace(/_Toc\d+/g, '_Toc')
    .replace(/ (w:id|id)="\d+"/g, '')
    .replace(/ r:id="[^"]+"/g, '');

describe('the Word report from the add-in', () => {
  it('has the same body as the report from the same answers read by exceljs', async () => {
    const { framework, answerCells } = layout();
    const options = { department: 'Home Office', createdAt: '2026-02-01T09:00:00.000Z' };
    const typing = respondent(framework, answerCells, [2, 3, null, 4, 1, 2, 3], 0.8);

    const excel = new FakeExcel();
    const run = <T>(b: (c: Excel.RequestContext) => Promise<T>) => excel.run(b);
    await insertAssessment(run, options, { pageLayout: false }); // ExcelApi 1.8: no print setup
    for (const [sheet, cell, text] of typing) excel.type(sheet, cell, text);
    const viaOffice = await readForReport(run);

    const plan = buildPlan(framework, {
      ...options,
      generator: 'dgx-maturity Excel add-in',
      createdBy: 'Excel add-in',
      cachedResults: false,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(plan)) as unknown as ExcelJS.Buffer);
    for (const [sheet, cell, text] of typing) wb.getWorksheet(sheet)!.getCell(cell).value = text;
    const viaExcelJs = readGrids(framework, workbookGrids(wb));

    expect(viaOffice.answers).toEqual(viaExcelJs.answers);
    const template = await loadTemplate();
    const now = new Date('2026-03-01T12:00:00Z');
    const [a, b] = await Promise.all([
      buildWordReport(viaOffice, template, { now, sourceName: 'book.xlsx' }),
      buildWordReport(viaExcelJs, template, { now, sourceName: 'book.xlsx' }),
    ]);
    const body = await documentXml(a.bytes);
    expect(body).toBe(await documentXml(b.bytes));
    expect(body).toContain('Home Office');
    expect(a.fileName).toBe('Digital maturity report - Home Office 2026-03-01.docx');
  }, 60_000);

  it('makes file names Windows accepts', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(reportFileName('Dept: "A/B" <x>', now)).toBe(
      'Digital maturity report - Dept A B x 2026-03-01.docx',
    );
    expect(reportFileName(undefined, now)).toBe('Digital maturity report 2026-03-01.docx');
  });
});
