/** `dmf template -o FILE.xlsx`: a blank assessment workbook, written atomically. */
import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { characteristicsOf } from '../../framework/index.js';
import { OutputExistsError, writeFileAtomic } from '../../io/atomic-write.js';
import { writeWorkbook } from '../../workbook/exceljs/index.js';
import { buildPlan, PlanError } from '../../workbook/plan/index.js';
import { UserError } from '../errors.js';
import { loadFramework } from '../framework-option.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('write a blank assessment workbook (.xlsx) for departments to fill in')
    .requiredOption('-o, --output <file>', 'the workbook to write (.xlsx)')
    .option('--department <name>', 'pre-fill the department / organisation')
    .option('--force', 'overwrite the output file if it exists')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .addHelpText(
      'after',
      helpAfter(
        ['dmf template -o blank.xlsx', 'dmf template -o hmrc.xlsx --department "HM Revenue and Customs"'],
        `0 written, 1 the file exists (use --force) or cannot be written; ${USAGE_EXIT}`,
      ),
    )
    .action(async (opts: { output: string; department?: string; force?: boolean; framework?: string }) => {
      const out = opts.output;
      if (!/\.xlsx$/i.test(out)) throw new UserError(`${out}: the output must be an .xlsx file.`, 2);
      if (!opts.force && (await exists(out))) {
        throw new UserError(`${out} already exists; choose another name or add --force to overwrite it.`);
      }
      const framework = await loadFramework(opts.framework);
      let data: Buffer;
      try {
        data = await writeWorkbook(
          buildPlan(framework, {
            ...(opts.department ? { department: opts.department } : {}),
            createdBy: 'dmf template',
            generator: 'dgx-maturity dmf',
          }),
        );
      } catch (e) {
        if (e instanceof PlanError)
          throw new UserError(`cannot make a workbook for this framework: ${e.message}.`);
        throw e;
      }
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
