/**
 * The page numbers a document is given: by design when its template asks for them
 * (`<dmf-toc pages="by-design">`) and every page is proved to fit, by the layout otherwise. When a
 * template asks for them by design and does not get them, the report's warnings say so, naming the
 * page, so whoever maintains the template can mend it.
 */
import type { PageNumberEstimator } from 'docx';
import { pageNumbersByDesign, type ByDesign } from './by-design.js';
import { LayoutNotLoaded, loadedLayout } from './layout-registry.js';

/** Why the numbers could not be had by design. */
export type NotByDesign = Extract<ByDesign, { ok: false }>;

/**
 * Thrown out of packing when the document's maker asked to build it again rather than lay it out
 * (`retry` of {@link documentPageNumbers} said yes): render-report.ts shortens the pages named and
 * builds the document once more.
 */
export class PagesNotProved extends Error {
  constructor(readonly why: NotByDesign) {
    super(`pages not proved to fit: ${why.reason}`);
    this.name = 'PagesNotProved';
  }
}

export function documentPageNumbers(
  byDesign: boolean,
  onWarning?: (message: string) => void,
  retry?: (why: NotByDesign) => boolean,
): PageNumberEstimator {
  return (body, context) => {
    let why: ByDesign | undefined;
    if (byDesign) {
      why = pageNumbersByDesign(body, context);
      if (why.ok) return why.numbers;
      if (retry?.(why)) throw new PagesNotProved(why);
    }
    const layout = loadedLayout();
    if (!layout) throw new LayoutNotLoaded();
    if (why && !why.ok) onWarning?.(fallbackWarning(why));
    return layout(body, context);
  };
}

/** The warning, in plain words, when the numbers by design could not be had. */
export function fallbackWarning(why: NotByDesign): string {
  // Said to whoever made the report: the numbers are right either way; only the cost differs, and
  // only a template's author can act on it (by capping or breaking that page).
  const tail = "so the contents' page numbers were worked out by laying the pages out (right, but slower)";
  const page = why.page;
  if (!page) return `The template's page breaks do not give every page (${why.reason}), ${tail}.`;
  const name = page.heading ? ` (${page.heading})` : '';
  return Number.isFinite(page.contentHeight)
    ? `Page ${page.page}${name} could not be proved to fit its page, ${tail}.`
    : `Page ${page.page}${name} could not be checked to fit its page (${why.reason}), ${tail}.`;
}
