/**
 * Messages between runGuarded (./guarded.ts) and its worker (./guarded-worker.ts). Everything here
 * crosses a thread boundary by structured clone, so it is plain data.
 */

/** What the worker is started with (its `workerData`). */
export interface GuardedWorkerInput {
  /** file: URL of the ES module to import. */
  moduleUrl: string;
  exportName: string;
  arg: unknown;
  /** Memory outside the JS heap (Buffers, ArrayBuffers) allowed before the watchdog reports it. */
  maxExternalBytes: number;
  /** How often the watchdog looks, in milliseconds. */
  watchdogMs: number;
}

/** A thrown value, reduced to what can be cloned and shown. */
export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** Present when the task threw an InputRefusedError: the refusal, passed on as it is. */
  refusal?: { code: string; file: string; message: string; fix: string };
}

export type GuardedWorkerMessage =
  | { type: 'result'; value: unknown }
  /** The task threw (or its result could not be cloned). */
  | { type: 'error'; error: SerialisedError }
  /** The module or export could not be loaded: a programming error, not a bad file. */
  | { type: 'setup-error'; error: SerialisedError }
  /** The watchdog saw external memory over the limit. */
  | { type: 'memory'; externalBytes: number };
