/**
 * The demo's workbooks written by two threads (src/demo/write-demo-workbooks.ts, `threads: 2`):
 * every file is the same bytes whichever thread writes it (both patch from the same first
 * workbook), and a round too small to pay for the helper's start is written here alone.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import {
  firstWorkbookWriter,
  MIN_WORKBOOKS_FOR_HELPER,
  writeDemoWorkbooksCounted,
  writeInHelperThread,
  type DemoWorkbooksOptions,
} from '../../src/demo/write-demo-workbooks.js';

const root = mkdtempSync(join(tmpdir(), 'dmf-demo-threads-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const framework = builtInFramework();
const hashes = (paths: string[]) =>
  Object.fromEntries(
    paths.map((p) => [basename(p), createHash('sha256').update(readFileSync(p)).digest('hex')]),
  );

const options = (dir: string, threads: 1 | 2): DemoWorkbooksOptions => ({
  dir: join(root, dir),
  count: MIN_WORKBOOKS_FOR_HELPER + 2,
  seed: 7,
  createdAt: '2026-03-31T09:00:00.000Z',
  secondRespondents: 2,
  threads,
});

describe('writing the demo workbooks in two threads', () => {
  it('gives the same files whichever thread writes them', async () => {
    const one = await writeDemoWorkbooksCounted(framework, options('one', 1));
    expect(one.byHelper).toBe(0);
    // The helper thread alone, every workbook (this thread takes none).
    const helper = options('helper', 2);
    mkdirSync(helper.dir);
    const paths = one.paths.map((p) => join(helper.dir, basename(p)));
    const written = await writeInHelperThread(
      framework,
      helper,
      paths,
      new Int32Array(new SharedArrayBuffer(4)),
    );
    expect(written).toBe(paths.length);
    expect(hashes(paths)).toEqual(hashes(one.paths));
    // The helper alone again, patching from this thread's writer (as `dmf demo` starts it).
    const given = options('given', 2);
    mkdirSync(given.dir);
    const givenPaths = one.paths.map((p) => join(given.dir, basename(p)));
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const base = await firstWorkbookWriter(framework, given);
    expect(await writeInHelperThread(framework, given, givenPaths, counter, base)).toBe(paths.length);
    expect(hashes(givenPaths)).toEqual(hashes(one.paths));
    // Both threads at once: how the work splits depends on the machine; the files do not.
    const two = await writeDemoWorkbooksCounted(framework, options('two', 2));
    expect(two.byHelper).toBeLessThanOrEqual(two.paths.length);
    expect(two.paths.map((p) => basename(p))).toEqual(one.paths.map((p) => basename(p)));
    expect(hashes(two.paths)).toEqual(hashes(one.paths));
  }, 180_000);

  it('writes a small round in this thread alone', async () => {
    const small = await writeDemoWorkbooksCounted(framework, { ...options('small', 2), count: 3 });
    expect(small).toMatchObject({ byHelper: 0 });
    expect(small.paths).toHaveLength(3 + 2);
  });
});
