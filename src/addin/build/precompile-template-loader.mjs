/**
 * Webpack loader: the built-in report template ("ministerial"), precompiled. Handlebars compiles a
 * template into JavaScript with `new Function` at run time, which the task pane's Content Security
 * Policy forbids (no eval). This loader runs the report module's own checks and
 * `precompileTemplate` at build time (through tsx, so the TypeScript sources are used as they are)
 * and emits each .hbs file's template as code, for `templateFromPrecompiled` to use without
 * compiling anything. It replaces the placeholder src/addin/report/precompiled-template.ts.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const TEMPLATE = 'templates/ministerial';

async function templateFiles(dir) {
  const files = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(hbs|css|json)$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
  }
  return files;
}

export default function precompileTemplateLoader() {
  const callback = this.async();
  const dir = path.join(this.rootContext, TEMPLATE);
  this.addContextDependency(dir);
  const compiler = path.join(this.rootContext, 'src/report/compile-template.ts');
  Promise.all([templateFiles(dir), tsImport(compiler, import.meta.url)])
    .then(([files, { precompileTemplate }]) => {
      const specs = precompileTemplate(files);
      const entries = Object.entries(specs).map(([file, code]) => `  ${JSON.stringify(file)}: ${code}`);
      callback(null, `export default {\n${entries.join(',\n')}\n};\n`);
    })
    .catch((e) => callback(e));
}
