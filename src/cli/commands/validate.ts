/**
 * `dmf validate INPUT...`: every problem of every returned workbook; exit 1 when any has an error.
 *
 * Takes files, folders and globs as `dmf batch` does (the batch's input collection), so a whole
 * round's folder can be checked before the batch runs: a progress bar on a terminal, then a tally
 * (files clean / with warnings / with errors). `--quiet` prints only the errors; `--json` the
 * problems as JSON (the array it always was, each file with its `status`).
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { ReadResult } from '../../workbook/read-result.js';
import { countBySeverity } from '../../workbook/read/diagnostic-codes.js';
import { cleanLine } from '../../text/safe-text.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { formatDiagnostic, readWorkbookFile } from '../workbook-file.js';
import { helpAfter, USAGE_EXIT } from '../help-text.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A file's verdict: errors stop it counting as clean; notes alone do not. */
export type ValidationStatus = 'clean' | 'warnings' | 'errors';

export function validationStatus(result: ReadResult): ValidationStatus {
  const c = countBySeverity(result);
  return c.error ? 'errors' : c.warning ? 'warnings' : 'clean';
}

/** The per-file heading: "FILE: ok" or "FILE: 1 error, 2 warnings, 7 notes". */
export function validationHeading(file: string, result: ReadResult): string {
  const c = countBySeverity(result);
  const parts = [
    c.error ? plural(c.error, 'error') : '',
    c.warning ? plural(c.warning, 'warning') : '',
    c.info ? plural(c.info, 'note') : '',
  ].filter(Boolean);
  return `${cleanLine(file)}: ${parts.length ? parts.join(', ') : 'ok, no problems found'}`;
}

/** The last line: "12 files: 9 clean, 2 with warnings, 1 with errors". */
export function validationTally(statuses: readonly ValidationStatus[]): string {
  const n = (s: ValidationStatus) => statuses.filter((x) => x === s).length;
  return `${plural(statuses.length, 'file')}: ${n('clean')} clean, ${n('warnings')} with warnings, ${n('errors')} with errors`;
}

interface ValidateOptions {
  json?: boolean;
  quiet?: boolean;
  framework?: string;
  reading?: string;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check returned workbooks and list every problem (exit 1 when a file has an error)')
    .argument('<input...>', 'workbooks (.xlsx), folders or glob patterns, as for dmf batch')
    .option('--json', 'print the problems as JSON')
    .option('--quiet', 'print only the files with errors, and only their errors (then the tally)')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .addHelpText(
      'after',
      helpAfter(
        [
          'dmf validate returns/',
          'dmf validate "returns/**/*.xlsx" --quiet',
          'dmf validate returned.xlsx --json',
        ],
        `0 no file has an error (warnings and notes allowed), 1 a file has an error or an input names nothing; ${USAGE_EXIT}`,
      ),
    )
    .action(async (inputs: string[], opts: ValidateOptions) => {
      const framework = await loadFramework(opts.framework, opts.reading);
      // Loaded by this command, not when `dmf` starts (tinyglobby, cli-progress).
      const { collectInputs, inputLabel } = await import('../../batch/inputs.js');
      const { default: cliProgress } = await import('cli-progress');
      const say = (line: string) => process.stderr.write(`${cleanLine(line)}\n`);
      // In the order given (each argument's files sorted), each file once.
      const files: string[] = [];
      const seen = new Set<string>();
      for (const arg of inputs) {
        const collected = await collectInputs([arg]);
        if (!opts.quiet) for (const s of collected.skipped) say(`note: ${s.path}: ${s.reason}`);
        // An argument that names nothing is read anyway: the reader's own error says what is wrong.
        for (const f of [...collected.files, ...collected.missing])
          if (!seen.has(f)) {
            seen.add(f);
            files.push(f);
          }
      }
      const label = (file: string) => inputLabel(file, inputs);

      const bar =
        process.stderr.isTTY === true && files.length > 1
          ? new cliProgress.SingleBar(
              {
                format: ' {bar} {value}/{total} workbooks | {last}',
                hideCursor: true,
                clearOnComplete: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
      bar?.start(files.length, 0, { last: '' });
      // Each read runs in a guarded worker of its own; a few at a time keep a large folder quick.
      const results: { file: string; result: ReadResult }[] = new Array(files.length);
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < files.length) {
          const i = next++;
          const file = files[i]!;
          results[i] = { file: label(file), result: await readWorkbookFile(framework, file) };
          bar?.update(++done, { last: cleanLine(label(file)).slice(0, 40) });
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, availableParallelism(), files.length) }, worker));
      bar?.stop();

      const statuses = results.map(({ result }) => validationStatus(result));
      if (opts.json) {
        const out = results.map(({ file, result }, i) => ({
          file,
          ok: countBySeverity(result).error === 0,
          status: statuses[i],
          counts: countBySeverity(result),
          meta: result.meta,
          diagnostics: opts.quiet
            ? result.diagnostics.filter((d) => d.severity === 'error')
            : result.diagnostics,
        }));
        process.stdout.write(`${JSON.stringify(opts.quiet ? out.filter((o) => !o.ok) : out, null, 2)}\n`);
        // stdout stays the JSON array it always was; the tally goes to stderr.
        say(validationTally(statuses));
      } else {
        const text = results
          .filter((_, i) => !opts.quiet || statuses[i] === 'errors')
          .map(({ file, result }) =>
            [
              opts.quiet
                ? `${cleanLine(file)}: ${plural(countBySeverity(result).error, 'error')}`
                : validationHeading(file, result),
              ...result.diagnostics
                .filter((d) => !opts.quiet || d.severity === 'error')
                .map((d) => formatDiagnostic(d)),
            ].join('\n'),
          );
        process.stdout.write([...text, validationTally(statuses)].join('\n\n') + '\n');
      }
      if (statuses.includes('errors')) process.exitCode = 1;
    });
}
