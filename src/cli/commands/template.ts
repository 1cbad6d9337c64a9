/**
 * `dmf template -o FILE.xlsx`: a blank assessment workbook, written atomically.
 * `dmf template --departments LIST.csv -o DIR`: one for every department of the round's register
 * (the same list as `dmf batch --expected`), named for its official name, department pre-filled.
 */
import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { characteristicsOf } from '../../framework/lookup.js';
import { OutputExistsError, writeFileAtomic } from '../../io/atomic-write.js';
import { UserError } from '../errors.js';
import { cleanLine } from '../../text/safe-text.js';
import type { Framework } from '../../framework/index.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

interface TemplateOptions {
  output: string;
  department?: string;
  departments?: string;
  force?: boolean;
  framework?: string;
  reading?: string;
}

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('write a blank assessment workbook (.xlsx) for departments to fill in')
    .requiredOption(
      '-o, --output <file|dir>',
      'the workbook to write (.xlsx); with --departments, the folder to write them into',
    )
    .option('--department <name>', 'pre-fill the department / organisation')
    .option(
      '--departments <list.csv>',
      'the register of departments (as for dmf batch --expected): one workbook each, named for the department',
    )
    .option('--force', 'overwrite the output file if it exists')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        ['dmf template -o blank.xlsx', 'dmf template -o hmrc.xlsx --department "HM Revenue and Customs"'],
        `0 written, 1 the file exists (use --force) or cannot be written; ${USAGE_EXIT}`,
      ),
    )
    .action(async (opts: TemplateOptions) => {
      if (opts.departments) return writeForRegister(opts);
      const out = opts.output;
      if (!/\.xlsx$/i.test(out)) throw new UserError(`${out}: the output must be an .xlsx file.`, 2);
      if (!opts.force && (await exists(out))) {
        throw new UserError(`${out} already exists; choose another name or add --force to overwrite it.`);
      }
      const framework = await loadFramework(opts.framework, opts.reading);
      const data = await blankWorkbook(framework, opts.department);
      try {
        await writeFileAtomic(out, data, { overwrite: Boolean(opts.force) });
      } catch (e) {
        if (e instanceof OutputExistsError)
          throw new UserError(`${out} already exists; add --force to overwrite it.`);
        const code = (e as NodeJS.ErrnoException).code;
        throw new UserError(`${out}: cannot write the file (${code ?? String(e)}).`);
      }
      const count = framework.elements.reduce((n, e) => n + characteristicsOf(e).length, 0);
      process.stdout.write(
        `Wrote ${out}: ${framework.elements.length} element sheets, ${count} characteristics (${framework.id} ${framework.version}).\n`,
      );
    });
}

/**
 * One blank workbook per department of the register, in the folder `-o`: "<official name>.xlsx"
 * (a safe file name; two names that make the same file get " (2)"). Nothing is overwritten
 * silently: when any of them exists, nothing is written and the run says which (unless --force).
 */
async function writeForRegister(opts: TemplateOptions): Promise<void> {
  if (opts.department)
    throw new UserError(
      'give either --department NAME (one workbook) or --departments LIST.csv (one each), not both',
      2,
    );
  const dir = opts.output;
  if (/\.xlsx$/i.test(dir))
    throw new UserError(`${dir}: with --departments, -o is the folder to write the workbooks into`, 2);
  const { readRegister } = await import('./batch.js');
  const register = await readRegister(opts.departments!);
  const framework = await loadFramework(opts.framework, opts.reading);
  const { mkdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { FileNameAllocator } = await import('../../io/index.js');
  const names = new FileNameAllocator();
  const planned = register.entries.map((e) => ({
    entry: e,
    path: join(dir, names.allocate(e.name, '.xlsx')),
  }));
  if (!opts.force) {
    const there = [];
    for (const p of planned) if (await exists(p.path)) there.push(p.path);
    if (there.length)
      throw new UserError(
        `${there.length} of the ${planned.length} workbooks already exist (${cleanLine(there[0]!)}${there.length > 1 ? ', …' : ''}); nothing was written. Choose another folder or add --force to overwrite them.`,
      );
  }
  await mkdir(dir, { recursive: true });
  for (const { entry, path } of planned) {
    const data = await blankWorkbook(framework, entry.name);
    try {
      await writeFileAtomic(path, data, { overwrite: Boolean(opts.force) });
    } catch (e) {
      if (e instanceof OutputExistsError)
        throw new UserError(`${path} appeared while writing; add --force to overwrite it.`);
      throw new UserError(
        `${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
      );
    }
  }
  process.stdout.write(
    `Wrote ${planned.length} workbook(s) into ${dir}, one for each department of ${opts.departments} (${framework.id} ${framework.version}):\n` +
      planned.map((p) => `  ${cleanLine(p.path)}`).join('\n') +
      '\n',
  );
}

/** A blank workbook for a department (or none), as `dmf template` writes it; a framework no plan fits is the user's error. */
async function blankWorkbook(framework: Framework, department: string | undefined): Promise<Buffer> {
  // Loaded when a workbook is made, not when `dmf` starts: exceljs alone costs about 0.5 s of CPU to load.
  const { writeWorkbook } = await import('../../workbook/exceljs/index.js');
  const { buildPlan, PlanError } = await import('../../workbook/plan/index.js');
  try {
    return await writeWorkbook(
      buildPlan(framework, {
        ...(department ? { department } : {}),
        createdBy: 'dmf template',
        generator: 'dgx-maturity dmf',
      }),
    );
  } catch (e) {
    if (e instanceof PlanError)
      throw new UserError(`cannot make a workbook for this framework: ${e.message}.`);
    throw e;
  }
}
