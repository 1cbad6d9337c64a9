/**
 * CPU of reading one filled workbook (issue 24 session 6, docs/performance.md): the fast reader
 * (src/workbook/read/xlsx-grid.ts) against exceljs, warm, in one process. Prints medians of
 * process.cpuUsage (user+sys) over N runs of: the grids alone, and readWorkbook() as a whole.
 *
 *   node --import tsx bench/fast-read-cpu.ts [N]
 */
import { builtInFramework } from '../src/framework/index.js';
import { writeWorkbook } from '../src/workbook/exceljs/index.js';
import { buildPlan } from '../src/workbook/plan/index.js';
import { workbookGrids } from '../src/workbook/read/exceljs-grid.js';
import { loadWorkbook, readWorkbook } from '../src/workbook/read/read-workbook.js';
import { fastReadStats, xlsxGrids } from '../src/workbook/read/xlsx-grid.js';
import { fullAnswers } from './cases/workbook-read.js';

const runs = Number(process.argv[2] ?? 30);
const framework = builtInFramework();
const bytes = await writeWorkbook(
  buildPlan(framework, { answers: fullAnswers(), createdAt: '2026-01-01T00:00:00Z' }),
);

/** CPU of one call, in ms. */
async function cpuMs(run: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

const variants: [string, boolean, () => unknown][] = [
  ['grids: exceljs (load + workbookGrids)', true, async () => workbookGrids(await loadWorkbook(bytes))],
  ['grids: fast reader (xlsxGrids)', true, () => xlsxGrids(bytes)],
  ['readWorkbook: exceljs path', false, () => readWorkbook(framework, bytes)],
  ['readWorkbook: fast path', true, () => readWorkbook(framework, bytes)],
];
// Interleaved, so that the machine's load drifts over all variants alike.
const samples = variants.map(() => [] as number[]);
for (let i = 0; i < runs + 5; i++) {
  for (const [v, [, fast, run]] of variants.entries()) {
    fastReadStats.enabled = fast;
    const ms = await cpuMs(run);
    if (i >= 5) samples[v]!.push(ms); // the first five warm up
  }
}
fastReadStats.enabled = true;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`workbook: ${bytes.length} bytes; median CPU of ${runs} warm runs, interleaved`);
for (const [v, [label]] of variants.entries())
  console.log(`${label.padEnd(40)} ${median(samples[v]!).toFixed(1)} ms`);
