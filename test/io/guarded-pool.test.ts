import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  GuardedPool,
  GuardedSetupError,
  runGuarded,
  type GuardedResult,
  type GuardLimits,
} from '../../src/io/guarded.js';
import { formatRefusal } from '../../src/io/refusal.js';

const TASKS = new URL('./fixtures/guarded-tasks.js', import.meta.url);

interface Act {
  name: string;
  arg?: unknown;
}
interface Who {
  pid: number;
  threadId: number;
  calls: number;
}

/** A pool running `act` from the fixtures: any fixture task by name. */
function actPool(size: number, limits?: Partial<GuardLimits>): GuardedPool<Act, unknown> {
  return new GuardedPool<Act, unknown>({
    module: TASKS,
    exportName: 'act',
    size,
    ...(limits ? { limits } : {}),
  });
}

function outcome(result: GuardedResult<unknown>): unknown {
  if (result.ok) return result.value;
  expect(
    result.failure.message.startsWith(`${result.failure.file}: `) || result.failure.code === 'refused',
  ).toBe(true);
  expect(formatRefusal(result.failure)).not.toMatch(/[\n\r]/);
  return result.failure.code;
}

function value<R>(result: GuardedResult<R>): R {
  if (!result.ok) throw new Error(`expected a value, got ${result.failure.message}`);
  return result.value;
}

/** Threads of this process (Linux), each worker thread among them. */
function threadCount(): number | undefined {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return undefined;
  }
}

