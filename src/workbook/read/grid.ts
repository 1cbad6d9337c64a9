/**
 * What the reader sees of a workbook: each sheet as a grid of plain cell data. The exceljs
 * adapter (./exceljs-grid.ts) and the add-in's Office.js adapter (one `usedRange` load of
 * `formulas`, `values` and `valueTypes` per sheet) both produce it, so one parser serves both.
 */

/** A cell's error value as Excel shows it, e.g. "#REF!". */
export interface CellError {
  error: string;
}

/** A value a cell holds or a formula computed. Rich text arrives flattened to a string. */
export type CellScalar = string | number | boolean | Date | CellError;

/**
 * A formula cell: the formula (without "=") and the result cached in the file, which the reader
 * never uses as an answer (only to warn when a computed level shown to the respondent was stale).
 */
export interface CellFormula {
  formula: string;
  result: CellScalar | null;
}

export type CellData = CellScalar | CellFormula | null;

export interface SheetGrid {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** `rows[r - 1][c - 1]` is the cell in Excel row r, column c; missing entries are empty cells. */
  rows: ReadonlyArray<ReadonlyArray<CellData | undefined> | undefined>;
}

export const isFormula = (c: CellData | undefined): c is CellFormula =>
  typeof c === 'object' && c !== null && !(c instanceof Date) && 'formula' in c;

export const isError = (c: CellData | undefined): c is CellError =>
  typeof c === 'object' && c !== null && !(c instanceof Date) && 'error' in c;
