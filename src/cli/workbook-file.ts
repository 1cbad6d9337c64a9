/**
 * Reading a returned workbook file for the CLI: the safety checks of src/io first (size, zip
 * bombs, macros, DTDs…), then the reader. Shared by `dmf score` and `dmf validate`.
 */
import { readFile } from 'node:fs/promises';
import type { Framework } from '../framework/index.js';
import { inspectWorkbookFile } from '../io/inspect-zip.js';
import { formatRefusal } from '../io/refusal.js';
import { cleanLine } from '../text/safe-text.js';
import type { Diagnostic, ReadResult } from '../workbook/read-result.js';
import { readWorkbook, WorkbookReadError } from '../workbook/read/index.js';

/** Files read as workbooks (anything else is read as answers JSON). */
export const isWorkbookPath = (file: string) => /\.(xlsx|xlsm|xls)$/i.test(file);

/**
 * Reads a workbook file. A file that cannot be read as a workbook at all gives a ReadResult with
 * one blocking error diagnostic (`input-refused` or `not-xlsx`) and no answers, so that callers
 * handling many files can list it with the others.
 */
export async function readWorkbookFile(framework: Framework, file: string): Promise<ReadResult> {
  const refused = (code: string, message: string, fix?: string): ReadResult => ({
    meta: { frameworkId: '', frameworkVersion: '', contractVersion: '' },
    answers: {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      ratings: {},
      evidence: {},
      responses: {},
      judgements: {},
    },
    diagnostics: [
      { severity: 'error', code, message: cleanLine(message), ...(fix ? { fix } : {}) } satisfies Diagnostic,
    ],
  });
  const inspection = await inspectWorkbookFile(file, { displayName: file });
  if (!inspection.ok) return refused('input-refused', formatRefusal(inspection.reason));
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return refused(
      'not-xlsx',
      `${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
    );
  }
  try {
    return await readWorkbook(framework, bytes, { fileName: file });
  } catch (e) {
    if (e instanceof WorkbookReadError) return refused(e.code, e.message);
    throw e;
  }
}

/** One diagnostic as printed by the CLI: severity, code, message, then the fix on its own line. */
export function formatDiagnostic(d: Diagnostic, indent = '  '): string {
  const head = `${indent}${d.severity.padEnd(7)} [${d.code}] ${cleanLine(d.message)}`;
  return d.fix ? `${head}\n${indent}${' '.repeat(8)}Fix: ${cleanLine(d.fix)}` : head;
}