describe('GuardedPool', () => {
  it('runs a mix on two workers: every misbehaving task fails alone, the normal ones succeed in order', async () => {
    const pool = actPool(2, { maxOldGenerationSizeMb: 64, maxExternalMb: 64, timeoutMs: 8000 });
    try {
      const mix: Act[] = [
        { name: 'double', arg: 1 },
        { name: 'hogHeap' },
        { name: 'double', arg: 2 },
        { name: 'hogBuffers' },
        { name: 'spin' },
        { name: 'fail', arg: 'sheet "Assessment" is missing' },
        { name: 'double', arg: 3 },
        { name: 'refuse', arg: 'refused.xlsx' },
        { name: 'exitNow' },
        { name: 'crashLater' },
        { name: 'double', arg: 4 },
      ];
      const results = await Promise.all(mix.map((task, i) => pool.run(task, `file ${i}.xlsx`)));
      expect(results.map(outcome)).toEqual([
        2,
        'memory-limit',
        4,
        'memory-limit',
        'timeout',
        'failed',
        6,
        'refused',
        'crashed',
        'crashed',
        8,
      ]);
      const failures = results.map((r) => (r.ok ? undefined : r.failure));
      expect(failures[1]?.message).toBe(
        'file 1.xlsx: reading it stopped: memory limit exceeded (over 64 MB of JavaScript heap)',
      );
      expect(failures[3]?.message).toBe(
        'file 3.xlsx: reading it stopped: memory limit exceeded (over 64 MB of buffers)',
      );
      expect(failures[4]?.message).toBe('file 4.xlsx: reading it stopped: took longer than 8 s');
      expect(failures[5]?.message).toBe('file 5.xlsx: could not be read: sheet "Assessment" is missing');
      expect(failures[5]?.cause?.stack).toContain('guarded-tasks');
      expect(formatRefusal(failures[7]!)).toBe(
        'refused.xlsx: the workbook has no Assessment sheet — use the assessment template.',
      );
      expect(failures[8]?.message).toContain('exit code 3');
      expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
      expect(pool.stats().workers).toBeLessThanOrEqual(2);
      // The pool still works afterwards.
      expect(value(await pool.run({ name: 'double', arg: 50 }, 'after.xlsx'))).toBe(100);
    } finally {
      await pool.close();
    }
  }, 180_000);

  it('imports the task module once per worker and reuses the worker for the next task', async () => {
    const pool = new GuardedPool<null, Who>({ module: TASKS, exportName: 'whoAmI', size: 1 });
    try {
      const first = value(await pool.run(null, 'a.xlsx'));
      const second = value(await pool.run(null, 'b.xlsx'));
      expect(second.threadId).toBe(first.threadId);
      expect(second.pid).toBe(process.pid);
      expect([first.calls, second.calls]).toEqual([1, 2]);
      expect(pool.stats()).toEqual({ workers: 1, running: 0, queued: 0, started: 1 });
    } finally {
      await pool.close();
    }
    // runGuarded is a pool used once: a fresh worker (and module) every time.
    const once = () =>
      runGuarded<null, Who>({ module: TASKS, exportName: 'whoAmI', arg: null, label: 'c.xlsx' });
    const [a, b] = [value(await once()), value(await once())];
    expect(a.threadId).not.toBe(b.threadId);
    expect([a.calls, b.calls]).toEqual([1, 1]);
  });

  it('starts no more than `size` workers and only as many as there are tasks', async () => {
    const pool = new GuardedPool<number, Who>({ module: TASKS, exportName: 'slowWhoAmI', size: 2 });
    try {
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(200, `${n}.xlsx`)));
      const threads = new Set(results.map((r) => value(r).threadId));
      expect(threads.size).toBe(2);
      expect(pool.stats().started).toBe(2);
    } finally {
      await pool.close();
    }
    const single = new GuardedPool<number, Who>({ module: TASKS, exportName: 'slowWhoAmI', size: 4 });
    try {
      await single.run(1, 'only.xlsx');
      expect(single.stats().started).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('passes the pool workerData to every call as the second argument', async () => {
    const workerData = { framework: { id: 'dmf', version: 2 }, options: { strict: true } };
    const pool = new GuardedPool<string, unknown>({
      module: TASKS,
      exportName: 'echoData',
      size: 1,
      workerData,
    });
    try {
      expect(value(await pool.run('a.xlsx', 'a.xlsx'))).toEqual({ arg: 'a.xlsx', data: workerData });
      expect(value(await pool.run('b.xlsx', 'b.xlsx'))).toEqual({ arg: 'b.xlsx', data: workerData });
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker after a failure: the next task gets a fresh one', async () => {
    const pool = actPool(1, { timeoutMs: 1500 });
    try {
      const before = value(await pool.run({ name: 'whoAmI' }, 'a.xlsx')) as Who;
      expect(outcome(await pool.run({ name: 'spin' }, 'b.xlsx'))).toBe('timeout');
      const after = value(await pool.run({ name: 'whoAmI' }, 'c.xlsx')) as Who;
      expect(after.threadId).not.toBe(before.threadId);
      expect(after.calls).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('retires a worker that keeps more than half of a memory budget after a task', async () => {
    const pool = actPool(1, { maxExternalMb: 64, maxOldGenerationSizeMb: 128 });
    try {
      const kept = value(await pool.run({ name: 'leakBuffers', arg: 8 }, 'small.xlsx'));
      expect((value(await pool.run({ name: 'whoAmI' }, 'a.xlsx')) as Who).threadId).toBe(kept);
      const leaky = value(await pool.run({ name: 'leakBuffers', arg: 40 }, 'leaky.xlsx'));
      expect((value(await pool.run({ name: 'whoAmI' }, 'b.xlsx')) as Who).threadId).not.toBe(leaky);
      const heapy = value(await pool.run({ name: 'leakHeap', arg: 80 }, 'heapy.xlsx'));
      expect((value(await pool.run({ name: 'whoAmI' }, 'c.xlsx')) as Who).threadId).not.toBe(heapy);
    } finally {
      await pool.close();
    }
  });

  it('does not blame a task for a crash an earlier task left behind in the worker', async () => {
    const pool = actPool(1);
    try {
      const [crasher, next] = await Promise.all([
        pool.run({ name: 'crashAfterReturn' }, 'a.xlsx'),
        pool.run({ name: 'slowWhoAmI', arg: 500 }, 'b.xlsx'),
      ]);
      const crasherThread = value(crasher);
      // b.xlsx started in the same worker, which crashed under it; it ran again on a fresh one.
      expect((value(next) as Who).threadId).not.toBe(crasherThread);
      expect(pool.stats().started).toBe(2);
      // A task that crashes a fresh worker is reported at once, without a second try.
      expect(outcome(await pool.run({ name: 'exitNow' }, 'c.xlsx'))).toBe('crashed');
    } finally {
      await pool.close();
    }
  });

  it('fails fast, without restarting, when the module or export is missing', async () => {
    const missing = new GuardedPool<number, number>({
      module: new URL('./fixtures/does-not-exist.js', import.meta.url),
      exportName: 'x',
      size: 2,
    });
    const queued = [1, 2, 3, 4, 5].map((n) => missing.run(n, `${n}.xlsx`));
    for (const run of queued) await expect(run).rejects.toThrow(GuardedSetupError);
    await expect(queued[0]).rejects.toThrow(/cannot run x: .*does-not-exist/);
    await expect(missing.run(6, '6.xlsx')).rejects.toThrow(GuardedSetupError);
    expect(missing.stats().started).toBeLessThanOrEqual(2);
    await missing.close();
    expect(missing.stats().workers).toBe(0);

    const noExport = new GuardedPool<number, number>({ module: TASKS, exportName: 'nope', size: 1 });
    await expect(noExport.run(1, 'a.xlsx')).rejects.toThrow(/cannot run nope: .*no exported function "nope"/);
    await expect(noExport.run(2, 'b.xlsx')).rejects.toThrow(GuardedSetupError);
    expect(noExport.stats().started).toBe(1);
    await noExport.close();
  });

  it('rejects programming errors: bad size, bad limits, an argument or workerData that cannot be cloned', async () => {
    expect(() => new GuardedPool({ module: TASKS, exportName: 'double', size: 0 })).toThrow(RangeError);
    expect(() => new GuardedPool({ module: TASKS, exportName: 'double', size: 1.5 })).toThrow(RangeError);
    expect(
      () => new GuardedPool({ module: TASKS, exportName: 'double', size: 1, limits: { watchdogMs: -1 } }),
    ).toThrow(RangeError);
    const pool = new GuardedPool<unknown, number>({ module: TASKS, exportName: 'double', size: 1 });
    try {
      await expect(pool.run(() => 1, 'fn.xlsx')).rejects.toThrow(/could not be cloned/);
      // The worker is unaffected.
      expect(value(await pool.run(2, 'ok.xlsx'))).toBe(4);
    } finally {
      await pool.close();
    }
    const badData = new GuardedPool<number, number>({
      module: TASKS,
      exportName: 'double',
      size: 1,
      workerData: { f: () => 1 },
    });
    await expect(badData.run(1, 'a.xlsx')).rejects.toThrow(GuardedSetupError);
    await badData.close();
  });

  it('cancels a queued task without touching a worker, and a running one by replacing its worker', async () => {
    const pool = actPool(1);
    try {
      const first = pool.run({ name: 'slowWhoAmI', arg: 300 }, 'a.xlsx');
      const controller = new AbortController();
      const queued = pool.run({ name: 'double', arg: 1 }, 'b.xlsx', { signal: controller.signal });
      controller.abort();
      expect(outcome(await queued)).toBe('cancelled');
      const thread = (value(await first) as Who).threadId;

      const running = new AbortController();
      const spinning = pool.run({ name: 'spin' }, 'c.xlsx', { signal: running.signal });
      setTimeout(() => running.abort(), 300);
      const cancelled = await spinning;
      expect(outcome(cancelled)).toBe('cancelled');
      expect(cancelled.ok ? '' : cancelled.failure.message).toBe('c.xlsx: reading it was cancelled');
      expect((value(await pool.run({ name: 'whoAmI' }, 'd.xlsx')) as Who).threadId).not.toBe(thread);
      expect(pool.stats().started).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('close() cancels what is left and leaves no threads behind', async () => {
    await readFile(TASKS.pathname.replace(/\.js$/, '.ts')); // start libuv's thread pool first
    const before = threadCount();
    const pool = actPool(2);
    const done = [pool.run({ name: 'whoAmI' }, 'a.xlsx'), pool.run({ name: 'whoAmI' }, 'b.xlsx')].map(
      (p) => p.then(value) as Promise<Who>,
    );
    const threads = new Set((await Promise.all(done)).map((w) => w.threadId));
    expect(threads.size).toBeGreaterThanOrEqual(1);
    if (before !== undefined) expect(threadCount()).toBeGreaterThan(before);
    const running = pool.run({ name: 'spin' }, 'c.xlsx');
    const queued = [pool.run({ name: 'spin' }, 'd.xlsx'), pool.run({ name: 'double', arg: 1 }, 'e.xlsx')];
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    expect((await Promise.all([running, ...queued])).map(outcome)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(pool.stats()).toMatchObject({ workers: 0, running: 0, queued: 0 });
    if (before !== undefined) expect(threadCount()).toBe(before);
    await expect(pool.run({ name: 'double', arg: 1 }, 'late.xlsx')).rejects.toThrow(/after close/);
  });
});
