/**
 * Which files a batch works on. INPUT arguments are files, folders or glob patterns. In a folder
 * (searched recursively) every workbook-like file counts; Excel lock files, hidden files and
 * anything else are skipped and noted, so the log says what was not looked at and why.
 */
import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Extensions taken as workbooks. Only .xlsx is read; the others fail with how to convert them. */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xls', '.xlsm', '.ods', '.csv'] as const;

export interface SkippedInput {
  path: string;
  reason: string;
}

export interface CollectedInputs {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  skipped: SkippedInput[];
  /** Arguments that named nothing (a missing file, a pattern that matched nothing). */
  missing: string[];
}

/** Why a file found in a folder is not a batch input, or undefined when it is one. */
export function skipReason(path: string): string | undefined {
  const name = basename(path);
  if (name.startsWith('~$')) return 'Excel lock file (the workbook is open somewhere); skipped';
  if (name.startsWith('.')) return 'hidden file; skipped';
  const ext = extname(name).toLowerCase();
  if (!(WORKBOOK_EXTENSIONS as readonly string[]).includes(ext))
    return `not a workbook (${ext || 'no extension'}); skipped`;
  return undefined;
}

export async function collectInputs(args: readonly string[]): Promise<CollectedInputs> {
  const files = new Set<string>();
  const skipped: SkippedInput[] = [];
  const missing: string[] = [];
  const consider = (path: string, explicit: boolean) => {
    const reason = skipReason(path);
    // A file named explicitly is always attempted (it then fails with a clear reason if it is not
    // a workbook), except lock files, which are never workbooks.
    if (reason && (!explicit || basename(path).startsWith('~$'))) skipped.push({ path, reason });
    else files.add(resolve(path));
  };

  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isFile()) consider(arg, true);
    else if (info?.isDirectory()) {
      const found = await glob('**/*', {
        cwd: arg,
        absolute: true,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
      });
      for (const f of found.sort()) consider(f, false);
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, {
        absolute: true,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        caseSensitiveMatch: false,
      });
      if (!found.length) missing.push(arg);
      for (const f of found.sort()) consider(f, false);
    } else missing.push(arg);
  }
  return { files: [...files].sort(), skipped, missing };
}

/** True when `path` (relative) stays inside the folder it is relative to. */
const inside = (path: string) => path !== '' && !path.startsWith('..') && !isAbsolute(path);

/**
 * How to show an input file in progress lines: as the user typed it (the file argument itself, or
 * the folder argument joined with the file's place in it); otherwise (a glob) relative to the
 * current folder when it is inside it, else its absolute path. Never a `../../tmp/…` walk.
 */
export function inputLabel(file: string, args: readonly string[], cwd = process.cwd()): string {
  for (const arg of args) {
    const base = resolve(cwd, arg);
    if (file === base) return arg;
    const within = relative(base, file);
    if (inside(within)) return join(arg, within);
  }
  const fromCwd = relative(cwd, file);
  return inside(fromCwd) ? fromCwd : file;
}

/**
 * The batch never reads its own output: files inside the output folder (when it lies inside an
 * input folder, as "returns/out") are taken out of the inputs and noted as skipped, so a re-run
 * does not count last run's results.xlsx as a return. An input named inside the output folder
 * (as `dmf demo` does: "demo/returned-workbooks" with "-o demo") is still read.
 */
export function withoutOutputFolder(
  collected: CollectedInputs,
  outDir: string,
  args: readonly string[] = [],
): CollectedInputs {
  const out = resolve(outDir);
  const within = (folder: string, file: string) => file === folder || inside(relative(folder, file));
  // Inputs named inside the output folder: a glob by its folder part before the first pattern.
  const namedInside = args
    .map((a) =>
      resolve(
        isDynamicPattern(a)
          ? a
              .split(/[\\/]/)
              .filter((_, i, parts) => !parts.slice(0, i + 1).some((p) => isDynamicPattern(p)))
              .join('/') || '.'
          : a,
      ),
    )
    .filter((a) => a !== out && within(out, a));
  const ours = (file: string) => within(out, file) && !namedInside.some((a) => within(a, file));
  const files = collected.files.filter((f) => !ours(f));
  const skipped = collected.skipped.filter((s) => !ours(resolve(s.path)));
  if (files.length === collected.files.length && skipped.length === collected.skipped.length)
    return collected;
  const count = collected.files.length - files.length;
  return {
    ...collected,
    files,
    skipped: [
      ...skipped,
      {
        path: outDir,
        reason: `the output folder, inside an input folder: its ${count} workbook(s) are this tool's own results, not returns; skipped`,
      },
    ],
  };
}
