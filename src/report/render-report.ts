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
import { documentPageNumbers, PagesNotProved, type NotByDesign } from './pages/document-page-numbers.js';
import { ELEMENT_LIST_EM_STEPS, withShorterElementLists } from './element-lists.js';
import { LayoutNotLoaded, loadedLayout, loadLayout } from './pages/layout-registry.js';
import { peerChart } from './peer-chart.js';
import { profileChart } from './profile-chart.js';
import { TemplateError } from './template-error.js';
import type { ReportViewModel } from './view-model.js';
import { reportExternalStyles, reportStyles } from './word-styles.js';

export interface RenderOptions {
  /** Told of HTML the Word document cannot hold (e.g. an unsupported element), one line each. */
  onWarning?: (message: string) => void;
  /**
   * Zips the document's parts, instead of docx's own zipper (fflate, in JavaScript): in Node,
   * `zipPackage` of ./node/zip-package.ts deflates a brief with zlib in about half the CPU.
   */
  zip?: ZipPackage;
}

/** Zips a package's parts (path → XML text or bytes, in the order docx writes them) into its bytes. */
export type ZipPackage = (parts: ReadonlyMap<string, string | Uint8Array>) => Promise<Uint8Array>;

/** How a document's page numbers are had, besides by design or by the layout (tests, benchmarks, the renderer). */
interface BuildOptions {
  /** Numbers from this estimator instead. */
  pageNumbers?: PageNumberEstimator;
  /** Asked when pages are not proved to fit: yes throws {@link PagesNotProved} out of packing instead of laying out. */
  retry?: (why: NotByDesign) => boolean;
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
  options: RenderOptions & BuildOptions & { description?: string } = {},
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
    pageNumbers: options.pageNumbers ?? documentPageNumbers(byDesign, options.onWarning, options.retry),
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
  options: RenderOptions & BuildOptions = {},
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

/**
 * Renders a report: view model + template (files, or compiled once for many reports) → .docx bytes.
 *
 * An element page of a template whose numbers are by design may not be proved to fit when every
 * part of it is at its cap at once (element-lists.ts): its run-on lists are then made again with a
 * smaller budget, in steps, and the document built again; only pages still not proved after the
 * last step have their numbers from the layout (with the warning that says so). Warnings are told
 * for the document that is packed only.
 */
export async function renderReport(
  vm: ReportViewModel,
  template: TemplateFiles | CompiledTemplate,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  return (await renderReportAsPacked(vm, template, options)).bytes;
}

/** {@link renderReport}, with the view model the packed document was made from (its element lists shortened, if any was). */
export async function renderReportAsPacked(
  vm: ReportViewModel,
  template: TemplateFiles | CompiledTemplate,
  options: RenderOptions = {},
): Promise<{ bytes: Uint8Array; vm: ReportViewModel }> {
  const compiled = isCompiled(template) ? template : compileTemplate(template);
  const steps: number[] = [...ELEMENT_LIST_EM_STEPS];
  let current = vm;
  for (;;) {
    const warnings: string[] = [];
    const model = current;
    const retry =
      steps.length > 0 ? (why: NotByDesign) => elementPagesNotProved(why, model).size > 0 : undefined;
    try {
      const bytes = await packDocument(() => {
        warnings.length = 0;
        return buildDocument(current, compiled, {
          onWarning: (w) => warnings.push(w),
          ...(retry ? { retry } : {}),
        });
      }, options.zip);
      for (const w of warnings) options.onWarning?.(w);
      return { bytes, vm: current };
    } catch (e) {
      if (!(e instanceof PagesNotProved)) throw e;
      current = withShorterElementLists(current, elementPagesNotProved(e.why, current), steps.shift()!);
    }
  }
}

/** The anchors of the element pages among the pages not proved to fit. */
function elementPagesNotProved(why: NotByDesign, vm: ReportViewModel): ReadonlySet<string> {
  const pages = new Set((why.pages ?? []).filter((p) => p.problem !== undefined).map((p) => p.page));
  const anchors = new Set<string>();
  for (const e of vm.elements) {
    const page = why.bookmarks?.get(bookmarkNameOf(e.anchor));
    if (page !== undefined && pages.has(page)) anchors.add(e.anchor);
  }
  return anchors;
}

/**
 * The bookmark docx/html makes for an element's id (`element-ucd` → `element_ucd`): letters, digits
 * and underscores, starting with a letter, at most 40 characters (its `bookmarkNameOf`, which also
 * adds "_2" to a name taken already; the view model's anchors are distinct after this mapping). A name
 * that does not match finds no page, so that page is laid out as before: never wrong, only slower.
 */
function bookmarkNameOf(anchor: string): string {
  const name = anchor.replace(/[^\p{L}\p{N}_]/gu, '_');
  return (/^\p{L}/u.test(name) ? name : `_${name}`).slice(0, 40);
}

/**
 * Packs a document whose page numbers may need the layout, loading docx/layout first unless the
 * document tries its numbers by design. When one that does is not proved to fit and the layout is
 * not loaded yet (once a process), it loads it and packs a new document again.
 */
export async function packDocument(build: () => Document, zip?: ZipPackage): Promise<Uint8Array> {
  const pack = (document: Document) =>
    zip ? zip(compiledParts(document)) : Packer.pack(document, 'uint8array');
  const document = build();
  // A document whose numbers are not tried by design needs the layout: load it before packing.
  if (!pagesByDesign.has(document) && !loadedLayout()) await loadLayout();
  try {
    return await pack(document);
  } catch (e) {
    if (!(e instanceof LayoutNotLoaded)) throw e;
    await loadLayout();
    return pack(build());
  }
}

/**
 * The package's parts as `Packer.pack` zips them, from docx's own compiler. `Packer.compiler` is
 * not in docx's public types; docx is pinned exactly (package.json) and
 * test/report/zip-package.test.ts checks that the parts are those `Packer.pack` writes.
 */
function compiledParts(document: Document): ReadonlyMap<string, string | Uint8Array> {
  const { compiler } = Packer as unknown as {
    compiler?: { compile(file: Document): Map<string, string | Uint8Array> };
  };
  if (typeof compiler?.compile !== 'function')
    throw new Error('this docx has no Packer.compiler: give no `zip` to let docx zip the document');
  return compiler.compile(document);
}

function isCompiled(t: TemplateFiles | CompiledTemplate): t is CompiledTemplate {
  return typeof (t as CompiledTemplate).render === 'function';
}
