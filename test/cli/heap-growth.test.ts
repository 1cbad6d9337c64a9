/**
 * A batch run by the command line sets V8's heap growth for each of its phases
 * (src/batch/heap-growth.ts): 2 while the reports are rendered, 1.3 while the summary and the
 * dataset are made, V8's own choice otherwise. Checked in fresh processes, since the flag is
 * process-wide, through `--trace-gc-verbose`: after each full collection V8 prints the limit it
 * sets for the next one with the factor it used, "[HeapController] Limit: old size: … KB, new
 * limit: … KB (2.0)". That the commands ask for it is checked in heap-growth-wiring.test.ts, and
 * when runBatch sets each phase in test/batch/heap-growth-phases.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULE = join(ROOT, 'lib', 'batch', 'heap-growth.js');
const LIMIT = /\[HeapController\] Limit: .*\((\d+\.\d)\)$/;

/** The lines of a `--trace-gc-verbose` run: each collection's factor, and the program's own lines. */
function traced(args: string[]): { factor: string | null; line: string }[] {
  const r = spawnSync(process.execPath, ['--trace-gc-verbose', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').map((line) => ({ factor: LIMIT.exec(line)?.[1] ?? null, line }));
}

describe("a batch's heap growth", () => {
  // V8 writes its trace through C's buffered stdout, so its lines and the program's own do not
  // come out in the order they were written: each phase is checked in a process of its own.
  const factorsIn = (phase: string) =>
    traced([
      // V8's own choice for a heap of 4 GB is 4 on a 64-bit machine: neither phase's factor.
      '--max-old-space-size=4096',
      '--input-type=module',
      '-e',
      `const { setHeapGrowth } = await import(${JSON.stringify(MODULE)});
       setHeapGrowth(${phase});
       // Garbage enough for several full collections.
       let keep = [];
       for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 2e5) keep = []; }`,
    ]).flatMap((l) => (l.factor ? [l.factor] : []));

  it('is set for a phase, and given back to V8', () => {
    const render = factorsIn("'render'");
    expect(render.length).toBeGreaterThan(1);
    expect(new Set(render)).toEqual(new Set(['2.0']));
    const finish = factorsIn("'finish'");
    expect(finish.length).toBeGreaterThan(1);
    expect(new Set(finish)).toEqual(new Set(['1.3']));
    const own = factorsIn('null');
    expect(own.length).toBeGreaterThan(1);
    expect(own).not.toContain('2.0');
    expect(own).not.toContain('1.3');
  });
});
