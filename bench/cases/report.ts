/**
 * One Word report — read the .xlsx, score, render the template, pack the .docx — against a
 * document of the same text built directly with docx, without templates or HTML. Both have the
 * same styles, headers, footers, contents, chart and page-number layout, and are built afresh on
 * every run, so the ratio is what the template pipeline costs.
 *
 * Two baselines, from the same text (taken once from a report, outside the timing):
 *   - `report`: the same paragraphs (with their styles) and tables, as a hand-written docx builder
 *     of this report would make them. Target ≤ 1.3×.
 *   - `report-plain`: the same text as plain paragraphs, headings kept (no tables). Reported only:
 *     laying out tables costs more than laying out paragraphs, whoever writes them.
 */
import {
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  WidthType,
  type FileChild,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { builtInFramework } from '../../src/framework/index.js';
import {
  buildViewModel,
  compileTemplate,
  renderReport,
  type ReportViewModel,
  type TemplateFiles,
} from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { sectionProperties } from '../../src/report/page-furniture.js';
import { profileChart } from '../../src/report/profile-chart.js';
import { reportStyles } from '../../src/report/word-styles.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { paragraphTexts, unzipDocx } from '../../test/report/docx-xml.js';
import { sampleResult } from '../../test/report/fixtures.js';
import { workbookOf } from '../../test/report/workbooks.js';
import type { BenchCase } from '../harness.js';

const framework = builtInFramework();
const now = new Date('2026-11-27T10:00:00Z');

type Para = { kind: 'p'; text: string; style: string | undefined };
type Block = Para | { kind: 'table'; columnWidths: number[]; rows: Para[][] } | { kind: 'chart' };

/** Inputs shared by the report cases, built once. */
export interface ReportInputs {
  xlsx: Uint8Array;
  files: TemplateFiles;
  vm: ReportViewModel;
  /** What the report says, block by block, in order (after the contents). */
  blocks: Block[];
}

let inputs: Promise<ReportInputs> | undefined;

/** The whole pipeline, as `dmf report` runs it (the template compiled per report, as the CLI does). */
export async function report({ xlsx, files }: Pick<ReportInputs, 'xlsx' | 'files'>): Promise<Uint8Array> {
  const current = await readWorkbook(framework, xlsx, { fileName: 'returned.xlsx' });
  const vm = buildViewModel({ framework, current, options: { now } });
  return renderReport(vm, compileTemplate(files));
}

export function reportInputs(): Promise<ReportInputs> {
  inputs ??= (async () => {
    const xlsx = new Uint8Array(await workbookOf(sampleResult()));
    const files = await loadTemplate();
    const vm = buildViewModel({ framework, current: await readWorkbook(framework, xlsx), options: { now } });
    const body = unzipDocx(await report({ xlsx, files })).part('word/document.xml');
    const afterContents = body.slice(body.indexOf('</w:sdt>') + '</w:sdt>'.length);
    const para = (xml: string): Para => ({
      kind: 'p',
      text: paragraphTexts(xml).join(''),
      style: /<w:pStyle w:val="([^"]+)"\/>/.exec(xml)?.[1],
    });
    const blocks: Block[] = [
      ...afterContents.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g),
    ].map((m) =>
      m[0].startsWith('<w:tbl>')
        ? {
            kind: 'table',
            columnWidths: [...m[0].matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((g) => Number(g[1])),
            rows: [...m[0].matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) =>
              [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => para(c[0])),
            ),
          }
        : m[0].includes('<c:chart ')
          ? { kind: 'chart' }
          : para(m[0]),
    );
    return { xlsx, files, vm, blocks };
  })();
  return inputs;
}

/**
 * The same text built directly with docx: with its tables (`structure`: fixed layout and the same
 * column widths, as the report's), or as plain paragraphs.
 */
export function direct({ vm, blocks }: ReportInputs, structure: boolean): Promise<Uint8Array> {
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
          layout: TableLayoutType.FIXED,
          columnWidths: b.columnWidths,
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

let ready: ReportInputs;

const subject = { label: 'report: read, score, render, pack', run: () => report(ready) };

export const reportCase: BenchCase = {
  name: 'report',
  description:
    'one Word report (read, score, template, pack) vs the same text and tables built directly with docx',
  async setup() {
    ready = await reportInputs();
  },
  baseline: { label: 'same text and tables, docx directly', run: () => direct(ready, true) },
  subject,
  maxRatio: 1.3,
  iterations: 10,
  warmup: 1,
};

export const reportPlainCase: BenchCase = {
  name: 'report-plain',
  description:
    'one Word report vs the same text as plain paragraphs built directly with docx (reported only)',
  async setup() {
    ready = await reportInputs();
  },
  baseline: { label: 'same text, plain paragraphs', run: () => direct(ready, false) },
  subject,
  iterations: 10,
  warmup: 1,
};
