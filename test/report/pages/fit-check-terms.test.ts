/**
 * The terms of the fit check's bound that follow how Word and LibreOffice lay a page out, each held
 * to it: the space between two paragraphs (the larger of the one's after and the other's before),
 * the space after a page's last paragraph (it need not fit), a drawing's line (the drawing over the
 * text's descent, not over a whole line), lines with CJK text (only those that can have it are
 * taller), a left paragraph border (drawn in the indent). Each test fails with the term counted as
 * it was before (session 6), and where the page is proved docx/layout confirms it is one page.
 */
import { BorderStyle, ImageRun, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { charEm, LineText } from '../../../src/report/pages/text-width.js';
import { capture } from './capture.js';

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ['assessment', 'of', 'digital', 'maturity'][i % 4]).join(' ');
const han = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 37) % 2000))).join('');

/** Arial 11 pt at the report's 1.15 line spacing, as the bound counts a line of it (twips). */
const LINE = 11 * 20 * (2355 / 2048) * 1.15;

/** The bound of the first (only) page, in twips. */
const bound = (got: Awaited<ReturnType<typeof capture>>) => got.byDesign.pages?.[0]?.contentHeight ?? NaN;

/** A 1×1 PNG, drawn `heightPt` high. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const picture = (heightPt: number) =>
  new Paragraph({
    children: [
      new ImageRun({ type: 'png', data: PNG, transformation: { width: 400, height: (heightPt * 4) / 3 } }),
    ],
  });

describe('the fit check’s terms', () => {
  it('leaves the larger of the space after and the space before between two paragraphs', async () => {
    // 25 paragraphs 12 pt apart each side: about 663 pt with the larger of the two between them,
    // 963 pt with both, on a page of about 711.
    const paragraphs = () =>
      Array.from({ length: 25 }, () => new Paragraph({ spacing: { before: 240, after: 240 }, text: 'x' }));
    const got = await capture(paragraphs());
    expect(got.byDesign.ok, JSON.stringify(got.byDesign)).toBe(true);
    expect(got.layout.pageCount).toBe(1);
    // A document that adds them (doNotUseHTMLParagraphAutoSpacing): both count, and it is two pages.
    const adds = await capture(paragraphs(), { compatibility: { doNotUseHTMLParagraphAutoSpacing: true } });
    expect(adds.byDesign.ok).toBe(false);
    expect(adds.layout.pageCount).toBe(2);
  });

  it('counts the space before and after of paragraphs apart from the collapse exactly once', async () => {
    const two = await capture([
      new Paragraph({ spacing: { before: 0, after: 400 }, text: 'x' }),
      new Paragraph({ spacing: { before: 300, after: 0 }, text: 'y' }),
    ]);
    const adds = await capture(
      [
        new Paragraph({ spacing: { before: 0, after: 400 }, text: 'x' }),
        new Paragraph({ spacing: { before: 300, after: 0 }, text: 'y' }),
      ],
      { compatibility: { doNotUseHTMLParagraphAutoSpacing: true } },
    );
    // 400 between them, not 700.
    expect(bound(adds) - bound(two)).toBeCloseTo(300, 6);
  });

  it('does not need the space after the page’s last paragraph to fit', async () => {
    // 45 lines of about 14.5 pt (about 654 pt), the last paragraph with 100 pt after it.
    const got = await capture([
      ...Array.from({ length: 44 }, () => new Paragraph({ spacing: { after: 0 }, text: 'x' })),
      new Paragraph({ spacing: { after: 2000 }, text: 'last' }),
    ]);
    expect(got.byDesign.ok, JSON.stringify(got.byDesign)).toBe(true);
    expect(bound(got)).toBeCloseTo(45 * LINE, 6);
    expect(got.layout.pageCount).toBe(1);
  });

  it('counts a drawing’s line as the drawing over the text’s descent, with the spacing’s share of a line', async () => {
    const probe = await capture([picture(100)]);
    const body = probe.byDesign.pages![0]!.bodyHeight;
    // 100 pt of drawing (2000 twips): over Arial 11's descent (434/2048 em) and 0.15 of its line.
    const descent = 11 * 20 * (434 / 2048);
    expect(bound(probe)).toBeCloseTo(2000 + descent + 0.15 * (LINE / 1.15), 6);
    // A drawing 6 pt short of the page: proved (counted over a whole spaced line it was not), and one page.
    const tall = await capture([picture((body - 120) / 20)]);
    expect(tall.byDesign.ok, JSON.stringify(tall.byDesign)).toBe(true);
    expect(tall.layout.pageCount).toBe(1);
  });

  it('counts only the lines that can hold CJK text at a CJK font’s height', async () => {
    const latin = await capture([new Paragraph(words(400))]);
    const mixed = await capture([new Paragraph(`${words(400)} ${han(6)}`)]);
    // Six Han characters at the end: on the last line or two, not on all 30-odd lines.
    const cjkLine = 11 * 20 * 1.5 * 1.15;
    expect(bound(mixed) - bound(latin)).toBeLessThanOrEqual(2 * (cjkLine - LINE) + LINE + 1e-6);
    expect(bound(mixed) - bound(latin)).toBeGreaterThan(0);
  });

  it('gives each stretch of CJK text at most the lines it can touch', () => {
    const t = new LineText();
    // 10 ems of Latin, 100 Han characters (100 ems), 10 ems of Latin, in lines of 40 ems.
    t.addText('W'.repeat(10) + ' ', 10);
    t.addText(han(100) + ' ', 10);
    t.addText('W'.repeat(10), 10);
    const em = 200;
    // Lines in the stretch but the first and the last are fuller than 40 ems less twice its widest
    // piece (the last character with the space after it): ⌊100.3 ÷ 37.4⌋ + 2.
    const space = charEm(32)! * em;
    const widest = em + space;
    expect(t.wideLines(40 * em)).toBe(4);
    // In lines of 3 ems such a line holds at least 0.44 em: that many lines. (With the last piece
    // not counted as CJK, as a first version had it, 101.)
    const narrow = 2 + Math.floor((100 * em + space) / (3 * em - 2 * widest));
    expect(t.wideLines(3 * em)).toBe(narrow);
  });

  it('takes no width for a left paragraph border, which is drawn in the indent', async () => {
    const text = words(300);
    const plain = await capture([new Paragraph(text)]);
    const bordered = await capture([
      new Paragraph({
        text,
        border: { left: { style: BorderStyle.SINGLE, size: 48, space: 31, color: '000000' } },
      }),
    ]);
    expect(bound(bordered)).toBeCloseTo(bound(plain), 6);
  });
});
