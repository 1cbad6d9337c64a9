/**
 * runBatch sets the heap's growth for its phases only when asked (`tuneHeap`, the command line's own
 * process): the render phase's before the first report, the finish phase's after the last one, and
 * V8's own choice back when the run ends, whether it succeeded or not. The flag's effect on V8 is
 * checked in test/cli/heap-growth.test.ts; here, when runBatch asks for it.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { smallRound, type SmallRound } from './small-round.js';

const calls: string[] = [];
vi.mock('../../src/batch/heap-growth.js', () => ({
  setHeapGrowth: (phase: string | null) => calls.push(`heap ${phase}`),
}));
const { runBatch } = await import('../../src/batch/run-batch.js');

const f = builtInFramework();
let round: SmallRound;

beforeAll(async () => {
  round = await smallRound(f, 3, 3, 'heap-phases');
});

const run = (name: string, tuneHeap: boolean | undefined) =>
  runBatch({
    inputs: [round.inbox],
    outDir: join(round.root, name),
    framework: f,
    templateName: 'ministerial',
    jobs: 2,
    now: new Date('2026-04-01T00:00:00Z'),
    ...round.templates,
    ...(tuneHeap === undefined ? {} : { tuneHeap }),
    onEvent: (e) => {
      if (e.type === 'read' || e.type === 'file' || e.type === 'output') calls.push(e.type);
    },
  });

describe("the batch's heap growth by phase", () => {
  it('render before the first report, finish after the last, V8 its own at the end', async () => {
    calls.length = 0;
    const result = await run('tuned', true);
    expect(result.exitCode).toBe(0);
    const phases = calls.filter((c) => c.startsWith('heap'));
    expect(phases).toEqual(['heap render', 'heap finish', 'heap null']);
    const at = (c: string) => calls.indexOf(c);
    expect(at('heap render')).toBeGreaterThan(calls.lastIndexOf('read'));
    expect(at('heap render')).toBeLessThan(at('file'));
    expect(at('heap finish')).toBeGreaterThan(calls.lastIndexOf('file'));
    expect(at('heap finish')).toBeLessThan(at('output'));
    expect(at('heap null')).toBe(calls.length - 1);
  });

  it('is not touched unless asked', async () => {
    calls.length = 0;
    await run('default', undefined);
    await run('false', false);
    expect(calls.filter((c) => c.startsWith('heap'))).toEqual([]);
  });

  it('is given back to V8 when the run is stopped half-way', async () => {
    calls.length = 0;
    const stop = new AbortController();
    await runBatch({
      inputs: [round.inbox],
      outDir: join(round.root, 'stopped'),
      framework: f,
      templateName: 'ministerial',
      jobs: 1,
      tuneHeap: true,
      signal: stop.signal,
      ...round.templates,
      onEvent: (e) => {
        if (e.type === 'file') {
          calls.push('file');
          stop.abort();
        }
      },
    }).catch(() => undefined);
    expect(calls).toContain('heap render');
    expect(calls.at(-1)).toBe('heap null');
  });
});
