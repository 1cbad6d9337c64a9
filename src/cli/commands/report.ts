/**
 * `dmf report FILE -o OUT.docx`: the Word report for ministers from one returned workbook.
 *
 * Imperfect workbooks still get a report (their problems are listed in its Data quality section);
 * only a file that cannot be read, or belongs to another framework, is refused — by the reader
 * passed in — and `--strict` also refuses any workbook with an error. The output is never
 * overwritten silently and is written atomically, so a failed run leaves no half-written file.
 */
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Framework } from '../../framework/index.js';
import { OutputExistsError, writeFileAtomic } from '../../io/atomic-write.js';
import type { ReportViewModel, TemplateFiles } from '../../report/index.js';
import type { PreviousLevels } from '../../report/build-view-model.js';
import type { Answers } from '../../scoring/index.js';
import { cleanLine } from '../../text/safe-text.js';
import type { Diagnostic, ReadResult, WorkbookMeta } from '../../workbook/read-result.js';
import { UserError } from '../errors.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';
import { tuneForOneShot } from '../one-shot-process.js';
import type * as PdfModuleNs from '../../report/node/pdf.js';

/** What a reader gives for one file: a workbook's full result, or answers alone (from JSON). */
export interface ReportSource {
  answers: Answers;
  meta?: WorkbookMeta;
  diagnostics?: Diagnostic[];
}

export type ReadSource = (framework: Framework, file: string) => Promise<ReportSource>;

interface ReportOptions {
  output?: string;
  template?: string;
  marking?: string;
  previous?: string;
  data?: boolean;
  strict?: boolean;
  force?: boolean;
  framework?: string;
  reading?: string;
}

const toReadResult = (framework: Framework, source: ReportSource): ReadResult => ({
  meta: source.meta ?? {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    contractVersion: '',
  },
  answers: source.answers,
  diagnostics: source.diagnostics ?? [],
});

export function registerReport(program: Command, readSource: ReadSource): void {
  program
    .command('report')
    .description('write the Word report for ministers from a returned workbook (or an answers JSON file)')
    .argument('<file>', 'the returned workbook (.xlsx) or answers (.json)')
    .option('-o, --output <file>', 'the report to write (.docx, or .pdf through LibreOffice)')
    .option(
      '--template <name|dir>',
      'a built-in template name or a folder with your own template',
      'ministerial',
    )
    .option(
      '--marking <text>',
      'protective marking for every header and footer (default: the workbook’s, else OFFICIAL)',
    )
    .option(
      '--previous <file|dir>',
      'the previous round: this department’s workbook, or the previous batch’s output folder or results.csv, to show the change per element',
    )
    .option('--data', 'print the report’s data (view model) as JSON instead of writing the report')
    .option('--strict', 'refuse a workbook with any error in it')
    .option(
      '--force',
      'replace the output file if it exists; compare with another department’s previous workbook (the report says so)',
    )
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        [
          'dmf report returned.xlsx -o report.docx',
          'dmf report returned.xlsx -o report.pdf',
          'dmf report returned.xlsx -o report.docx --previous round-2025/',
        ],
        `0 written, 1 the workbook could not be read (or, with --strict, has an error), the output exists, the previous round is another department's, or LibreOffice is needed for a PDF; ${USAGE_EXIT}`,
      ),
    )
    .action(async (file: string, opts: ReportOptions) => {
      tuneForOneShot();
      if (!opts.data && !opts.output)
        throw new UserError('give the report file to write with -o OUT.docx (or --data for JSON)', 2);
      if (opts.output && !/\.(docx|pdf)$/i.test(opts.output)) {
        throw new UserError(
          `${opts.output}: the report is a Word document (or its PDF); give a file name ending in .docx or .pdf`,
          2,
        );
      }
      // A PDF is LibreOffice's conversion of the Word report: find it before any slow work.
      const pdf =
        opts.output && /\.pdf$/i.test(opts.output) ? await import('../../report/node/pdf.js') : null;
      const soffice = pdf?.findSoffice();
      if (pdf && !soffice) throw new UserError(new pdf.PdfUnavailableError(opts.output!).message);
      if (opts.output && !opts.force && (await exists(opts.output))) {
        throw new UserError(`${opts.output} already exists; use --force to replace it`);
      }
      const framework = await loadFramework(opts.framework, opts.reading);
      // Load the template before the (slower) workbook, so a template typo fails fast.
      const template = opts.data ? null : await loadTemplateFiles(opts.template);
      const current = toReadResult(framework, await readSource(framework, file));
      refuseIfStrict(file, current.diagnostics, opts.strict);
      const last = opts.previous
        ? await previousRound(framework, file, current, opts.previous, readSource, opts.force === true)
        : null;

      // Loaded here, not at start-up: docx and its layout engine are large, and other commands need neither.
      const { buildViewModel } = await import('../../report/index.js');
      const vm = buildViewModel({
        framework,
        current,
        previous: last?.previous ?? null,
        previousLevels: last?.previousLevels ?? null,
        previousWarning: last?.warning ?? null,
        options: {
          ...(opts.marking !== undefined ? { marking: opts.marking } : {}),
          sourceName: basename(file),
          ...(last ? { previousSourceName: last.sourceName } : {}),
        },
      });
      if (opts.data) {
        process.stdout.write(`${JSON.stringify(vm, null, 2)}\n`);
        return;
      }
      const bytes = await render(vm, template!, opts.template);
      if (pdf) await writePdf(pdf, soffice!, bytes, opts.output!, opts.force === true);
      else await write(opts.output!, bytes, opts.force === true);
      reportProblems(file, current.diagnostics);
      process.stdout.write(`Wrote ${cleanLine(opts.output!)}\n`);
    });
}

