/**
 * A1 addresses and sheet references, as Excel writes them. Shared by the plan (formulas), the
 * adapters (ranges) and the reader (diagnostics name cells as Excel shows them).
 */
import type { RangeRef } from './types.js';

/** Column letters for a 1-based column index: 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = (n - 1 - r) / 26;
  }
  return s;
}

/** "D12" for row 12, column 4. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "$D$12": an absolute reference, so formulas stay right when copied. */
export function absoluteAddress(row: number, column: number): string {
  return `$${columnLetter(column)}$${row}`;
}

/** "B4:E9" (or "B4" for a single cell). */
export function rangeAddress(range: RangeRef): string {
  const start = cellAddress(range.row, range.column);
  if (range.rows === 1 && range.columns === 1) return start;
  return `${start}:${cellAddress(range.row + range.rows - 1, range.column + range.columns - 1)}`;
}

/** A sheet name as a formula prefix: always quoted, quotes doubled ("'O''Neil data'!"). */
export function sheetPrefix(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!`;
}

/** A range of cells in one column, e.g. column 7, rows 10–20 → "$G$10:$G$20". */
export function columnRange(column: number, fromRow: number, toRow: number): string {
  return `${absoluteAddress(fromRow, column)}:${absoluteAddress(toRow, column)}`;
}
