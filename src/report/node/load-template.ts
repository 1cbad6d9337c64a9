/**
 * Node only: reads a report template folder into the file map the renderer takes. A template is
 * named ("ministerial" or "full", from the templates/ folder of this package) or a folder path.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN_TEMPLATE, type TemplateFiles } from '../compile-template.js';

/** The templates/ folder shipped with the package (src/report/node → ../../../templates; same from lib/). */
export const BUILT_IN_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

export const DEFAULT_TEMPLATE = 'ministerial';

/** The templates shipped in templates/ for department reports: the brief for ministers and the full record. */
export const BUILT_IN_REPORT_TEMPLATES = ['ministerial', 'full'] as const;

/** Template files are text; anything else in the folder (images, notes) is not read. */
const TEMPLATE_FILE = /\.(hbs|css|json)$/;
const MAX_FILES = 500;
const MAX_BYTES = 5_000_000;

/** A template that cannot be loaded: the folder is missing, unreadable or not a template. */
export class TemplateLoadError extends Error {
  override name = 'TemplateLoadError';
}

/** Where a `--template` value points: a built-in name, or a folder (anything with a slash or dot). */
export function templateDir(nameOrDir: string = DEFAULT_TEMPLATE): string {
  return /^[a-z0-9-]+$/i.test(nameOrDir) ? join(BUILT_IN_TEMPLATES_DIR, nameOrDir) : nameOrDir;
}

/** Reads every template file of a folder (recursively), keyed by its path with "/" separators. */
export async function loadTemplate(nameOrDir: string = DEFAULT_TEMPLATE): Promise<TemplateFiles> {
  const dir = templateDir(nameOrDir);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new TemplateLoadError(
      /^[a-z0-9-]+$/i.test(nameOrDir)
        ? `there is no built-in template "${nameOrDir}" (built in: ${BUILT_IN_REPORT_TEMPLATES.join(', ')}); give a folder path for your own`
        : `${nameOrDir}: not a template folder`,
    );
  }
  const files: Record<string, string> = {};
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !TEMPLATE_FILE.test(entry.name)) continue;
    const full = join(entry.parentPath, entry.name);
    const key = relative(dir, full).split(sep).join('/');
    const text = await readFile(full, 'utf8');
    bytes += text.length;
    if (Object.keys(files).length >= MAX_FILES || bytes > MAX_BYTES) {
      throw new TemplateLoadError(
        `${nameOrDir}: too many or too large template files (at most ${MAX_FILES} files, 5 MB)`,
      );
    }
    files[key] = text;
  }
  if (files[MAIN_TEMPLATE] === undefined) {
    throw new TemplateLoadError(`${nameOrDir}: not a template folder (it has no ${MAIN_TEMPLATE})`);
  }
  return files;
}