/**
 * The previous round for one department's report (src/round/previous-round.ts): its row in a
 * results.csv (or an output folder holding one), or a workbook, which must be the same
 * department's unless `force` (then the report says whose it is).
 */
async function previousRound(
  framework: Framework,
  file: string,
  current: ReadResult,
  previousArg: string,
  readSource: ReadSource,
  force: boolean,
): Promise<{
  previous?: ReadResult;
  previousLevels?: PreviousLevels;
  warning?: string;
  sourceName: string;
}> {
  const rounds = await import('../../round/previous-round.js');
  const matcher = new rounds.RoundMatcher();
  const department = current.meta.department?.trim() || null;
  const { tables } = await rounds.sortPreviousSources([previousArg]);
  if (tables.length) {
    const table = tables[0]!;
    const departments = await rounds.readResultsTables(tables, framework).catch((e: unknown) => {
      throw e instanceof rounds.PreviousRoundError ? new UserError(e.message) : e;
    });
    if (!department)
      throw new UserError(
        `${file}: no department on the "Start here" sheet, so its row in ${table} cannot be found; give the department's previous workbook instead`,
      );
    const found = rounds.indexPreviousRound(departments, matcher).get(matcher.key(department));
    if (!found) {
      const names = departments.map((d) => d.department);
      throw new UserError(
        `${table} has no results for ${department} (it has ${names.length} department(s): ${names.slice(0, 3).join('; ')}${names.length > 3 ? '; …' : ''}); ` +
          `give ${department}'s own previous results, or leave out --previous`,
      );
    }
    return {
      previousLevels: { department: found.department, date: found.date, elements: found.elements },
      sourceName: basename(table),
    };
  }
  const previous = toReadResult(framework, await readSource(framework, previousArg));
  const other = rounds.otherDepartmentMessage(
    { file: basename(file), department },
    { file: basename(previousArg), department: previous.meta.department?.trim() || null },
    matcher,
  );
  if (other && !force)
    throw new UserError(
      `${other}; give ${department}'s own previous workbook, or add --force to compare anyway (the report then says so)`,
    );
  if (!other) return { previous, sourceName: basename(previousArg) };
  const warning =
    `Compared with another department’s previous round: ${previous.meta.department!.trim()} (${basename(previousArg)}), ` +
    'not this department’s own, as the person who made this report asked.';
  process.stderr.write(`dmf: note: ${cleanLine(other)}; compared anyway (--force), and the report says so\n`);
  return { previous, warning, sourceName: basename(previousArg) };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function loadTemplateFiles(name: string | undefined): Promise<TemplateFiles> {
  const { loadTemplate, TemplateLoadError } = await import('../../report/node/load-template.js');
  try {
    return await loadTemplate(name);
  } catch (e) {
    if (e instanceof TemplateLoadError) throw new UserError(`template: ${e.message}`);
    throw e;
  }
}

async function render(
  vm: ReportViewModel,
  files: TemplateFiles,
  name: string | undefined,
): Promise<Uint8Array> {
  const { renderReport, TemplateError } = await import('../../report/index.js');
  const { templateDir, DEFAULT_TEMPLATE } = await import('../../report/node/load-template.js');
  // A built-in template comes precompiled from the build (when its files are unchanged).
  const { readyTemplate } = await import('../../report/node/precompiled-template.js');
  try {
    const warnings = new Set<string>();
    const template = await readyTemplate(files, name ?? DEFAULT_TEMPLATE);
    const { zipPackage } = await import('../../report/node/zip-package.js');
    const bytes = await renderReport(vm, template, { onWarning: (m) => warnings.add(m), zip: zipPackage });
    for (const w of warnings) process.stderr.write(`dmf: note: template: ${cleanLine(w)}\n`);
    return bytes;
  } catch (e) {
    if (e instanceof TemplateError) {
      throw new UserError(`template error in ${templateDir(name).replace(/[\\/]+$/, '')}/${e.message}`);
    }
    throw e;
  }
}

function refuseIfStrict(file: string, diagnostics: readonly Diagnostic[], strict: boolean | undefined): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!strict || !errors.length) return;
  throw new UserError(
    `${file}: refused by --strict: ${errors.length} error${errors.length === 1 ? '' : 's'} in the workbook, ` +
      `the first: ${errors[0]!.message} (run "dmf validate ${file}" for all of them)`,
  );
}

function reportProblems(file: string, diagnostics: readonly Diagnostic[]): void {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const [errors, warnings] = [count('error'), count('warning')];
  if (errors + warnings === 0) return;
  process.stderr.write(
    `dmf: ${cleanLine(file)}: ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}, ` +
      `listed in the report’s Data quality section\n`,
  );
}

/** The PDF through LibreOffice, with write's refusals; a failed conversion is one line. */
async function writePdf(
  pdf: typeof PdfModuleNs,
  soffice: string,
  bytes: Uint8Array,
  target: string,
  overwrite: boolean,
): Promise<void> {
  try {
    await pdf.writePdf(soffice, bytes, target, overwrite);
  } catch (e) {
    if (e instanceof OutputExistsError)
      throw new UserError(`${target} already exists; use --force to replace it`);
    if (e instanceof pdf.PdfConversionError)
      throw new UserError(`${target}: ${e.message}; write the .docx instead and save it as PDF from Word`);
    throw e;
  }
}

/** Atomic (temporary file + rename in the same folder), and never over an existing file without --force. */
async function write(target: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  try {
    await writeFileAtomic(target, bytes, { overwrite });
  } catch (e) {
    if (e instanceof OutputExistsError)
      throw new UserError(`${target} already exists; use --force to replace it`);
    throw new UserError(
      `${target}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}
