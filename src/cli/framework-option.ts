/** The `--framework FILE.json` and `--reading FILE.json` options shared by every command. */
import { readFile } from 'node:fs/promises';
import { builtInFramework, parseFramework, withReading, type Framework } from '../framework/index.js';
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
  const framework = file ? parseFramework(await readJson(file, 'framework'), file) : builtInFramework();
  if (!readingFile) return framework;
  return withReading(framework, await readJson(readingFile, 'reading'), readingFile);
}
