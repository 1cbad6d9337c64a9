/**
 * The contents of a report as a PDF shows them (pdftotext -layout, split into pages), and the page
 * each entry's heading lands on in that PDF: for the tests that hold the contents' page numbers
 * to LibreOffice's layout.
 */

/** An entry of the contents as the PDF shows it: "Title ....... 7". */
const ENTRY = /^\s*(.+?)\.{3,}\s*(\d+)\s*$/;

export interface ContentsEntry {
  title: string;
  /** The page the contents give. */
  page: number;
  /** The page (from 1) the heading is on in the PDF, or 0 when it is not found. */
  found: number;
}

/** Every entry of the contents in `pages` (the PDF's pages, in order), with where its heading is. */
export function contentsEntries(pages: readonly string[]): ContentsEntry[] {
  const entries = pages
    .flatMap((p) => p.split('\n'))
    .map((l) => ENTRY.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: m[1]!.trim(), page: Number(m[2]) }));
  return entries.map(({ title, page }) => {
    // The heading's line, or its first line when it wraps (never a contents entry that starts alike).
    const isHeading = (l: string) =>
      !ENTRY.test(l) && (l.trim() === title || (l.trim().length >= 20 && title.startsWith(l.trim())));
    return { title, page, found: pages.findIndex((p) => p.split('\n').some(isHeading)) + 1 };
  });
}

/**
 * The text with the brief's shortened quotes taken out: a respondent's reason cut with "…" and
 * followed by "(the full record quotes it whole)" (src/report/brief-caps.ts), the one place the
 * brief may show an ellipsis. Lines are joined first, since the quote may wrap.
 */
export function withoutShortenedQuotes(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/“[^”]*…” \(the full record quotes it whole\)/g, '“”');
}
