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

async function medianCpuMs(run: () => unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await run(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    await run();
    const d = process.cpuUsage(before);
    samples.push((d.user + d.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const rows: [string, number][] = [];
rows.push(['grids: exceljs (load + workbookGrids)', await medianCpuMs(async () => workbookGrids(await loadWorkbook(bytes)))]);
rows.push(['grids: fast reader (xlsxGrids)', await medianCpuMs(() => xlsxGrids(bytes))]);
fastReadStats.enabled = false;
rows.push(['readWorkbook: exceljs path', await medianCpuMs(() => readWorkbook(framework, bytes))]);
fastReadStats.enabled = true;
rows.push(['readWorkbook: fast path', await medianCpuMs(() => readWorkbook(framework, bytes))]);
console.log(`workbook: ${bytes.length} bytes; median CPU of ${runs} warm runs`);
for (const [label, ms] of rows) console.log(`${label.padEnd(40)} ${ms.toFixed(1)} ms`);
