/**
 * The safety checks of src/io (size, zip bombs, macros, DTDs…) as a read result: the first step of
 * reading any returned workbook file, run by the guarded worker before it parses (read-file.ts).
 * Cheap to import (no exceljs).
 */
import type { Framework } from '../../framework/index.js';
import { inspectWorkbookFile } from '../../io/inspect-zip.js';
import { formatRefusal } from '../../io/refusal.js';
import type { ReadResult } from '../read-result.js';
import { refusedResult } from './refused.js';

/** The refused result when the file fails the checks; null when it may be read. */
export async function refuseUnsafeFile(framework: Framework, file: string): Promise<ReadResult | null> {
  const inspection = await inspectWorkbookFile(file, { displayName: file });
  return inspection.ok ? null : refusedResult(framework, 'input-refused', formatRefusal(inspection.reason));
}
