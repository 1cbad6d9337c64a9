/**
 * `dmf demo [-o DIR]`: the main job on built-in sample data. Writes the returned workbooks of a
 * fictional government (seeded, so every run gives the same files), runs the batch on them and
 * says where the reports, the summary and the dataset are. It also writes the round's register
 * (departments-asked.csv: the departments asked, one of which never returns) and passes it to the
 * batch, so the demo shows the response rate and who to chase. Running it again reuses what is there.
 */
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { cleanLine } from '../../text/safe-text.js';
import { UserError } from '../errors.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';
import { processIsClaimed } from '../one-shot-process.js';

/** Marks a folder as the demo's own, so the demo never writes into a folder it did not make. */
const MARKER = '.dmf-demo';

interface DemoOptions {
  output: string;
  departments: string;
  seed: string;
  jobs?: string;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the whole job on a fictional government: workbooks, reports, summary and dataset')
    .option('-o, --output <dir>', 'the folder to write into', 'demo-output')
    .option('--departments <n>', 'how many fictional departments', '12')
    .option('--seed <n>', 'seed of the fictional answers', '2026')
    .option('-j, --jobs <n>', 'workbooks processed in parallel (default: the number of cores)')
    .addHelpText(
      'after',
      helpAfter(['dmf demo', 'dmf demo -o /tmp/dmf-demo'], `0 done, 1 something failed; ${USAGE_EXIT}`),
    )
    .action(async (opts: DemoOptions) => {
      const count = Number(opts.departments);
      const seed = Number(opts.seed);
      const jobs = opts.jobs === undefined ? availableParallelism() : Number(opts.jobs);
      for (const [name, n] of [
        ['--departments', count],
        ['--seed', seed],
        ['--jobs', jobs],
      ] as const) {
        if (!Number.isInteger(n) || n < 1)
          throw new UserError(`${name} must be a whole number of 1 or more`, 2);
      }
      const dir = opts.output;
      const isOurs = await access(join(dir, MARKER)).then(
        () => true,
        () => false,
      );
      const entries = await readdir(dir).catch(() => [] as string[]);
      if (entries.length && !isOurs) {
        throw new UserError(`${dir} exists and was not made by dmf demo; choose another folder with -o`);
      }
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, MARKER), 'Made by `dmf demo`. Everything in this folder is fictional.\n');

      const { builtInFramework } = await import('../../framework/index.js');
      const { writeDemoWorkbooksInWorker } = await import('../../demo/write-in-worker.js');
      const { loadTemplate } = await import('../../report/node/load-template.js');
      const { runBatch } = await import('../../batch/run-batch.js');
      const framework = builtInFramework();
      const returned = join(dir, 'returned-workbooks');
      const say = (s: string) => process.stdout.write(`${cleanLine(s)}\n`);

      say(
        `Writing the returned workbooks of ${count} fictional departments (one of them from two respondents) to ${returned} …`,
      );
      // In a worker of their own: the heap that writing them grows is handed back before the batch.
      await writeDemoWorkbooksInWorker({
        dir: returned,
        count,
        seed,
        createdAt: '2026-03-31T09:00:00.000Z',
        // One department returned by two respondents: the batch consolidates them into one report.
        secondRespondents: 1,
        // A helper thread writes beside this one when the batch may use two cores (-j).
        threads: jobs >= 2 ? 2 : 1,
      });
      // The register of the round: who was asked (one of them never returns), as a team keeps it.
      const { fictionalGovernment } = await import('../../demo/fictional-government.js');
      const { demoRegisterCsv } = await import('../../demo/demo-register.js');
      const { parseRegister } = await import('../../round/register.js');
      const registerPath = join(dir, 'departments-asked.csv');
      const registerCsv = demoRegisterCsv(fictionalGovernment(framework, count, seed));
      await writeFile(registerPath, registerCsv);
      const register = parseRegister(registerCsv, registerPath);
      say(`The departments asked to respond (the register): ${registerPath}`);
      say(`Running the batch (${jobs} in parallel) …`);
      const [templateFiles, summaryTemplate] = await Promise.all([
        loadTemplate('ministerial'),
        loadTemplate('summary'),
      ]);
      const result = await runBatch({
        inputs: [returned],
        outDir: dir,
        framework,
        templateFiles,
        templateName: 'ministerial',
        jobs,
        summaryTemplateFiles: summaryTemplate,
        register,
        tuneHeap: processIsClaimed(),
        onEvent: (e) => {
          if (e.type === 'file')
            say(`  [${e.done}/${e.total}] ${relative(dir, e.entry.input)}: ${e.entry.status}`);
        },
      });
      const t = result.log.totals;
      const reports = (s: string) => result.log.departments.filter((d) => d.status === s).length;
      say('');
      say(
        `Done: ${reports('reported')} reports written, ${reports('unchanged')} unchanged, ${t.failed} failed.`,
      );
      for (const d of result.log.departments.filter((x) => x.consolidation))
        say(`  ${d.department}: ${d.consolidation!.headline}`);
      const { notReturnedLines } = await import('../../round/not-returned.js');
      for (const line of notReturnedLines(result.log.missing, register.entries.length)) say(line);
      say(`  Reports, one per department:  ${join(dir, 'reports')}`);
      say(`  Cross-government summary:     ${join(dir, 'summary.docx')}`);
      say(
        `  Dataset for analysts:         ${join(dir, 'results.xlsx')} (opens on a heat map), and the data package ${join(dir, 'datapackage.json')} with its CSVs (docs/dataset.md)`,
      );
      say(`  Who has not returned:         ${join(dir, 'not-returned.csv')}`);
      say(`  Log of the run:               ${result.logPath}`);
      say(`  The workbooks themselves:     ${returned}`);
      say('All of it is fictional sample data.');
      process.exitCode = result.exitCode;
    });
}
