/**
 * Never misread a returned workbook: what respondents do to rows (sort, cut and paste, drag,
 * insert, delete, edit a text, type a rating in the wrong column) is either harmless or an error
 * naming sheet and cells, and no answer is ever read under another item's id.
 */
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework, characteristicsOf } from '../../src/framework/index.js';
import { score, type Answers } from '../../src/scoring/index.js';
import type { Diagnostic } from '../../src/workbook/read-result.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { mutate, prng, randomAnswers, rowEditAnswers, rowOf, workbookFor } from './helpers.js';
import {
  answersReadUnderWrongId,
  deleteCellsShiftUp,
  moveCells,
  sortRows,
  tableRows,
  VISIBLE,
} from './row-edits.js';

const framework = builtInFramework();
const UCD = 'User centered design';
const ucd = framework.elements.find((e) => e.id === 'ucd')!;
const level2 = ucd.levels[1]!.characteristics.map((c) => c.id);
const level3 = ucd.levels[2]!.characteristics.map((c) => c.id);
let answers: Answers;
let filled: Buffer;

beforeAll(async () => {
  // Level 2 of User centered design as in the issue: 9 rows, 9 evidence texts, mixed ratings.
  answers = rowEditAnswers(framework, 14);
  answers.responses['ucd.q1'] = 'First response.';
  answers.responses['ucd.q2'] = 'Second response.';
  answers.responses['ucd.q3'] = 'Third response.';
  filled = await workbookFor(framework, answers);
});

const read = (bytes: Uint8Array) => readWorkbook(framework, bytes, { fileName: 'returned.xlsx' });
const sheet = (wb: ExcelJS.Workbook) => wb.getWorksheet(UCD)!;
const of = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

describe('sorting a table', () => {
  it('without its hidden ID column is an error for every answered row that moved, and their answers are not used', async () => {
    let moved: number[] = [];
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const rows = tableRows(ws, level2[0]!);
        const before = rows.map((row) => ws.getRow(row).getCell(3).value);
        sortRows(ws, rows, 4);
        moved = rows.filter((row, i) => ws.getRow(row).getCell(3).value !== before[i]);
      }),
    );
    expect(moved.length).toBeGreaterThan(3);
    const mismatches = of(r.diagnostics, 'row-mismatch');
    expect(mismatches.map((d) => d.cell).sort()).toEqual(moved.map((row) => `B${row}`).sort());
    for (const d of mismatches) {
      expect(d).toMatchObject({ severity: 'error', sheet: UCD, elementId: 'ucd' });
      expect(d.message).toMatch(/^Sheet "User centered design", cell B\d+: the row shows 2\.\d\d "/);
      expect(d.message).toContain('sorted without its hidden ID column');
      expect(d.message).toMatch(/its answers \(D\d+, E\d+\) are not counted/);
      expect(d.fix).toMatch(/Undo the sort, or sort whole rows/);
      expect(r.answers.ratings[d.itemId!]).toBeUndefined();
      expect(r.answers.evidence[d.itemId!]).toBeUndefined();
    }
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
    // The rest of the workbook is read.
    expect(r.answers.ratings[level3[0]!]).toBe('Fully');
  });

  it('sorted by whole rows (hidden ID column included) is harmless', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        sortRows(ws, tableRows(ws, level2[0]!), 4, [1, ...VISIBLE]);
      }),
    );
    expect(r.answers).toEqual(answers);
    expect(errors(r.diagnostics)).toEqual([]);
  });

  it('of the questions, without the ID column, is an error and the responses are not used', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        sortRows(ws, tableRows(ws, 'ucd.q1'), 5, VISIBLE, true);
      }),
    );
    const mismatches = of(r.diagnostics, 'row-mismatch');
    // Sorted Z to A, empty last: the three responses now stand in the first three rows.
    expect(mismatches.map((d) => d.itemId)).toEqual(['ucd.q1', 'ucd.q1.a', 'ucd.q1.b']);
    expect(mismatches[0]!.message).toMatch(/the row shows Q3 "/);
    expect(r.answers.responses).toEqual({});
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
  });

  it('of the About you fields on Start here, without the ID column, is an error', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = wb.getWorksheet('Start here')!;
        rowOf(ws, 'field:respondent').getCell(3).value = 'A. Person';
        sortRows(ws, tableRows(ws, 'field:department'), 3, [2, 3]);
      }),
    );
    // "A. Person" and "OFFICIAL", with their labels, now stand in the first two rows.
    expect(of(r.diagnostics, 'row-mismatch').map((d) => d.itemId)).toEqual([
      'field:department',
      'field:respondent',
    ]);
    for (const field of ['department', 'respondent', 'marking']) expect(r.meta).not.toHaveProperty(field);
  });

  it('never reads an answer under another id, whatever rows are shuffled (20 seeds)', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = prng(seed);
      const given = randomAnswers(framework, rnd, 0.8);
      for (const c of characteristicsOf(ucd)) if (rnd() < 0.5) given.evidence[c.id] = `note ${c.id}`;
      const bytes = await mutate(await workbookFor(framework, given), (wb) => {
        const ws = sheet(wb);
        const ids = characteristicsOf(ucd).map((c) => c.id);
        const rows = tableRows(ws, ids[Math.floor(rnd() * ids.length)]!);
        // A random permutation of the visible cells of one table.
        const order = rows.map((row) => ({ row, key: rnd() }));
        const values = rows.map((row) => VISIBLE.map((c) => ws.getRow(row).getCell(c).value));
        order
          .sort((a, b) => a.key - b.key)
          .forEach(({ row }, i) =>
            VISIBLE.forEach((c, j) => (ws.getRow(row).getCell(c).value = values[i]![j] ?? null)),
          );
      });
      const r = await read(bytes);
      expect(answersReadUnderWrongId(given, r.answers), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});

