/**
 * Messages between the pool (./worker-pool.ts) and its workers, and the worker side of it.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface TaskRequest<T> {
  id: number;
  task: T;
}

export type TaskReply<R> =
  { id: number; ok: true; value: R } | { id: number; ok: false; error: { message: string; stack?: string } };

/**
 * Serves tasks in a worker thread: `handler` runs once per task, its result (or error) goes back
 * to the pool. `workerData` is what the pool was given for every worker.
 */
export function serveTasks<T, R, D = unknown>(handler: (task: T, data: D) => Promise<R> | R): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks() must run in a worker thread');
  port.on('message', async ({ id, task }: TaskRequest<T>) => {
    let reply: TaskReply<R>;
    try {
      reply = { id, ok: true, value: await handler(task, workerData as D) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { id, ok: false, error: { message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
    }
    port.postMessage(reply);
  });
}
