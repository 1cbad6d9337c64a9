/**
 * Messages between GuardedPool (./guarded-pool.ts) and its workers (./guarded-worker.ts).
 * Everything here crosses a thread boundary by structured clone, so it is plain data.
 *
 * A worker's life: started with a GuardedWorkerInput, it imports the task module once and posts
 * 'ready' (or 'setup-error' and nothing else). Then, one task at a time, it receives a 'task' and
 * answers with exactly one of 'result', 'error' or 'memory' carrying the task's id; after 'memory'
 * the pool terminates it.
 */

/** What the worker is started with (its `workerData`). */
export interface GuardedWorkerInput {
  /** file: URL of the ES module to import. */
  moduleUrl: string;
  exportName: string;
  /** Passed to every call as the second argument: `fn(arg, workerData)`. */
  workerData: unknown;
  /**
   * Memory outside the JS heap (Buffers, ArrayBuffers) a task may hold, above the worker's
   * baseline measured once the task module is imported, before the watchdog reports it.
   */
  maxExternalBytes: number;
  /** How often the watchdog looks while a task runs, in milliseconds. */
  watchdogMs: number;
}

/** Pool to worker: run one task. */
export interface GuardedTaskRequest {
  type: 'task';
  id: number;
  arg: unknown;
}

/** A thrown value, reduced to what can be cloned and shown. */
export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** Present when the task threw an InputRefusedError: the refusal, passed on as it is. */
  refusal?: { code: string; file: string; message: string; fix: string };
  /**
   * What to do, when the task's error says so itself (an Error with a string `fix`, e.g. "correct
   * the template"): a failure that is not the file's fault is then not blamed on the file.
   */
  fix?: string;
}

/** The worker's memory after a task, so the pool can retire a worker that keeps too much. */
export interface WorkerMemory {
  /** V8 heap in use (live objects and not yet collected garbage), in bytes. */
  heapUsedBytes: number;
  /** Memory outside the heap above the worker's baseline, in bytes. */
  externalBytes: number;
}

export type GuardedWorkerMessage =
  /** The task module is imported and its export found; `baselineExternalBytes` is not counted. */
  | { type: 'ready'; baselineExternalBytes: number }
  /** The module or export could not be loaded: a programming error, not a bad file. */
  | { type: 'setup-error'; error: SerialisedError }
  | { type: 'result'; id: number; value: unknown; memory: WorkerMemory }
  /** The task threw (or its result could not be cloned). */
  | { type: 'error'; id: number; error: SerialisedError; memory: WorkerMemory }
  /** The watchdog saw memory outside the heap over the limit (above the baseline) during task `id`. */
  | { type: 'memory'; id: number; externalBytes: number };
