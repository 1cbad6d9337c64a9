/**
 * CPU time of one report, read → pack with the contents' page numbers, as `dmf report` does it
 * (the template compiled per report), after a warm-up:
 *   npx tsx bench/report-cpu.ts [template] [runs] [warm-up runs] [--young MB|--young default]
 * Prints one JSON line: the template, the first run's CPU, every timed run's CPU and their median
 * (ms). CPU time, not wall time: the work is synchronous JavaScript, and on a shared machine CPU
 * time is far less disturbed by the load than wall time. Run two checkouts side by side (at the
 * same time, so that the load falls on both alike) for A/B figures.
 *
 * With `--young`, the reports are made in a worker thread with that young-generation cap, as the
 * batch's report workers are (src/io/guarded-pool.ts), and the line adds the worker's garbage
 * collection pauses per report (scavenges and full collections, from `gc` performance entries)
 * and the process's peak RSS. One worker at a time, so the process's CPU time is the worker's
 * (its garbage collector's helper threads included).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { builtInFramework } from '../src/framework/index.js';
import { buildViewModel, compileTemplate, renderReport } from '../src/report/index.js';
import { loadTemplate } from '../src/report/node/load-template.js';
import { readWorkbook } from '../src/workbook/read/index.js';
import { sampleResult } from '../test/report/fixtures.js';
import { workbookOf } from '../test/report/workbooks.js';

interface Job {
  template: string | undefined;
  runs: number;
  warmup: number;
}

interface Figures {
  template: string;
  first: number;
  median: number;
  cpu: number[];
  /** Milliseconds of garbage-collection pauses per timed report, by kind (worker runs only). */
  gcPerReport?: { scavenge: number; full: number; all: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure({ template, runs, warmup }: Job): Promise<Figures> {
  const framework = builtInFramework();
  const now = new Date('2026-11-27T10:00:00Z');
  const xlsx = new Uint8Array(await workbookOf(sampleResult()));
  const files = await loadTemplate(template);
  const gc = { scavenge: 0, full: 0, counting: false };
  const observer = new PerformanceObserver((list) => {
    if (!gc.counting) return;
    for (const e of list.getEntries()) {
      // detail.kind: 1 scavenge (minor), 2 mark-compact, 4 incremental marking, 8 weak callbacks.
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === 1) gc.scavenge += e.duration;
      else gc.full += e.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const once = async (): Promise<number> => {
    const c = process.cpuUsage();
    const current = await readWorkbook(framework, xlsx, { fileName: 'returned.xlsx' });
    const vm = buildViewModel({ framework, current, options: { now } });
    await renderReport(vm, compileTemplate(files));
    const used = process.cpuUsage(c);
    return (used.user + used.system) / 1000;
  };
  const first = await once();
  for (let i = 1; i < warmup; i++) await once();
  gc.counting = true;
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) cpu.push(await once());
  await new Promise((r) => setTimeout(r, 50)); // the last gc entries
  observer.disconnect();
  const perReport = (ms: number) => Math.round(ms / runs);
  return {
    template: template ?? 'default',
    first: Math.round(first),
    median: Math.round(median(cpu)),
    cpu: cpu.map(Math.round),
    gcPerReport: {
      scavenge: perReport(gc.scavenge),
      full: perReport(gc.full),
      all: perReport(gc.scavenge + gc.full),
    },
  };
}

if (!isMainThread) {
  parentPort!.postMessage(await measure(workerData as Job));
} else {
  const args = process.argv.slice(2);
  const at = args.indexOf('--young');
  const young = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [template, runsArg, warmArg] = args;
  const job: Job = { template, runs: Number(runsArg ?? 10), warmup: Number(warmArg ?? 8) };
  if (young === undefined) {
    const { gcPerReport, ...figures } = await measure(job);
    console.log(JSON.stringify({ ...figures, gcPerReport }));
  } else {
    // A worker thread does not inherit tsx's loader: register it there first, then load this file.
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(code, {
      eval: true,
      workerData: job,
      ...(young === 'default' ? {} : { resourceLimits: { maxYoungGenerationSizeMb: Number(young) } }),
    });
    const figures = await new Promise<Figures>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ young, ...figures, peakRssMb }));
  }
}
