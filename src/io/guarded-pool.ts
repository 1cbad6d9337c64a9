/**
 * Guarded workers: parsing an untrusted file runs in a worker thread with a memory limit and a time
 * limit, so that a hostile or pathological workbook costs an error for that file only: never the
 * parent's memory, never a hang, never a crash of the batch. This is the one mechanism for it;
 * `runGuarded` (./guarded.ts) is a pool of one worker used once.
 *
 * Design: generic and small. Each worker (./guarded-worker.ts) imports a given ES module ONCE,
 * then serves tasks one at a time: it calls the named export as `fn(arg, workerData)` and posts
 * back its structured-cloneable result. The batch plugs the workbook reader in by naming its
 * module and export; tests plug in tasks that allocate or loop forever. Workers are long-lived
 * because importing exceljs and docx costs far more than reading one workbook.
 *
 * Limits, per task:
 * - the worker's V8 heap is capped with `resourceLimits.maxOldGenerationSizeMb` (Node ends the
 *   worker with ERR_WORKER_OUT_OF_MEMORY). The cap is absolute: it includes the loaded modules.
 * - memory outside the heap (Buffers) is watched by a timer inside the worker while a task runs,
 *   RELATIVE to the worker's baseline measured once the task module is imported (so the modules'
 *   own buffers are not charged to the file). It is not reset between tasks: what earlier tasks
 *   left counts, which keeps every worker's total bounded.
 * - the time limit is a timer here, started when the task is handed to a ready worker (waiting in
 *   the queue and starting a worker do not count).
 * A task that exceeds a limit, crashes its worker or is cancelled fails alone: its worker is
 * terminated (and gone, memory freed) before the failure is reported and a replacement starts;
 * queued tasks carry on with the other workers. A worker that still holds more than half of either
 * memory budget after a task is retired and replaced, so one file's leftovers cannot make the next
 * file fail. A task whose reused worker crashes is run once more (on the next free worker: the
 * crashed one is gone, with whatever an earlier task left in it, a timer say) before it is
 * reported as crashed; a task that crashes a worker it started on first is reported at once.
 *
 * Programming errors reject instead of failing one file: a module or export that cannot be
 * loaded, a worker that cannot start, an argument or workerData that cannot be cloned. A worker
 * that cannot start is never restarted: every queued and later task rejects with the same
 * GuardedSetupError.
 *
 * Loading: compiled, this file is lib/io/guarded-pool.js and the worker is lib/io/guarded-worker.js
 * next to it. From TypeScript sources (vitest, `tsx`), this file is src/io/guarded-pool.ts; the
 * worker thread then registers tsx's ESM loader (a dev dependency) before importing
 * guarded-worker.ts, and a task module given as "….js" that exists only as "….ts" is loaded from
 * the .ts file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cleanLine } from '../text/safe-text.js';
import type {
  GuardedTaskRequest,
  GuardedWorkerInput,
  GuardedWorkerMessage,
  SerialisedError,
  WorkerMemory,
} from './guarded-protocol.js';
import type { InputRefusal } from './refusal.js';

export type { SerialisedError } from './guarded-protocol.js';

export interface GuardLimits {
  /** Wall-clock limit for one file, in milliseconds. Default 60 000 (the DMF workbook takes < 1 s). */
  timeoutMs: number;
  /** Cap on the worker's V8 old generation (the JS heap, loaded modules included), in MB. Default 256. */
  maxOldGenerationSizeMb: number;
  /**
   * Cap on the worker's V8 young generation (where short-lived objects are made), in MB. Default
   * 12: building a report makes garbage fast, and V8's default lets each worker's nursery grow to
   * tens of MB that the process keeps; 12 MB saves about 65 MB of a 2-worker batch's peak for
   * about 6% more time (docs/performance.md).
   */
  maxYoungGenerationSizeMb: number;
  /**
   * Cap on the memory outside the heap (Buffers, ArrayBuffers) a worker may hold above its
   * baseline once the task module is loaded, in MB. Default 256.
   */
  maxExternalMb: number;
  /** How often the external-memory watchdog looks, in milliseconds. Default 50. */
  watchdogMs: number;
}

export const DEFAULT_GUARD_LIMITS: Readonly<GuardLimits> = Object.freeze({
  timeoutMs: 60_000,
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 12,
  maxExternalMb: 256,
  watchdogMs: 50,
});

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

/** `elapsedMs`: the time the task ran in its worker (queueing and worker start not included). */
export type GuardedResult<R> =
  { ok: true; value: R; elapsedMs: number } | { ok: false; failure: GuardedFailure; elapsedMs: number };

