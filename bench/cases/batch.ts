/**
 * `dmf batch` on many generated workbooks (issue 24's bar): the whole batch — every report, the
 * summary, the dataset and the log — against the plain read-score-write pipeline on the same files.
 *
 *   - Input: BENCH_BATCH_COUNT (default 40, the bar's returns) returned workbooks of fictional
 *     departments, written by the demo generator into a temporary folder at setup (not timed).
 *   - Baseline, the plain pipeline: one file after another, exceljs loads the file, the tool's
 *     reader reads its answers and they are scored, every cell's text is collected, docx writes
 *     the levels and the texts as one paragraph each, and the .docx is written.
 *   - Subject: `runBatch` as `dmf batch` calls it: one worker per core, `--force`, a fresh output
 *     folder each run, the ministerial template, summary.docx, results.csv, answers.csv,
 *     results.xlsx and batch-log.json.
 *
 * Each run is a fresh Node process (./batch-child.ts, compiled like lib/: see ../compiled.ts), so
 * that its peak memory — sampled every 20 ms, and the kernel's high-water mark, worker threads
 * included — is its own, not what setup or the other side left in this process. The times are of
 * the whole child (start-up included, about a second); the child's own time of the work is
 * printed too.
 *
 * Targets (issue 24): at most 2.5× the baseline's time, and the subject's peak RSS under 400 MB.
 * (Issue 6 asked 0.8× at 500 workbooks; that target was given up with issue 16: a report with its
 * contents' page numbers cannot cost less than reading the workbook.) One run each by default, no
 * warm-up. `dmf demo --departments 500` (wall, CPU and peak RSS by phase) is measured by
 * ../demo-run.ts, outside `npm run bench`: it takes minutes.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LOG_FILE, type BatchLog } from '../../src/batch/run-batch.js';
import { writeDemoWorkbooks } from '../../src/demo/write-demo-workbooks.js';
import { builtInFramework } from '../../src/framework/index.js';
import { compiledPath } from '../compiled.js';
import type { BenchCase, CaseFinding } from '../harness.js';
import type { PeakReading } from '../peak-rss.js';

/** Workbooks in the batch: BENCH_BATCH_COUNT, default 40 (issue 24's bar). */
export const BATCH_COUNT = (() => {
  const raw = process.env.BENCH_BATCH_COUNT;
  const n = raw === undefined ? 40 : Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BENCH_BATCH_COUNT must be a whole number ≥ 1, got "${raw}"`);
  return n;
})();
const MAX_RATIO = 2.5;
const MAX_PEAK_MB = 400;
const JOBS = availableParallelism();
const CHILD = fileURLToPath(new URL('./batch-child.ts', import.meta.url));
let child = '';
const execFileAsync = promisify(execFile);

let root = '';
let inputDir = '';
let inputs: string[] = [];
let inputBytes = 0;
let loadAtStart: number[] = [];

interface Run {
  which: 'baseline' | 'subject';
  /** Spawn to exit, measured here. */
  wallMs: number;
  /** The work alone, measured in the child (after start-up and imports). */
  ms: number;
  /** CPU time of the child during the work, every thread. */
  cpuMs: number;
  /** RSS of the child when the work started, MB. */
  startMb: number;
  peak: PeakReading;
  /** Subject only: when the last file was recorded (ms after the start), the exit code, the log. */
  filesDoneMs?: number;
  /** Subject only: the peak RSS until the last report (before the summary and dataset), MB. */
  filesPeakMb?: number;
  exitCode?: number;
  log?: BatchLog;
}
const runs: Run[] = [];

async function measured(which: Run['which']): Promise<void> {
  const out = await mkdtemp(join(root, `${which}-`));
  const started = performance.now();
  const { stdout } = await execFileAsync(process.execPath, [child, which, inputDir, out, String(JOBS)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const run = JSON.parse(stdout.trim().split('\n').pop()!) as Omit<Run, 'wallMs' | 'log'>;
  const log =
    which === 'subject' ? (JSON.parse(await readFile(join(out, LOG_FILE), 'utf8')) as BatchLog) : undefined;
  runs.push({ ...run, wallMs, ...(log ? { log } : {}) });
  // Keep the disk tidy between runs: 500 reports are some 20 MB.
  await rm(out, { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mb = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(0)} MB`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function finish(): Promise<CaseFinding> {
  const notes: string[] = [];
  let ok = true;
  const base = runs.filter((r) => r.which === 'baseline');
  const subj = runs.filter((r) => r.which === 'subject');
  const load = loadavg();
  notes.push(
    `machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}; ` +
      `load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at the start, ` +
      `${load.map((l) => l.toFixed(2)).join(' ')} at the end`,
  );
  notes.push(
    `${inputs.length} workbooks, ${(inputBytes / 1e6).toFixed(1)} MB in all (${(inputBytes / inputs.length / 1e3).toFixed(0)} KB each); jobs ${JOBS}`,
  );
  for (const r of runs) {
    const perSecond = inputs.length / (r.wallMs / 1000);
    notes.push(
      `${r.which.padEnd(8)} ${s(r.wallMs).padStart(8)} (work ${s(r.ms)}, CPU ${s(r.cpuMs)})  ${perSecond.toFixed(2)} files/s  ` +
        `peak RSS ${mb(r.peak.peakMb)} (sampled ${mb(r.peak.sampledMb)} in ${r.peak.samples} samples, ` +
        `kernel ${mb(r.peak.kernelMb)}; ${mb(r.startMb)} when the work started)`,
    );
  }
  for (const r of subj) {
    const files = r.log?.files ?? [];
    const reported = files.filter((f) => f.status === 'reported' || f.status === 'reported-with-problems');
    const readMs = reported.map((f) => f.timings.readMs);
    const renderMs = reported.map((f) => f.timings.renderMs);
    const busy = sum(readMs) + sum(renderMs);
    notes.push(
      `subject: ${reported.length}/${inputs.length} reported, outputs ${r.log?.outputs.join(', ') ?? 'none'}; ` +
        `files done at ${s(r.filesDoneMs ?? 0)} (peak RSS so far ${mb(r.filesPeakMb)}), ` +
        `summary + dataset + log ${s(r.ms - (r.filesDoneMs ?? 0))}`,
    );
    notes.push(
      `subject per file (in the workers): read + score median ${median(readMs).toFixed(0)} ms, ` +
        `report median ${median(renderMs).toFixed(0)} ms; sums ${s(sum(readMs))} + ${s(sum(renderMs))} = ` +
        `${s(busy)} of work in ${s(r.filesDoneMs ?? r.ms)} with ${JOBS} workers (${((100 * busy) / (JOBS * (r.filesDoneMs ?? r.ms))).toFixed(0)}% busy)`,
    );
    if (reported.length !== inputs.length || r.exitCode !== 0 || (r.log?.outputs.length ?? 0) < 4) {
      ok = false;
      const failed = files.filter((f) => f.status === 'failed').slice(0, 3);
      notes.push(
        `FAILED: the batch did not report every workbook (exit ${r.exitCode}); ${failed.map((f) => `${basename(f.input)}: ${f.reason}`).join('; ')}`,
      );
    }
    if (r.peak.peakMb >= MAX_PEAK_MB) {
      ok = false;
      notes.push(`MISSED: subject peak RSS ${r.peak.peakMb.toFixed(1)} MB ≥ ${MAX_PEAK_MB} MB`);
    }
  }
  const ratio = median(subj.map((r) => r.wallMs)) / median(base.map((r) => r.wallMs));
  const workRatio = median(subj.map((r) => r.ms)) / median(base.map((r) => r.ms));
  const cpuRatio = median(subj.map((r) => r.cpuMs)) / median(base.map((r) => r.cpuMs));
  notes.push(
    `CPU time: subject ${cpuRatio.toFixed(2)}× the baseline's; on ${JOBS} idle cores the time ratio would be about ` +
      `${(cpuRatio / JOBS).toFixed(2)}× at best (the CPU spread perfectly over the cores)`,
  );
  notes.push(
    `targets: time ≤ ${MAX_RATIO}× baseline (${ratio.toFixed(2)}×, ${workRatio.toFixed(2)}× on the work alone: ` +
      `${ratio <= MAX_RATIO ? 'ok' : 'MISSED'}), ` +
      `subject peak RSS < ${MAX_PEAK_MB} MB (${Math.max(...subj.map((r) => r.peak.peakMb)).toFixed(1)} MB: ` +
      `${subj.every((r) => r.peak.peakMb < MAX_PEAK_MB) ? 'ok' : 'MISSED'})`,
  );
  const figures = {
    count: inputs.length,
    inputBytes,
    jobs: JOBS,
    cpus: cpus().length,
    loadAverageStart: loadAtStart,
    loadAverageEnd: load,
    runs: runs.map((r) => ({
      which: r.which,
      wallMs: Math.round(r.wallMs),
      workMs: Math.round(r.ms),
      cpuMs: Math.round(r.cpuMs),
      filesPerSecond: inputs.length / (r.wallMs / 1000),
      peakRssMb: Math.round(r.peak.peakMb),
      sampledPeakRssMb: Math.round(r.peak.sampledMb),
      kernelPeakRssMb: r.peak.kernelMb === undefined ? null : Math.round(r.peak.kernelMb),
      startRssMb: Math.round(r.startMb),
      ...(r.filesDoneMs !== undefined ? { filesDoneMs: Math.round(r.filesDoneMs) } : {}),
      ...(r.filesPeakMb !== undefined ? { filesPeakRssMb: Math.round(r.filesPeakMb) } : {}),
    })),
  };
  await rm(root, { recursive: true, force: true });
  runs.length = 0;
  return { notes, figures, ok };
}

export const batchCase: BenchCase = {
  name: 'batch',
  description: `dmf batch on ${BATCH_COUNT} generated workbooks (reports, summary, dataset) vs the plain read-score-write pipeline on each file in turn`,
  async setup() {
    loadAtStart = loadavg();
    root = await mkdtemp(join(tmpdir(), 'dmf-bench-batch-'));
    // A run stopped half-way (Ctrl-C) leaves no temporary folder behind.
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    inputDir = join(root, 'returned');
    await mkdir(inputDir);
    console.error(`  writing ${BATCH_COUNT} workbooks into ${inputDir} (not timed) …`);
    inputs = (
      await writeDemoWorkbooks(builtInFramework(), {
        dir: inputDir,
        count: BATCH_COUNT,
        seed: 2026,
        createdAt: '2026-03-31T09:00:00.000Z',
      })
    ).sort();
    if (inputs.length !== BATCH_COUNT) throw new Error('the demo generator wrote fewer files');
    inputBytes = sum(await Promise.all(inputs.map(async (p) => (await stat(p)).size)));
    child = await compiledPath(CHILD);
  },
  baseline: {
    label: 'plain pipeline: exceljs read, score, docx write, one by one',
    run: () => measured('baseline'),
  },
  subject: {
    label: `runBatch, ${JOBS} workers, every output`,
    run: () => measured('subject'),
  },
  maxRatio: MAX_RATIO,
  iterations: 1,
  warmup: 0,
  finish,
};
