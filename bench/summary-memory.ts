/**
 * summary.docx's memory on its own (issue 24, session 8): builds the summary's view model for N
 * generated departments (test/batch/generated-departments.ts, seeded) and renders it as the batch
 * does, in a guarded worker with the batch's summary limits, printing the process's RSS before and
 * the peak while it runs, with the worker's own heap as V8 reports it.
 *
 *   npx tsx bench/summary-memory.ts [departments=500] [--young MB] [--inline]
 *
 * The worker runs the compiled task (lib/: `npm run build:cli` first), as the installed `dmf` does:
 * tsx's loader in a worker costs tens of MB (bench/compiled.ts). --old MB: the worker's old
 * generation cap instead of the batch's 1024 MB.
 * --inline renders in this thread instead (for `node --heapsnapshot-near-heap-limit`, `--trace-gc`
 * or a heap snapshot: SNAPSHOT=1 writes one when the document is built, before it is packed).
 */
import { writeHeapSnapshot } from 'node:v8';
import { builtInFramework } from '../src/framework/index.js';
import { loadTemplate } from '../src/report/node/load-template.js';
import { buildSummaryModel, renderSummary } from '../src/report/summary/index.js';
import { generatedDepartments } from '../test/batch/generated-departments.js';
import { PeakRss } from './peak-rss.js';
import type { SummaryTask } from '../src/batch/summary-task.js';
import type { runGuarded as RunGuarded } from '../src/io/index.js';

const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 500);
const youngAt = args.indexOf('--young');
const young = youngAt >= 0 ? Number(args[youngAt + 1]) : 4;
const inline = args.includes('--inline');
const oldAt = args.indexOf('--old');
const old = oldAt >= 0 ? Number(args[oldAt + 1]) : 1024;

const framework = builtInFramework();
const model = buildSummaryModel(
  framework,
  generatedDepartments(framework, count).map((d) => ({
    department: d.department,
    file: d.file,
    scores: d.scores,
    answers: d.answers,
    errorCount: 0,
    duplicateDepartment: false,
  })),
  [],
  { generatedOn: '7 December 2026' },
);
const templateFiles = await loadTemplate('summary');
const peak = new PeakRss();
const before = PeakRss.nowMb();
peak.reset();
const cpu = process.cpuUsage();
const started = performance.now();
let bytes: number;
if (inline) {
  if (process.env.SNAPSHOT) {
    const { compileTemplate } = await import('../src/report/compile-template.js');
    const { buildSummaryDocument } = await import('../src/report/summary/index.js');
    const doc = buildSummaryDocument(model, compileTemplate(templateFiles));
    console.log(`snapshot: ${writeHeapSnapshot()} (document built: ${doc ? 'yes' : 'no'})`);
  }
  bytes = (await renderSummary(model, templateFiles)).length;
} else {
  const lib = '../lib/io/index.js';
  const { runGuarded } = (await import(lib)) as { runGuarded: typeof RunGuarded };
  const result = await runGuarded<SummaryTask, Uint8Array>(
    {
      module: new URL('../lib/batch/summary-task.js', import.meta.url),
      exportName: 'renderSummaryTask',
      arg: { model, templateFiles },
      label: 'summary.docx',
    },
    { limits: { maxYoungGenerationSizeMb: young, timeoutMs: 600_000, maxOldGenerationSizeMb: old } },
  );
  if (!result.ok) throw new Error(result.failure.message);
  bytes = result.value.length;
}
const used = process.cpuUsage(cpu);
const p = peak.read();
console.log(
  `${count} departments, ${inline ? 'inline' : `worker (young ${young} MB, old ${old} MB)`}: ${bytes} bytes; ` +
    `wall ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; ` +
    `RSS before ${before.toFixed(0)} MB, peak ${p.peakMb.toFixed(0)} MB (sampled ${p.sampledMb.toFixed(0)}), ` +
    `heap used now ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);
