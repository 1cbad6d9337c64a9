/**
 * Where one cold `dmf report` process spends its CPU, stage by stage: the same steps as the
 * command's action (src/cli/commands/report.ts), run from the compiled lib/ (`npm run build:cli`)
 * in this fresh process, each stage's CPU taken with process.cpuUsage() (user + system, every
 * thread of the process: the reading worker's CPU is in "read the workbook").
 *   node bench/report-process-stages.mjs WORKBOOK.xlsx [template] [runs]
 * runs (default 7) fresh processes one after another and prints each stage's median (ms) and the
 * load average. Plain JavaScript on purpose: tsx's loader would be charged to the start-up measured.
 */
import { execFileSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, template = 'ministerial', runsArg = '7'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/report-process-stages.mjs WORKBOOK.xlsx [template] [runs]');

if (process.env.DMF_STAGES_CHILD !== '1') {
  const runs = Number(runsArg);
  const load = loadavg().map((l) => l.toFixed(2));
  const all = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), file, template], {
      env: { ...process.env, DMF_STAGES_CHILD: '1' },
      encoding: 'utf8',
    });
    all.push(JSON.parse(out));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${runs} fresh processes, load average before ${load.join(' ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const stage of Object.keys(all[0])) {
    const xs = all.map((r) => r[stage]);
    console.log(`${String(median(xs)).padStart(6)} ms  ${stage}   (${xs.join(' ')})`);
  }
} else {
  const stages = {};
  let last = process.cpuUsage();
  // Before any of this file ran: Node's own start-up.
  stages['node start-up'] = Math.round((last.user + last.system) / 1000);
  const mark = (name) => {
    const now = process.cpuUsage();
    stages[name] = Math.round((now.user - last.user + now.system - last.system) / 1000);
    last = now;
  };
  const lib = (p) => new URL(`../lib/${p}`, import.meta.url).href;
  const { buildProgram } = await import(lib('cli/main.js'));
  buildProgram();
  // As `main` and the report's action do (DMF_STAGES_TURBOFAN=1 measures the process without them).
  if (process.env.DMF_STAGES_TURBOFAN !== '1') {
    const oneShot = await import(lib('cli/one-shot-process.js'));
    oneShot.claimProcess();
    oneShot.tuneForOneShot();
  }
  mark('load the CLI and build its commands');
  const { loadFramework } = await import(lib('cli/framework-option.js'));
  const framework = await loadFramework(undefined);
  mark('the built-in framework (validated)');
  const { loadTemplate } = await import(lib('report/node/load-template.js'));
  const files = await loadTemplate(template);
  mark('read the template files');
  const { readWorkbookFile } = await import(lib('cli/workbook-file.js'));
  const current = await readWorkbookFile(framework, file);
  mark('read the workbook (inspection + guarded worker)');
  const report = await import(lib('report/index.js'));
  mark('load the report modules (docx, handlebars, …)');
  const vm = report.buildViewModel({ framework, current, options: { sourceName: 'x.xlsx' } });
  mark('view model');
  const { readyTemplate } = await import(lib('report/node/precompiled-template.js'));
  const compiled = await readyTemplate(files, template);
  mark('compile the template (or take it precompiled)');
  const bytes = await report.renderReport(vm, compiled);
  mark('render and pack');
  const { writeFileAtomic } = await import(lib('io/atomic-write.js'));
  await writeFileAtomic(join(tmpdir(), `dmf-stages-${process.pid}.docx`), bytes, { overwrite: true });
  mark('write');
  const total = process.cpuUsage();
  stages['total'] = Math.round((total.user + total.system) / 1000);
  process.stdout.write(`${JSON.stringify(stages)}\n`);
}
