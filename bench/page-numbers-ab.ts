/**
 * A/B of the page-number levers of issue 16 in one process, run after run in turn, so that the
 * machine's load falls on every variant alike:
 *   A  docx/layout as published, with `listNumbers` (what the report did before)
 *   B  docx/layout as published, without `listNumbers` (one read of the body fewer)
 *   C  docx/layout with the width and font memos of the patch, without `listNumbers` (session 3)
 *   D  docx/layout as patched (also the object-spread helper, decoded width tables remembered and
 *      formats combined in place: session 4), without `listNumbers` (the report now)
 * "As published" is the installed file with the patch's switches turned off
 * (test/report/docx-patch-reversal.ts, as the patch's test does). Each run is a whole report, read → pack, as
 * bench/report-cpu.ts times it; the CPU time of the estimator's own calls is recorded too.
 *   npx tsx bench/page-numbers-ab.ts [template] [rounds] [warm-up rounds]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Packer, type PageNumberEstimator } from 'docx';
import * as patched from 'docx/layout';
import { builtInFramework } from '../src/framework/index.js';
import { buildDocument, buildViewModel, compileTemplate } from '../src/report/index.js';
import { loadTemplate } from '../src/report/node/load-template.js';
import { readWorkbook } from '../src/workbook/read/index.js';
import { PATCH_SWITCHES, unpatchedLayoutSource } from '../test/report/docx-patch-reversal.js';
import { sampleResult } from '../test/report/fixtures.js';
import { workbookOf } from '../test/report/workbooks.js';

const [template, roundsArg, warmArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 10);
const warmup = Number(warmArg ?? 4);

const require = createRequire(import.meta.url);
const layoutFile = join(require.resolve('docx'), '..', 'layout.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'dmf-ab-'));
process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
const unpatchedFile = join(tmp, 'layout.mjs');
writeFileSync(unpatchedFile, unpatchedLayoutSource(readFileSync(layoutFile, 'utf8')));
const published = (await import(pathToFileURL(unpatchedFile).href)) as typeof patched;
// Session 3's patch alone: the width and font memos on, the later switches off.
const SESSION_3 = ['measureWidth: measureTextWidthRemembered,', 'rememberEastAsianFont('];
const later = PATCH_SWITCHES.filter((s) => !SESSION_3.some((k) => s.patched.includes(k)));
const memosFile = join(tmp, 'layout-memos.mjs');
writeFileSync(
  memosFile,
  later.reduce((code, s) => code.replace(s.patched, s.published), readFileSync(layoutFile, 'utf8')),
);
const memosOnly = (await import(pathToFileURL(memosFile).href)) as typeof patched;

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let estimatorMs = 0;
/** The estimator, with or without its listNumbers, counting the CPU time of its calls. */
function timed(estimator: PageNumberEstimator, withListNumbers: boolean): PageNumberEstimator {
  const main: PageNumberEstimator = (body, context) => {
    const c = cpuNow();
    try {
      return estimator(body, context);
    } finally {
      estimatorMs += cpuNow() - c;
    }
  };
  if (!withListNumbers) return main;
  return Object.assign(main, {
    listNumbers: (body: Parameters<PageNumberEstimator>[0], context: Parameters<PageNumberEstimator>[1]) => {
      const c = cpuNow();
      try {
        return estimator.listNumbers!(body, context);
      } finally {
        estimatorMs += cpuNow() - c;
      }
    },
  });
}
const variants = {
  A: timed(published.estimatePageNumbersWith({ guess: true }), true),
  B: timed(published.estimatePageNumbersWith({ guess: true }), false),
  C: timed(memosOnly.estimatePageNumbersWith({ guess: true }), false),
  D: timed(patched.estimatePageNumbersWith({ guess: true }), false),
};

const framework = builtInFramework();
const now = new Date('2026-11-27T10:00:00Z');
const xlsx = new Uint8Array(await workbookOf(sampleResult()));
const files = await loadTemplate(template);

async function once(pageNumbers: PageNumberEstimator): Promise<{ report: number; estimator: number }> {
  estimatorMs = 0;
  const c = cpuNow();
  const current = await readWorkbook(framework, xlsx, { fileName: 'returned.xlsx' });
  const vm = buildViewModel({ framework, current, options: { now } });
  await Packer.pack(buildDocument(vm, compileTemplate(files), { pageNumbers }), 'uint8array');
  return { report: cpuNow() - c, estimator: estimatorMs };
}

const names = Object.keys(variants) as (keyof typeof variants)[];
const times = Object.fromEntries(names.map((n) => [n, [] as { report: number; estimator: number }[]]));
for (let r = 0; r < warmup + rounds; r++) {
  // Rotate the order, so that no variant always runs first after the others.
  for (let k = 0; k < names.length; k++) {
    const n = names[(r + k) % names.length]!;
    const t = await once(variants[n]);
    if (r >= warmup) times[n]!.push(t);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out: Record<string, unknown> = { template: template ?? 'default', rounds };
for (const n of names) {
  out[n] = {
    reportMedian: Math.round(median(times[n]!.map((t) => t.report))),
    estimatorMedian: Math.round(median(times[n]!.map((t) => t.estimator))),
    reports: times[n]!.map((t) => Math.round(t.report)),
  };
}
// Paired: each round's B, C and D against its A, and D against C (what session 4's switches give).
const ratio = (n: string, base = 'A') => median(times[n]!.map((t, i) => t.report / times[base]![i]!.report));
out.pairedRatio = {
  B: +ratio('B').toFixed(3),
  C: +ratio('C').toFixed(3),
  D: +ratio('D').toFixed(3),
  DvsC: +ratio('D', 'C').toFixed(3),
};
console.log(JSON.stringify(out));
