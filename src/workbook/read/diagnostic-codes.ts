/**
 * Every diagnostic the reader gives, by code. docs/workbook-contract.md lists them for analysts;
 * a test checks that the two lists agree.
 */
import type { ReadResult, Severity } from '../read-result.js';

export const DIAGNOSTIC_CODES = {
  'not-xlsx': 'The file is not an Excel workbook (.xlsx) at all.',
  'input-refused': 'The safety checks refused the file before parsing (too large, zip bomb, macros, …).',
  'not-an-assessment': 'A workbook, but not an assessment: no `_meta` sheet and no item ids.',
  'framework-mismatch': 'The workbook was made for another framework.',
  'contract-unsupported': 'The workbook uses a layout (contract major version) this reader cannot read.',
  'contract-newer': 'The workbook uses a newer minor version of the layout; read as far as understood.',
  'framework-version-differs': 'Same framework, another version: ids are matched as they are.',
  'meta-missing': 'The hidden `_meta` sheet is missing; the workbook is read as one of this framework.',
  'meta-incomplete': 'The `_meta` sheet lacks a value the reader expects.',
  'sheet-missing': 'No item of an element was found: its sheet was deleted.',
  'items-missing': 'Some rows of an element were deleted.',
  'duplicate-id': 'An item id appears more than once; the item is left unanswered.',
  'unknown-id': 'Rows with ids that the framework does not know; ignored.',
  'column-missing': 'A table lost a column header the reader needs (Rating, Evidence or comment, Response).',
  'rating-off-scale': 'A rating that is not on the scale; the characteristic counts as unanswered.',
  'formula-in-answer': 'An answer cell holds a formula; formulas are never evaluated.',
  'cell-error': 'An answer cell holds an error value such as #REF!.',
  'row-mismatch':
    "A row's visible Ref or text is not its id's (sorted without the ID column, moved, edited); its answers are not used.",
  'rating-in-wrong-column':
    'A rating typed in the Evidence or Response cell of a row whose Rating cell is empty.',
  'row-without-id':
    'A row inside a table has answers but no id (an inserted row); its answers are not counted.',
  'judgement-off-scale': 'The own judgement is not one of the level names.',
  'marking-too-long':
    'The protective marking in "About you" is longer than a report can print whole (reports refuse it unless another is given).',
  unanswered: 'How many characteristics and questions of an element have no answer (one per element).',
  'moderation-unsettled':
    'An agreed workbook (dmf moderate) still has ratings to agree: how many and where, one per sheet.',
  'moderation-record-unreadable':
    'The `moderation` record in `_meta` of an agreed workbook cannot be read; it cannot stand for its sources.',
  'cached-level-differs': 'The level the workbook showed differs from the recomputed one.',
  'sheet-skipped':
    'Add-in only: a sheet with no table headed "ID" and no `_meta` marker was not read (not the assessment\'s).',
  'cells-not-read':
    'Add-in only: part of a sheet was not read, to stay within what Excel can send at once (names the rows or columns).',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Codes after which nothing was read: the file cannot be scored. */
export const BLOCKING_CODES: ReadonlySet<DiagnosticCode> = new Set([
  'not-xlsx',
  'input-refused',
  'not-an-assessment',
  'framework-mismatch',
  'contract-unsupported',
]);

/** The diagnostic that stopped reading, if any (the workbook then has no answers). */
export function blockingDiagnostic(result: Pick<ReadResult, 'diagnostics'>) {
  return result.diagnostics.find((d) => BLOCKING_CODES.has(d.code as DiagnosticCode));
}

/** Counts of diagnostics by severity. */
export function countBySeverity(result: Pick<ReadResult, 'diagnostics'>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of result.diagnostics) counts[d.severity]++;
  return counts;
}
