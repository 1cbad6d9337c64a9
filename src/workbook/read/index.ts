/** Public API of the workbook reader (Node: includes the exceljs loading). */
export * from './core.js';
export { readWorkbook, loadWorkbook, WorkbookReadError } from './read-workbook.js';
export { workbookGrids, worksheetGrid } from './exceljs-grid.js';
