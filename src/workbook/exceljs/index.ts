/** Public API of the exceljs adapter (Node only). */
export { applyPlan, writeWorkbook } from './apply-plan.js';
