/**
 * The helper thread's side of writing the demo's workbooks (./write-demo-workbooks.ts): it takes
 * the next workbook to write from the counter it shares with the main thread, until none is left.
 */
import { FilledWorkbookWriter } from './filled-workbook-writer.js';
import { writeDemoShare, type DemoShareTask } from './write-demo-workbooks.js';

/**
 * The guarded worker's entry point (`exportName: 'writeDemoShareTask'`): how many it wrote.
 *
 * The framework is the main thread's (built in, or a file validated there), by structured clone:
 * not validated again, which would load zod and its schema here for nothing (as the reading
 * workers take it: src/workbook/read/read-file-task.ts). The writer's state, when given, is the
 * main thread's, so this thread patches without loading exceljs.
 */
export function writeDemoShareTask(task: DemoShareTask): Promise<number> {
  const counter = new Int32Array(task.counter);
  return writeDemoShare(
    task.framework,
    task.options,
    task.paths,
    () => Atomics.add(counter, 0, 1),
    task.base ? FilledWorkbookWriter.fromState(task.base) : undefined,
  );
}
