/**
 * `dmf demo` writes its workbooks in a worker of their own (src/demo/write-in-worker.ts), so the
 * heap that writing them grows is handed back before the batch: the same files as written here,
 * and a failure is an error, not a silent empty round.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { writeDemoWorkbooks, type DemoWorkbooksOptions } from '../../src/demo/write-demo-workbooks.js';
import { writeDemoWorkbooksInWorker } from '../../src/demo/write-in-worker.js';

const root = mkdtempSync(join(tmpdir(), 'dmf-demo-worker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const hashes = (paths: string[]) =>
  Object.fromEntries(
    paths.map((p) => [basename(p), createHash('sha256').update(readFileSync(p)).digest('hex')]),
  );
const options = (dir: string): DemoWorkbooksOptions => ({
  dir: join(root, dir),
  count: 4,
  seed: 11,
  createdAt: '2026-03-31T09:00:00.000Z',
  secondRespondents: 1,
  threads: 2,
});

describe('writing the demo workbooks in a worker of their own', () => {
  it('writes the same files as this thread does', async () => {
    const here = await writeDemoWorkbooks(builtInFramework(), options('here'));
    const apart = await writeDemoWorkbooksInWorker(options('apart'));
    expect(apart.map((p) => basename(p))).toEqual(here.map((p) => basename(p)));
    expect(hashes(apart)).toEqual(hashes(here));
  }, 120_000);

  it('fails with the reason when the workbooks cannot be written', async () => {
    const blocked = join(root, 'a-file');
    writeFileSync(blocked, 'not a folder');
    await expect(
      writeDemoWorkbooksInWorker({ ...options('x'), dir: join(blocked, 'returned') }),
    ).rejects.toThrow(/ENOTDIR|not a directory|EEXIST/i);
  }, 120_000);
});
