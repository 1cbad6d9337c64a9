/**
 * The `dmf` command line. Each command lives in ./commands; this file wires them together and
 * turns errors into one clear line and an exit code (0 ok, 1 failed input, 2 usage error).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
// The error classes from their own modules: the framework's and the answers' index would also
// load their zod schemas, which a command loads only when it validates a file.
import { AnswersError } from '../scoring/answers-check.js';
import { MarkingError } from '../report/brief-caps.js';
import { FrameworkError } from '../framework/framework-error.js';
import { TemplateError } from '../report/template-error.js';
import { cleanText } from '../text/safe-text.js';
import { UserError } from './errors.js';
import { registerBatch } from './commands/batch.js';
import { registerDemo } from './commands/demo.js';
import { registerFramework } from './commands/framework.js';
import { registerReport } from './commands/report.js';
import { claimProcess } from './one-shot-process.js';
import { readAnswersJson, registerScore, type AnswersSource } from './commands/score.js';
import { registerTemplate } from './commands/template.js';
import { registerValidate } from './commands/validate.js';
import { registerModerate } from './commands/moderate.js';
import { isAnswersJson, readWorkbookFile } from './workbook-file.js';
import { blockingDiagnostic } from '../workbook/read/diagnostic-codes.js';
import type { Framework } from '../framework/index.js';

/**
 * Reads answers from a file: answers JSON when its content is JSON, anything else through the
 * workbook reader (which sniffs the file first, as the batch does). A workbook that cannot be read
 * at all is a one-line UserError.
 */
async function readAnswers(framework: Framework, file: string): Promise<AnswersSource> {
  if (await isAnswersJson(file)) return { answers: await readAnswersJson(framework, file) };
  const result = await readWorkbookFile(framework, file);
  const blocking = blockingDiagnostic(result);
  if (blocking) {
    const message = blocking.message.includes(basename(file))
      ? blocking.message
      : `${file}: ${blocking.message}`;
    throw new UserError(blocking.fix ? `${message} ${blocking.fix}` : message);
  }
  return result;
}

/** The version in package.json (src/cli and lib/cli both sit two folders below it). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('dmf')
    .description(
      'Digital maturity self-assessment: workbooks for departments, levels per element, reports for ministers.',
    )
    .version(packageVersion(), '-v, --version', 'print the version of dmf')
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(run "dmf --help" for usage)')
    .exitOverride();
  registerFramework(program);
  registerTemplate(program);
  registerScore(program, readAnswers);
  registerValidate(program);
  registerReport(program, readAnswers);
  registerBatch(program);
  registerModerate(program);
  registerDemo(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  claimProcess();
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
    if (e instanceof TemplateError) {
      process.stderr.write(`dmf: template error in ${cleanText(e.message)}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      return 1;
    }
    if (
      e instanceof UserError ||
      e instanceof FrameworkError ||
      e instanceof AnswersError ||
      e instanceof MarkingError
    ) {
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
