/**
 * One workbook file read in a fresh process, as `dmf score` / `dmf report` / `dmf validate` read
 * it (`readWorkbookFile` of src/cli: a guarded worker that inspects the zip, then reads the file
 * if it is accepted). Prints what it cost as JSON on one line:
 *   { mode, outcome, code, message, ms, inspectMs, rssAfterImportMb, maxRssMb }
 * `ms` is the read alone (after start-up and imports); `maxRssMb` is the whole process's peak.
 * `inspectMs`: afterwards, for comparison, the zip inspection alone in the main thread (no worker).
 *
 *   node read-file-child.js read FILE
 *   node read-file-child.js idle FILE   (start and import only: the baseline)
 * (compiled by ../compiled.ts; `node --import tsx bench/cases/read-file-child.ts …` runs it from source).
 */
import { readWorkbookFile } from '../../src/cli/workbook-file.js';
import { builtInFramework } from '../../src/framework/index.js';
import { inspectWorkbookFile } from '../../src/io/inspect-zip.js';
import { blockingDiagnostic } from '../../src/workbook/read/diagnostic-codes.js';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'read' && mode !== 'idle') || !file)
  throw new Error('usage: read-file-child.ts read|idle FILE');
const framework = builtInFramework();
const maxRssMb = () => (process.resourceUsage().maxRSS * 1024) / 1e6;
const rssAfterImportMb = maxRssMb();

let outcome: 'accepted' | 'refused' | 'idle' = 'idle';
let code: string | null = null;
let message: string | null = null;
const started = performance.now();
if (mode === 'read') {
  const result = await readWorkbookFile(framework, file);
  const blocking = blockingDiagnostic(result);
  outcome = blocking ? 'refused' : 'accepted';
  code = blocking?.code ?? null;
  message = blocking?.message ?? null;
}
const ms = performance.now() - started;
const peakMb = maxRssMb();
// For comparison, after the measurement: the zip inspection alone, in this thread, no worker.
let inspectMs: number | null = null;
if (mode === 'read') {
  const t = performance.now();
  await inspectWorkbookFile(file);
  inspectMs = performance.now() - t;
}
console.log(
  JSON.stringify({ mode, outcome, code, message, ms, inspectMs, rssAfterImportMb, maxRssMb: peakMb }),
);
