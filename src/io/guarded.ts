/**
 * Runs one file's parsing in a fresh guarded worker: a GuardedPool (./guarded-pool.ts) of one
 * worker, used once and closed. Use it for a single file; a batch keeps a GuardedPool open so that
 * each worker imports exceljs and docx once for many files.
 */
import { GuardedPool, type GuardedResult, type GuardLimits } from './guarded-pool.js';

export {
  DEFAULT_GUARD_LIMITS,
  GuardedPool,
  GuardedSetupError,
  resolveGuardLimits,
  resolveTaskModule,
  type GuardedFailure,
  type GuardedFailureCode,
  type GuardedPoolOptions,
  type GuardedPoolStats,
  type GuardedResult,
  type GuardedRunOptions,
  type GuardLimits,
  type SerialisedError,
} from './guarded-pool.js';

export interface GuardedTask<A> {
  /** The ES module to run, as a file: URL or a path (e.g. `new URL('../workbook/read.js', import.meta.url)`). */
  module: string | URL;
  /** Name of its exported function, called as `fn(arg)`; it may return a promise. */
  exportName: string;
  /** The single argument, passed by structured clone (plain data: a path, options). */
  arg: A;
  /** How the file is named in failure messages, e.g. displayName(path). */
  label: string;
}

export interface GuardOptions {
  limits?: Partial<GuardLimits>;
  /** Aborting ends the worker at once; the result is a 'cancelled' failure. */
  signal?: AbortSignal;
}

/**
 * Runs `task` in a fresh worker under `limits` and waits until the worker is gone. Resolves with
 * the value or with a per-file failure; rejects only for programming errors (module or export not
 * found, argument not cloneable: GuardedSetupError or the clone error), which would fail for every
 * file alike.
 */
export async function runGuarded<A, R>(
  task: GuardedTask<A>,
  options: GuardOptions = {},
): Promise<GuardedResult<R>> {
  const pool = new GuardedPool<A, R>({
    module: task.module,
    exportName: task.exportName,
    size: 1,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  try {
    return await pool.run(task.arg, task.label, options.signal ? { signal: options.signal } : {});
  } finally {
    await pool.close();
  }
}
