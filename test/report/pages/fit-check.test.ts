/**
 * The fit check passes a light page and does not prove an over-full one: long text, CJK text
 * (taller lines than Latin text at the same size), a tall table. Where it says a page may not fit,
 * docx/layout confirms that the content runs onto another page.
 */
import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { describe, expect, it } from 'vitest';
import { capture } from './capture.js';

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ['assessment', 'of', 'digital', 'maturity'][i % 4]).join(' ');
const han = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 37) % 2000))).join('');

function table(rows: number, text: string): Table {
  return new Table({
    style: 'ReportTable',
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3000, 3000, 3071],
    rows: Array.from(
      { length: rows },
      () =>
        new TableRow({
          children: [0, 1, 2].map(
            () =>
              new TableCell({
                children: [new Paragraph({ style: 'TableText', children: [new TextRun(text)] })],
              }),
          ),
        }),
    ),
  });
}

describe('the fit check', () => {
  it('passes a light page', async () => {
    const got = await capture([
      new Paragraph({ heading: 'Heading1', children: [new TextRun('A light page')] }),
      new Paragraph(words(120)),
      table(5, 'a short cell'),
      new Paragraph(words(40)),
    ]);
    expect(got.byDesign.ok, JSON.stringify(got.byDesign)).toBe(true);
    expect(got.layout.pageCount).toBe(1);
  });

  it('does not prove a page of long text', async () => {
    const got = await capture(Array.from({ length: 30 }, () => new Paragraph(words(60))));
    expect(got.byDesign).toMatchObject({ ok: false, page: { page: 1 } });
    if (got.byDesign.ok) return;
    expect(got.byDesign.page!.contentHeight).toBeGreaterThan(got.byDesign.page!.bodyHeight);
    expect(got.layout.pageCount).toBeGreaterThan(1);
  });

  it('measures CJK text with a CJK font’s taller lines', async () => {
    // 41 Han characters a line (an em each, 11 pt, 16 cm of text): 38 lines. At Arial's line height
    // they would take about 11,100 twips of the page's 14,230; at a CJK font's, about 14,400.
    const got = await capture([new Paragraph(han(41 * 38))]);
    expect(got.byDesign).toMatchObject({ ok: false });
    if (got.byDesign.ok) return;
    expect(got.byDesign.page!.contentHeight).toBeGreaterThan(got.byDesign.page!.bodyHeight);
    const fewer = await capture([new Paragraph(han(41 * 30))]);
    expect(fewer.byDesign.ok, JSON.stringify(fewer.byDesign)).toBe(true);
  });

  it('does not prove a page with a tall table', async () => {
    const got = await capture([table(30, words(25))]);
    expect(got.byDesign).toMatchObject({ ok: false });
    if (got.byDesign.ok) return;
    expect(got.byDesign.page!.contentHeight).toBeGreaterThan(got.byDesign.page!.bodyHeight);
    expect(got.layout.pageCount).toBeGreaterThan(1);
    const shorter = await capture([table(8, words(25))]);
    expect(shorter.byDesign.ok, JSON.stringify(shorter.byDesign)).toBe(true);
    expect(shorter.layout.pageCount).toBe(1);
  });

  it('does not prove text in a font it has no widths for', async () => {
    const got = await capture([
      new Paragraph({ children: [new TextRun({ text: 'Garamond', font: 'Garamond' })] }),
    ]);
    expect(got.byDesign).toMatchObject({ ok: false, reason: 'text in Garamond' });
  });
});
