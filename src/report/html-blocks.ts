/**
 * What HTML cannot say, a template says with a marker element, which the renderer replaces with
 * native Word content: `<dmf-toc></dmf-toc>` (a table of contents with its page numbers filled
 * in; `levels="1-1"` for main headings only, default "1-2"; `pages="by-design"` for page numbers
 * that follow from the template's page breaks, each page proved to fit, instead of laying the pages
 * out: src/report/pages/) and `<dmf-chart></dmf-chart>` (the maturity profile as a Word chart; `type="radar"` for a
 * radar chart instead of bars; `of="peers"` for the "How you compare" chart instead; `labels="short"`
 * to name the elements by their short titles, as a table beside it may). Markers stand at the top level of the HTML, between blocks.
 *
 * Workbook text cannot forge a marker: Handlebars escapes `<` in every `{{value}}`.
 */

export const MARKERS = ['toc', 'chart'] as const;
export type MarkerName = (typeof MARKERS)[number];

export type ChartType = 'bar' | 'radar';
/** Which chart: the department's profile (default) or its place among its peers. */
export type ChartOf = 'profile' | 'peers';

/** How a chart names the elements: as the framework titles them (default), or by their short titles. */
export type ChartLabels = 'title' | 'short';

export type HtmlBlock =
  | { kind: 'html'; html: string }
  | { kind: 'toc'; levels: string; pages: TocPages }
  | { kind: 'chart'; chartType: ChartType; of: ChartOf; labels: ChartLabels };

/** How the contents' page numbers are worked out: by laying the pages out (default), or by design. */
export type TocPages = 'layout' | 'by-design';
export const TOC_PAGES: readonly TocPages[] = ['layout', 'by-design'];

/** The value of a `<dmf-toc>`'s `pages` attribute as written, or undefined when it has none. */
export function tocPagesAttribute(attributes: string): string | undefined {
  return /\bpages\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1];
}

/** Any `<dmf-…>` opening tag, to find markers (and misspelt ones). */
export const MARKER_TAG = /<dmf-([a-z0-9-]*)\b([^>]*)>(?:\s*<\/dmf-\1\s*>)?/gi;

/** Splits rendered HTML at its markers. Unknown marker names are reported by the template check. */
export function splitAtMarkers(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let last = 0;
  for (const m of html.matchAll(MARKER_TAG)) {
    const name = m[1]!.toLowerCase();
    if (!(MARKERS as readonly string[]).includes(name)) continue;
    if (m.index > last) blocks.push({ kind: 'html', html: html.slice(last, m.index) });
    if (name === 'toc')
      blocks.push({
        kind: 'toc',
        levels: /\blevels\s*=\s*["']?([1-9]-[1-9])\b/.exec(m[2] ?? '')?.[1] ?? '1-2',
        pages: tocPagesAttribute(m[2] ?? '')?.toLowerCase() === 'by-design' ? 'by-design' : 'layout',
      });
    else
      blocks.push({
        kind: 'chart',
        chartType: /\btype\s*=\s*["']?radar\b/i.test(m[2] ?? '') ? 'radar' : 'bar',
        of: /\bof\s*=\s*["']?peers\b/i.test(m[2] ?? '') ? 'peers' : 'profile',
        labels: /\blabels\s*=\s*["']?short\b/i.test(m[2] ?? '') ? 'short' : 'title',
      });
    last = m.index + m[0].length;
  }
  if (last < html.length) blocks.push({ kind: 'html', html: html.slice(last) });
  return blocks.filter((b) => b.kind !== 'html' || b.html.trim() !== '');
}
