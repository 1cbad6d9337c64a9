/**
 * Whether a command keeps its threads busy from start to end (issue 16, lever 7: do two report
 * workers keep two cores busy, the summary's worker included?). Runs the command and, every
 * 100 ms, counts its threads that are running or waiting for a CPU (state R in
 * /proc/PID/task/TID/stat): on a shared machine, a thread waiting for a core still counts, so the
 * figure says what the command asks for, not what the load lets it have. Linux only.
 *   npx tsx bench/busy-threads.ts -- node bin/dmf.js batch DIR -o OUT --force
 * Prints, for each tenth of the run, the share of samples with 0, 1, 2 and 3+ threads busy, and
 * the same for the whole run.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const at = process.argv.indexOf('--');
const [command, ...args] = process.argv.slice(at >= 0 ? at + 1 : 2);
if (!command) throw new Error('usage: busy-threads -- COMMAND ARGS...');
const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const samples: { t: number; busy: number }[] = [];
const start = Date.now();

function busyThreads(pid: number): number | undefined {
  try {
    let busy = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'R') busy++;
    }
    return busy;
  } catch {
    return undefined; // the process has ended
  }
}

const timer = setInterval(() => {
  const busy = busyThreads(child.pid!);
  if (busy !== undefined) samples.push({ t: Date.now() - start, busy });
}, 100);
const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
clearInterval(timer);
const wall = Date.now() - start;

const shares = (xs: { busy: number }[]) => {
  const n = Math.max(1, xs.length);
  const c = [0, 0, 0, 0];
  for (const x of xs) c[Math.min(3, x.busy)]!++;
  return c.map((k) => `${Math.round((100 * k) / n)}%`.padStart(4)).join(' ');
};
console.log(
  `exit ${code}, ${(wall / 1000).toFixed(1)} s, ${samples.length} samples; threads busy: 0 / 1 / 2 / 3+`,
);
for (let d = 0; d < 10; d++) {
  const part = samples.filter((s) => s.t >= (d * wall) / 10 && s.t < ((d + 1) * wall) / 10);
  console.log(`${String(d * 10).padStart(3)}–${String((d + 1) * 10).padStart(3)}%  ${shares(part)}`);
}
console.log(`all        ${shares(samples)}`);
