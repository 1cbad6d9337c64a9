/**
 * The row edits of row-edits.test.ts made by LibreOffice Calc itself (its own sort and typing) and
 * saved by it, and the exceljs-made edits re-saved by it: the reader reports the same problems and
 * never reads an answer under another id. Also: a printed workbook's PDF carries no words of the
 * hidden helper columns in its text layer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { normaliseLabel, type Answers } from '../../src/scoring/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { convertToPdf } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { FIXED_TIME, mutate, prng, randomAnswers, rowEditAnswers, rowOf, workbookFor } from './helpers.js';
import { editInCalc, soffice, type CalcEdit } from './libreoffice-edit.js';
import { answersReadUnderWrongId, sortRows, tableRows } from './row-edits.js';

const skip = skipWithout(soffice, 'LibreOffice', 'the row edits made and saved in LibreOffice Calc');
const pdftotext = findTool('pdftotext');
const skipPdf = skip || skipWithout(pdftotext, 'pdftotext', "the check of a printed workbook's text layer");

const framework = builtInFramework();
const UCD = 'User centered design';
const ucd = framework.elements.find((e) => e.id === 'ucd')!;
const level2 = ucd.levels[1]!.characteristics.map((c) => c.id);
const level3 = ucd.levels[2]!.characteristics.map((c) => c.id);

let answers: Answers;
let filled: Buffer;
const results = new Map<string, ReadResult>();
const texts = new Map<string, Map<number, string>>();
/** Rows of the level 2 table and of the level 3 characteristics in the filled workbook. */
let table2: number[] = [];
let rows3: number[] = [];

const byCode = (r: ReadResult, code: string) => r.diagnostics.filter((d) => d.code === code);

/** Column C of the UCD sheet, by row, as saved. */
async function textColumn(bytes: Uint8Array): Promise<Map<number, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<number, string>();
  wb.getWorksheet(UCD)!.eachRow((row, n) => out.set(n, String(row.getCell(3).value ?? '')));
  return out;
}

describe.skipIf(skip)('edits made and saved in LibreOffice Calc', () => {
  beforeAll(async () => {
    answers = rowEditAnswers(framework, 41);
    filled = await workbookFor(framework, answers);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(UCD)!;
    table2 = tableRows(ws, level2[0]!);
    rows3 = level3.map((id) => rowOf(ws, id).number);

    const sortInCalc: CalcEdit = {
      sort: { sheet: UCD, range: `B${table2[0]}:E${table2.at(-1)}`, by: 2 },
    };
    const misplaceInCalc: CalcEdit[] = rows3.flatMap((row) => [
      { type: { sheet: UCD, cell: `E${row}`, text: 'Fully' } },
      { clear: { sheet: UCD, cell: `D${row}` } },
    ]);
    const sortedByExceljs = await mutate(filled, (w) => {
      const s = w.getWorksheet(UCD)!;
      sortRows(s, tableRows(s, level2[0]!), 4);
    });
    const misplacedByExceljs = await mutate(filled, (w) => {
      const s = w.getWorksheet(UCD)!;
      for (const id of level3) {
        const row = rowOf(s, id);
        row.getCell(5).value = row.getCell(4).value;
        row.getCell(4).value = null;
      }
    });
    const saved = await editInCalc([
      { name: 'plain', bytes: filled, edits: [] },
      { name: 'sorted-in-calc', bytes: filled, edits: [sortInCalc] },
      { name: 'misplaced-in-calc', bytes: filled, edits: misplaceInCalc },
      { name: 'sorted-by-exceljs', bytes: sortedByExceljs, edits: [] },
      { name: 'misplaced-by-exceljs', bytes: misplacedByExceljs, edits: [] },
    ]);
    for (const [name, bytes] of saved) {
      results.set(name, await readWorkbook(framework, bytes, { fileName: `${name}.xlsx` }));
      texts.set(name, await textColumn(bytes));
    }
    texts.set('filled', await textColumn(filled));
  }, 240_000);

  it('a plain re-save reads back exactly, with _meta hidden or very hidden', () => {
    const r = results.get('plain')!;
    expect(r.answers).toEqual(answers);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.meta.frameworkId).toBe(framework.id);
  });

  it("Calc's sort of the visible columns is an error for exactly the answered rows that moved", () => {
    const r = results.get('sorted-in-calc')!;
    const before = texts.get('filled')!;
    const after = texts.get('sorted-in-calc')!;
    const moved = table2.filter((row) => after.get(row) !== before.get(row));
    expect(moved.length).toBeGreaterThanOrEqual(6);
    const mismatches = byCode(r, 'row-mismatch');
    expect(mismatches.map((d) => d.cell).sort()).toEqual(moved.map((row) => `B${row}`).sort());
    for (const d of mismatches) {
      expect(d.severity).toBe('error');
      expect(d.message).toContain('sorted without its hidden ID column');
    }
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
    // The same rows as the same sort made with exceljs and re-saved by Calc.
    const viaExceljs = byCode(results.get('sorted-by-exceljs')!, 'row-mismatch').map((d) => d.itemId);
    expect(mismatches.map((d) => d.itemId).sort()).toEqual(viaExceljs.sort());
  });

  it('ratings typed into the Evidence column in Calc are errors naming both cells', () => {
    for (const name of ['misplaced-in-calc', 'misplaced-by-exceljs']) {
      const r = results.get(name)!;
      const found = byCode(r, 'rating-in-wrong-column');
      expect(
        found.map((d) => d.cell),
        name,
      ).toEqual(rows3.map((row) => `E${row}`));
      found.forEach((d, i) => expect(d.fix).toBe(`Move it to the Rating column: D${rows3[i]}.`));
      for (const id of level3) expect(r.answers.ratings[id], name).toBeUndefined();
      expect(answersReadUnderWrongId(answers, r.answers), name).toEqual([]);
    }
  });
});

describe.skipIf(skipPdf)('a printed workbook', () => {
  let dir: string;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("has none of the hidden helper columns' words in its PDF text layer", async () => {
    dir = mkdtempSync(join(tmpdir(), 'dmf-print-'));
    const every = randomAnswers(framework, prng(5), 1);
    const plan = buildPlan(framework, { answers: every, createdAt: FIXED_TIME });
    // The same workbook with the helper cells shown, to prove the check can see those words.
    const shown = structuredClone(plan);
    shown.styles.helper.numberFormat = 'General';
    writeFileSync(join(dir, 'printed.xlsx'), await writeWorkbook(plan));
    writeFileSync(join(dir, 'shown.xlsx'), await writeWorkbook(shown));
    convertToPdf(soffice!, [join(dir, 'printed.xlsx'), join(dir, 'shown.xlsx')], dir);
    const lines = (name: string) =>
      execFileSync(pdftotext!, ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' })
        .split('\n')
        .flatMap((l) => l.trim().split(/\s{2,}/));
    // The Key column holds the rating as normalised: lower case ("fully", "not at all").
    const keys = new Set(framework.scoring.ratings.map((r) => normaliseLabel(r.label)));
    expect(lines('shown').filter((w) => keys.has(w)).length).toBeGreaterThan(0);
    expect(lines('printed').filter((w) => keys.has(w))).toEqual([]);
    expect(readFileSync(join(dir, 'printed.pdf')).length).toBeGreaterThan(1000);
  }, 240_000);
});
