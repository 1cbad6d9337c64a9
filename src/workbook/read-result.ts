/**
 * What reading a returned workbook gives: its metadata, the answers by item id, and diagnostics.
 * Shared by the reader (src/workbook), the report (data-quality section), batch and the add-in.
 */
import type { Answers } from '../scoring/index.js';
import type { ModerationRecord } from '../round/moderation-record.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One problem found in a workbook. `message` says what is wrong in plain English, `fix` what the
 * respondent or analyst should do; `sheet` and `cell` say where (as Excel shows them, e.g. "B12").
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. "rating-off-scale", "duplicate-id", "sheet-missing". */
  code: string;
  message: string;
  fix?: string;
  sheet?: string;
  cell?: string;
  /** The framework item concerned, when there is one. */
  itemId?: string;
  /** Element concerned, when there is one. */
  elementId?: string;
}

/** Metadata of an assessment workbook: from the hidden _meta sheet and the Start here fields. */
export interface WorkbookMeta {
  frameworkId: string;
  frameworkVersion: string;
  contractVersion: string;
  createdAt?: string;
  createdBy?: string;
  department?: string;
  respondent?: string;
  role?: string;
  contact?: string;
  date?: string;
  marking?: string;
  /** Only in an agreed workbook made by `dmf moderate`: its sources and what was left to agree. */
  moderation?: ModerationRecord;
}

export interface ReadResult {
  meta: WorkbookMeta;
  /** Item-level problems leave the item out (it counts as unanswered) and add a diagnostic. */
  answers: Answers;
  diagnostics: Diagnostic[];
}
