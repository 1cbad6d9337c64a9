/**
 * Page numbers "by design": the page plan (page-plan.ts) gives every bookmark's page and the
 * number of pages, and the fit check (fit-check.ts) proves that each planned page fits on one
 * printed page, so the numbers are those a layout would give, without laying anything out.
 */
import type { File, IContext, IXmlableObject, EstimatedPageNumbers } from 'docx';
import { checkFit, type PageFit } from './fit-check.js';
import { planPages } from './page-plan.js';
import { WordStyleSheet } from './word-style-sheet.js';
import { attr, child, elements, nodesOf, onOff, type XmlNode } from './xml-node.js';

export type ByDesign =
  | { readonly ok: true; readonly numbers: EstimatedPageNumbers; readonly pages: readonly PageFit[] }
  | {
      readonly ok: false;
      /** Why not, in plain words. */
      readonly reason: string;
      /** The page that may not fit, when that is why. */
      readonly page?: PageFit;
      /** Every page of the plan, those not proved with their `problem` (when the plan was made). */
      readonly pages?: readonly PageFit[];
      /** The plan's page of each bookmark (when the plan was made). */
      readonly bookmarks?: ReadonlyMap<string, number>;
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
    addsParagraphSpacing: addsParagraphSpacing(part(file.Settings.prepForXml(context))[0]),
  });
  if (!fit.fits)
    return {
      ok: false,
      reason: fit.failed.problem ?? 'a page may not fit',
      page: fit.failed,
      pages: fit.pages,
      bookmarks: plan.bookmarks,
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

/**
 * Whether a document adds the space after a paragraph to the space before the next, from its
 * settings part: yes with `w:doNotUseHTMLParagraphAutoSpacing` on; otherwise Word leaves the
 * larger of the two. Only Word 2013's compatibility mode (15, docx's) has been seen doing that (by
 * docx/layout's probes), so a document in any other mode, or whose settings cannot be read, is
 * taken as adding them: never less room.
 */
function addsParagraphSpacing(settings: XmlNode | undefined): boolean {
  const compat = child(settings, 'w:compat');
  const mode = elements(compat ?? { name: '', attrs: {}, children: [] }).find(
    (c) =>
      c.name === 'w:compatSetting' &&
      attr(c, 'w:name') === 'compatibilityMode' &&
      attr(c, 'w:uri') === 'http://schemas.microsoft.com/office/word',
  );
  return (
    !compat || attr(mode, 'w:val') !== '15' || onOff(compat, 'w:doNotUseHTMLParagraphAutoSpacing') === true
  );
}
