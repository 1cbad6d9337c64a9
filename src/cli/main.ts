/**
 * The `dmf` command line. Each command lives in ./commands; this file wires them together and
 * turns errors into one clear line and an exit code (0 ok, 1 failed input, 2 usage error).
 */
import { Command, CommanderError } from 'commander';
import { AnswersError } from '../scoring/index.js';
import { FrameworkError } from '../framework/index.js';
import { cleanText } from '../text/safe-text.js';
import { UserError } from './errors.js';
import { registerFramework } from './commands/framework.js';
import { readAnswersJson, registerScore } from './commands/score.js';
import type { Framework } from '../framework/index.js';
import type { Answers } from '../scoring/index.js';

/** Reads answers from a file; the workbook module extends this for .xlsx. */
async function readAnswers(framework: Framework, file: string): Promise<Answers> {
  return readAnswersJson(framework, file);
}

export function buildProgram(): Command {
  const program = new Command('dmf')
    .description(
      'Digital maturity self-assessment: workbooks for departments, levels per element, reports for ministers.',
    )
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(run "dmf --help" for usage)')
    .exitOverride();
  registerFramework(program);
  registerScore(program, readAnswers);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version output are not errors; commander has already printed usage problems.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError || e instanceof FrameworkError || e instanceof AnswersError) {
      process.stderr.write(`dmf: ${cleanText(e.message)}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      return e instanceof UserError ? e.exitCode : 1;
    }
    process.stderr.write(`dmf: unexpected error: ${cleanText(e instanceof Error ? e.message : String(e))}\n`);
    if (debug) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    else process.stderr.write('(run again with --debug for details, and report it)\n');
    return 1;
  }
}
