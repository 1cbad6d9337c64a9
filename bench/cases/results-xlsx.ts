/**
 * results.xlsx of a batch (issue 24): the sheets written as SpreadsheetML directly into a streaming
 * zip (src/batch/xlsx-writer.ts) against exceljs' streaming writer, which wrote the same parts
 * until then (test/batch/exceljs-xlsx.ts; test/batch/xlsx-writer.test.ts proves them equal).
 *
 *   - Input: every table of the data package and the heat map for BENCH_XLSX_DEPARTMENTS (default
 *     100) generated departments, one respondent each: about 370 Answers rows and 244 Ratings rows
 *     a department. Built at setup; the tables' rows are made as they are written, on both sides.
 *   - Baseline: exceljs' WorkbookWriter (styles on, shared strings off), bytes collected.
 *   - Subject: xlsxParts, bytes collected.
 *
 * Target: the subject at most 0.35× the baseline's time. CPU time of each side (this thread; the
 * deflater's work runs on libuv's threads and counts in the process's CPU) is printed under the table.
 */
import { heatMapSheet } from '../../src/batch/heat-map-sheet.js';
import type { Table } from '../../src/batch/table-schema.js';
import { packageTables } from '../../src/batch/write-data-package.js';
import { xlsxParts } from '../../src/batch/xlsx-writer.js';
import { builtInFramework } from '../../src/framework/index.js';
import { exceljsXlsxStream } from '../../test/batch/exceljs-xlsx.js';
import { generatedDepartments } from '../../test/batch/generated-departments.js';
import type { BenchCase } from '../harness.js';

const DEPARTMENTS = (() => {
  const raw = process.env.BENCH_XLSX_DEPARTMENTS;
  const n = raw === undefined ? 100 : Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BENCH_XLSX_DEPARTMENTS must be a whole number ≥ 1, got "${raw}"`);
  return n;
})();

let tables: Table[] = [];
const cpu = { baseline: [] as number[], subject: [] as number[] };
const sizes = { baseline: 0, subject: 0 };

async function written(which: 'baseline' | 'subject', stream: AsyncIterable<Uint8Array>): Promise<void> {
  const started = process.cpuUsage();
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  const used = process.cpuUsage(started);
  cpu[which].push((used.user + used.system) / 1000);
  sizes[which] = bytes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export const resultsXlsxCase: BenchCase = {
  name: 'results-xlsx',
  description: `results.xlsx of ${DEPARTMENTS} departments: written directly vs exceljs' streaming writer`,
  setup() {
    const f = builtInFramework();
    const departments = generatedDepartments(f, DEPARTMENTS);
    const [results, answers, ...others] = packageTables(f, departments, departments, {
      round: 'Bench',
      date: '2026-12-07',
    });
    tables = [results!, answers!, heatMapSheet(f, departments), ...others];
  },
  baseline: {
    label: 'exceljs streaming writer',
    run: () => written('baseline', exceljsXlsxStream(tables, { activeSheet: 2 })),
  },
  subject: {
    label: 'SpreadsheetML written directly',
    run: () => written('subject', xlsxParts(tables, { activeSheet: 2 })),
  },
  maxRatio: 0.35,
  iterations: 5,
  warmup: 1,
  finish() {
    const b = median(cpu.baseline);
    const s = median(cpu.subject);
    return {
      notes: [
        `CPU (process, median): exceljs ${b.toFixed(0)} ms, direct ${s.toFixed(0)} ms, ratio ${(s / b).toFixed(2)}×`,
        `file size: exceljs ${(sizes.baseline / 1e6).toFixed(2)} MB, direct ${(sizes.subject / 1e6).toFixed(2)} MB`,
      ],
      figures: { cpuMedianMs: { baseline: b, subject: s }, bytes: sizes, departments: DEPARTMENTS },
      ok: true,
    };
  },
};
