import { describe, expect, it } from 'vitest';
import { WorkerPool, workerScript } from '../../src/batch/worker-pool.js';

type Task =
  { kind: 'echo'; value: number } | { kind: 'hog' } | { kind: 'loop' } | { kind: 'throw' } | { kind: 'exit' };

describe('WorkerPool', () => {
  it('runs tasks in parallel and survives hogs, loops, errors and exits, one failure each', async () => {
    const pool = new WorkerPool<Task, number>(
      workerScript(new URL('./fixtures/', import.meta.url), 'pool-worker'),
      {
        size: 2,
        resourceLimits: { maxOldGenerationSizeMb: 64 },
        timeoutMs: 3000,
      },
    );
    try {
      const tasks: Task[] = [
        { kind: 'echo', value: 1 },
        { kind: 'hog' },
        { kind: 'echo', value: 2 },
        { kind: 'loop' },
        { kind: 'throw' },
        { kind: 'exit' },
        { kind: 'echo', value: 3 },
      ];
      const outcomes = await Promise.all(tasks.map((t) => pool.run(t)));
      expect(outcomes[0]).toEqual({ ok: true, value: 2 });
      expect(outcomes[1]).toMatchObject({
        ok: false,
        failure: { kind: 'memory', message: 'memory limit exceeded (64 MB)' },
      });
      expect(outcomes[2]).toEqual({ ok: true, value: 4 });
      expect(outcomes[3]).toMatchObject({
        ok: false,
        failure: { kind: 'timeout', message: 'took longer than 3 s' },
      });
      expect(outcomes[4]).toMatchObject({ ok: false, failure: { kind: 'error', message: 'bad workbook' } });
      expect(outcomes[5]).toMatchObject({ ok: false, failure: { kind: 'crash' } });
      expect(outcomes[6]).toEqual({ ok: true, value: 6 });
    } finally {
      await pool.close();
    }
  });

  it('gives up, rather than restarting forever, when the worker script cannot start', async () => {
    const pool = new WorkerPool<Task, number>(
      { url: new URL('./fixtures/does-not-exist.js', import.meta.url), typescript: false },
      { size: 1, resourceLimits: {}, timeoutMs: 1000 },
    );
    const outcome = await pool.run({ kind: 'echo', value: 1 });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'crash' } });
    await pool.close();
  });
});
