/**
 * Page numbers "by design": the page plan (page-plan.ts) gives every bookmark's page and the
 * number of pages, and the fit check (fit-check.ts) proves that each planned page fits on one
 * printed page, so the numbers are those a layout would give, without laying anything out.
 */
import type { File, IContext, IXmlableObject, EstimatedPageNumbers } from 'docx';
import { checkFit, type PageFit } from './fit-check.js';
import { planPages } from './page-plan.js';
import { WordStyleSheet } from './word-style-sheet.js';
import { nodesOf, type XmlNode } from './xml-node.js';

export type ByDesign =
  | { readonly ok: true; readonly numbers: EstimatedPageNumbers; readonly pages: readonly PageFit[] }
  | {
      readonly ok: false;
      /** Why not, in plain words. */
      readonly reason: string;
      /** The page that may not fit, when that is why. */
      readonly page?: PageFit;
      readonly pages?: readonly PageFit[];
    };

/** The page numbers of a formatted body by its structure, or why they cannot be had that way. */
export function pageNumbersByDesign(body: IXmlableObject, context: IContext): ByDesign {
  const planned = planPages(body);
  if (!planned.ok) return { ok: false, reason: planned.reason };
  const { plan } = planned;
  const file = context.file as File;
  const part = (formatted: unknown): XmlNode[] => nodesOf(formatted);
  const fit = checkFit(plan, {
    styles: new WordStyleSheet(file.Styles.prepForXml(context)),
    headers: file.Headers.flatMap((h) => part(h.View.prepForXml(context))),
    footers: file.Footers.flatMap((f) => part(f.View.prepForXml(context))),
  });
  if (!fit.fits)
    return {
      ok: false,
      reason: fit.failed.problem ?? 'a page may not fit',
      page: fit.failed,
      pages: fit.pages,
    };
  const pageCount = plan.pages.length;
  return {
    ok: true,
    pages: fit.pages,
    numbers: {
      bookmarks: new Map([...plan.bookmarks].map(([name, page]) => [name, String(page)])),
      bookmarkPageNumbers: plan.bookmarks,
      pageCount,
      sectionPageCounts: [pageCount],
      relativePositions: new Map(),
      guesses: [],
    },
  };
}
