/** `dmf score FILE [--json]`: the level per element for one set of answers. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Framework } from '../../framework/index.js';
import type { Answers, ElementResult, ScoreResult } from '../../scoring/index.js';
import { AnswersError } from '../../scoring/answers-check.js';
import { score } from '../../scoring/score.js';
import { cleanLine } from '../../text/safe-text.js';
import type { Diagnostic, WorkbookMeta } from '../../workbook/read-result.js';
import { UserError } from '../errors.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';

/** What the score command reads: the answers, and for a workbook its metadata and diagnostics. */
export interface AnswersSource {
  answers: Answers;
  meta?: WorkbookMeta;
  diagnostics?: Diagnostic[];
}

/** Answers from a JSON file (the shape of `Answers`). */
export async function readAnswersJson(framework: Framework, file: string): Promise<Answers> {
  let data: unknown;
  try {
    // A byte order mark (Windows editors write one) is not part of the JSON.
    data = JSON.parse((await readFile(file, 'utf8')).replace(/^\ufeff/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code ? `cannot read the file (${code})` : `not valid JSON (${(e as Error).message})`}.`,
    );
  }
  // The answers' schema (zod) is loaded only for an answers file, not by every dmf command.
  const { validateAnswers } = await import('../../scoring/answers.js');
  try {
    return validateAnswers(framework, data);
  } catch (e) {
    if (e instanceof AnswersError) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** "3–4" when the open characteristics could move the level, '' when the range is the level itself. */
export function rangeText(e: ElementResult): string {
  const { low, high } = e.range;
  return low === null || high === null || low === high ? '' : `${low}–${high}`;
}

export function scoreTable(result: ScoreResult): string {
  const rows = result.elements.map((e) => {
    const could = rangeText(e);
    const n = e.borderlineItems.length;
    return [
      cleanLine(e.title),
      e.assessed ? `${e.level} ${e.levelName}${could ? ` (could be ${could})` : ''}` : 'Not assessed',
      percent(e.coverage),
      e.confidence.grade,
      e.borderline ? `yes (${n} rating${n === 1 ? '' : 's'})` : '',
      e.ownJudgement.rank === null ? '' : `own: ${e.ownJudgement.rank}`,
    ];
  });
  const header = ['Element', 'Level', 'Coverage', 'Confidence', 'Borderline', 'Own judgement'];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => v.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The JSON contract of `dmf score --json`. */
export function scoreJson(result: ScoreResult, file: string, source?: AnswersSource): unknown {
  return {
    file,
    ...result,
    ...(source?.meta ? { meta: source.meta } : {}),
    diagnostics: source?.diagnostics ?? [],
  };
}

export function registerScore(
  program: Command,
  readAnswers: (f: Framework, file: string) => Promise<AnswersSource>,
): void {
  program
    .command('score')
    .description('compute the level of each element from a returned workbook (or an answers JSON file)')
    .argument('<file>', 'the workbook (.xlsx) or answers (.json)')
    .option('--json', 'print the full result as JSON')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        ['dmf score returned.xlsx', 'dmf score answers.json --json'],
        `0 scored, 1 the file could not be read; ${USAGE_EXIT}`,
      ),
    )
    .action(async (file: string, opts: { json?: boolean; framework?: string; reading?: string }) => {
      const framework = await loadFramework(opts.framework, opts.reading);
      const source = await readAnswers(framework, file);
      const result = score(framework, source.answers);
      process.stdout.write(
        `${opts.json ? JSON.stringify(scoreJson(result, file, source), null, 2) : scoreTable(result)}\n`,
      );
      // Problems go to stderr, so the table or JSON on stdout stays clean for pipes.
      const problems = (source.diagnostics ?? []).filter((d) => d.severity !== 'info');
      if (problems.length && !opts.json) {
        process.stderr.write(
          `${cleanLine(file)}: ${problems.length} problem${problems.length === 1 ? '' : 's'} (run "dmf validate" for details):\n` +
            problems.map((d) => `  ${d.severity}: ${cleanLine(d.message)}`).join('\n') +
            '\n',
        );
      }
    });
}
