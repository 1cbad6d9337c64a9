/**
 * The worker side of GuardedPool (./guarded-pool.ts): imports the task module once, then serves
 * tasks one at a time, calling the named export as `fn(arg, workerData)` and posting back the
 * result or the error (protocol: ./guarded-protocol.ts).
 *
 * It runs inside a worker thread whose V8 heap is capped by `resourceLimits`; memory outside the
 * heap (Buffers, which JSZip and exceljs use for inflated data) is not covered by that cap, so a
 * watchdog reports it while a task is running. The watchdog measures relative to the baseline taken
 * once the task module is imported, not per task, so what earlier tasks left still counts and the
 * worker's total stays bounded. It is a timer: it sees memory whenever the task yields to the event
 * loop (exceljs does so constantly); a purely synchronous allocation loop is caught by the pool's
 * time limit instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type {
  GuardedTaskRequest,
  GuardedWorkerInput,
  GuardedWorkerMessage,
  SerialisedError,
  WorkerMemory,
} from './guarded-protocol.js';

type TaskFunction = (arg: unknown, workerData: unknown) => unknown;

function serialiseError(e: unknown): SerialisedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const out: SerialisedError = { name: e.name, message: e.message };
  if (e.stack) out.stack = e.stack;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
  const fix = (e as { fix?: unknown }).fix;
  if (typeof fix === 'string') out.fix = fix;
  const refusal = (e as { refusal?: Record<string, unknown> }).refusal;
  if (
    refusal &&
    typeof refusal.code === 'string' &&
    typeof refusal.file === 'string' &&
    typeof refusal.message === 'string' &&
    typeof refusal.fix === 'string'
  ) {
    out.refusal = { code: refusal.code, file: refusal.file, message: refusal.message, fix: refusal.fix };
  }
  return out;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('guarded-worker must be run as a worker thread (see GuardedPool)');
  const input = workerData as GuardedWorkerInput;
  const send = (message: GuardedWorkerMessage): void => port.postMessage(message);

  let fn: TaskFunction;
  try {
    const mod = (await import(input.moduleUrl)) as Record<string, unknown>;
    const exported = mod[input.exportName];
    if (typeof exported !== 'function') {
      throw new TypeError(`${input.moduleUrl} has no exported function "${input.exportName}"`);
    }
    fn = exported as TaskFunction;
  } catch (e) {
    // Nothing else is listened to, so the thread ends after this message.
    send({ type: 'setup-error', error: serialiseError(e) });
    return;
  }

  const baseline = process.memoryUsage().external;
  const memory = (): WorkerMemory => {
    const usage = process.memoryUsage();
    return { heapUsedBytes: usage.heapUsed, externalBytes: Math.max(0, usage.external - baseline) };
  };

  const serve = async ({ id, arg }: GuardedTaskRequest): Promise<void> => {
    let overLimit = false;
    const watchdog = setInterval(() => {
      const externalBytes = process.memoryUsage().external - baseline;
      if (externalBytes > input.maxExternalBytes) {
        overLimit = true;
        clearInterval(watchdog);
        send({ type: 'memory', id, externalBytes }); // the pool terminates this worker
      }
    }, input.watchdogMs);
    let answer: GuardedWorkerMessage;
    try {
      answer = { type: 'result', id, value: await fn(arg, input.workerData), memory: memory() };
    } catch (e) {
      answer = { type: 'error', id, error: serialiseError(e), memory: memory() };
    } finally {
      clearInterval(watchdog);
    }
    if (overLimit) return;
    try {
      send(answer);
    } catch (e) {
      // A result that cannot be cloned (functions, class instances with handles) is the task's bug.
      send({ type: 'error', id, error: serialiseError(e), memory: memory() });
    }
  };

  port.on('message', (request: GuardedTaskRequest) => void serve(request));
  send({ type: 'ready', baselineExternalBytes: baseline });
}

await main();
