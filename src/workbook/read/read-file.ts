/**
 * Reading a returned workbook file (Node): the safety checks of src/io first (size, zip bombs,
 * macros, DTDs…), then the reader. Used by the CLI (through the guarded worker, see
 * ./read-file-task.ts) and by the batch's worker task.
 */
import { readFile } from 'node:fs/promises';
import type { Framework } from '../../framework/index.js';
import type { ReadResult } from '../read-result.js';
import { readWorkbook, WorkbookReadError } from './read-workbook.js';
import { refusedResult } from './refused.js';
import { refuseUnsafeFile } from './refuse-unsafe.js';

/**
 * Reads a workbook file. A file that cannot be read as a workbook at all gives a ReadResult with
 * one blocking error diagnostic (`input-refused` or `not-xlsx`) and no answers, so that callers
 * handling many files can list it with the others.
 */
export async function readWorkbookFile(framework: Framework, file: string): Promise<ReadResult> {
  const refused = (code: string, message: string) => refusedResult(framework, code, message);
  const unsafe = await refuseUnsafeFile(framework, file);
  if (unsafe) return unsafe;
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
