/** `dmf score FILE [--json]`: the level per element for one set of answers. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Framework } from '../../framework/index.js';
import { score, validateAnswers, AnswersError, type Answers, type ScoreResult } from '../../scoring/index.js';
import { cleanLine } from '../../text/safe-text.js';
import { UserError } from '../errors.js';
import { loadFramework } from '../framework-option.js';

/** Answers from a JSON file (the shape of `Answers`). */
export async function readAnswersJson(framework: Framework, file: string): Promise<Answers> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code ? `cannot read the file (${code})` : `not valid JSON (${(e as Error).message})`}.`,
    );
  }
  try {
    return validateAnswers(framework, data);
  } catch (e) {
    if (e instanceof AnswersError) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

export function scoreTable(result: ScoreResult): string {
  const rows = result.elements.map((e) => [
    cleanLine(e.title),
    e.assessed ? `${e.level} ${e.levelName}` : 'Not assessed',
    percent(e.coverage),
    e.confidence.rating === 'high' ? '' : 'low confidence',
    e.ownJudgement.rank === null ? '' : `own: ${e.ownJudgement.rank}`,
  ]);
  const header = ['Element', 'Level', 'Coverage', 'Confidence', 'Own judgement'];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => v.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The JSON contract of `dmf score --json`. */
export function scoreJson(result: ScoreResult, file: string): unknown {
  return { file, ...result };
}

export function registerScore(
  program: Command,
  readAnswers: (f: Framework, file: string) => Promise<Answers>,
): void {
  program
    .command('score')
    .description('compute the level of each element from a returned workbook (or an answers JSON file)')
    .argument('<file>', 'the workbook (.xlsx) or answers (.json)')
    .option('--json', 'print the full result as JSON')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .action(async (file: string, opts: { json?: boolean; framework?: string }) => {
      const framework = await loadFramework(opts.framework);
      const result = score(framework, await readAnswers(framework, file));
      process.stdout.write(
        `${opts.json ? JSON.stringify(scoreJson(result, file), null, 2) : scoreTable(result)}\n`,
      );
    });
}
