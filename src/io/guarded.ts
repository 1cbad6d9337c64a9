/**
 * Runs one file's parsing in a worker thread with a memory limit and a time limit, so that a
 * hostile or pathological workbook costs an error for that file only: never the parent's memory,
 * never a hang, never a crash of the batch.
 *
 * Design: generic and small. The worker (./guarded-worker.ts) imports a given ES module, calls a
 * given exported function with one structured-cloneable argument (e.g. a file path) and posts back
 * its structured-cloneable result. The batch plugs the workbook reader in by naming its module and
 * export; tests plug in tasks that allocate or loop forever.
 *
 * Limits: the worker's V8 heap is capped with `resourceLimits.maxOldGenerationSizeMb` (Node ends
 * the worker with ERR_WORKER_OUT_OF_MEMORY); memory outside the heap (Buffers) is watched by a
 * timer inside the worker; the time limit is a timer here that terminates the worker. Each run
 * gets a fresh worker, terminated afterwards, so nothing leaks from one file into the next.
 *
 * Loading: compiled, this file is lib/io/guarded.js and the worker is lib/io/guarded-worker.js
 * next to it. From TypeScript sources (vitest, `tsx`), this file is src/io/guarded.ts; the worker
 * thread then registers tsx's ESM loader (a dev dependency) before importing guarded-worker.ts,
 * and a task module given as "….js" that exists only as "….ts" is loaded from the .ts file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cleanLine } from '../text/safe-text.js';
import type { GuardedWorkerInput, GuardedWorkerMessage, SerialisedError } from './guarded-protocol.js';
import type { InputRefusal } from './refusal.js';

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

export interface GuardLimits {
  /** Wall-clock limit for one file, in milliseconds. Default 60 000 (the DMF workbook takes < 1 s). */
  timeoutMs: number;
  /** Cap on the worker's V8 old generation (the JS heap), in MB. Default 256. */
  maxOldGenerationSizeMb: number;
  /** Cap on the worker's memory outside the heap (Buffers, ArrayBuffers), in MB. Default 256. */
  maxExternalMb: number;
  /** How often the external-memory watchdog looks, in milliseconds. Default 50. */
  watchdogMs: number;
}

export const DEFAULT_GUARD_LIMITS: Readonly<GuardLimits> = Object.freeze({
  timeoutMs: 60_000,
  maxOldGenerationSizeMb: 256,
  maxExternalMb: 256,
  watchdogMs: 50,
});

export interface GuardOptions {
  limits?: Partial<GuardLimits>;
  /** Aborting ends the worker at once; the result is a 'cancelled' failure. */
  signal?: AbortSignal;
}

export type GuardedFailureCode =
  | 'memory-limit'
  | 'timeout'
  /** The task threw an error. */
  | 'failed'
  /** The task threw an InputRefusedError: `refusal` carries it. */
  | 'refused'
  /** The worker died (uncaught asynchronous error, process.exit) before answering. */
  | 'crashed'
  | 'cancelled';

export interface GuardedFailure {
  code: GuardedFailureCode;
  file: string;
  /** "<file>: …", one line; print with formatRefusal(). */
  message: string;
  fix: string;
  /** The refusal the task threw, for code 'refused'. */
  refusal?: InputRefusal;
  /** The error from the worker, for --debug output. */
  cause?: SerialisedError;
}

export type GuardedResult<R> =
  { ok: true; value: R; elapsedMs: number } | { ok: false; failure: GuardedFailure; elapsedMs: number };

/**
 * Runs `task` in a fresh worker under `limits`. Resolves with the value or with a per-file
 * failure; rejects only for programming errors (module or export not found, argument not
 * cloneable), which would fail for every file alike.
 */
export async function runGuarded<A, R>(
  task: GuardedTask<A>,
  options: GuardOptions = {},
): Promise<GuardedResult<R>> {
  const limits = resolveGuardLimits(options.limits);
  const file = cleanLine(task.label);
  const input: GuardedWorkerInput = {
    moduleUrl: resolveTaskModule(task.module),
    exportName: task.exportName,
    arg: task.arg,
    maxExternalBytes: limits.maxExternalMb * 1024 * 1024,
    watchdogMs: limits.watchdogMs,
  };
  const started = performance.now();
  const { signal } = options;

  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      resolve({ ok: false, failure: failure('cancelled', file, limits), elapsedMs: 0 });
      return;
    }
    const entry = workerEntry();
    const worker = new Worker(entry.filename, {
      eval: entry.eval,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb },
    });
    let settled = false;

    const settle = (
      outcome: { ok: true; value: R } | { ok: false; failure: GuardedFailure } | Error,
    ): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.removeAllListeners('message');
      // Late 'error' events from a dying worker must not become uncaught exceptions.
      worker.on('error', () => {});
      const elapsedMs = Math.round(performance.now() - started);
      const done = (): void =>
        outcome instanceof Error ? reject(outcome) : resolve({ ...outcome, elapsedMs });
      // Wait for the thread to be gone, so its memory is free before the next file starts.
      worker.terminate().then(done, done);
    };

    const timer = setTimeout(
      () => settle({ ok: false, failure: failure('timeout', file, limits) }),
      limits.timeoutMs,
    );
    const onAbort = (): void => settle({ ok: false, failure: failure('cancelled', file, limits) });
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: GuardedWorkerMessage) => {
      switch (message.type) {
        case 'result':
          return settle({ ok: true, value: message.value as R });
        case 'memory':
          return settle({ ok: false, failure: failure('memory-limit', file, limits, 'external') });
        case 'error':
          return settle({ ok: false, failure: thrownFailure(file, message.error) });
        case 'setup-error':
          return settle(new Error(`runGuarded: cannot run ${task.exportName}: ${message.error.message}`));
      }
    });
    worker.on('messageerror', (e) =>
      settle({ ok: false, failure: thrownFailure(file, { name: 'Error', message: e.message }) }),
    );
    worker.on('error', (e: Error & { code?: string }) => {
      const cause: SerialisedError = {
        name: e.name,
        message: e.message,
        ...(e.stack ? { stack: e.stack } : {}),
      };
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return settle({ ok: false, failure: { ...failure('memory-limit', file, limits), cause } });
      }
      settle({ ok: false, failure: { ...failure('crashed', file, limits, e.message), cause } });
    });
    worker.on('exit', (code) =>
      settle({ ok: false, failure: failure('crashed', file, limits, `exit code ${code}`) }),
    );
  });
}

