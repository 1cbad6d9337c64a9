/**
 * The worker side of runGuarded: imports the task module, calls the named export with the
 * argument, and posts back the result or the error. It runs inside a worker thread whose V8 heap is
 * capped by `resourceLimits`; memory outside the heap (Buffers, which JSZip and exceljs use for
 * inflated data) is not covered by that cap, so a watchdog reports it while the task is running.
 * The watchdog is a timer: it sees memory whenever the task yields to the event loop (exceljs does
 * so constantly); a purely synchronous allocation loop is caught by the parent's time limit instead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GuardedWorkerInput, GuardedWorkerMessage, SerialisedError } from './guarded-protocol.js';

function serialiseError(e: unknown): SerialisedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const out: SerialisedError = { name: e.name, message: e.message };
  if (e.stack) out.stack = e.stack;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
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
  if (!port) throw new Error('guarded-worker must be run as a worker thread (see runGuarded)');
  const input = workerData as GuardedWorkerInput;
  const send = (message: GuardedWorkerMessage): void => port.postMessage(message);

  const watchdog = setInterval(() => {
    const { external } = process.memoryUsage();
    if (external > input.maxExternalBytes) {
      clearInterval(watchdog);
      send({ type: 'memory', externalBytes: external });
    }
  }, input.watchdogMs);
  watchdog.unref();

  let fn: unknown;
  try {
    const mod = (await import(input.moduleUrl)) as Record<string, unknown>;
    fn = mod[input.exportName];
    if (typeof fn !== 'function') {
      throw new TypeError(`${input.moduleUrl} has no exported function "${input.exportName}"`);
    }
  } catch (e) {
    clearInterval(watchdog);
    send({ type: 'setup-error', error: serialiseError(e) });
    return;
  }
  try {
    const value: unknown = await (fn as (arg: unknown) => unknown)(input.arg);
    try {
      send({ type: 'result', value });
    } catch (e) {
      // A result that cannot be cloned (functions, class instances with handles) is the task's bug.
      send({ type: 'error', error: serialiseError(e) });
    }
  } catch (e) {
    send({ type: 'error', error: serialiseError(e) });
  } finally {
    clearInterval(watchdog);
  }
}

await main();
