/** The `--framework FILE.json` and `--reading FILE.json` options shared by every command. */
import { readFile } from 'node:fs/promises';
import type { Framework } from '../framework/index.js';
import { builtInFramework } from '../framework/built-in.js';
import { UserError } from './errors.js';

/** The `--reading` option's help, the same in every command that takes `--framework`. */
export const READING_OPTION_HELP =
  "use this reading of the characteristics (polarity, actor, label) instead of the framework's own";

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(
      `${file}: cannot read the ${what} file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserError(`${file}: the ${what} file is not valid JSON (${(e as Error).message}).`);
  }
}

/**
 * The framework in use: the built-in one (with the tool's reading) or `file` (with the reading it
 * brings, if any), its reading replaced by `readingFile` when one is given.
 */
export async function loadFramework(file: string | undefined, readingFile?: string): Promise<Framework> {
  if (!file && !readingFile) return builtInFramework();
  // The schema (zod) is loaded only to validate a file: the built-in framework is proved valid by
  // its test, and zod costs a command about 0.1–0.15 s of CPU (docs/performance.md, issue 24 session 7).
  const { parseFramework, withReading } = await import('../framework/load.js');
  const framework = file ? parseFramework(await readJson(file, 'framework'), file) : builtInFramework();
  if (!readingFile) return framework;
  return withReading(framework, await readJson(readingFile, 'reading'), readingFile);
}
