/**
 * The safe-input layer: everything the reader, CLI and batch call before and around exceljs.
 * See docs/security.md for the threats and limits.
 */
export { DEFAULT_INPUT_LIMITS, formatBytes, resolveLimits, type InputLimits } from './limits.js';
export {
  displayName,
  formatRefusal,
  InputRefusedError,
  refusal,
  type InputRefusal,
  type InputRefusalCode,
} from './refusal.js';
export { sniffBytes, sniffFile, type SniffResult } from './sniff.js';
export {
  inspectAndKeepWorkbookFile,
  inspectWorkbookBuffer,
  inspectWorkbookFile,
  type InspectOptions,
  type InspectResult,
  type KeptInspectResult,
  type ZipInspection,
} from './inspect-zip.js';
export type { CheckedPart, CheckedWorkbook } from './checked-parts.js';
export {
  DEFAULT_GUARD_LIMITS,
  GuardedPool,
  GuardedSetupError,
  runGuarded,
  type GuardedFailure,
  type GuardedFailureCode,
  type GuardedPoolOptions,
  type GuardedPoolStats,
  type GuardedResult,
  type GuardedRunOptions,
  type GuardedTask,
  type GuardLimits,
  type GuardOptions,
} from './guarded.js';
export {
  OutputExistsError,
  writeFileAtomic,
  type AtomicWriteOptions,
  type FileData,
} from './atomic-write.js';
export { FileNameAllocator, safeFileName, truncateUtf8, type SafeNameOptions } from './safe-filename.js';
