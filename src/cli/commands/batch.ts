/**
 * `dmf batch INPUT... -o OUTDIR [--jobs N] [--template …] [--previous DIR] [--force]
 *   [--consolidate-by median|lowest] [--no-consolidate] [--expected REGISTER.csv]`
 *
 * Exit codes: 0 every file succeeded, 1 some failed (each listed with its reason) or no return
 * could be read (no summary is written), 2 usage error. Superseded files (copies, earlier versions,
 * sources of an agreed workbook) and departments not returned do not fail a run; they are listed.
 * A progress bar on a terminal; plain log lines otherwise (CI logs, pipes).
 */
import { setMaxListeners } from 'node:events';
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { cleanLine } from '../../text/safe-text.js';
import { UserError } from '../errors.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { CONSOLIDATION_RULES, DEFAULT_CONSOLIDATION_RULE } from '../../moderation/consolidate.js';
import { parseConsolidationRule } from './moderate.js';
import type { Register } from '../../round/register.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';
import { processIsClaimed } from '../one-shot-process.js';
import type * as PdfModuleNs from '../../report/node/pdf.js';
import type { BatchLog } from '../../batch/run-batch.js';

interface BatchCliOptions {
  output?: string;
  jobs?: string;
  template: string;
  marking?: string;
  previous?: string[];
  force?: boolean;
  framework?: string;
  reading?: string;
  timeout?: string;
  memory?: string;
  expected?: string;
  consolidate: boolean;
  consolidateBy: string;
  round?: string;
  pdf?: boolean;
}