describe('moving cells', () => {
  it('cut and pasted over another row is an error naming the row the answers came from', async () => {
    const [from, to] = [level2[0]!, level2[4]!];
    let toRow = 0;
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        toRow = rowOf(ws, to).number;
        moveCells(ws, rowOf(ws, from).number, toRow);
      }),
    );
    const [d, ...more] = of(r.diagnostics, 'row-mismatch');
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', sheet: UCD, cell: `B${toRow}`, itemId: to });
    expect(d!.message).toContain('cut and pasted or dragged');
    expect(d!.message).toContain('the row shows 2.01 "');
    expect(d!.fix).toContain('2.01');
    expect(r.answers.ratings[to]).toBeUndefined();
    expect(r.answers.ratings[from]).toBeUndefined();
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
  });

  it('dragging a rating to another row is read where it was put (the respondent sees it there)', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        moveCells(ws, rowOf(ws, level2[0]!).number, rowOf(ws, level3[0]!).number, [4]);
      }),
    );
    expect(r.answers.ratings[level2[0]!]).toBeUndefined();
    expect(r.answers.ratings[level3[0]!]).toBe(answers.ratings[level2[0]!]);
    expect(of(r.diagnostics, 'row-mismatch')).toEqual([]);
  });

  it('deleting cells with "shift up" is an error for every answered row below', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const rows = tableRows(ws, level2[0]!);
        deleteCellsShiftUp(ws, rows[2]!, rows.at(-1)!);
      }),
    );
    expect(of(r.diagnostics, 'row-mismatch').map((d) => d.itemId)).toEqual(level2.slice(2, -1));
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
  });
});

describe('inserting and deleting rows', () => {
  it('a row inserted inside a table with answers but no id is an error naming the row', async () => {
    let at = 0;
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        at = rowOf(ws, level2[3]!).number;
        ws.spliceRows(at, 0, ['', '', 'our own point', 'Fully', 'we do this']);
      }),
    );
    const [d, ...more] = of(r.diagnostics, 'row-without-id');
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', sheet: UCD, cell: `D${at}`, elementId: 'ucd' });
    expect(d!.message).toBe(
      `Sheet "${UCD}", row ${at} has answers (D${at} "Fully", E${at} "we do this") but no ID: this row is not part of the assessment, so its answers are not counted.`,
    );
    expect(r.answers.ratings).toEqual(answers.ratings);
  });

  it('a row appended right below a table is inside it; text below the blank row after a table is not', async () => {
    let after = 0;
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        after = tableRows(ws, level2[0]!).at(-1)! + 1;
        ws.spliceRows(after, 0, ['', '', '', 'Largely']);
      }),
    );
    expect(of(r.diagnostics, 'row-without-id').map((d) => d.cell)).toEqual([`D${after}`]);
    // Start here's steps stand in the About you table's Response column, after its blank row.
    const blank = await read(filled);
    expect(of(blank.diagnostics, 'row-without-id')).toEqual([]);
  });

  it('a deleted row loses its own answers only (reported), the others are read', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        ws.spliceRows(rowOf(ws, level2[1]!).number, 1);
      }),
    );
    expect(of(r.diagnostics, 'items-missing')).toHaveLength(1);
    expect(of(r.diagnostics, 'row-mismatch')).toEqual([]);
    expect(r.answers.ratings[level2[2]!]).toBe(answers.ratings[level2[2]!]);
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
  });
});

