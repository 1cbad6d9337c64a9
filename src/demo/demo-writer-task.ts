/**
 * The helper thread's side of writing the demo's workbooks (./write-demo-workbooks.ts): it takes
 * the next workbook to write from the counter it shares with the main thread, until none is left.
 */
import { parseFramework } from '../framework/index.js';
import { writeDemoShare, type DemoShareTask } from './write-demo-workbooks.js';

/** The guarded worker's entry point (`exportName: 'writeDemoShareTask'`): how many it wrote. */
export function writeDemoShareTask(task: DemoShareTask): Promise<number> {
  const counter = new Int32Array(task.counter);
  return writeDemoShare(parseFramework(task.framework, 'framework'), task.options, task.paths, () =>
    Atomics.add(counter, 0, 1),
  );
}
