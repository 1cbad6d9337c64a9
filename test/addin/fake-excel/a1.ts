/**
 * A1 addresses as Excel parses them: cells, rectangles, whole columns ("A:C") and whole rows
 * ("3:5"), with or without `$` and a sheet prefix. Rows and columns are 0-based inside.
 */
import { FakeOfficeError } from './errors.js';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** An inclusive, 0-based rectangle of cells. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export const cellKey = (row: number, col: number): string => `${columnLetters(col)}${row + 1}`;

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

/** Splits "'My sheet'!A1:B2" into the sheet name (unquoted) and the local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

function cell(text: string): { row: number; col: number } | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** Parses a local address (no sheet part). Throws InvalidArgument like Excel for anything else. */
export function parseRect(local: string): Rect {
  const bad = () => new FakeOfficeError('InvalidArgument', `The address "${local}" is not valid.`);
  const cols = COLS.exec(local);
  if (cols) {
    const [a, b] = [columnIndex(cols[1]!), columnIndex(cols[2]!)];
    return { top: 0, bottom: MAX_ROWS - 1, left: Math.min(a, b), right: Math.max(a, b) };
  }
  const rows = ROWS.exec(local);
  if (rows) {
    const [a, b] = [Number(rows[1]) - 1, Number(rows[2]) - 1];
    if (a < 0 || b < 0) throw bad();
    return { top: Math.min(a, b), bottom: Math.max(a, b), left: 0, right: MAX_COLUMNS - 1 };
  }
  const [first, second, ...rest] = local.split(':');
  if (rest.length || !first) throw bad();
  const a = cell(first);
  const b = second === undefined ? a : cell(second);
  if (!a || !b) throw bad();
  const rect = {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
  if (rect.top < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS) throw bad();
  return rect;
}

export function formatRect(r: Rect): string {
  const a = cellKey(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellKey(r.bottom, r.right)}`;
}

/** The sheet-qualified address Excel reports, e.g. "'Start here'!A1:B2". */
export function qualified(sheet: string, r: Rect): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${formatRect(r)}`;
}

export const rowCount = (r: Rect): number => r.bottom - r.top + 1;
export const columnCount = (r: Rect): number => r.right - r.left + 1;
