/**
 * "Check answers" links every problem the reader reports to its cell, whatever the problem's
 * code (the reader gains codes over time): each diagnostic with a sheet and a cell becomes an
 * item with a place, and going there selects that cell in the workbook. A sheet that is hidden
 * or gone gets no link (Excel could not select it), only its message.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { checkAnswers, type CheckItem } from '../../src/addin/assessment/check-answers.js';
import { goTo, insertAssessment } from '../../src/addin/assessment/operations.js';
import { layout } from '../../src/addin/assessment/plan-cache.js';
import { readAssessment } from '../../src/addin/excel/read-workbook.js';
import { characteristicsOf } from '../../src/framework/index.js';
import type { Diagnostic } from '../../src/workbook/read-result.js';
import { SHEET } from '../../src/workbook/plan/index.js';
import { FakeExcel } from './fake-excel/index.js';

const { framework, sheetNames, answerCells } = layout();
const element = framework.elements[1]!;
const item = characteristicsOf(element)[2]!;
const cell = answerCells.get(item.id)!;

let excel: FakeExcel;
const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);

beforeEach(async () => {
  excel = new FakeExcel();
  await insertAssessment(run, {}, { pageLayout: false });
});

/** Diagnostics of codes the add-in has never heard of, in each place the pane lists problems. */
const novel: Diagnostic[] = [
  {
    severity: 'error',
    code: 'row-text-mismatch',
    message: `Sheet "${cell.sheet}", cell B${cell.row}: the row carries another characteristic's text.`,
    sheet: cell.sheet,
    cell: `B${cell.row}`,
    itemId: item.id,
    elementId: element.id,
  },
  {
    severity: 'error',
    code: 'answer-outside-assessment',
    message: `Sheet "${cell.sheet}", cell E${cell.row + 1}: this row is not part of the assessment.`,
    sheet: cell.sheet,
    cell: `$E$${cell.row + 1}`,
    elementId: element.id,
  },
  {
    severity: 'warning',
    code: 'some-workbook-problem',
    message: 'Something about the Summary.',
    sheet: SHEET.summary.toUpperCase(),
    cell: 'c7',
  },
  {
    severity: 'warning',
    code: 'meta-odd',
    message: 'The hidden sheet is odd.',
    sheet: SHEET.meta,
    cell: 'B2',
  },
];

describe('check answers links each problem to its cell, whatever its code', () => {
  it('gives every diagnostic on a visible sheet a place, and none on a hidden sheet', async () => {
    const { result, grids } = await run((ctx) => readAssessment(ctx, framework, sheetNames, () => undefined));
    const read = { ...result, diagnostics: [...result.diagnostics, ...novel] };
    const report = checkAnswers(framework, read, grids, answerCells);
    if (report.kind !== 'checked') throw new Error('expected a checked report');
    const all: CheckItem[] = [...report.workbook, ...report.elements.flatMap((e) => e.problems)];
    const find = (code: string) =>
      all.find((i) => i.problem.includes(novel.find((d) => d.code === code)!.message.slice(-30)));

    expect(find('row-text-mismatch')!.place).toEqual({ sheet: cell.sheet, cell: `B${cell.row}` });
    expect(find('answer-outside-assessment')!.place).toEqual({ sheet: cell.sheet, cell: `E${cell.row + 1}` });
    expect(find('some-workbook-problem')!.place).toEqual({ sheet: SHEET.summary, cell: 'C7' });
    expect(find('meta-odd')!.place).toBeUndefined();
    expect(report.errorCount).toBe(2);

    // Each link works: going there selects that cell on that sheet.
    for (const code of ['row-text-mismatch', 'answer-outside-assessment', 'some-workbook-problem']) {
      const place = find(code)!.place!;
      await goTo(run, place);
      const m = excel.model;
      expect({ sheet: m.sheetById(m.activeSheetId!)!.name, cell: m.selection?.address }).toEqual({
        sheet: place.sheet,
        cell: place.cell,
      });
    }
  });
});