export interface GuardedPoolOptions {
  /** The ES module to run, as a file: URL or a path (e.g. `new URL('../workbook/read.js', import.meta.url)`). */
  module: string | URL;
  /** Name of its exported function, called as `fn(arg, workerData)`; it may return a promise. */
  exportName: string;
  /** Most workers running at once (e.g. the number of cores); each has its own limits. */
  size: number;
  limits?: Partial<GuardLimits>;
  /** Cloned once into every worker and passed to every call as the second argument. */
  workerData?: unknown;
}

export interface GuardedRunOptions {
  /** Aborting a queued task drops it; a running one ends its worker at once. Result: 'cancelled'. */
  signal?: AbortSignal;
}

/** A programming error that would fail every file alike: the task module cannot run at all. */
export class GuardedSetupError extends Error {
  override name = 'GuardedSetupError';
  constructor(
    message: string,
    /** The error inside the worker, when there was one. */
    readonly detail?: SerialisedError,
  ) {
    super(message);
  }
}

export interface GuardedPoolStats {
  /** Workers alive now (starting, idle or busy). */
  workers: number;
  /** Tasks running now. */
  running: number;
  /** Tasks waiting for a worker. */
  queued: number;
  /** Workers started since the pool was created. */
  started: number;
}

interface Job<R> {
  arg: unknown;
  file: string;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  resolve: (result: GuardedResult<R>) => void;
  reject: (error: Error) => void;
  /** Already run again after its reused worker crashed. */
  retried: boolean;
}

interface Slot<R> {
  worker: Worker;
  ready: boolean;
  /** Limits how long importing the task module may take. */
  startTimer: NodeJS.Timeout | undefined;
  /** Tasks this worker has answered. */
  served: number;
  job: Job<R> | undefined;
  taskId: number;
  taskStarted: number;
  taskTimer: NodeJS.Timeout | undefined;
}

/** Starting a worker (importing the task module) may take at least this long before it is an error. */
const MIN_START_MS = 30_000;

/**
 * Long-lived guarded workers, at most `size` at once, started as tasks arrive. `run()` resolves
 * with the value or a per-file failure; it rejects only for programming errors (see above).
 * Always `close()` the pool: idle workers do not keep the process alive, but they hold memory.
 */
export class GuardedPool<A, R> {
  private readonly limits: GuardLimits;
  private readonly size: number;
  private readonly exportName: string;
  private readonly input: GuardedWorkerInput;
  private readonly queue: Job<R>[] = [];
  private readonly slots = new Set<Slot<R>>();
  /** Workers being terminated: they still count against `size` until their memory is free. */
  private readonly dying = new Set<Promise<unknown>>();
  private nextTaskId = 1;
  private started = 0;
  private closed = false;
  private setupError: GuardedSetupError | undefined;

