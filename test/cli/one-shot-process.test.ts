/**
 * `dmf report` runs without V8's optimising compiler (src/cli/one-shot-process.ts): one report is
 * over before TurboFan's work pays for itself. Checked in fresh processes, since the flag is
 * process-wide: the module's switch (only a process that `main` claimed is tuned) and the real
 * command line, counted with `--trace-opt`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULE = join(ROOT, 'lib', 'cli', 'one-shot-process.js');
const BIN = join(ROOT, 'bin', 'dmf.js');

/** Runs a hot function two million times and asks V8 whether it was optimised. */
function optimisedAfterHotLoop(claim: boolean): { tuned: boolean; optimised: boolean } {
  const script = `
    const m = await import(${JSON.stringify(MODULE)});
    ${claim ? 'm.claimProcess();' : ''}
    const tuned = m.tuneForOneShot();
    function hot(a, b) { return (a * 31 + b) % 1000003; }
    let x = 0;
    for (let i = 0; i < 2e6; i++) x = hot(x, i);
    // Bit 4 of V8's optimisation status: the function runs optimised code.
    console.log(JSON.stringify({ tuned, optimised: (%GetOptimizationStatus(hot) & 16) !== 0, x }));
  `;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { tuned: boolean; optimised: boolean };
}

describe('a one-shot command runs without the optimising compiler', () => {
  it('tunes only a process that the command line claimed', () => {
    expect(optimisedAfterHotLoop(false)).toMatchObject({ tuned: false, optimised: true });
    expect(optimisedAfterHotLoop(true)).toMatchObject({ tuned: true, optimised: false });
  });

  it('dmf report optimises (almost) nothing; the same report in an unclaimed process optimises dozens', () => {
    const f = builtInFramework();
    const ratings: Record<string, string> = {};
    for (const e of f.elements)
      for (const l of e.levels) for (const c of l.characteristics) ratings[c.id] = 'Partly';
    const dir = mkdtempSync(join(tmpdir(), 'dmf-one-shot-'));
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ frameworkId: f.id, frameworkVersion: f.version, ratings }));
    const optimisations = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--trace-opt', BIN, ...args], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter((l) => l.startsWith('[completed optimizing')).length;
    };
    // A few functions of Node's own start-up may be optimised before the command's action runs.
    const report = optimisations(['report', file, '-o', join(dir, 'report.docx')]);
    expect(report).toBeLessThan(15);
    // The control: the same machinery with TurboFan on optimises dozens of functions in a report's
    // worth of work; if it did not, the count above would prove nothing.
    const data = spawnSync(
      process.execPath,
      [
        '--trace-opt',
        '--input-type=module',
        '-e',
        `const { buildProgram } = await import(${JSON.stringify(join(ROOT, 'lib', 'cli', 'main.js'))});
         await buildProgram().parseAsync(['node', 'dmf', 'report', ${JSON.stringify(file)}, '-o', ${JSON.stringify(join(dir, 'control.docx'))}]);`,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(data.status, data.stderr).toBe(0);
    const control = data.stdout.split('\n').filter((l) => l.startsWith('[completed optimizing')).length;
    expect(control).toBeGreaterThan(30);
  });
});
