/**
 * Benchmark: one report (read the .xlsx, score, render the template, pack the .docx) against
 * documents of the same text built directly with docx — no template, no HTML — each with the same
 * styles, headers, footers, contents, chart and page-number layout, built afresh on every run:
 *   - plain: the same text as plain paragraphs (headings kept), as the brief words it;
 *   - same structure: the same paragraphs (with their styles) and tables (header rows, cells), as
 *     a hand-written docx builder of this report would make them.
 * Target: at most 1.3×. Figures are in docs/performance.md.
 *
 *   npx tsx bench/report.bench.ts [runs]
 */
import {
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  WidthType,
  type FileChild,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { builtInFramework } from '../src/framework/index.js';
import { buildDocument, buildViewModel, compileTemplate, renderReport } from '../src/report/index.js';
import { loadTemplate } from '../src/report/node/load-template.js';
import { sectionProperties } from '../src/report/page-furniture.js';
import { profileChart } from '../src/report/profile-chart.js';
import { reportStyles } from '../src/report/word-styles.js';
import { readWorkbook } from '../src/workbook/index.js';
import { paragraphTexts, unzipDocx } from '../test/report/docx-xml.js';
import { sampleResult } from '../test/report/fixtures.js';
import { workbookOf } from '../test/report/workbooks.js';

const runs = Number(process.argv[2] ?? 5);
const framework = builtInFramework();
const xlsx = new Uint8Array(await workbookOf(sampleResult()));
const files = await loadTemplate();
const now = new Date('2026-11-27T10:00:00Z');

/** The whole pipeline, as `dmf report` runs it (the template compiled per report, as the CLI does). */
async function report(): Promise<Uint8Array> {
  const current = await readWorkbook(framework, xlsx, { fileName: 'returned.xlsx' });
  const vm = buildViewModel({ framework, current, options: { now } });
  return renderReport(vm, compileTemplate(files));
}

// What the report says, block by block, taken once from a report (outside the timing).
type Para = { kind: 'p'; text: string; style: string | undefined };
type Block = Para | { kind: 'table'; rows: Para[][] } | { kind: 'chart' };
const body = unzipDocx(await report()).part('word/document.xml');
const inner = body.slice(body.indexOf('</w:sdt>') + '</w:sdt>'.length);
const para = (xml: string): Para => ({
  kind: 'p',
  text: paragraphTexts(xml).join(''),
  style: /<w:pStyle w:val="([^"]+)"\/>/.exec(xml)?.[1],
});
const blocks: Block[] = [...inner.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
  m[0].startsWith('<w:tbl>')
    ? {
        kind: 'table',
        rows: [...m[0].matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) =>
          [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => para(c[0])),
        ),
      }
    : m[0].includes('<c:chart ')
      ? { kind: 'chart' }
      : para(m[0]),
);
const vm = buildViewModel({ framework, current: await readWorkbook(framework, xlsx), options: { now } });
const paragraphCount = blocks.reduce((n, b) => n + (b.kind === 'table' ? b.rows.flat().length : 1), 0);

function direct(structure: boolean): Promise<Uint8Array> {
  const p = (b: Para) => new Paragraph({ text: b.text, ...(b.style ? { style: b.style } : {}) });
  const children: FileChild[] = [
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
  ];
  for (const b of blocks) {
    if (b.kind === 'chart') children.push(profileChart(vm, 'bar'));
    else if (b.kind === 'p') children.push(p(b));
    else if (!structure) children.push(...b.rows.flat().map(p));
    else {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(
            (cells, i) =>
              new TableRow({
                tableHeader: i === 0,
                cantSplit: true,
                children: cells.map((c) => new TableCell({ children: [p(c)] })),
              }),
          ),
        }),
      );
    }
  }
  const doc = new Document({
    title: vm.document.title,
    styles: reportStyles(),
    pageNumbers: estimatePageNumbersWith({ guess: true }),
    sections: [{ ...sectionProperties(vm), children }],
  });
  return Packer.pack(doc, 'uint8array');
}

/**
 * Median CPU time of `runs` runs after a warm-up (CPU time, not wall time: the work is synchronous
 * JavaScript in this process, and CPU time is far less disturbed by other programs on the machine).
 */
async function median(label: string, f: () => Promise<unknown>): Promise<number> {
  await f();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `${label.padEnd(46)} CPU ${mid(cpu).toFixed(0).padStart(6)} ms   wall ${mid(wall).toFixed(0).padStart(6)} ms`,
  );
  return mid(cpu);
}

console.log(
  `Report benchmark: median of ${runs} runs after a warm-up; ${paragraphCount} paragraphs of text.`,
);
await median('read the .xlsx', () => readWorkbook(framework, xlsx));
await median('read + score + view model', async () =>
  buildViewModel({ framework, current: await readWorkbook(framework, xlsx), options: { now } }),
);
const template = compileTemplate(files);
await median('compile the template', async () => compileTemplate(files));
await median('render the HTML (Handlebars)', async () => template.render(vm));
await median('HTML → Word objects (docx/html)', async () => buildDocument(vm, template));
const full = await median('report: read, score, render, pack', report);
const plain = await median('same text, plain paragraphs, built directly', () => direct(false));
const same = await median('same text and tables, built directly', () => direct(true));
console.log(`ratio report / plain paragraphs: ${(full / plain).toFixed(2)}× (target ≤ 1.3×)`);
console.log(`ratio report / same structure:   ${(full / same).toFixed(2)}× (target ≤ 1.3×)`);
