/**
 * `dmf demo --departments N`, measured from outside: wall time, CPU time and peak RSS of the whole
 * process (worker threads included), and the same per phase of the run, from the lines the demo
 * prints (issue 24's target: 500 departments under 90 s wall and 400 MB peak RSS on 2 cores).
 *
 *   npx tsx bench/demo-run.ts [DEPARTMENTS=500] [-- extra dmf demo options]
 *
 * Runs the compiled CLI (`npm run build:cli` first: lib/, as the installed `dmf`), in a fresh
 * temporary folder that is removed afterwards. Every 100 ms it reads the child's VmRSS and
 * utime + stime from /proc (Linux only); the kernel's high-water mark (VmHWM) is read at each
 * sample too, so a peak between samples is still seen. Phases, by the child's output:
 *   generate  start → "Running the batch" (writing the returned workbooks)
 *   read      → the first report's line "[1/N]" (reading and scoring every workbook, then the
 *               first report: the batch reads everything before it renders)
 *   reports   → the last report's line "[N/N]"
 *   end       → exit (dataset, summary, log)
 * The machine's load average is printed at the start and end: on a shared machine the wall time
 * says little without it; the CPU time is the steadier figure.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash < 0 ? args : args.slice(0, dash);
const extra = dash < 0 ? [] : args.slice(dash + 1);
const departments = Number(own[0] ?? 500);
if (!Number.isInteger(departments) || departments < 1)
  throw new Error('usage: demo-run.ts [DEPARTMENTS] [-- …]');

const dmf = fileURLToPath(new URL('../bin/dmf.js', import.meta.url));
const TICKS = 100; // clock ticks a second (USER_HZ) on Linux
const PAGE_MB = 1024 / 1e6;

interface Sample {
  ms: number;
  rssMb: number;
  hwmMb: number;
  cpuMs: number;
}

function sample(pid: number, ms: number): Sample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is 14th, stime 15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return {
      ms,
      rssMb: kib('VmRSS') * PAGE_MB,
      hwmMb: kib('VmHWM') * PAGE_MB,
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS,
    };
  } catch {
    return undefined; // exited between two samples
  }
}

const dir = await mkdtemp(join(tmpdir(), 'dmf-demo-run-'));
const out = join(dir, 'demo');
const loadStart = loadavg();
const started = performance.now();
const child = spawn(
  process.execPath,
  [dmf, 'demo', '--departments', String(departments), '-o', out, ...extra],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const samples: Sample[] = [];
const marks: { name: string; ms: number }[] = [{ name: 'start', ms: 0 }];
const timer = setInterval(() => {
  const s = sample(child.pid!, performance.now() - started);
  if (s) samples.push(s);
}, 100);
let buffered = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  buffered += chunk;
  let nl: number;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const ms = performance.now() - started;
    // Sample at each boundary too, so each phase's CPU is read where it ends.
    const at = (name: string) => {
      const s = sample(child.pid!, ms);
      if (s) samples.push(s);
      marks.push({ name, ms });
    };
    if (line.startsWith('Running the batch')) at('generate');
    else if (/^\s+\[1\/\d+\]/.test(line)) at('read');
    else if (new RegExp(`^\\s+\\[(\\d+)/\\1\\]`).test(line)) at('reports');
  }
});
const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
clearInterval(timer);
const wallMs = performance.now() - started;
marks.push({ name: 'end', ms: wallMs });
await rm(dir, { recursive: true, force: true });

const last = samples.at(-1);
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `dmf demo --departments ${departments} ${extra.join(' ')}: exit ${code}; wall ${fmt(wallMs)}, ` +
    `CPU ≥ ${fmt(last?.cpuMs ?? 0)} (last sample), peak RSS ${Math.max(...samples.map((s) => s.hwmMb)).toFixed(0)} MB ` +
    `(kernel high-water mark; highest sample ${Math.max(...samples.map((s) => s.rssMb)).toFixed(0)} MB); ` +
    `load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} → ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
for (let i = 1; i < marks.length; i++) {
  const from = marks[i - 1]!;
  const to = marks[i]!;
  const inPhase = samples.filter((s) => s.ms >= from.ms && s.ms <= to.ms);
  const before = samples.filter((s) => s.ms <= from.ms).at(-1);
  const cpu = (inPhase.at(-1)?.cpuMs ?? 0) - (before?.cpuMs ?? 0);
  console.log(
    `  ${to.name.padEnd(9)} ${fmt(to.ms - from.ms).padStart(8)} wall, ${fmt(cpu).padStart(8)} CPU, ` +
      `RSS up to ${Math.max(0, ...inPhase.map((s) => s.rssMb)).toFixed(0)} MB sampled`,
  );
}
