/**
 * What the page numbers by design cost, warm: the page plan and the fit check of one brief, and
 * the layout they replace, on the same formatted body (CPU time, median of the timed runs):
 *   npx tsx bench/page-numbers-by-design.ts [template name or folder] [runs] [warm-up runs]
 * Prints one JSON line, with whether the check proved every page.
 */
import { Packer, type IContext, type IXmlableObject } from 'docx';
import { builtInFramework } from '../src/framework/index.js';
import { buildDocument, buildViewModel, compileTemplate } from '../src/report/index.js';
import { loadTemplate } from '../src/report/node/load-template.js';
import { pageNumbersByDesign } from '../src/report/pages/by-design.js';
import { layoutPageNumbers } from '../src/report/pages/layout-page-numbers.js';
import { sampleResult } from '../test/report/fixtures.js';

const [name, runsArg, warmArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 15);
const warmup = Number(warmArg ?? 8);
const framework = builtInFramework();
const vm = buildViewModel({
  framework,
  current: sampleResult(),
  options: { now: new Date('2026-11-27T10:00:00Z') },
});
const template = compileTemplate(await loadTemplate(name));
const cpu = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const check: number[] = [];
const layout: number[] = [];
let proved = false;
for (let i = 0; i < warmup + runs; i++) {
  await Packer.pack(
    buildDocument(vm, template, {
      pageNumbers: (body: IXmlableObject, context: IContext) => {
        const c = cpu(() => (proved = pageNumbersByDesign(body, context).ok));
        let numbers!: ReturnType<typeof layoutPageNumbers>;
        const l = cpu(() => (numbers = layoutPageNumbers(body, context)));
        if (i >= warmup) {
          check.push(c);
          layout.push(l);
        }
        return numbers;
      },
    }),
    'uint8array',
  );
}
console.log(
  JSON.stringify({
    template: name ?? 'default',
    proved,
    checkMs: Math.round(median(check) * 10) / 10,
    layoutMs: Math.round(median(layout)),
    check: check.map((x) => Math.round(x * 10) / 10),
  }),
);
