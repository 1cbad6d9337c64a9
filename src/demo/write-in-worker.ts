/**
 * The demo's workbooks written in a worker thread of their own, so that `dmf demo`'s main thread
 * starts the batch as small as `dmf batch`'s.
 *
 * Why: writing 500 workbooks grows a thread's heap to 140–170 MB (plans, exceljs, the patches);
 * V8 keeps what it has grown to until a full collection happens to shrink it, which depends on
 * timing, so the main thread carried 90 to 170 MB of heap into the batch, to the end of the run
 * where its peak is (docs/performance.md, issue 24 session 8). A worker's heap is handed back to
 * the system whole when it ends. The workbooks are the same bytes: the same function writes them
 * (with its helper thread beside it, `threads: 2`), only in another thread.
 */
import type { DemoWorkbooksOptions } from './write-demo-workbooks.js';

/** The worker's entry point (`exportName: 'writeDemoWorkbooksTask'`): the built-in framework's round; the paths written. */
export async function writeDemoWorkbooksTask(options: DemoWorkbooksOptions): Promise<string[]> {
  const [{ builtInFramework }, { writeDemoWorkbooks }] = await Promise.all([
    import('../framework/index.js'),
    import('./write-demo-workbooks.js'),
  ]);
  return writeDemoWorkbooks(builtInFramework(), options);
}

/** writeDemoWorkbooks for the built-in framework, run in a worker that ends when they are written. */
export async function writeDemoWorkbooksInWorker(options: DemoWorkbooksOptions): Promise<string[]> {
  const { runGuarded } = await import('../io/guarded.js');
  const result = await runGuarded<DemoWorkbooksOptions, string[]>(
    {
      module: new URL('./write-in-worker.js', import.meta.url),
      exportName: 'writeDemoWorkbooksTask',
      arg: options,
      label: 'the demo workbooks',
    },
    // Our own data, not a returned file: the limits only keep a bug from running away. The young
    // generation as large as a main thread's (V8's default), as the helper thread's: a smaller one
    // costs CPU on every workbook (docs/performance.md, issue 24 session 7); the heap grows with
    // the round (every department's answers are made first).
    {
      limits: {
        timeoutMs: Math.max(600_000, options.count * 2_000),
        maxYoungGenerationSizeMb: 48,
        maxOldGenerationSizeMb: 1024,
      },
    },
  );
  if (!result.ok) throw new Error(`${result.failure.message} (${result.failure.fix})`);
  return result.value;
}