describe("a row's text", () => {
  const edit = (id: string, change: (text: string) => string) =>
    mutate(filled, (wb) => {
      const cell = rowOf(sheet(wb), id).getCell(3);
      cell.value = change(String(cell.value));
    });

  it('edited a little (case, spaces, a typo, punctuation) is still its own', async () => {
    const r = await read(
      await edit(level2[0]!, (t) => `  ${t.toUpperCase().replace(/ /g, '  ').replace(/e/i, '3')}!! `),
    );
    expect(r.answers).toEqual(answers);
    expect(of(r.diagnostics, 'row-mismatch')).toEqual([]);
  });

  it("replaced by another item's text is an error, however the Ref reads", async () => {
    const other = framework.elements[0]!.levels[1]!.characteristics[5]!.text;
    const r = await read(await edit(level2[0]!, () => other));
    const [d] = of(r.diagnostics, 'row-mismatch');
    expect(d).toMatchObject({ itemId: level2[0], severity: 'error' });
    expect(r.answers.ratings[level2[0]!]).toBeUndefined();
  });

  it('reworded in a workbook made for another framework version is a warning, and the answers are read', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        rowOf(wb.getWorksheet('_meta')!, 'frameworkVersion').getCell(2).value = '0.9.0';
        rowOf(sheet(wb), level2[0]!).getCell(3).value = 'An older wording of this characteristic';
        rowOf(sheet(wb), level2[1]!).getCell(3).value = ucd.levels[1]!.characteristics[4]!.text;
      }),
    );
    const [reworded, other] = of(r.diagnostics, 'row-mismatch');
    expect(reworded).toMatchObject({ severity: 'warning', itemId: level2[0] });
    expect(reworded!.message).toContain('made for version 0.9.0');
    expect(r.answers.ratings[level2[0]!]).toBe(answers.ratings[level2[0]!]);
    // Another item's text is still an error.
    expect(other).toMatchObject({ severity: 'error', itemId: level2[1] });
    expect(r.answers.ratings[level2[1]!]).toBeUndefined();
  });

  it('rewritten is an error: what the answers are for is no longer clear', async () => {
    const r = await read(await edit(level2[0]!, () => 'Something we wrote ourselves about our design team'));
    const [d] = of(r.diagnostics, 'row-mismatch');
    expect(d!.message).toContain("nor any other item's");
    expect(d!.message).toContain('The text may have been edited.');
    expect(r.answers.ratings[level2[0]!]).toBeUndefined();
  });
});

describe('a rating typed in the Evidence column', () => {
  it('with the Rating cell empty is an error naming both cells (all six level 3 ratings of the issue)', async () => {
    const rows: number[] = [];
    const bytes = await mutate(filled, (wb) => {
      const ws = sheet(wb);
      for (const id of level3) {
        const row = rowOf(ws, id);
        rows.push(row.number);
        row.getCell(5).value = row.getCell(4).value;
        row.getCell(4).value = null;
      }
    });
    const r = await read(bytes);
    const found = of(r.diagnostics, 'rating-in-wrong-column');
    expect(found.map((d) => d.itemId)).toEqual(level3);
    found.forEach((d, i) => {
      expect(d).toMatchObject({ severity: 'error', sheet: UCD, cell: `E${rows[i]}`, elementId: 'ucd' });
      expect(d.message).toBe(
        `Sheet "${UCD}", cell E${rows[i]}: "Fully" is a rating, but the Rating cell D${rows[i]} is empty, so ${level3[i]} counts as unanswered.`,
      );
      expect(d.fix).toBe(`Move it to the Rating column: D${rows[i]}.`);
    });
    for (const id of level3) expect(r.answers.ratings[id]).toBeUndefined();
    for (const id of level3) expect(r.answers.evidence[id]).toBeUndefined();
    expect(answersReadUnderWrongId(answers, r.answers)).toEqual([]);
  });

  it('beside a rating, or as part of a sentence, is evidence', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        rowOf(ws, level3[0]!).getCell(5).value = 'Fully';
        const row = rowOf(ws, level3[1]!);
        row.getCell(4).value = null;
        row.getCell(5).value = 'Fully, in most teams';
      }),
    );
    expect(of(r.diagnostics, 'rating-in-wrong-column')).toEqual([]);
    expect(r.answers.evidence[level3[0]!]).toBe('Fully');
  });
});

describe('the advice on a level the workbook showed', () => {
  it('never says "nothing to do" beside an error in the same workbook', async () => {
    const engine = score(framework, answers).elements[0]!;
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        ws.getRow(rowOf(ws, level2[0]!).number - 1).getCell(4).value = 'Score';
        const cell = rowOf(ws, 'level:ucd').getCell(4);
        cell.value = { formula: cell.formula, result: engine.level === 4 ? 1 : 4 } as ExcelJS.CellValue;
      }),
    );
    expect(of(r.diagnostics, 'column-missing')).toHaveLength(1);
    const [d] = of(r.diagnostics, 'cached-level-differs');
    expect(d!.fix).not.toContain('Nothing to do');
    expect(d!.fix).toMatch(/^Correct the error listed for User centered design first/);
  });

  it('says "nothing to do" when the workbook has no error', async () => {
    const engine = score(framework, answers).elements[0]!;
    const r = await read(
      await mutate(filled, (wb) => {
        const cell = rowOf(sheet(wb), 'level:ucd').getCell(4);
        cell.value = { formula: cell.formula, result: engine.level === 4 ? 1 : 4 } as ExcelJS.CellValue;
      }),
    );
    expect(errors(r.diagnostics)).toEqual([]);
    expect(of(r.diagnostics, 'cached-level-differs')[0]!.fix).toMatch(/^Nothing to do for the report/);
  });
});

describe('_meta', () => {
  it('is read whether very hidden or only hidden (as LibreOffice saves it)', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        wb.getWorksheet('_meta')!.state = 'hidden';
      }),
    );
    expect(r.answers).toEqual(answers);
    expect(r.diagnostics.filter((d) => d.code.startsWith('meta'))).toEqual([]);
  });
});
