/**
 * Returned workbook files for the CLI. A single-file command (`dmf score`, `validate`, `report`)
 * reads each workbook in a guarded worker, with the same memory and time limits as the batch, so a
 * hostile file costs an error message, never the command's memory or a hang.
 */
import { open } from 'node:fs/promises';
import type { Framework } from '../framework/index.js';
import { runGuarded } from '../io/guarded.js';
import { cleanLine } from '../text/safe-text.js';
import type { Diagnostic, ReadResult } from '../workbook/read-result.js';
import type { ReadFileTask } from '../workbook/read/read-file-task.js';
import { refusedResult } from '../workbook/read/refused.js';

/**
 * True when the file holds answers JSON: its text starts with `{` (after a byte order mark and
 * white space), whatever its name. Every other file is read as a workbook, whose first step
 * sniffs what the file really is, so an .ods, a CSV export, an old .xls or a PDF gets the
 * batch's one-line advice instead of "not valid JSON". A file that cannot be opened goes the
 * workbook way too, which says why.
 */
export async function isAnswersJson(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(256);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return /^\s*\{/.test(head.toString('utf8', 0, bytesRead).replace(/^\ufeff/, ''));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a workbook file in a guarded worker. A file that cannot be read at all, or that exceeds a
 * limit, gives a ReadResult with one blocking error diagnostic and no answers, so that callers
 * handling many files can list it with the others.
 *
 * The file's safety checks (sniff and zip inspection, bounded in memory and time by design, see
 * docs/security.md) run once, in the worker, before it parses: the worker's first step
 * (read-file.ts), under its limits. They used to run here first as well, to refuse a file without
 * starting a worker, but a worker now starts in well under 0.1 s, and the second inspection of
 * every good file cost more (yauzl and the inspection: about 0.1 s of CPU, docs/performance.md,
 * issue 24 session 7).
 */
export async function readWorkbookFile(framework: Framework, file: string): Promise<ReadResult> {
  const outcome = await runGuarded<ReadFileTask, ReadResult>({
    module: new URL('../workbook/read/read-file-task.js', import.meta.url),
    exportName: 'readWorkbookFileTask',
    arg: { path: file, framework },
    label: file,
  });
  return outcome.ok
    ? outcome.value
    : refusedResult(framework, 'input-refused', outcome.failure.message, outcome.failure.fix);
}

/** One diagnostic as printed by the CLI: severity, code, message, then the fix on its own line. */
export function formatDiagnostic(d: Diagnostic, indent = '  '): string {
  const head = `${indent}${d.severity.padEnd(7)} [${d.code}] ${cleanLine(d.message)}`;
  return d.fix ? `${head}\n${indent}${' '.repeat(8)}Fix: ${cleanLine(d.fix)}` : head;
}
