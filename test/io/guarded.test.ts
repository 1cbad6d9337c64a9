import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  runGuarded,
  resolveTaskModule,
  type GuardedResult,
  type GuardOptions,
} from '../../src/io/guarded.js';
import { formatRefusal } from '../../src/io/refusal.js';

const run = promisify(execFile);
const TASKS = new URL('./fixtures/guarded-tasks.js', import.meta.url);

function task<A>(exportName: string, arg: A, options?: GuardOptions): Promise<GuardedResult<unknown>> {
  return runGuarded({ module: TASKS, exportName, arg, label: 'Ministry of Tests.xlsx' }, options);
}

function failureOf(result: GuardedResult<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  expect(result.failure.message.startsWith('Ministry of Tests.xlsx: ')).toBe(true);
  expect(formatRefusal(result.failure)).not.toMatch(/[\n\r]/);
  return result.failure;
}

describe('runGuarded', () => {
  it('returns the result of a well-behaved task (TypeScript source loaded through tsx)', async () => {
    const result = await task('double', 21);
    expect(result).toMatchObject({ ok: true, value: 42 });
    const file = await task('fileLength', resolve('package.json'));
    expect(file.ok && (file.value as { bytes: number }).bytes).toBeGreaterThan(100);
  });

  it('turns a heap hog into "memory limit exceeded" for that file only', async () => {
    const result = await task('hogHeap', null, { limits: { maxOldGenerationSizeMb: 64 } });
    const failure = failureOf(result);
    expect(failure.code).toBe('memory-limit');
    expect(failure.message).toContain('memory limit exceeded');
    // The parent is fine and the next file runs normally.
    expect(await task('double', 1)).toMatchObject({ ok: true, value: 2 });
  });

  it('turns a Buffer hog (outside the JS heap) into "memory limit exceeded"', async () => {
    const result = await task('hogBuffers', null, { limits: { maxExternalMb: 64 } });
    const failure = failureOf(result);
    expect(failure.code).toBe('memory-limit');
    expect(failure.message).toContain('memory limit exceeded (over 64 MB of buffers)');
  });

  it('turns an infinite loop into "took longer than N s"', async () => {
    const started = performance.now();
    const failure = failureOf(await task('spin', null, { limits: { timeoutMs: 1500 } }));
    expect(failure.code).toBe('timeout');
    expect(failure.message).toContain('took longer than 1.5 s');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reports a thrown error as a failure with its stack kept for --debug', async () => {
    const failure = failureOf(await task('fail', 'sheet "Assessment" is missing'));
    expect(failure.code).toBe('failed');
    expect(failure.message).toContain('sheet "Assessment" is missing');
    expect(failure.cause?.stack).toContain('guarded-tasks');
  });

  it('passes a thrown InputRefusedError through as the refusal', async () => {
    const failure = failureOf(await task('refuse', 'Ministry of Tests.xlsx'));
    expect(failure.code).toBe('refused');
    expect(failure.refusal?.code).toBe('not-a-workbook');
    expect(formatRefusal(failure)).toBe(
      'Ministry of Tests.xlsx: the workbook has no Assessment sheet — use the assessment template.',
    );
  });

  it('survives a worker that crashes asynchronously or exits', async () => {
    expect(failureOf(await task('crashLater', null)).code).toBe('crashed');
    expect(failureOf(await task('exitNow', null)).code).toBe('crashed');
  });

  it('reports a result that cannot be passed back', async () => {
    expect(failureOf(await task('unclonable', null)).code).toBe('failed');
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const pending = task('spin', null, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect(failureOf(await pending).code).toBe('cancelled');
  });

  it('runs files side by side, each with its own outcome', async () => {
    const results = await Promise.all([
      task('hogHeap', null, { limits: { maxOldGenerationSizeMb: 64 } }),
      task('spin', null, { limits: { timeoutMs: 1500 } }),
      task('double', 5),
    ]);
    expect(results.map((r) => (r.ok ? r.value : r.failure.code))).toEqual(['memory-limit', 'timeout', 10]);
  });

  it('rejects programming errors: a missing export, a missing module, a bad limit', async () => {
    await expect(task('nope', null)).rejects.toThrow(/no exported function "nope"/);
    await expect(task('notAFunction', null)).rejects.toThrow(/no exported function/);
    await expect(
      runGuarded({ module: new URL('./missing.js', import.meta.url), exportName: 'x', arg: 1, label: 'f' }),
    ).rejects.toThrow(/cannot run/);
    await expect(task('double', 1, { limits: { timeoutMs: 0 } })).rejects.toThrow(RangeError);
  });

  it('maps a ".js" task module to its ".ts" source only when the .js file does not exist', () => {
    expect(resolveTaskModule(TASKS)).toMatch(/guarded-tasks\.ts$/);
    expect(resolveTaskModule(resolve('bin/dmf.js'))).toMatch(/bin\/dmf\.js$/);
  });
});

describe('runGuarded compiled to JavaScript (as in lib/)', () => {
  it('starts guarded-worker.js next to guarded-pool.js, with no tsx involved, for runGuarded and a pool', async () => {
    const out = await mkdtemp(join(tmpdir(), 'dmf-guarded-'));
    try {
      const tsc = resolve('node_modules/typescript/bin/tsc');
      await run(process.execPath, [
        tsc,
        '--outDir',
        out,
        '--rootDir',
        resolve('.'),
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--ignoreConfig',
        '--skipLibCheck',
        '--types',
        'node',
        resolve('src/io/guarded.ts'),
        resolve('src/io/guarded-pool.ts'),
        resolve('src/io/guarded-worker.ts'),
        resolve('test/io/fixtures/guarded-tasks.ts'),
      ]);
      await writeFile(join(out, 'package.json'), '{"type":"module"}');
      const script = `
        import { GuardedPool, runGuarded } from './src/io/guarded.js';
        const module = new URL('./test/io/fixtures/guarded-tasks.js', import.meta.url);
        const go = (exportName, limits) => runGuarded({ module, exportName, arg: 4, label: 'x.xlsx' }, { limits });
        const results = [await go('double'), await go('spin', { timeoutMs: 1000 }), await go('hogHeap', { maxOldGenerationSizeMb: 64 })];
        const pool = new GuardedPool({ module, exportName: 'act', size: 1, limits: { timeoutMs: 1000 } });
        const a = await pool.run({ name: 'whoAmI' }, 'a.xlsx');
        const b = await pool.run({ name: 'whoAmI' }, 'b.xlsx');
        const spin = await pool.run({ name: 'spin' }, 's.xlsx');
        const c = await pool.run({ name: 'whoAmI' }, 'c.xlsx');
        await pool.close();
        console.log(JSON.stringify({
          guarded: results.map((r) => (r.ok ? r.value : r.failure.code)),
          reused: b.value.threadId === a.value.threadId && b.value.calls === 2,
          failure: spin.ok ? null : spin.failure.code,
          replaced: c.value.threadId !== a.value.threadId && c.value.calls === 1,
          left: pool.stats().workers,
        }));
      `;
      await writeFile(join(out, 'run.mjs'), script);
      // A plain node, without tsx: only compiled JavaScript can load. It must end by itself: no
      // worker thread may be left holding the process open.
      const { stdout } = await run(process.execPath, [join(out, 'run.mjs')], {
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout: 50_000,
      });
      expect(JSON.parse(stdout)).toEqual({
        guarded: [8, 'timeout', 'memory-limit'],
        reused: true,
        failure: 'timeout',
        replaced: true,
        left: 0,
      });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