  constructor(options: GuardedPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`GuardedPool: size must be a positive integer, got ${String(options.size)}`);
    }
    this.size = options.size;
    this.limits = resolveGuardLimits(options.limits);
    this.exportName = options.exportName;
    this.input = {
      moduleUrl: resolveTaskModule(options.module),
      exportName: options.exportName,
      workerData: options.workerData,
      maxExternalBytes: this.limits.maxExternalMb * 1024 * 1024,
      watchdogMs: this.limits.watchdogMs,
    };
  }

  /** Runs `fn(arg, workerData)` in a worker; `label` names the file in failure messages. */
  run(arg: A, label: string, options: GuardedRunOptions = {}): Promise<GuardedResult<R>> {
    if (this.setupError) return Promise.reject(this.setupError);
    if (this.closed) return Promise.reject(new Error('GuardedPool: run() after close()'));
    const file = cleanLine(label);
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.resolve({ ok: false, failure: failure('cancelled', file, this.limits), elapsedMs: 0 });
    }
    return new Promise((resolve, reject) => {
      const job: Job<R> = {
        arg,
        file,
        signal,
        onAbort: () => this.cancel(job),
        resolve,
        reject,
        retried: false,
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Ends every worker and waits until they are gone; tasks queued or running become 'cancelled'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, this.cancelled(job), 0);
    for (const slot of [...this.slots]) {
      const job = slot.job;
      this.discard(slot);
      if (job) this.settle(job, this.cancelled(job), performance.now() - slot.taskStarted);
    }
    await Promise.all(this.dying);
  }

  stats(): GuardedPoolStats {
    let running = 0;
    for (const slot of this.slots) if (slot.job) running++;
    return { workers: this.slots.size, running, queued: this.queue.length, started: this.started };
  }

  /** Hands queued tasks to idle workers and starts workers for the rest, up to `size`. */
  private dispatch(): void {
    if (this.closed || this.setupError) return;
    for (const slot of this.slots) {
      // A loop: assign() leaves the worker idle when the argument cannot be cloned.
      while (slot.ready && !slot.job && this.queue.length > 0)
        this.assign(slot, this.queue.shift() as Job<R>);
    }
    let starting = 0;
    for (const slot of this.slots) if (!slot.ready) starting++;
    while (
      this.queue.length > starting &&
      this.slots.size + this.dying.size < this.size &&
      !this.setupError
    ) {
      this.spawn();
      starting++;
    }
    // Busy workers, and starting ones that tasks wait for, keep the process alive; idle ones do not.
    for (const slot of this.slots) {
      if (slot.job || (!slot.ready && this.queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private spawn(): void {
    let worker: Worker;
    try {
      const entry = workerEntry();
      worker = new Worker(entry.filename, {
        eval: entry.eval,
        workerData: this.input,
        resourceLimits: {
          maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb,
          maxYoungGenerationSizeMb: this.limits.maxYoungGenerationSizeMb,
        },
      });
    } catch (e) {
      // tsx missing, or workerData that cannot be cloned.
      this.breakPool(this.setupFailure(e instanceof Error ? e.message : String(e)));
      return;
    }
    this.started++;
    const startMs = Math.max(this.limits.timeoutMs, MIN_START_MS);
    const slot: Slot<R> = {
      worker,
      ready: false,
      startTimer: setTimeout(
        () => this.breakPool(this.setupFailure(`the worker did not start within ${seconds(startMs)}`)),
        startMs,
      ),
      served: 0,
      job: undefined,
      taskId: 0,
      taskStarted: 0,
      taskTimer: undefined,
    };
    slot.startTimer?.unref();
    this.slots.add(slot);

    worker.on('message', (message: GuardedWorkerMessage) => this.onMessage(slot, message));
    worker.on('messageerror', (e) => {
      const job = slot.job;
      if (job) this.complete(slot, { ok: false, failure: thrownFailure(job.file, serialise(e)) });
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (!this.slots.has(slot)) return;
      if (!slot.ready) return this.breakPool(this.setupFailure(`the worker failed to start: ${e.message}`));
      const job = slot.job;
      if (!job) return this.retire(slot);
      const cause = serialise(e);
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return this.fail(slot, { ...failure('memory-limit', job.file, this.limits), cause });
      }
      this.fail(slot, { ...failure('crashed', job.file, this.limits, e.message), cause });
    });
    worker.on('exit', (code) => {
      if (!this.slots.has(slot)) return;
      if (!slot.ready) {
        return this.breakPool(
          this.setupFailure(`the worker stopped before it was ready (exit code ${code})`),
        );
      }
      const job = slot.job;
      if (!job) return this.retire(slot);
      this.fail(slot, failure('crashed', job.file, this.limits, `exit code ${code}`));
    });
  }

  private onMessage(slot: Slot<R>, message: GuardedWorkerMessage): void {
    if (!this.slots.has(slot)) return;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        clearTimeout(slot.startTimer);
        return this.dispatch();
      case 'setup-error':
        return this.breakPool(this.setupFailure(message.error.message, message.error));
      case 'result':
        if (!slot.job || message.id !== slot.taskId) return;
        return this.complete(slot, { ok: true, value: message.value as R }, message.memory);
      case 'error':
        if (!slot.job || message.id !== slot.taskId) return;
        return this.complete(
          slot,
          { ok: false, failure: thrownFailure(slot.job.file, message.error) },
          message.memory,
        );
      case 'memory':
        if (!slot.job || message.id !== slot.taskId) return;
        return this.fail(slot, failure('memory-limit', slot.job.file, this.limits, 'external'));
    }
  }

  private assign(slot: Slot<R>, job: Job<R>): void {
    const request: GuardedTaskRequest = { type: 'task', id: this.nextTaskId++, arg: job.arg };
    try {
      slot.worker.postMessage(request);
    } catch (e) {
      // An argument that cannot be cloned is the caller's bug; the worker is untouched.
      this.settleError(job, e instanceof Error ? e : new Error(String(e)));
      return;
    }
    slot.job = job;
    slot.taskId = request.id;
    slot.taskStarted = performance.now();
    slot.taskTimer = setTimeout(
      () => this.fail(slot, failure('timeout', job.file, this.limits)),
      this.limits.timeoutMs,
    );
  }

  /** The worker answered: it stays, unless it now holds too much memory. */
  private complete(
    slot: Slot<R>,
    outcome: { ok: true; value: R } | { ok: false; failure: GuardedFailure },
    memory?: WorkerMemory,
  ): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.taskTimer);
    slot.job = undefined;
    slot.served++;
    this.settle(job, outcome, performance.now() - slot.taskStarted);
    if (
      this.setupError ||
      (memory &&
        (memory.externalBytes > this.input.maxExternalBytes / 2 ||
          memory.heapUsedBytes > (this.limits.maxOldGenerationSizeMb * 1024 * 1024) / 2))
    ) {
      this.retire(slot);
    } else {
      this.dispatch();
    }
  }

  /** The task failed with its worker: terminate it, then report (or retry once) and replace it. */
  private fail(slot: Slot<R>, reason: GuardedFailure): void {
    const job = slot.job;
    if (!job) return this.retire(slot);
    const elapsedMs = performance.now() - slot.taskStarted;
    const retry = reason.code === 'crashed' && slot.served > 0 && !job.retried;
    const gone = this.discard(slot);
    void gone.then(() => {
      if (retry && !this.closed && !this.setupError) {
        job.retried = true;
        if (job.signal?.aborted) this.settle(job, this.cancelled(job), elapsedMs);
        else this.queue.unshift(job);
      } else {
        this.settle(job, { ok: false, failure: reason }, elapsedMs);
      }
      this.dispatch();
    });
  }

  /** Ends a worker that has no task (crashed while idle, holds too much memory, not needed). */
  private retire(slot: Slot<R>): void {
    void this.discard(slot).then(() => this.dispatch());
  }

  private cancel(job: Job<R>): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, this.cancelled(job), 0);
      return;
    }
    for (const slot of this.slots) {
      if (slot.job === job) return this.fail(slot, this.cancelled(job).failure);
    }
  }

  /** A worker that cannot start would never start: no restarts, every queued task rejects. */
  private breakPool(error: GuardedSetupError): void {
    if (this.setupError) return;
    this.setupError = error;
    for (const job of this.queue.splice(0)) this.settleError(job, error);
    // Workers busy with a task finish it; the others go now.
    for (const slot of [...this.slots]) if (!slot.job) this.discard(slot);
  }

  /** Forgets the slot and terminates its worker; resolves when the thread is gone. */
  private discard(slot: Slot<R>): Promise<unknown> {
    this.slots.delete(slot);
    clearTimeout(slot.startTimer);
    clearTimeout(slot.taskTimer);
    slot.job = undefined;
    slot.worker.removeAllListeners('message');
    // Late 'error' events from a dying worker must not become uncaught exceptions.
    slot.worker.on('error', () => {});
    const gone = slot.worker.terminate().catch(() => undefined);
    this.dying.add(gone);
    void gone.then(() => this.dying.delete(gone));
    return gone;
  }

  private settle(
    job: Job<R>,
    outcome: { ok: true; value: R } | { ok: false; failure: GuardedFailure },
    elapsedMs: number,
  ): void {
    job.signal?.removeEventListener('abort', job.onAbort);
    job.resolve({ ...outcome, elapsedMs: Math.round(elapsedMs) });
  }

  private settleError(job: Job<R>, error: Error): void {
    job.signal?.removeEventListener('abort', job.onAbort);
    job.reject(error);
  }

  private cancelled(job: Job<R>): { ok: false; failure: GuardedFailure } {
    return { ok: false, failure: failure('cancelled', job.file, this.limits) };
  }

  private setupFailure(message: string, detail?: SerialisedError): GuardedSetupError {
    return new GuardedSetupError(`cannot run ${this.exportName}: ${message}`, detail);
  }
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

function serialise(e: Error): SerialisedError {
  return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
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
  if (error.fix !== undefined)
    return {
      code: 'failed',
      file,
      message: `${file}: ${cleanLine(error.message).slice(0, 300)}`,
      fix: cleanLine(error.fix).slice(0, 300),
      cause: error,
    };
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
  if (url.protocol !== 'file:') throw new Error(`guarded worker: module must be a file, got ${url.href}`);
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
    throw new Error('running from TypeScript sources needs the "tsx" dev dependency (npm install)');
  }
  const exportsField = (
    JSON.parse(readFileSync(packageJson, 'utf8')) as { exports?: Record<string, unknown> }
  ).exports;
  const api = exportsField?.['./esm/api'] as { import?: { default?: string } } | undefined;
  const target = api?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(packageJson), target)).href;
}
