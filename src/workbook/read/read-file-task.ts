/**
 * The guarded worker's entry for reading one workbook file (`exportName: 'readWorkbookFileTask'`).
 *
 * The framework comes from the command's own thread, which has loaded it (the built-in one, or a
 * file validated there), by structured clone: plain data, the same framework. It is not validated
 * again here: that would load zod and its schema in the worker for nothing (about 0.2 s of CPU,
 * docs/performance.md, issue 24 session 7). What is untrusted is the workbook, and the worker's
 * limits and the reader's checks are for it.
 */
import type { Framework } from '../../framework/index.js';
import type { ReadResult } from '../read-result.js';
import { readWorkbookFile } from './read-file.js';

export interface ReadFileTask {
  path: string;
  framework: Framework;
}

export async function readWorkbookFileTask(task: ReadFileTask): Promise<ReadResult> {
  return readWorkbookFile(task.framework, task.path);
}
