/**
 * A pool of long-lived worker threads, each with a memory limit, running one task at a time with
 * a time limit. A task that exceeds either limit fails on its own: its worker is terminated and
 * replaced, and every other task (queued or running elsewhere) carries on. Long-lived workers
 * matter for speed: loading exceljs and docx costs far more than reading one workbook.
 *
 * The worker script must call `serveTasks(handler)` (./worker-protocol.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './worker-protocol.js';

export interface PoolOptions {
  /** Number of workers (e.g. the number of cores). */
  size: number;
  /** Memory limits of each worker (V8 heap); exceeding them fails the running task. */
  resourceLimits: ResourceLimits;
  /** Wall-clock limit per task, in milliseconds. */
  timeoutMs: number;
  /** Data every worker receives once at start (e.g. the framework and options). */
  workerData?: unknown;
}

/** Why a task failed in the pool rather than in the handler. */
export type PoolFailure =
  | { kind: 'timeout'; message: string }
  | { kind: 'memory'; message: string }
  | { kind: 'crash'; message: string }
  | { kind: 'error'; message: string; stack?: string };

export type TaskOutcome<R> = { ok: true; value: R } | { ok: false; failure: PoolFailure };

/** A worker script: compiled JavaScript, or TypeScript source loaded through tsx. */
export interface WorkerScript {
  url: URL;
  typescript: boolean;
}

/**
 * Resolves a worker script next to `base`: the compiled `.js` when it exists (lib/), else the
 * TypeScript source (tests and `tsx` scripts run from src/).
 */
export function workerScript(base: string | URL, name: string): WorkerScript {
  const js = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(js))) return { url: js, typescript: false };
  return { url: new URL(`./${name}.ts`, base), typescript: true };
}

/**
 * Starts a worker. A TypeScript script gets a small bootstrap that registers tsx's loader inside
 * the worker first: loader flags such as `--import tsx` do not reach worker threads on Node 20.
 */
function startWorker(
  script: WorkerScript,
  options: { resourceLimits: ResourceLimits; workerData: unknown },
): Worker {
  if (!script.typescript) return new Worker(script.url, options);
  // The ESM entry of tsx's API (the CommonJS one resolves its own files wrongly in an eval worker).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  );
  const bootstrap =
    `import(${JSON.stringify(tsxApi.href)}).then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(script.url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

interface Job<T, R> {
  id: number;
  task: T;
  resolve: (outcome: TaskOutcome<R>) => void;
}

interface Slot<T, R> {
  worker: Worker;
  job?: Job<T, R>;
  timer?: NodeJS.Timeout;
}

export class WorkerPool<T, R> {
  private readonly queue: Job<T, R>[] = [];
  private readonly slots = new Set<Slot<T, R>>();
  private nextId = 1;
  private closed = false;
  /** Workers lost in a row without any task finishing: a worker that cannot start at all. */
  private lostInARow = 0;

  constructor(
    private readonly script: WorkerScript,
    private readonly options: PoolOptions,
  ) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.spawn();
  }

  /** Runs one task; never rejects (failures are outcomes). */
  run(task: T): Promise<TaskOutcome<R>> {
    if (this.closed)
      return Promise.resolve({ ok: false, failure: { kind: 'crash', message: 'the pool is closed' } });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.dispatch();
    });
  }

  /** Stops every worker; tasks still queued fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.resolve({ ok: false, failure: { kind: 'crash', message: 'cancelled' } });
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private spawn(): void {
    const worker = startWorker(this.script, {
      resourceLimits: this.options.resourceLimits,
      workerData: this.options.workerData,
    });
    const slot: Slot<T, R> = { worker };
    this.slots.add(slot);
    worker.on('message', (reply: TaskReply<R>) => {
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      this.finish(
        slot,
        reply.ok
          ? { ok: true, value: reply.value }
          : { ok: false, failure: { kind: 'error', ...reply.error } },
      );
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message);
      this.replace(
        slot,
        memory
          ? {
              kind: 'memory',
              message: `memory limit exceeded (${this.options.resourceLimits.maxOldGenerationSizeMb ?? '?'} MB)`,
            }
          : { kind: 'crash', message: `the worker crashed: ${e.message}` },
      );
    });
    worker.on('exit', (code) => {
      if (this.slots.has(slot))
        this.replace(slot, { kind: 'crash', message: `the worker stopped (exit code ${code})` });
    });
    worker.unref();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        this.replace(slot, {
          kind: 'timeout',
          message: `took longer than ${Math.round(this.options.timeoutMs / 1000)} s`,
        });
      }, this.options.timeoutMs);
      const request: TaskRequest<T> = { id: job.id, task: job.task };
      slot.worker.postMessage(request);
    }
  }

  private finish(slot: Slot<T, R>, outcome: TaskOutcome<R>): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    slot.worker.unref();
    this.lostInARow = 0;
    job?.resolve(outcome);
    this.dispatch();
  }

  /** Fails the slot's task, terminates its worker and starts a fresh one in its place. */
  private replace(slot: Slot<T, R>, failure: PoolFailure): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    job?.resolve({ ok: false, failure });
    if (++this.lostInARow > 3 * this.options.size + 3) {
      // Workers die before finishing anything: the script itself is broken. Fail what is queued
      // instead of restarting forever.
      this.closed = true;
      for (const queued of this.queue.splice(0)) queued.resolve({ ok: false, failure });
      return;
    }
    if (!this.closed) this.spawn();
  }
}
