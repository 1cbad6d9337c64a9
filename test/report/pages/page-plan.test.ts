/**
 * The page plan of small documents: pages start at explicit breaks, bookmarks are on the page
 * where they stand, and what the structure cannot place is refused. Each planned document is also
 * laid out by docx/layout, whose numbers the plan's must equal when every page fits.
 */
import { Bookmark, ColumnBreak, PageBreak, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { capture } from './capture.js';

/** A bookmarked heading and a paragraph of text after it (a heading is kept with the next paragraph). */
const heading = (id: string, text: string, breakBefore = false) => [
  new Paragraph({
    heading: 'Heading1',
    pageBreakBefore: breakBefore,
    children: [new Bookmark({ id, children: [new TextRun(text)] })],
  }),
  new Paragraph('Some text under the heading.'),
];

describe('the page plan', () => {
  it('puts everything on one page when there is no break', async () => {
    const got = await capture([...heading('a', 'One'), new Paragraph('text'), ...heading('b', 'Two')]);
    expect(got.plan.ok && got.plan.plan.pages.length).toBe(1);
    expect(got.byDesign.ok && [...got.byDesign.numbers.bookmarkPageNumbers!]).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(got.byDesign.ok && got.byDesign.numbers.pageCount).toBe(got.layout.pageCount);
  });

  it('starts a page at a paragraph with a page break before it, and after a run-level page break', async () => {
    const got = await capture([
      ...heading('a', 'One'),
      ...heading('b', 'Two', true),
      new Paragraph({ children: [new TextRun('before'), new PageBreak(), new TextRun('after')] }),
      ...heading('c', 'Three'),
      ...heading('d', 'Four', true),
    ]);
    if (!got.byDesign.ok) throw new Error(JSON.stringify(got.byDesign));
    expect([...got.byDesign.numbers.bookmarkPageNumbers!]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
    expect(got.byDesign.numbers.pageCount).toBe(4);
    expect(got.byDesign.numbers.bookmarkPageNumbers).toEqual(got.layout.bookmarks);
    expect(got.byDesign.numbers.pageCount).toBe(got.layout.pageCount);
  });

  it('does not start a page at a break before the first paragraph', async () => {
    const got = await capture([...heading('a', 'One', true), ...heading('b', 'Two', true)]);
    expect(got.byDesign.ok && [...got.byDesign.numbers.bookmarkPageNumbers!]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(got.layout.pageCount).toBe(2);
  });

  it('does not prove a page that ends with a paragraph kept with the next', async () => {
    // Word keeps such a paragraph with the next only within the page's own flow; docx/layout
    // leaves it where it is here, but the check does not rely on that.
    const got = await capture([
      ...heading('a', 'One'),
      heading('b', 'Two')[0]!,
      ...heading('c', 'Three', true),
    ]);
    expect(got.plan.ok).toBe(true);
    expect(got.byDesign).toMatchObject({ ok: false, reason: 'it ends with a paragraph kept with the next' });
    expect(got.layout.bookmarks).toEqual(
      new Map([
        ['a', 1],
        ['b', 1],
        ['c', 2],
      ]),
    );
  });

  it('refuses a column break', async () => {
    const got = await capture([
      ...heading('a', 'One'),
      new Paragraph({ children: [new TextRun('x'), new ColumnBreak()] }),
    ]);
    expect(got.plan).toEqual({ ok: false, reason: 'a column break' });
    expect(got.byDesign.ok).toBe(false);
  });
});
