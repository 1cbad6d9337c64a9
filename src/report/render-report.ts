/**
 * View model + template → .docx bytes. The template's HTML becomes Word paragraphs and tables
 * through docx's own HTML import (docx/html), mapped onto the report's Word styles; what HTML
 * cannot say is built with docx directly: the table of contents, the chart, headers and footers,
 * document properties. Page numbers (contents, "Page X of Y") are written with the document, so
 * Word never asks to update fields: by design when the template asks for it
 * (`<dmf-toc pages="by-design">`) and every page is proved to fit (src/report/pages/), or else by
 * laying the pages out (docx/layout, loaded only then). Browser-safe.
 */
import {
  Document,
  Packer,
  TableOfContents,
  type PageNumberEstimator,
  type Paragraph,
  type Table,
} from 'docx';
import { htmlToContent } from 'docx/html';
import {
  compileTemplate,
  STYLESHEET_FILE,
  type CompiledTemplate,
  type TemplateFiles,
} from './compile-template.js';
import { splitAtMarkers, type ChartLabels, type ChartOf, type ChartType } from './html-blocks.js';
import { sectionProperties } from './page-furniture.js';
import { documentPageNumbers } from './pages/document-page-numbers.js';
import { LayoutNotLoaded, loadedLayout, loadLayout } from './pages/layout-registry.js';
import { peerChart } from './peer-chart.js';
import { profileChart } from './profile-chart.js';
import { TemplateError } from './template-error.js';
import type { ReportViewModel } from './view-model.js';
import { reportExternalStyles, reportStyles } from './word-styles.js';

export interface RenderOptions {
  /** Told of HTML the Word document cannot hold (e.g. an unsupported element), one line each. */
  onWarning?: (message: string) => void;
}

/** What every generated document carries besides its body: properties and the protective marking. */
export interface DocumentFurniture {
  document: { title: string; subject: string; author: string };
  marking: string;
}

/**
 * A template's HTML as a Word document: `<dmf-toc>` becomes the contents, `<dmf-chart>` the chart
 * that `chart` draws, the rest Word paragraphs and tables in the report's styles. Shared by the
 * department report and the cross-government summary.
 */
export function assembleDocument<VM extends DocumentFurniture>(
  vm: VM,
  template: CompiledTemplate<VM>,
  chart: (type: ChartType, of: ChartOf, labels: ChartLabels) => Paragraph,
  options: RenderOptions & { description?: string; pageNumbers?: PageNumberEstimator } = {},
): Document {
  const children: (Paragraph | Table | TableOfContents)[] = [];
  let byDesign = false;
  for (const block of splitAtMarkers(template.render(vm))) {
    if (block.kind === 'toc') {
      byDesign ||= block.pages === 'by-design';
      children.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: block.levels }));
    } else if (block.kind === 'chart') {
      children.push(chart(block.chartType, block.of, block.labels));
    } else {
      children.push(...convertHtml(block.html, template, options));
    }
  }
  const document = new Document({
    title: vm.document.title,
    subject: vm.document.subject,
    creator: vm.document.author,
    lastModifiedBy: vm.document.author,
    ...(options.description ? { description: options.description } : {}),
    styles: reportStyles(),
    externalStyles: reportExternalStyles(),
    // Without `listNumbers`: docx would read the whole body once more, only to put list numbers at
    // the start of the contents' entries of list-numbered headings; the templates type heading
    // numbers into the headings' text instead (test/report/page-numbers.test.ts).
    pageNumbers: options.pageNumbers ?? documentPageNumbers(byDesign, options.onWarning),
    sections: [{ ...sectionProperties(vm), children }],
  });
  if (byDesign && !options.pageNumbers) pagesByDesign.add(document);
  return document;
}

/** Documents whose page numbers are tried by design first (they may not need the layout). */
const pagesByDesign = new WeakSet<Document>();

/** The Word document (not yet packed) for a view model; exposed for the benchmark and tests. */
export function buildDocument(
  vm: ReportViewModel,
  template: CompiledTemplate,
  options: RenderOptions & { pageNumbers?: PageNumberEstimator } = {},
): Document {
  return assembleDocument(
    vm,
    template,
    (type, of, labels) => (of === 'peers' ? peerChart(vm, labels) : profileChart(vm, type, labels)),
    {
      ...options,
      description: vm.cover.subtitle,
    },
  );
}

function convertHtml<VM extends object>(
  html: string,
  template: CompiledTemplate<VM>,
  options: RenderOptions,
): readonly (Paragraph | Table)[] {
  try {
    return htmlToContent(html, {
      stylesheet: template.stylesheet,
      styleMap: template.styleMap,
      onWarning: (w) => options.onWarning?.(w.message),
    });
  } catch (e) {
    // docx/html never throws for HTML; what is left is the template's CSS or style map.
    throw new TemplateError(STYLESHEET_FILE, null, null, `the HTML import failed: ${(e as Error).message}`);
  }
}

/** Renders a report: view model + template (files, or compiled once for many reports) → .docx bytes. */
export async function renderReport(
  vm: ReportViewModel,
  template: TemplateFiles | CompiledTemplate,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const compiled = isCompiled(template) ? template : compileTemplate(template);
  return packDocument(() => buildDocument(vm, compiled, options));
}

/**
 * Packs a document whose page numbers may need the layout, loading docx/layout first unless the
 * document tries its numbers by design. When one that does is not proved to fit and the layout is
 * not loaded yet (once a process), it loads it and packs a new document again.
 */
export async function packDocument(build: () => Document): Promise<Uint8Array> {
  const document = build();
  // A document whose numbers are not tried by design needs the layout: load it before packing.
  if (!pagesByDesign.has(document) && !loadedLayout()) await loadLayout();
  try {
    return await Packer.pack(document, 'uint8array');
  } catch (e) {
    if (!(e instanceof LayoutNotLoaded)) throw e;
    await loadLayout();
    return Packer.pack(build(), 'uint8array');
  }
}

function isCompiled(t: TemplateFiles | CompiledTemplate): t is CompiledTemplate {
  return typeof (t as CompiledTemplate).render === 'function';
}
