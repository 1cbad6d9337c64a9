/** The command line of one headless LibreOffice conversion, shared by every test that converts files. */
import { pathToFileURL } from 'node:url';

/**
 * `soffice` arguments converting `files` to `format` (e.g. "pdf", or a filter such as
 * "csv:Text - txt - csv (StarCalc):…") into `outDir`, with a profile of its own in `profileDir`
 * (so that runs never share or lock a user's profile). `options` go before the conversion, e.g.
 * an input filter.
 */
export function sofficeConvertArgs(
  profileDir: string,
  format: string,
  outDir: string,
  files: readonly string[],
  options: readonly string[] = [],
): string[] {
  return [
    `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
    '--headless',
    '--norestore',
    '--nolockcheck',
    ...options,
    '--convert-to',
    format,
    '--outdir',
    outDir,
    ...files,
  ];
}
