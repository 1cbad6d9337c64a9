/** The in-memory Excel API double used by the add-in's tests (node and browser). */
export { FakeExcel } from './run.js';
export { FakeRequestContext, PAYLOAD_LIMIT_BYTES, type SyncRecord } from './context.js';
export { FakeOfficeError } from './errors.js';
export {
  WorkbookModel,
  type CellModel,
  type SheetModel,
  type ValidationModel,
  type ChartModel,
} from './model.js';
export { cellKey, columnLetters, parseRect, type Rect } from './a1.js';
export { checkedApi, hostHas, isSetSupportedBy, type HostApi } from './api-check.js';
