/**
 * `dmf moderate A.xlsx B.xlsx … -o AGREED.xlsx`: several respondents' workbooks for one
 * department → one workbook of the same contract for the moderation meeting. Agreed ratings are
 * filled in; disagreements are left empty, marked (fill, dashed border and a note: never colour
 * alone) and listed on a "Moderation" sheet with each respondent's rating and evidence and a link
 * to the cell. Every respondent's evidence is kept, attributed. See docs/moderation.md.
 */
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { OutputExistsError, writeFileAtomic } from '../../io/atomic-write.js';
import {
  CONSOLIDATION_RULES,
  DEFAULT_CONSOLIDATION_RULE,
  departmentKey,
  type ConsolidationRule,
} from '../../moderation/consolidate.js';
import { cleanLine } from '../../text/safe-text.js';
import { moderationSource, type ModerationSource } from '../../round/moderation-record.js';
import { blockingDiagnostic } from '../../workbook/read/diagnostic-codes.js';
import { UserError } from '../errors.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { readWorkbookFile } from '../workbook-file.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';

interface ModerateOptions {
  output?: string;
  force?: boolean;
  department?: string;
  consolidateBy: string;
  framework?: string;
  reading?: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Fill and border of a Rating cell left for the meeting (dark text on it keeps 4.5:1 contrast). */
const TO_AGREE_FILL = 'FFFCE4D6';
const TO_AGREE_BORDER = 'FFB45F06';

export function parseConsolidationRule(raw: string): ConsolidationRule {
  const rule = CONSOLIDATION_RULES.find((r) => r === raw.trim().toLowerCase());
  if (!rule)
    throw new UserError(
      `--consolidate-by must be one of ${CONSOLIDATION_RULES.join(', ')}, got "${cleanLine(raw)}"`,
      2,
    );
  return rule;
}

export function registerModerate(program: Command): void {
  program
    .command('moderate')
    .description(
      'merge several respondents’ workbooks for one department into one for the moderation meeting',
    )
    .argument('<files...>', 'the returned workbooks (.xlsx) of one department, two or more')
    .option('-o, --output <file>', 'the workbook to write (.xlsx)')
    .option(
      '--department <name>',
      'the department to name in the workbook (needed when the files name different ones)',
    )
    .option(
      '--consolidate-by <rule>',
      `rating kept where respondents agree but differ by one step: ${CONSOLIDATION_RULES.join(' or ')}`,
      DEFAULT_CONSOLIDATION_RULE,
    )
    .option('--force', 'replace the output file if it exists')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        ['dmf moderate alice.xlsx bob.xlsx -o agreed.xlsx'],
        `0 written, 1 a workbook could not be read or they name different departments; ${USAGE_EXIT}`,
      ),
    )
    .action(async (files: string[], opts: ModerateOptions) => {
      const out = opts.output;
      if (!out) throw new UserError('give the workbook to write with -o AGREED.xlsx', 2);
      if (!/\.xlsx$/i.test(out)) throw new UserError(`${out}: the output must be an .xlsx file.`, 2);
      if (files.length < 2) throw new UserError('give two or more returned workbooks to moderate', 2);
      const rule = parseConsolidationRule(opts.consolidateBy);
      if (!opts.force && (await exists(out)))
        throw new UserError(`${out} already exists; choose another name or add --force to replace it.`);
      const framework = await loadFramework(opts.framework, opts.reading);

      const returns = [];
      const sources: ModerationSource[] = [];
      for (const file of files) {
        const read = await readWorkbookFile(framework, file);
        const blocking = blockingDiagnostic(read);
        if (blocking) {
          const message = blocking.message.includes(basename(file))
            ? blocking.message
            : `${file}: ${blocking.message}`;
          throw new UserError(blocking.fix ? `${message} ${blocking.fix}` : message);
        }
        returns.push({ file: basename(file), read });
        // The agreed workbook names its sources by content, so a batch can leave them out (docs/moderation.md).
        const sha256 = createHash('sha256')
          .update(await readFile(file))
          .digest('hex');
        sources.push(moderationSource(basename(file), sha256, read.meta));
      }

      const { mergeReturns, addModerationSheet } = await import('../../moderation/index.js');
      const merged = mergeReturns(framework, returns, rule, 'leave-empty');
      const named = returns.map((r) => r.read.meta.department?.trim()).filter(Boolean) as string[];
      const keys = new Set(named.map(departmentKey));
      if (keys.size > 1 && !opts.department)
        throw new UserError(
          `the workbooks name different departments (${returns
            .map((r) => `${r.file}: "${cleanLine(r.read.meta.department ?? '')}"`)
            .join(
              ', ',
            )}); moderate one department at a time, or give --department NAME if they are the same one`,
        );
      for (const w of merged.warnings)
        if (!w.startsWith('the workbooks name different departments'))
          process.stderr.write(`dmf: note: ${cleanLine(w)}\n`);
      const department = opts.department ?? merged.read.meta.department;

      const { validateAnswers } = await import('../../scoring/index.js');
      const { buildPlan } = await import('../../workbook/plan/index.js');
      const meta = merged.read.meta;
      const plan = buildPlan(framework, {
        ...(department ? { department } : {}),
        fields: {
          ...(meta.respondent ? { respondent: meta.respondent } : {}),
          role: `Agreed assessment of ${returns.length} respondents (moderation)`,
          ...(meta.contact ? { contact: meta.contact } : {}),
          ...(meta.date ? { date: meta.date } : {}),
          ...(meta.marking ? { marking: meta.marking } : {}),
        },
        answers: validateAnswers(framework, merged.read.answers),
        createdBy: 'dmf moderate',
        generator: 'dgx-maturity dmf',
        moderation: {
          version: 1,
          sources,
          toAgree: merged.comparison.characteristics
            .filter((c) => c.verdict === 'disagreed')
            .map((c) => c.id),
        },
      });
      const layout = addModerationSheet(framework, plan, merged.comparison, merged.summary);

      const { default: ExcelJS } = await import('exceljs');
      const { applyPlan } = await import('../../workbook/exceljs/apply-plan.js');
      const wb = new ExcelJS.Workbook();
      await applyPlan(layout.plan, wb);
      for (const m of layout.marked) {
        const cell = wb.getWorksheet(m.sheet)!.getCell(m.row, m.column);
        const edge = { style: 'mediumDashed' as const, color: { argb: TO_AGREE_BORDER } };
        cell.style = {
          ...cell.style,
          fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: TO_AGREE_FILL } },
          border: { top: edge, left: edge, bottom: edge, right: edge },
        };
        cell.note = `To agree: the respondents disagree. See row ${m.moderationRow} of the ${layout.plan.sheets[1]!.name} sheet.`;
      }
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      try {
        await writeFileAtomic(out, data, { overwrite: Boolean(opts.force) });
      } catch (e) {
        if (e instanceof OutputExistsError)
          throw new UserError(`${out} already exists; add --force to replace it.`);
        throw new UserError(
          `${out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
        );
      }
      const left = layout.marked.length;
      process.stdout.write(
        `Wrote ${cleanLine(out)}. ${merged.summary.headline}\n` +
          (left
            ? `${left} characteristic${left === 1 ? ' is' : 's are'} left empty for the moderation meeting: see its Moderation sheet.\n`
            : 'Nothing is left to moderate.\n'),
      );
    });
}
