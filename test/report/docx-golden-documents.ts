/**
 * Fixed documents made by docx alone (docx/html from fixed HTML and CSS, and docx's own API), whose
 * parts test/report/docx-output-golden.test.ts pins by their hashes. Nothing here comes from the
 * report's templates, styles or view model, which change for reasons of their own: a change of
 * these documents' parts is a change of docx's output (a patch of docx or an upgrade), and only
 * that. Each document goes through the code patches/docx+9.15.2.patch makes faster
 * (scripts/docx-speed-edits.mjs): every element's children, class fields, attributes given as
 * key-value pairs (drawings, the theme), escaping, text with characters XML forbids, neighbouring
 * runs of one format, the same style sheet read twice, and the paragraph styles read for a table of
 * contents and SEQ fields.
 */
import { createHash } from 'node:crypto';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  PageNumber,
  Paragraph,
  SequentialIdentifier,
  TableOfContents,
  TextRun,
  type PageNumberEstimator,
} from 'docx';
import { htmlToContent } from 'docx/html';
import { normalisedParts } from './normalised-docx.js';

/** Author CSS: classes, ids, descendants and children, `!important`, custom properties, `@media`. */
export const GOLDEN_STYLESHEET = `
:root { --accent: #1d70b8; --gap: 6pt; }
body { font-family: Arial, sans-serif; font-size: 11pt; }
h1 { color: var(--accent); margin-bottom: var(--gap, 4pt); }
h2 + p { font-style: italic; }
p.lead { font-size: 13pt; }
#key { font-weight: bold !important; }
.box > p { border: 1px solid #b1b4b6; padding: 4pt; background: #f3f2f1; }
td.num, th.num { text-align: right; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #0b0c0c; padding: 2pt 4pt; }
li.done { text-decoration: line-through; }
.warn { color: #d4351c; }
@media print { .screen-only { display: none; } }
@media screen { p { color: #00ff00; } }
`;

export const GOLDEN_STYLE_MAP = { 'p.lead': 'Lead', '.box > p': 'Box' };

/** HTML with what the import does most: headings, runs, lists, a table, links, odd characters. */
export const GOLDEN_HTML = `
<h1>Results &amp; next steps</h1>
<p class="lead">The <b>department</b> <b>reached</b> <i>level 3</i> in <span class="warn">two</span> of five elements.</p>
<h2>What we found</h2>
<p>Plain text, then    collapsed   spaces,
new lines and a tab\there; quotes "double" and 'single', &lt;angle&gt; brackets.</p>
<p id="key" class="warn">Key message with a <a href="https://example.org/a?b=1&amp;c=2">link</a> and a <a href="#annex">link within</a>.</p>
<p>Control characters \u0001 and \u001f, a lone surrogate \ud800, an emoji 😀, CJK 数字成熟度, right-to-left مرحبا.</p>
<pre>  kept    spaces
and a new line</pre>
<div class="box"><p>Boxed paragraph one.</p><p>Boxed paragraph two<br>with a line break.</p></div>
<ul>
  <li>First</li>
  <li class="done">Second, done</li>
  <li>Third<ol><li>Nested one</li><li>Nested two</li></ol></li>
</ul>
<!-- pagebreak -->
<table>
  <thead><tr><th>Element</th><th class="num">Level</th><th class="num">Change</th></tr></thead>
  <tbody>
    <tr><td>Strategy</td><td class="num">3</td><td class="num">+1</td></tr>
    <tr><td colspan="2">Delivery, merged</td><td class="num">0</td></tr>
    <tr><td rowspan="2">Data</td><td class="num">2</td><td class="num">−1</td></tr>
    <tr><td class="num">4</td><td class="num">+2</td></tr>
  </tbody>
</table>
<p class="screen-only">Not printed.</p>
<h2 id="annex">Annex</h2>
<p>A small image: <img alt="A dot" width="8" height="8" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="></p>
`;

/** A second HTML read with the same style sheet (the rules compiled once are the same rules). */
export const GOLDEN_HTML_AGAIN = `
<h2>Second part</h2>
<p>Again with <b>bold</b>, <b>bold</b> and <span class="warn">a warning</span>.</p>
<p id="key">Key again.</p>
`;

/** Page numbers without laying anything out: every heading's bookmark is on page 2, of 3. */
const fixedPages: PageNumberEstimator = (body) => {
  const bookmarks = new Map<string, string>();
  for (const [, name] of JSON.stringify(body).matchAll(/"w:name":"(_Toc\d+)"/g)) bookmarks.set(name!, '2');
  return { bookmarks, pageCount: 3, sectionPageCounts: [3] };
};

const properties = {
  title: 'Golden document',
  subject: 'docx output pinned',
  creator: 'dgx-maturity tests',
  lastModifiedBy: 'dgx-maturity tests',
};

const paragraphStyles = [
  { id: 'Lead', name: 'Lead', basedOn: 'Normal', run: { size: 26 } },
  { id: 'Box', name: 'Box', basedOn: 'Normal', paragraph: { indent: { left: 240 } } },
];

/** The fixed documents, by name; each call makes them anew. */
export function goldenDocuments(): { html: Document; fields: Document } {
  const html = (text: string, stylesheet = GOLDEN_STYLESHEET) =>
    htmlToContent(text, { stylesheet, styleMap: GOLDEN_STYLE_MAP });
  return {
    // docx/html alone, twice with the same style sheet and once with another.
    html: new Document({
      ...properties,
      styles: { paragraphStyles },
      sections: [
        {
          children: [
            ...html(GOLDEN_HTML),
            ...html(GOLDEN_HTML_AGAIN),
            ...html(GOLDEN_HTML_AGAIN, 'p { color: #505a5f; } b { text-decoration: underline; }'),
          ],
        },
      ],
    }),
    // docx's API: a table of contents filled in with page numbers, SEQ fields, a footer with fields.
    fields: new Document({
      ...properties,
      styles: { paragraphStyles },
      pageNumbers: fixedPages,
      sections: [
        {
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  children: [
                    new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
                  ],
                }),
              ],
            }),
          },
          children: [
            new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Summary' }),
            new Paragraph({
              children: [new TextRun('Table '), new SequentialIdentifier('Table'), new TextRun(': levels')],
            }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Detail <with> "escapes" & more' }),
            new Paragraph({
              children: [new TextRun('Table '), new SequentialIdentifier('Table'), new TextRun(': change')],
            }),
            ...html(GOLDEN_HTML_AGAIN),
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Annex' }),
          ],
        },
      ],
    }),
  };
}

/** A document's parts (made stable from one packing to the next) by name, each as its SHA-256. */
export async function partHashes(document: Document): Promise<Record<string, string>> {
  const parts = await normalisedParts(document);
  return Object.fromEntries(
    Object.entries(parts).map(([name, xml]) => [
      name,
      createHash('sha256').update(xml).digest('hex').slice(0, 16),
    ]),
  );
}
