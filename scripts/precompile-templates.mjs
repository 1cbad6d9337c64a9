/**
 * Part of `npm run build:cli`, after tsc: precompiles the built-in templates (templates/<name>/)
 * into lib/report/node/precompiled/<name>.js, for src/report/node/precompiled-template.ts. Uses
 * the compiled lib/ itself, so the checks and the compile options are the ones `dmf` runs with.
 * A template that fails its checks fails the build, naming the file and line.
 *   node scripts/precompile-templates.mjs [COMPILED_SRC_DIR]   (default lib/; the benchmarks pass
 *   their own compiled copy of src/, bench/compiled.ts)
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const libDir = process.argv[2]
  ? pathToFileURL(`${resolve(process.argv[2])}/`)
  : new URL('../lib/', import.meta.url);
const lib = (p) => new URL(p, libDir).href;
const { loadTemplate, BUILT_IN_TEMPLATES_DIR } = await import(lib('report/node/load-template.js'));
const { PRECOMPILED_DIR, precompiledModuleSource } = await import(lib('report/node/precompiled-template.js'));

const outDir = fileURLToPath(PRECOMPILED_DIR);
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const names = (await readdir(BUILT_IN_TEMPLATES_DIR, { withFileTypes: true }))
  .filter((e) => e.isDirectory() && /^[a-z0-9-]+$/i.test(e.name))
  .map((e) => e.name)
  .sort();
for (const name of names) {
  const source = precompiledModuleSource(await loadTemplate(name), `templates/${name}/`);
  await writeFile(new URL(`${name}.js`, PRECOMPILED_DIR), source);
}
process.stdout.write(`Precompiled the built-in templates: ${names.join(', ')}\n`);
