/**
 * Public API of the workbook plan: the assessment workbook as data (browser-safe, no I/O).
 * Adapters: src/workbook/exceljs (Node, `dmf template`) and src/addin (Office.js).
 */
export type * from './types.js';
export * from '../contract.js';
export { buildPlan, type PlanOptions } from './build-plan.js';
export { PlanError } from './layout.js';
export { cellAddress, columnLetter, rangeAddress, sheetPrefix } from './address.js';
export { officeFormula, officeFormulas, officeListSource } from './office.js';
