/**
 * What V8's code cache can do for a single report's warm-up on Node 20 (lever 5 of issue 16):
 * Node 20 has neither `module.enableCompileCache()` nor `NODE_COMPILE_CACHE` (both Node 22.1+),
 * so the only code cache it offers is `vm.Script`'s `cachedData`, which works for CommonJS only
 * (what v8-compile-cache does). This loads docx's CommonJS builds (index, layout) through
 * `vm.Script`, with or without a cache made after a full layout (so the cache holds every function
 * the layout compiled lazily), and times the load and the first layout of a 40-page document.
 *
 *   node bench/code-cache.mjs make     # writes the cache (after one layout)
 *   node bench/code-cache.mjs without  # load + first layout, no cache
 *   node bench/code-cache.mjs with     # load + first layout, from the cache
 * Prints one JSON line: CPU ms of the load, of the first pack, of the second, and whether V8
 * accepted the cache. Run `without` and `with` alternately, several times.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const mode = process.argv[2] ?? 'without';
const cacheDir = tmpdir();
const dist = dirname(require.resolve('docx'));
const scripts = [];
let rejected = false;

function load(file) {
  const filename = join(dist, file);
  const cacheFile = join(cacheDir, `dmf-code-cache-${file}.bin`);
  const cachedData = mode === 'with' && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
  if (cachedData && script.cachedDataRejected) rejected = true;
  scripts.push({ script, cacheFile });
  const module = { exports: {} };
  const local = Module.createRequire(filename);
  script.runInThisContext()(module.exports, local, module, filename, dirname(filename));
  return module.exports;
}

const cpu = (f) => {
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  return [r, Math.round((u.user + u.system) / 1000)];
};

const [[docx, layout], loadMs] = cpu(() => [load('index.cjs'), load('layout.cjs')]);
const text =
  'The department publishes its services to a common standard, tests them with the people who use them, and changes them when they do not work. ';
const document = () =>
  new docx.Document({
    pageNumbers: layout.estimatePageNumbersWith({ guess: true }),
    sections: [
      {
        children: [
          new docx.TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
          ...Array.from({ length: 40 }, (_, i) => [
            new docx.Paragraph({
              text: `Part ${i + 1}`,
              heading: docx.HeadingLevel.HEADING_1,
              pageBreakBefore: true,
            }),
            ...Array.from({ length: 12 }, (_, j) => new docx.Paragraph(text.repeat(1 + ((i + j) % 4)))),
          ]).flat(),
        ],
      },
    ],
  });
const pack = async () => {
  const c = process.cpuUsage();
  await docx.Packer.toBuffer(document());
  const u = process.cpuUsage(c);
  return Math.round((u.user + u.system) / 1000);
};
const first = await pack();
const second = await pack();
if (mode === 'make')
  for (const { script, cacheFile } of scripts) writeFileSync(cacheFile, script.createCachedData());
console.log(JSON.stringify({ mode, loadMs, firstPackMs: first, secondPackMs: second, rejected }));
