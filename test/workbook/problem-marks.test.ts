/**
 * Problems marked in the workbook: every characteristic the tool reads as a weakness shows
 * "Problem: " before its text (a number format, so the cell's value stays the framework's text), the
 * help on "Start here" and on each element sheet says what the rating means for a problem, and no
 * cell, column or header moves: a workbook made before the marks (made here from the framework
 * without its reading, as earlier versions made every workbook) reads and checks the same.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { answerCells } from '../../src/addin/excel/answer-cells.js';
import { checkAnswers } from '../../src/addin/assessment/check-answers.js';
import { readingOf } from '../../src/framework/index.js';
import { workbookGrids } from '../../src/workbook/read/exceljs-grid.js';
import { readGrids, readWorkbook } from '../../src/workbook/read/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { PROBLEM_HELP } from '../../src/workbook/plan/element-sheet.js';
import { frameworkWithoutReading, frameworkWithReading } from '../helpers/framework-reading.js';
import { FIXED_TIME, prng, randomAnswers, rowOf, workbookFor } from './helpers.js';

const framework = frameworkWithReading();
const before = frameworkWithoutReading();

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every cell's value by sheet and address. */
function values(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) =>
        out.set(`${ws.name}!${cell.address}`, JSON.stringify(cell.value)),
      ),
    ),
  );
  return out;
}

describe('problems marked in the workbook', () => {
  it('shows "Problem: " before the text of every weakness and of no strength, with the text itself unchanged', async () => {
    const wb = await load(await workbookFor(framework));
    let problems = 0;
    for (const element of framework.elements) {
      const ws = wb.getWorksheet(element.shortTitle)!;
      for (const level of element.levels)
        for (const c of level.characteristics) {
          const cell = rowOf(ws, c.id).getCell(3);
          expect(cell.value, c.id).toBe(c.text);
          const weakness = readingOf(framework, c.id)!.polarity === 'weakness';
          expect(cell.numFmt ?? 'General', c.id).toBe(weakness ? '"Problem: "@' : 'General');
          if (weakness) problems++;
        }
      // Row 2, the sheet's how-to-answer note, says what a rating of a problem means.
      expect(String(ws.getCell('C2').value)).toContain(PROBLEM_HELP);
    }
    expect(problems).toBeGreaterThan(50);
    const start = [...values(wb).entries()].filter(([k]) => k.startsWith('Start here!'));
    expect(start.filter(([, v]) => v.includes('Some characteristics describe problems'))).toHaveLength(1);
  });

  it('moves no cell, column or header: only the two help texts differ from a workbook made without the marks', async () => {
    const now = values(await load(await workbookFor(framework)));
    const then = values(await load(await workbookFor(before)));
    expect([...now.keys()].sort()).toEqual([...then.keys()].sort());
    const differ = [...now.keys()].filter((k) => now.get(k) !== then.get(k));
    for (const k of differ) expect(now.get(k), k).toContain('Some characteristics describe problems');
    // Every element sheet's note and one paragraph of Start here; nothing else.
    expect(differ).toHaveLength(framework.elements.length + 1);
  });

  it('reads and checks a workbook made before the marks as it reads one made after', async () => {
    const answers = randomAnswers(before, prng(20), 0.9);
    const old = await workbookFor(before, answers);
    const marked = await workbookFor(framework, answers);
    const fromOld = await readWorkbook(framework, old);
    const fromMarked = await readWorkbook(framework, marked);
    expect(fromOld.answers).toEqual(fromMarked.answers);
    expect(fromOld.diagnostics).toEqual(fromMarked.diagnostics);
    expect(Object.keys(fromOld.answers.ratings).length).toBeGreaterThan(100);

    // The add-in's check, on the grids it would read from Excel.
    const cells = answerCells(buildPlan(framework, { createdAt: FIXED_TIME }));
    const check = (bytes: Uint8Array) =>
      load(bytes).then((wb) => {
        const grids = workbookGrids(wb);
        return checkAnswers(framework, readGrids(framework, grids), grids, cells);
      });
    const [checkedOld, checkedMarked] = await Promise.all([check(old), check(marked)]);
    expect(checkedOld.kind).toBe('checked');
    expect(checkedOld).toEqual(checkedMarked);
  });
});
