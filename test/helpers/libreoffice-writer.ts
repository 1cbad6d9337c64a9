/**
 * LibreOffice Writer as a client nobody here wrote: converts our .docx files to PDF.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sofficeConvertArgs } from './soffice-args.js';
import { findTool } from './tools.js';

/** soffice, when LibreOffice has Writer (a Calc-only install cannot open .docx). */
export function findWriter(): string | undefined {
  const soffice = findTool('soffice', 'libreoffice');
  if (!soffice) return undefined;
  const program = dirname(realpathSync(soffice));
  return existsSync(join(program, 'libswlo.so')) || existsSync(join(program, 'swriter.exe'))
    ? soffice
    : undefined;
}

/**
 * Converts `files` to PDF into `outDir` in one LibreOffice run (each start costs seconds), with a
 * private profile under `outDir` so that runs never share or lock a user profile.
 */
export function convertToPdf(
  soffice: string,
  files: readonly string[],
  outDir: string,
  timeoutMs = 240_000,
): void {
  execFileSync(soffice, sofficeConvertArgs(join(outDir, 'profile'), 'pdf', outDir, files), {
    stdio: 'ignore',
    timeout: timeoutMs,
  });
}
