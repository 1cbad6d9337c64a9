/**
 * One `dmf report` process (issue 24): the CPU time of a fresh process that writes the brief of a
 * demo department's workbook (`dmf report FILE -o OUT.docx --force`: Node's start-up, loading the
 * modules, the guarded reading worker (it inspects the zip, then reads), the template, the render,
 * the file), against a fresh process that only starts Node and imports docx and exceljs — in the
 * same run, alternated, so that the load falls on both alike.
 *
 * Target (issue 24): a `dmf report` process at most 1.5 s of CPU on an idle machine. Here as a
 * ratio of CPU medians, so that it can be checked on a loaded machine too: at most 3.0× the
 * baseline, which costs about 0.5–0.6 s of CPU on this 2-core machine (0.57 s under a load
 * average of 15; docs/performance.md, issue 24 session 6). The table's ratio is of wall-clock
 * times, start-up included (report only); the CPU ratio and its check are in the notes.
 *
 * Both children run compiled code (../compiled.ts), as the installed `dmf` does, with the built-in
 * templates precompiled as `npm run build:cli` does (scripts/precompile-templates.mjs).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeDemoWorkbooks } from '../../src/demo/write-demo-workbooks.js';
import { builtInFramework } from '../../src/framework/index.js';
import { compiledPath } from '../compiled.js';
import type { BenchCase, CaseFinding } from '../harness.js';

const MAX_CPU_RATIO = 3.0;
/** Warm-up pairs (the file cache); their figures are left out. */
const WARMUP = 1;
const CHILD = fileURLToPath(new URL('./report-process-child.ts', import.meta.url));
const PRECOMPILE = fileURLToPath(new URL('../../scripts/precompile-templates.mjs', import.meta.url));
const run = promisify(execFile);

let child = '';
let dir = '';
let workbook = '';
let loadAtStart: number[] = [];
const cpu: Record<'baseline' | 'subject', number[]> = { baseline: [], subject: [] };
const rss: Record<'baseline' | 'subject', number[]> = { baseline: [], subject: [] };

async function measured(which: 'baseline' | 'subject'): Promise<void> {
  const args =
    which === 'subject' ? [child, 'report', workbook, join(dir, 'report.docx')] : [child, 'baseline'];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
    cpuMs: number;
    maxRssMb: number;
    exitCode: number;
  };
  if (result.exitCode !== 0) throw new Error(`dmf report exited ${result.exitCode}:\n${stdout}`);
  cpu[which].push(result.cpuMs);
  rss[which].push(result.maxRssMb);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function finish(): CaseFinding {
  rmSync(dir, { recursive: true, force: true });
  for (const which of ['baseline', 'subject'] as const) {
    cpu[which] = cpu[which].slice(WARMUP);
    rss[which] = rss[which].slice(WARMUP);
  }
  const ratio = median(cpu.subject) / median(cpu.baseline);
  const ok = ratio <= MAX_CPU_RATIO;
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  return {
    ok,
    notes: [
      `machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}; ` +
        `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      `CPU of the process (user + system, every thread), median: dmf report ${median(cpu.subject).toFixed(0)} ms ` +
        `(${ms(cpu.subject)}), baseline ${median(cpu.baseline).toFixed(0)} ms (${ms(cpu.baseline)})`,
      `CPU ratio ${ratio.toFixed(2)}× (target ≤ ${MAX_CPU_RATIO}×): ${ok ? 'met' : 'MISSED'}; ` +
        `peak RSS median ${median(rss.subject).toFixed(0)} MB (baseline ${median(rss.baseline).toFixed(0)} MB)`,
    ],
    figures: {
      cpuMs: { subject: cpu.subject, baseline: cpu.baseline },
      maxRssMb: { subject: rss.subject, baseline: rss.baseline },
      cpuRatio: ratio,
      maxCpuRatio: MAX_CPU_RATIO,
      loadAtStart,
    },
  };
}

export const reportProcessCase: BenchCase = {
  name: 'report-process',
  description: `one fresh \`dmf report\` process, CPU vs a process that imports docx and exceljs (target ≤ ${MAX_CPU_RATIO}×)`,
  iterations: 7,
  warmup: WARMUP,
  async setup() {
    child = await compiledPath(CHILD);
    // The built-in templates precompiled into the compiled copy, as `npm run build:cli` does for lib/.
    await run(process.execPath, [PRECOMPILE, join(dirname(dirname(dirname(child))), 'src')]);
    dir = await mkdtemp(join(tmpdir(), 'dmf-bench-report-process-'));
    await writeDemoWorkbooks(builtInFramework(), {
      dir,
      count: 12,
      seed: 2026,
      createdAt: '2026-03-31T09:00:00.000Z',
    });
    workbook = join(dir, (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).sort()[0]!);
    loadAtStart = loadavg();
  },
  baseline: { label: 'node + import docx, exceljs', run: () => measured('baseline') },
  subject: { label: 'dmf report (one process)', run: () => measured('subject') },
  finish,
};
