/** The cross-government summary (summary.docx of `dmf batch`): its view model and renderer. */
export * from './summary-model.js';
export { renderSummary, buildSummaryDocument } from './render-summary.js';
