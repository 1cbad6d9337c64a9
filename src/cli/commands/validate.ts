/** `dmf validate FILE...`: every problem of every returned workbook; exit 1 when any has an error. */
import type { Command } from 'commander';
import type { ReadResult } from '../../workbook/read-result.js';
import { countBySeverity } from '../../workbook/read/core.js';
import { cleanLine } from '../../text/safe-text.js';
import { loadFramework, READING_OPTION_HELP } from '../framework-option.js';
import { formatDiagnostic, readWorkbookFile } from '../workbook-file.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check returned workbooks and list every problem (exit 1 when a file has an error)')
    .argument('<files...>', 'the workbooks (.xlsx)')
    .option('--json', 'print the problems as JSON')
    .option('--framework <file>', 'use this framework JSON file instead of the built-in one')
    .option('--reading <file>', READING_OPTION_HELP)
    .action(async (files: string[], opts: { json?: boolean; framework?: string; reading?: string }) => {
      const framework = await loadFramework(opts.framework, opts.reading);
      const results: { file: string; result: ReadResult }[] = [];
      for (const file of files) results.push({ file, result: await readWorkbookFile(framework, file) });
      if (opts.json) {
        const out = results.map(({ file, result }) => ({
          file,
          ok: countBySeverity(result).error === 0,
          counts: countBySeverity(result),
          meta: result.meta,
          diagnostics: result.diagnostics,
        }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        const text = results.map(({ file, result }) =>
          [validationHeading(file, result), ...result.diagnostics.map((d) => formatDiagnostic(d))].join('\n'),
        );
        process.stdout.write(`${text.join('\n\n')}\n`);
      }
      if (results.some(({ result }) => countBySeverity(result).error > 0)) process.exitCode = 1;
    });
}