export function resolveGuardLimits(overrides: Partial<GuardLimits> = {}): GuardLimits {
  const limits: GuardLimits = { ...DEFAULT_GUARD_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof GuardLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_GUARD_LIMITS)) throw new RangeError(`unknown guard limit "${String(key)}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`guard limit ${key} must be a positive number, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function failure(code: GuardedFailureCode, file: string, limits: GuardLimits, detail = ''): GuardedFailure {
  const smaller =
    'check that it is the assessment workbook; remove large pictures, extra sheets or pasted data and save it again';
  switch (code) {
    case 'memory-limit':
      return {
        code,
        file,
        message: `${file}: reading it stopped: memory limit exceeded (${
          detail === 'external'
            ? `over ${limits.maxExternalMb} MB of buffers`
            : `over ${limits.maxOldGenerationSizeMb} MB of JavaScript heap`
        })`,
        fix: `${smaller}, or raise the memory limit if the file is genuine`,
      };
    case 'timeout':
      return {
        code,
        file,
        message: `${file}: reading it stopped: took longer than ${seconds(limits.timeoutMs)}`,
        fix: `${smaller}, or raise the time limit if the file is genuine`,
      };
    case 'cancelled':
      return { code, file, message: `${file}: reading it was cancelled`, fix: 'run again to read it' };
    default:
      return {
        code,
        file,
        message: `${file}: reading it stopped unexpectedly (${cleanLine(detail).slice(0, 200)})`,
        fix: 'try again; if it happens again, report the problem with this file',
      };
  }
}

function thrownFailure(file: string, error: SerialisedError): GuardedFailure {
  if (error.refusal) {
    const refusal = error.refusal as InputRefusal;
    return { code: 'refused', file, message: refusal.message, fix: refusal.fix, refusal, cause: error };
  }
  return {
    code: 'failed',
    file,
    message: `${file}: could not be read: ${cleanLine(error.message).slice(0, 300)}`,
    fix: 'check that it is a completed assessment workbook saved by Excel; if it is, report the problem',
    cause: error,
  };
}

/** A file: URL for the task module; "x.js" falls back to "x.ts" when only the source exists. */
export function resolveTaskModule(module: string | URL): string {
  const url =
    module instanceof URL
      ? module
      : /^file:/i.test(module)
        ? new URL(module)
        : pathToFileURL(resolvePath(module));
  if (url.protocol !== 'file:') throw new Error(`runGuarded: module must be a file, got ${url.href}`);
  const path = fileURLToPath(url);
  if (!existsSync(path) && path.endsWith('.js')) {
    const ts = `${path.slice(0, -3)}.ts`;
    if (existsSync(ts)) return pathToFileURL(ts).href;
  }
  return url.href;
}

let tsxApiUrl: string | undefined;

/** The worker to start: compiled JS next to this file, or the .ts source behind tsx's loader. */
function workerEntry(): { filename: string | URL; eval: boolean } {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { filename: new URL('./guarded-worker.js', self), eval: false };
  tsxApiUrl ??= resolveTsxEsmApi();
  const worker = new URL('./guarded-worker.ts', self).href;
  // Evaluated as a CommonJS script in the new thread; import() there loads ES modules.
  const bootstrap = `import(${JSON.stringify(tsxApiUrl)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return { filename: bootstrap, eval: true };
}

/**
 * tsx's ESM register API ("tsx/esm/api", import condition). Resolved through tsx's package.json
 * because require.resolve would pick its CommonJS build, which cannot register ESM hooks here.
 */
function resolveTsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('tsx/package.json');
  } catch {
    throw new Error(
      'runGuarded: running from TypeScript sources needs the "tsx" dev dependency (npm install)',
    );
  }
  const exportsField = (
    JSON.parse(readFileSync(packageJson, 'utf8')) as { exports?: Record<string, unknown> }
  ).exports;
  const api = exportsField?.['./esm/api'] as { import?: { default?: string } } | undefined;
  const target = api?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(packageJson), target)).href;
}
