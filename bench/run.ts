/**
 * Benchmarks: `npm run bench [-- CASE... --iterations N --json]`. Prints a table; exits 1 when a
 * case misses its target. Add a case in bench/cases/ and list it below.
 */
import { runCase, table, type BenchCase, type CaseResult } from './harness.js';
import { workbookRead } from './cases/workbook-read.js';
import { reportCase, reportPlainCase } from './cases/report.js';
import { batchCase } from './cases/batch.js';
import { inputBombsCase } from './cases/input-bombs.js';
import { resultsXlsxCase } from './cases/results-xlsx.js';
import { reportProcessCase } from './cases/report-process.js';

const CASES: BenchCase[] = [
  workbookRead,
  reportCase,
  reportPlainCase,
  batchCase,
  inputBombsCase,
  resultsXlsxCase,
  reportProcessCase,
];

function parseArgs(argv: string[]): { names: string[]; iterations?: number; json: boolean } {
  const names: string[] = [];
  let iterations: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--iterations') iterations = Number(argv[++i]);
    else if (a === '--json') json = true;
    else names.push(a);
  }
  if (iterations !== undefined && !(iterations > 0)) throw new Error('--iterations needs a positive number');
  return { names, ...(iterations ? { iterations } : {}), json };
}

const { names, iterations, json } = parseArgs(process.argv.slice(2));
const unknown = names.filter((n) => !CASES.some((c) => c.name === n));
if (unknown.length) {
  console.error(`unknown case ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
const results: CaseResult[] = [];
for (const c of CASES.filter((c) => !names.length || names.includes(c.name))) {
  if (!json) console.error(`running ${c.name}: ${c.description}`);
  results.push(await runCase(c, iterations));
}
console.log(json ? JSON.stringify(results, null, 2) : table(results));
if (results.some((r) => !r.ok)) process.exitCode = 1;
