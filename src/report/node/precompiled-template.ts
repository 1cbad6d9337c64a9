/**
 * Node only: the built-in templates precompiled when the CLI is built, so that one `dmf report`
 * process does not compile Handlebars templates it ships with. Compiling the brief's templates and
 * running each for the first time (Handlebars compiles to JavaScript on first use) costs about
 * 0.2 s of CPU in a fresh process; from the precompiled code, about 0.02 s (docs/performance.md,
 * issue 24 session 6).
 *
 * `npm run build:cli` runs scripts/precompile-templates.mjs after tsc: for each built-in template
 * it runs `precompileTemplate` (the same checks as `compileTemplate`) and writes
 * lib/report/node/precompiled/<name>.js with the specs and a fingerprint of the files they were made
 * from. The precompiled code is used only when the files read now have that fingerprint, so an
 * edited template folder (or a build made before an edit) is compiled as before, and a folder of
 * the user's own is always compiled.
 */
import { createHash } from 'node:crypto';
import {
  compileTemplate,
  precompileTemplate,
  templateFromPrecompiled,
  type CompiledTemplate,
  type PrecompiledSpecs,
  type TemplateFiles,
} from '../compile-template.js';
import type { ReportViewModel } from '../view-model.js';

/** Where the build writes the precompiled templates: next to this module, in lib/. */
export const PRECOMPILED_DIR = new URL('./precompiled/', import.meta.url);

/** What a precompiled template module exports. */
export interface PrecompiledModule {
  fingerprint: string;
  specs: PrecompiledSpecs;
}

/** A fingerprint of a template's files: every file name and text, in name order. */
export function templateFingerprint(files: TemplateFiles): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(JSON.stringify([name, files[name]]));
  return hash.digest('hex');
}

/**
 * The JavaScript module the build writes for one template: its fingerprint and its files'
 * precompiled specs (`precompileTemplate`, which runs every check `compileTemplate` runs, so a
 * template with an error fails the build).
 */
export function precompiledModuleSource(files: TemplateFiles, from: string): string {
  const specs = Object.entries(precompileTemplate(files)).map(
    ([file, code]) => `  ${JSON.stringify(file)}: ${code}`,
  );
  return (
    `// Generated from ${from} by scripts/precompile-templates.mjs (npm run build:cli); do not edit.\n` +
    `export const fingerprint = ${JSON.stringify(templateFingerprint(files))};\n` +
    `export const specs = {\n${specs.join(',\n')}\n};\n`
  );
}

/** The precompiled module of a built-in template, or null when the build has none for it. */
async function precompiledModule(name: string, dir: URL): Promise<PrecompiledModule | null> {
  if (!/^[a-z0-9-]+$/i.test(name)) return null;
  try {
    const mod = (await import(new URL(`${name}.js`, dir).href)) as Partial<PrecompiledModule>;
    return typeof mod.fingerprint === 'string' && mod.specs ? (mod as PrecompiledModule) : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}

/**
 * The template ready to render: from the build's precompiled code when `name` is a built-in
 * template whose files are exactly those precompiled, else compiled now (`compileTemplate`, which
 * checks it). Throws TemplateError as `compileTemplate` does.
 */
export async function readyTemplate<VM extends object = ReportViewModel>(
  files: TemplateFiles,
  name: string | undefined,
  dir: URL = PRECOMPILED_DIR,
): Promise<CompiledTemplate<VM>> {
  const precompiled = name === undefined ? null : await precompiledModule(name, dir);
  if (precompiled && precompiled.fingerprint === templateFingerprint(files))
    return templateFromPrecompiled<VM>(files, precompiled.specs);
  return compileTemplate<VM>(files);
}
