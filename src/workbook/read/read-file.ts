/**
 * Reading a returned workbook file (Node): the safety checks of src/io first (size, zip bombs,
 * macros, DTDs…), then the reader. Used by the CLI (through the guarded worker, see
 * ./read-file-task.ts) and by the batch's worker task.
 */
import type { Framework } from '../../framework/index.js';
import { inspectAndKeepWorkbookFile } from '../../io/inspect-zip.js';
import { formatRefusal } from '../../io/refusal.js';
import type { ReadResult } from '../read-result.js';
import type { ReadOptions } from './read-grids.js';
import { readWorkbook, WorkbookReadError } from './read-workbook.js';
import { refusedResult } from './refused.js';

/**
 * Reads a workbook file. A file that cannot be read as a workbook at all gives a ReadResult with
 * one blocking error diagnostic (`input-refused` or `not-xlsx`) and no answers, so that callers
 * handling many files can list it with the others.
 */
export async function readWorkbookFile(
  framework: Framework,
  file: string,
  options: Pick<ReadOptions, 'onScored'> = {},
): Promise<ReadResult> {
  // The file is read once: the inspection checks these bytes, inflating each part once, and the
  // reader parses the same bytes and parts (docs/performance.md, issue 24 session 8).
  const checked = await inspectAndKeepWorkbookFile(file, { displayName: file });
  if (!checked.ok) return refusedResult(framework, 'input-refused', formatRefusal(checked.reason));
  try {
    return await readWorkbook(framework, checked.workbook, { ...options, fileName: file });
  } catch (e) {
    if (e instanceof WorkbookReadError) return refusedResult(framework, e.code, e.message);
    throw e;
  }
}
