/**
 * Part of `npm run build:cli`, after tsc: precompiles the built-in templates (templates/<name>/)
 * into lib/report/node/precompiled/<name>.js, for src/report/node/precompiled-template.ts. Uses
 * the compiled lib/ itself, so the checks and the compile options are the ones `dmf` runs with.
 * A template that fails its checks fails the build, naming the file and line.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const lib = (p) => new URL(`../lib/${p}`, import.meta.url).href;
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
