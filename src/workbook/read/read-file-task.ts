/**
 * The guarded worker's entry for reading one workbook file (`exportName: 'readWorkbookFileTask'`):
 * the framework travels as plain data and is validated again here.
 */
import { parseFramework } from '../../framework/index.js';
import type { ReadResult } from '../read-result.js';
import { readWorkbookFile } from './read-file.js';

export interface ReadFileTask {
  path: string;
  framework: unknown;
}

export async function readWorkbookFileTask(task: ReadFileTask): Promise<ReadResult> {
  return readWorkbookFile(parseFramework(task.framework, 'framework'), task.path);
}
