/**
 * One run of the batch benchmark (bench/cases/batch.ts) in a fresh process, so that its peak
 * memory is its own (not what setup or the other side left in the benchmark's process). Prints
 * JSON on one line: { which, ms, cpuMs, startMb, peak, filesDoneMs?, filesPeakMb?, exitCode? } (times in
 * ms, memory in MB; `filesPeakMb`: the peak until the last report, before the summary and dataset).
 *
 *   node batch-child.js baseline|subject INPUT_DIR OUT_DIR JOBS
 * (compiled by ../compiled.ts; `node --import tsx bench/cases/batch-child.ts …` runs it from source).
 *
 * - baseline, the plain read-score-write pipeline: one file after another, exceljs loads it, the
 *   tool's reader reads the answers from it and they are scored (as the batch's workers do), every
 *   cell's text is collected, docx writes each element's level and every text as one paragraph
 *   each, and the .docx is written.
 * - subject: `runBatch` as `dmf batch INPUT_DIR -o OUT_DIR --force --jobs JOBS` calls it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { runBatch } from '../../src/batch/run-batch.js';
import { builtInFramework } from '../../src/framework/index.js';
import { score } from '../../src/scoring/index.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { PeakRss } from '../peak-rss.js';

const [which, inputDir, outDir, jobsArg] = process.argv.slice(2);
const jobs = Number(jobsArg);
if ((which !== 'baseline' && which !== 'subject') || !inputDir || !outDir || !(jobs >= 1))
  throw new Error('usage: batch-child.ts baseline|subject INPUT_DIR OUT_DIR JOBS');
const probe = new PeakRss(20);

/** Every cell's text, as exceljs gives it. */
function cellTexts(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const text = cell.text;
        if (text) texts.push(text);
      }),
    ),
  );
  return texts;
}

async function baseline(): Promise<object> {
  const framework = builtInFramework();
  const names = (await readdir(inputDir!)).filter((n) => n.endsWith('.xlsx')).sort();
  for (const name of names) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(join(inputDir!, name))) as unknown as ArrayBuffer);
    const scores = score(framework, (await readWorkbook(framework, workbook)).answers);
    const levels = scores.elements.map((e) => `${e.id}: ${e.level ?? 'no level'}`);
    const doc = new Document({
      sections: [{ children: [...levels, ...cellTexts(workbook)].map((text) => new Paragraph({ text })) }],
    });
    await writeFile(join(outDir!, name.replace(/\.xlsx$/, '.docx')), await Packer.toBuffer(doc));
  }
  return {};
}

async function subject(started: number): Promise<object> {
  // As `dmf batch` prepares it: the framework, both templates, then runBatch with the CLI's limits.
  const framework = builtInFramework();
  const [templateFiles, summaryTemplate] = await Promise.all([
    loadTemplate('ministerial'),
    loadTemplate('summary'),
  ]);
  let filesDoneMs = 0;
  let filesPeakMb = 0;
  const result = await runBatch({
    inputs: [inputDir!],
    outDir: outDir!,
    framework,
    templateFiles,
    templateName: 'ministerial',
    force: true,
    jobs,
    limits: { timeoutMs: 60_000, maxOldGenerationSizeMb: 256 },
    summaryTemplateFiles: summaryTemplate,
    // This process is the run's own, as the command line's is (src/batch/heap-growth.ts).
    tuneHeap: true,
    onEvent: (e) => {
      if (e.type === 'file' && e.done === e.total) {
        filesDoneMs = performance.now() - started;
        filesPeakMb = probe.read().peakMb;
      }
    },
  });
  return { filesDoneMs, filesPeakMb, exitCode: result.exitCode };
}

const startMb = PeakRss.nowMb();
probe.reset();
const cpu = process.cpuUsage();
const started = performance.now();
const extra = which === 'baseline' ? await baseline() : await subject(started);
const ms = performance.now() - started;
// CPU time of the whole process, every thread (getrusage): less disturbed by other load than time.
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
const peak = probe.read();
await probe.close();
console.log(JSON.stringify({ which, ms, cpuMs, startMb, peak, ...extra }));
