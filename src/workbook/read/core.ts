/**
 * The browser-safe part of the reader (no exceljs, no Node): what the add-in imports. It builds
 * grids from Office.js ranges itself and calls readGrids().
 */
export { isMetaMarker, readGrids, tableHeader, type ReadOptions } from './read-grids.js';
export { isError, isFormula } from './grid.js';
export type { CellData, CellError, CellFormula, CellScalar, SheetGrid } from './grid.js';
export {
  BLOCKING_CODES,
  DIAGNOSTIC_CODES,
  blockingDiagnostic,
  countBySeverity,
  type DiagnosticCode,
} from './diagnostic-codes.js';
