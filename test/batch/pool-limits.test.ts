/**
 * The batch's two pools get the caps their phase needs: the reading pool the caps given (`--memory`:
 * the guard for untrusted workbooks), with a 32 MB young generation when the command line has the
 * process to itself (`tuneHeap`); the report pool its own (render-limits.test.ts). Each pool's
 * options are recorded as runBatch makes it.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as GuardedPoolModule from '../../src/io/guarded-pool.js';
import type { GuardLimits, GuardedPoolOptions } from '../../src/io/guarded-pool.js';
import { builtInFramework } from '../../src/framework/index.js';
import { smallRound, type SmallRound } from './small-round.js';

const pools = vi.hoisted(() => [] as { exportName: string; limits?: Partial<GuardLimits> }[]);
vi.mock('../../src/io/guarded-pool.js', async (importOriginal) => {
  const real = await importOriginal<typeof GuardedPoolModule>();
  class RecordedPool<A, R> extends real.GuardedPool<A, R> {
    constructor(options: GuardedPoolOptions) {
      pools.push({ exportName: options.exportName, ...(options.limits ? { limits: options.limits } : {}) });
      super(options);
    }
  }
  return { ...real, GuardedPool: RecordedPool };
});
vi.mock('../../src/batch/heap-growth.js', () => ({ setHeapGrowth: () => undefined }));
const { READ_YOUNG_GENERATION_MB, readLimits, runBatch } = await import('../../src/batch/run-batch.js');

const f = builtInFramework();
let round: SmallRound;

beforeAll(async () => {
  round = await smallRound(f, 2, 5, 'pool-limits');
});

/** The limits of the batch's pools (reading, then reports), as runBatch made them. */
async function poolLimits(name: string, tuneHeap: boolean) {
  pools.length = 0;
  const result = await runBatch({
    inputs: [round.inbox],
    outDir: join(round.root, name),
    framework: f,
    templateName: 'ministerial',
    jobs: 1,
    now: new Date('2026-04-01T00:00:00Z'),
    limits: { maxOldGenerationSizeMb: 300 },
    tuneHeap,
    ...round.templates,
  });
  expect(result.exitCode).toBe(0);
  return pools.filter((p) => p.exportName === 'processWorkbook').map((p) => p.limits);
}

describe("the batch's pools", () => {
  it('read with a 32 MB young generation when the heap is tuned, the old generation as given', async () => {
    expect(READ_YOUNG_GENERATION_MB).toBe(32);
    const [read, render] = await poolLimits('tuned', true);
    expect(read).toEqual({ maxOldGenerationSizeMb: 300, maxYoungGenerationSizeMb: 32 });
    expect(render).toMatchObject({ maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 24 });
  });

  it('read with the caps given, and nothing else, when it is not', async () => {
    const [read, render] = await poolLimits('plain', false);
    expect(read).toEqual({ maxOldGenerationSizeMb: 300 });
    expect(render).not.toHaveProperty('maxYoungGenerationSizeMb');
    expect(readLimits(undefined, false)).toBeUndefined();
    expect(readLimits(undefined, true)).toEqual({ maxYoungGenerationSizeMb: 32 });
  });
});
