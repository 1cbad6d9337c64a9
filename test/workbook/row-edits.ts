/**
 * What a respondent can do to the rows of an element sheet, done with exceljs on a filled
 * workbook: sort, cut and paste, drag, insert, delete. Shared by row-edits.test.ts and the
 * LibreOffice re-save tests. Columns B–E are what a respondent sees and selects; A (ID) and F–H
 * (helpers) are hidden.
 */
import type ExcelJS from 'exceljs';
import type { Answers } from '../../src/scoring/index.js';
import { rowOf } from './helpers.js';

/** The visible columns of an element sheet: Ref, text, Rating, Evidence/Response. */
export const VISIBLE = [2, 3, 4, 5] as const;

type Values = ExcelJS.CellValue[];

const valuesOf = (ws: ExcelJS.Worksheet, row: number, columns: readonly number[]): Values =>
  columns.map((c) => ws.getRow(row).getCell(c).value);

const write = (ws: ExcelJS.Worksheet, row: number, columns: readonly number[], values: Values) =>
  columns.forEach((c, i) => (ws.getRow(row).getCell(c).value = values[i] ?? null));

/** The rows of the table holding `id`: every row with an id in column A around it. */
export function tableRows(ws: ExcelJS.Worksheet, id: string): number[] {
  const at = rowOf(ws, id).number;
  const hasId = (r: number) => {
    const v = ws.getRow(r).getCell(1).value;
    return typeof v === 'string' && v !== '' && v !== 'ID';
  };
  let from = at;
  while (from > 1 && hasId(from - 1)) from--;
  let to = at;
  while (hasId(to + 1)) to++;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));

/**
 * Sorts `rows` by the value in `byColumn`, moving only `columns` (B–E: "select the visible
 * columns, sort"), as a spreadsheet does: ascending, empty cells last, stable.
 */
export function sortRows(
  ws: ExcelJS.Worksheet,
  rows: readonly number[],
  byColumn: number,
  columns: readonly number[] = VISIBLE,
  descending = false,
): void {
  const key = columns.indexOf(byColumn);
  const lines = rows.map((r) => valuesOf(ws, r, columns));
  const sorted = [...lines].sort((a, b) => {
    const [x, y] = [text(a[key]), text(b[key])];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    const order = x.localeCompare(y, 'en', { sensitivity: 'base' });
    return descending ? -order : order;
  });
  rows.forEach((r, i) => write(ws, r, columns, sorted[i]!));
}

/** Moves `columns` of row `from` to row `to` (cut and paste, or drag), leaving `from` empty. */
export function moveCells(
  ws: ExcelJS.Worksheet,
  from: number,
  to: number,
  columns: readonly number[] = VISIBLE,
): void {
  const values = valuesOf(ws, from, columns);
  write(
    ws,
    from,
    columns,
    columns.map(() => null),
  );
  write(ws, to, columns, values);
}

/** Deletes `columns` of one row with "shift cells up": the rows below (to `last`) move up one. */
export function deleteCellsShiftUp(
  ws: ExcelJS.Worksheet,
  row: number,
  last: number,
  columns: readonly number[] = VISIBLE,
): void {
  for (let r = row; r < last; r++) write(ws, r, columns, valuesOf(ws, r + 1, columns));
  write(
    ws,
    last,
    columns,
    columns.map(() => null),
  );
}

/** Every answer read is the one given for that id: nothing is ever read under another id. */
export function answersReadUnderWrongId(given: Answers, read: Answers): string[] {
  const wrong: string[] = [];
  for (const kind of ['ratings', 'evidence', 'responses'] as const)
    for (const [id, value] of Object.entries(read[kind]))
      if (given[kind][id] !== value) wrong.push(`${kind} ${id}: read ${value}, given ${given[kind][id]}`);
  return wrong;
}
