/**
 * The assessment workbook, for Node callers (CLI, batch, report): build the plan, write it with
 * exceljs, read returned workbooks. Browser code imports ./plan/index.js and ./read/core.js.
 */
export * from './plan/index.js';
export * from './read/index.js';
export * from './exceljs/index.js';
export type * from './read-result.js';
