/**
 * Where the time of one report goes, stage by stage (CPU time, median of N runs after a warm-up):
 *   npx tsx bench/report-stages.ts [runs]
 * The ratio against a document built without templates is the `report` case of `npm run bench`.
 */
import { builtInFramework } from '../src/framework/index.js';
import { buildDocument, buildViewModel, compileTemplate } from '../src/report/index.js';
import { readWorkbook } from '../src/workbook/read/index.js';
import { direct, report, reportInputs } from './cases/report.js';

const runs = Number(process.argv[2] ?? 5);
const framework = builtInFramework();
const now = new Date('2026-11-27T10:00:00Z');
const inputs = await reportInputs();
const template = compileTemplate(inputs.files);
const readResult = await readWorkbook(framework, inputs.xlsx);

/** CPU time, not wall time: the work is synchronous JavaScript, and CPU time is less disturbed by load. */
async function stage(label: string, f: () => unknown): Promise<void> {
  await f();
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    await f();
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)]!;
  console.log(`${label.padEnd(44)} ${median.toFixed(0).padStart(6)} ms CPU`);
}

await stage('read the .xlsx', () => readWorkbook(framework, inputs.xlsx));
await stage('score + view model', () => buildViewModel({ framework, current: readResult, options: { now } }));
await stage('compile the template', () => compileTemplate(inputs.files));
await stage('render the HTML (Handlebars)', () => template.render(inputs.vm));
await stage('HTML → Word objects (docx/html, chart)', () => buildDocument(inputs.vm, template));
await stage('whole report (read … pack with page layout)', () => report(inputs));
await stage('same text and tables, docx directly', () => direct(inputs, true));
await stage('same text, plain paragraphs', () => direct(inputs, false));
