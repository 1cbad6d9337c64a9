/** The `--framework FILE.json` option shared by every command. */
import { readFile } from 'node:fs/promises';
import { builtInFramework, parseFramework, type Framework } from '../framework/index.js';
import { UserError } from './errors.js';

export async function loadFramework(file: string | undefined): Promise<Framework> {
  if (!file) return builtInFramework();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(
      `${file}: cannot read the framework file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: the framework file is not valid JSON (${(e as Error).message}).`);
  }
  return parseFramework(data, file);
}
