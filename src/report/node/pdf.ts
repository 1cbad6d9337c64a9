/**
 * PDF copies of Word reports through LibreOffice (`dmf report -o X.pdf`, `dmf batch --pdf`). The
 * tool lays out its reports for Word and LibreOffice alike (every demo report is checked in
 * LibreOffice's PDF), so LibreOffice's conversion is the PDF. It runs headless, with a profile of
 * its own in a temporary folder (so it never shares or locks a user's LibreOffice profile), and the
 * PDF is written atomically beside nothing half-done.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../io/atomic-write.js';

/** LibreOffice is not installed (or cannot be found): the message says how to get it. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
  constructor(target: string) {
    super(
      `${target}: a PDF is made with LibreOffice, which was not found; install it (https://www.libreoffice.org/download/, or "apt install libreoffice-writer"), ` +
        'or write the .docx and save it as PDF from Word',
    );
  }
}

/** LibreOffice ran but made no PDF. */
export class PdfConversionError extends Error {
  override name = 'PdfConversionError';
}

const NAMES = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
/** Where installers put it when it is not on PATH (macOS and Windows). */
const USUAL_PLACES = [
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

/** The LibreOffice program: on PATH, else where installers usually put it; undefined when absent. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of NAMES) if (existsSync(join(dir, name))) return join(dir, name);
  return USUAL_PLACES.find((p) => existsSync(p));
}

/**
 * Converts Word files to PDF with one LibreOffice run; returns each PDF's bytes in the same order.
 * Throws PdfConversionError naming the file LibreOffice did not convert.
 */
export async function convertToPdf(
  soffice: string,
  docxFiles: readonly string[],
  timeoutMs = 120_000 + 30_000 * docxFiles.length,
): Promise<Uint8Array[]> {
  const work = await mkdtemp(join(tmpdir(), 'dmf-pdf-'));
  try {
    const outDir = join(work, 'out');
    // Copied under numbered names: two reports of one name in different folders cannot collide.
    const inputs = await Promise.all(
      docxFiles.map(async (f, i) => {
        const copy = join(work, `${i}.docx`);
        await writeFile(copy, await readFile(f));
        return copy;
      }),
    );
    await new Promise<void>((resolve, reject) =>
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          ...inputs,
        ],
        { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error) =>
          error ? reject(new PdfConversionError(`LibreOffice failed: ${error.message}`)) : resolve(),
      ),
    );
    return await Promise.all(
      docxFiles.map((f, i) =>
        readFile(join(outDir, `${i}.pdf`)).catch(() => {
          throw new PdfConversionError(`${basename(f)}: LibreOffice made no PDF of it`);
        }),
      ),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One report's bytes → a PDF at `target`, atomically (never over an existing file unless `overwrite`). */
export async function writePdf(
  soffice: string,
  docx: Uint8Array,
  target: string,
  overwrite: boolean,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'dmf-docx-'));
  try {
    const source = join(work, `${basename(target).replace(/\.pdf$/i, '')}.docx`);
    await writeFile(source, docx);
    const [pdf] = await convertToPdf(soffice, [source]);
    await writeFileAtomic(target, pdf!, { overwrite });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A PDF beside each Word file (same name, .pdf), written atomically; returns the PDFs written. */
export async function pdfCopies(soffice: string, docxFiles: readonly string[]): Promise<string[]> {
  if (!docxFiles.length) return [];
  const pdfs = await convertToPdf(soffice, docxFiles);
  const targets = docxFiles.map((f) => f.replace(/\.docx$/i, '.pdf'));
  for (const [i, target] of targets.entries()) await writeFileAtomic(target, pdfs[i]!, { overwrite: true });
  return targets;
}