const positiveInt = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`${name} must be a whole number of 1 or more, got "${raw}"`, 2);
  return n;
};

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('turn many returned workbooks into reports, a cross-government summary and a dataset')
    .argument('<input...>', 'workbooks, folders or glob patterns')
    .option('-o, --output <dir>', 'the folder to write into (created if needed)')
    .option('-j, --jobs <n>', 'workbooks processed in parallel (default: the number of cores)')
    .option(
      '--template <name|dir>',
      'a built-in template name or a folder with your own template',
      'ministerial',
    )
    .option(
      '--marking <text>',
      'protective marking for every report (default: each workbook’s, else OFFICIAL)',
    )
    .option(
      '--previous <input...>',
      'the previous round: its output folder or results.csv, or its workbooks (files, folders or globs), to show change',
    )
    .option(
      '--expected <file.csv>',
      'the register of departments asked to respond: one a line, or columns headed Department and optionally Code, Alias, Contact, Group; returns take its official names, and who has not returned is listed (not-returned.csv)',
    )
    .option(
      '--consolidate-by <rule>',
      `how several respondents' ratings for one department become one: ${CONSOLIDATION_RULES.join(' or ')}`,
      DEFAULT_CONSOLIDATION_RULE,
    )
    .option('--no-consolidate', 'one report per workbook, even when several name the same department')
    .option(
      '--round <name>',
      'the round’s name in the dataset (results.csv, datapackage.json); default: the date of the run',
    )
    .option('--force', 'rebuild every report, even those whose input and options are unchanged')
    .option('--pdf', 'also a PDF of each report and of the summary, through LibreOffice')
    .option('--timeout <seconds>', 'time limit per workbook', '60')
    .option(
      '--memory <MB>',
      'memory limit per workbook while it is read (reports are built with at least 2048 MB)',
      '256',
    )
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        [
          'dmf batch returns/ -o round-2026/',
          'dmf batch returns/ -o round-2026/ --previous round-2025/ --expected departments.csv',
          'dmf batch "returns/**/*.xlsx" -o out/ --jobs 2 --pdf',
        ],
        `0 every file was reported, 1 a file failed (each listed with its reason), a --previous gave nothing to compare with, or another run holds the output folder; 130 stopped with Ctrl-C; ${USAGE_EXIT}`,
      ),
    )
    .action(async (inputs: string[], opts: BatchCliOptions) => {
      if (!opts.output) throw new UserError('give the folder to write into with -o OUTDIR', 2);
      const jobs = positiveInt('--jobs', opts.jobs, availableParallelism());
      const timeoutMs = positiveInt('--timeout', opts.timeout, 60) * 1000;
      const maxOldGenerationSizeMb = positiveInt('--memory', opts.memory, 256);
      const consolidationRule = parseConsolidationRule(opts.consolidateBy);
      const framework = await loadFramework(opts.framework, opts.reading);
      // --pdf needs LibreOffice: say so before the run, not after it.
      const pdf = opts.pdf ? await import('../../report/node/pdf.js') : null;
      const soffice = pdf?.findSoffice();
      if (pdf && !soffice)
        throw new UserError(new pdf.PdfUnavailableError(`${opts.output}/reports/*.pdf`).message);
      const { loadTemplate, TemplateLoadError } = await import('../../report/node/load-template.js');
      const templateFiles = await loadTemplate(opts.template).catch((e: unknown) => {
        throw e instanceof TemplateLoadError ? new UserError(`template: ${e.message}`, 2) : e;
      });
      const summaryTemplate = await loadTemplate('summary');
      const register = opts.expected ? await readRegister(opts.expected) : undefined;
      const { TemplateError } = await import('../../report/template-error.js');
      const { runBatch } = await import('../../batch/run-batch.js');
      // Loaded by the command that uses them, not when `dmf` starts (see docs/performance.md, issue 24 session 6).
      const { inputLabel } = await import('../../batch/inputs.js');
      const { notReturnedLines } = await import('../../round/not-returned.js');
      const { default: cliProgress } = await import('cli-progress');
      const { OutputLockedError } = await import('../../batch/lock.js');
      const { PreviousRoundError } = await import('../../round/previous-round.js');
      // The register (--expected with columns: codes, aliases) also matches last round's names.

      const abort = new AbortController();
      // Every queued workbook listens for Ctrl-C.
      setMaxListeners(0, abort.signal);
      const onSigint = () => {
        process.stderr.write('\ndmf: stopping; finished files are kept, nothing is left half-written\n');
        abort.abort();
      };
      process.once('SIGINT', onSigint);
      // SIGTERM (a service manager, `kill`) stops the run the same way, so the folder's lock is released.
      process.once('SIGTERM', onSigint);

      const tty = process.stderr.isTTY === true;
      const bar = tty
        ? new cliProgress.SingleBar(
            { format: ' {bar} {value}/{total} workbooks | {eta_formatted} left | {last}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      const say = (line: string) => {
        if (bar) bar.stop();
        process.stderr.write(`${cleanLine(line)}\n`);
      };
      try {
        // runBatch checks the template before it reads or writes anything: its errors name the file and line.
        const result = await runBatch({
          inputs,
          outDir: opts.output,
          framework,
          templateFiles,
          templateName: opts.template,
          ...(opts.marking !== undefined ? { marking: opts.marking } : {}),
          ...(opts.previous ? { previous: opts.previous } : {}),
          ...(register ? { register } : {}),
          force: opts.force === true,
          consolidate: opts.consolidate,
          consolidationRule,
          ...(opts.round !== undefined ? { round: opts.round } : {}),
          jobs,
          limits: { timeoutMs, maxOldGenerationSizeMb },
          signal: abort.signal,
          summaryTemplateFiles: summaryTemplate,
          tuneHeap: processIsClaimed(),
          onEvent: (e) => {
            switch (e.type) {
              case 'start':
                if (bar) bar.start(e.total, 0, { last: '' });
                else
                  say(
                    `dmf batch: ${e.total} workbook(s)${e.previous ? `, ${e.previous} from the previous round` : ''}`,
                  );
                break;
              case 'file': {
                const name = inputLabel(e.entry.input, [...inputs, ...(opts.previous ?? [])]);
                const what =
                  e.entry.status === 'failed'
                    ? `FAILED ${reasonWithoutFile(e.entry.reason, e.entry.input)}`
                    : e.entry.status === 'superseded'
                      ? `not counted: ${(e.entry.reason ?? '').replace(/^[^:]*: /, '')}`
                      : e.entry.status === 'unchanged'
                        ? 'unchanged, report kept'
                        : `${e.entry.status === 'reported' ? 'reported' : 'reported, with problems'} → ${e.entry.report}`;
                if (bar) {
                  bar.update(e.done, { last: cleanLine(name).slice(0, 40) });
                  if (e.entry.status === 'failed') {
                    bar.stop();
                    process.stderr.write(`${cleanLine(name)}: ${cleanLine(what)}\n`);
                    bar.start(e.total, e.done, { last: '' });
                  }
                } else say(`[${e.done}/${e.total}] ${name}: ${what}`);
                break;
              }
              case 'read':
                // Phase 1 (reading every workbook) moves the bar too; the report lines follow.
                if (bar)
                  bar.update(e.done, {
                    last: `read ${cleanLine(inputLabel(e.path, [...inputs, ...(opts.previous ?? [])])).slice(0, 35)}`,
                  });
                break;
              case 'note':
                say(`note: ${e.message}`);
                break;
              case 'output':
                break;
            }
          },
        }).catch((e: unknown) => {
          if (e instanceof OutputLockedError || e instanceof PreviousRoundError)
            throw new UserError(e.message);
          throw e instanceof TemplateError
            ? new UserError(`template error in ${opts.template}/${e.message}`)
            : e;
        });
        bar?.stop();
        const pdfs =
          pdf && !abort.signal.aborted ? await batchPdfs(pdf, soffice!, opts.output, result.log) : null;
        const t = result.log.totals;
        const out = opts.output;
        // Counted by report (one per department), not by file: several respondents make one report.
        const depts = result.log.departments;
        const byStatus = (s: string) => depts.filter((d) => d.status === s);
        const problemInputs = new Set(
          result.log.files.filter((f) => f.status === 'reported-with-problems').map((f) => f.input),
        );
        const written = byStatus('reported');
        const consolidated = depts.filter((d) => d.respondents > 1);
        const superseded = result.log.files.filter((f) => f.status === 'superseded');
        process.stdout.write(
          [
            `Reports: ${written.length} written (${written.filter((d) => d.inputs.some((i) => problemInputs.has(i))).length} with data-quality problems), ` +
              `${byStatus('unchanged').length} unchanged, ${t.failed} failed, ${t.skipped} skipped.`,
            ...(consolidated.length
              ? [
                  `${consolidated.length} department(s) returned by several respondents, consolidated into one report each ` +
                    `(${result.log.options.consolidation ?? ''} rule); their agreement and disagreements are in batch-log.json and each report's annex.`,
                ]
              : []),
            ...result.log.outputs.map((o) => `  ${cleanLine(`${out}/${o}`)}`),
            ...(pdfs ? [pdfs.line] : []),
            `  ${cleanLine(result.logPath)}`,
            ...(superseded.length
              ? [
                  `${superseded.length} workbook(s) not counted: another return stands for each (a copy, an earlier version, or moderated); see "superseded" in batch-log.json.`,
                ]
              : []),
            ...notReturnedLines(result.log.missing, register?.entries.length ?? 0).map(cleanLine),
            ...result.log.problems.map((p) => `PROBLEM ${cleanLine(p)}`),
            ...result.log.files
              .filter((f) => f.status === 'failed')
              .map(
                (f) =>
                  `FAILED ${cleanLine(inputLabel(f.input, [...inputs, ...(opts.previous ?? [])]))}: ${cleanLine(reasonWithoutFile(f.reason, f.input))}`,
              ),
          ].join('\n') + '\n',
        );
        return void (process.exitCode = abort.signal.aborted ? 130 : pdfs?.failed ? 1 : result.exitCode);
      } finally {
        bar?.stop();
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
    });
}

/** The register of departments asked to respond; a problem with it stops the run before anything is read. */
export async function readRegister(file: string): Promise<Register> {
  const { readFile, stat } = await import('node:fs/promises');
  const { RegisterError, parseRegister } = await import('../../round/register.js');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile())
    throw new UserError(
      `${file}: no such file; give the list of departments asked to respond as a CSV file`,
      2,
    );
  if (info.size > 5 * 1024 * 1024)
    throw new UserError(
      `${file}: larger than 5 MB, too large for a list of departments; give a CSV of their names`,
    );
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${file}: not UTF-8 text; save the list as "CSV UTF-8"`);
  }
  try {
    return parseRegister(text, file);
  } catch (e) {
    throw e instanceof RegisterError ? new UserError(cleanLine(e.message)) : e;
  }
}

/**
 * A failure's reason without the file name it often starts with ("broken.xlsx: not a workbook"):
 * the line already begins with the file, as the user gave it. The log keeps the reason whole.
 */
export function reasonWithoutFile(reason: string | null, input: string): string {
  const text = reason ?? '';
  for (const name of [input, basename(input)])
    if (text.startsWith(`${name}: `)) return text.slice(name.length + 2);
  return text;
}

/**
 * `--pdf`: a PDF beside each report written this run (or kept, when its PDF is missing) and beside
 * summary.docx, in one LibreOffice run. Returns the line to print, and whether it failed.
 */
async function batchPdfs(
  pdf: typeof PdfModuleNs,
  soffice: string,
  outDir: string,
  log: BatchLog,
): Promise<{ line: string; failed: boolean }> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const docx = [
    ...log.departments.flatMap((d) =>
      d.report &&
      (d.status === 'reported' ||
        (d.status === 'unchanged' && !existsSync(join(outDir, d.report.replace(/\.docx$/i, '.pdf')))))
        ? [join(outDir, d.report)]
        : [],
    ),
    ...(log.outputs.includes('summary.docx') ? [join(outDir, 'summary.docx')] : []),
  ];
  try {
    const written = await pdf.pdfCopies(soffice, docx);
    return { line: `  ${written.length} PDF(s) beside the Word files (LibreOffice)`, failed: false };
  } catch (e) {
    return { line: `FAILED PDFs: ${cleanLine(e instanceof Error ? e.message : String(e))}`, failed: true };
  }
}
