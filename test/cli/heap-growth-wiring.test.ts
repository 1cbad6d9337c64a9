/**
 * `dmf batch` and `dmf demo` ask runBatch to set the heap's growth (`tuneHeap`, see
 * src/batch/heap-growth.ts) only in a process that `main` claimed: a program that runs the commands
 * through `buildProgram()` keeps its V8 as it is. runBatch is replaced here by one that records its
 * options and stops, so nothing is read, rendered or tuned.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as RunBatchModule from '../../src/batch/run-batch.js';
import type { BatchOptions } from '../../src/batch/run-batch.js';
import { workbookFor } from '../workbook/helpers.js';
import { builtInFramework } from '../../src/framework/index.js';

const asked: BatchOptions[] = [];
class Stopped extends Error {}
vi.mock('../../src/batch/run-batch.js', async (original) => ({
  ...(await original<typeof RunBatchModule>()),
  runBatch: (options: BatchOptions) => {
    asked.push(options);
    return Promise.reject(new Stopped('runBatch reached'));
  },
}));
const { buildProgram } = await import('../../src/cli/main.js');
const { claimProcess } = await import('../../src/cli/one-shot-process.js');

const root = mkdtempSync(join(tmpdir(), 'dmf-heap-wiring-'));
const inbox = join(root, 'in');
mkdirSync(inbox);
const f = builtInFramework();

/** The options runBatch was given by the command, which stops there. */
async function optionsOf(args: string[]): Promise<BatchOptions> {
  asked.length = 0;
  const program = buildProgram().exitOverride();
  await expect(program.parseAsync(['node', 'dmf', ...args])).rejects.toBeInstanceOf(Stopped);
  expect(asked).toHaveLength(1);
  return asked[0]!;
}

describe('the commands that run a batch', () => {
  it('ask for the heap to be tuned only in a process the command line claimed', async () => {
    writeFileSync(join(inbox, 'a.xlsx'), await workbookFor(f, undefined, { department: 'Department A' }));
    const batch = ['batch', inbox, '-o', join(root, 'out')];
    const demo = (name: string) => ['demo', '--departments', '2', '-o', join(root, name)];
    // Not claimed: another program's process (this test's, as any that builds the program).
    expect((await optionsOf(batch)).tuneHeap).toBe(false);
    expect((await optionsOf(demo('demo-1'))).tuneHeap).toBe(false);
    claimProcess();
    expect((await optionsOf(batch)).tuneHeap).toBe(true);
    expect((await optionsOf(demo('demo-2'))).tuneHeap).toBe(true);
  });
});
