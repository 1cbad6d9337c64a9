/**
 * Public API of the report module, browser-safe (the Excel add-in builds the same report in the
 * browser). Reading template folders from disk is in ./node/load-template.ts, for Node only.
 *
 *   const vm = buildViewModel({ framework, current: readResult, previous, options });
 *   const bytes = await renderReport(vm, templateFiles);
 */
export { buildViewModel, DEFAULT_MARKING, type ReportInput, type ReportOptions } from './build-view-model.js';
export {
  renderReport,
  renderReportAsPacked,
  buildDocument,
  assembleDocument,
  type DocumentFurniture,
  type RenderOptions,
  type ZipPackage,
} from './render-report.js';
export {
  compileTemplate,
  precompileTemplate,
  templateFromPrecompiled,
  type PrecompiledSpecs,
  MAIN_TEMPLATE,
  STYLESHEET_FILE,
  STYLE_MAP_FILE,
  type CompiledTemplate,
  type TemplateFiles,
} from './compile-template.js';
export { TemplateError } from './template-error.js';
export {
  buildPeerCohort,
  comparePeers,
  MIN_PEERS,
  type PeerCohort,
  type PeerComparison,
  type PeerRow,
} from './peers.js';
export { reportHelpers } from './template-helpers.js';
export { REPORT_STYLE_IDS, type ReportStyleId } from './word-styles.js';
export * from './view-model.js';
