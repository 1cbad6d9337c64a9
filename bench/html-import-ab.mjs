/**
 * docx's HTML import of one brief, two builds of docx alternated call by call in one process
 * (issue 24, session 10): the CPU of `htmlToContent` alone, for an edit to docx/html (or its
 * helpers) that a whole brief's CPU is too noisy to show. Each build is a docx package folder
 * (e.g. node_modules/docx and a copy with the edit); the order alternates every call, so garbage
 * one leaves is collected as often in the other's turn.
 *
 *   npm run build:cli && node bench/html-import-ab.mjs WORKBOOK.xlsx N DOCX_DIR_A DOCX_DIR_B
 *
 * The brief's HTML is the built-in `ministerial` template's for the workbook (compiled lib/), its
 * markers (contents, chart) left out. Prints each build's median and mean CPU per call (ms) over N
 * calls after 20 of warm-up, and the ratio of the sums (B / A).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const lib = (path) => import(new URL(`../lib/${path}`, import.meta.url).href);
const [workbook, nArg, ...dirs] = process.argv.slice(2);
if (!workbook || !nArg || dirs.length !== 2)
  throw new Error('usage: html-import-ab.mjs WORKBOOK.xlsx N DOCX_DIR_A DOCX_DIR_B');
const { builtInFramework } = await lib('framework/index.js');
const { readWorkbookFile } = await lib('workbook/read/read-file.js');
const { buildViewModel, compileTemplate } = await lib('report/index.js');
const { loadTemplate } = await lib('report/node/load-template.js');
const framework = builtInFramework();
const read = await readWorkbookFile(framework, workbook);
const vm = buildViewModel({ framework, current: read, options: { sourceName: 'bench.xlsx' } });
const template = compileTemplate(await loadTemplate('ministerial'));
const html = template.render(vm).replace(/<dmf-[^>]*>(<\/dmf-[^>]*>)?/g, '');
const builds = await Promise.all(dirs.map((d) => import(pathToFileURL(resolve(d, 'dist/html.mjs')).href)));
const options = { stylesheet: template.stylesheet, styleMap: template.styleMap, onWarning: () => {} };
const n = Number(nArg);
const times = builds.map(() => []);
for (let i = 0; i < n + 20; i++) {
  const order = i % 2 ? [1, 0] : [0, 1];
  for (const k of order) {
    const before = process.cpuUsage();
    builds[k].htmlToContent(html, options);
    const used = process.cpuUsage(before);
    if (i >= 20) times[k].push((used.user + used.system) / 1000);
  }
}
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const sum = (a) => a.reduce((x, y) => x + y, 0);
times.forEach((a, k) =>
  console.log(`${dirs[k]}: median ${median(a).toFixed(2)} ms, mean ${(sum(a) / a.length).toFixed(2)} ms`),
);
console.log(`ratio of sums (B / A): ${(sum(times[1]) / sum(times[0])).toFixed(3)}`);
