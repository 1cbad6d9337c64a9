/**
 * The fit check: a proof, cheap enough to run for every report, that each page of a page plan
 * (page-plan.ts) fits on one printed page, so that its page numbers are the layout's. For each
 * page it adds up an upper bound of the height of what is on it and compares it with the height
 * the page has for its body (the page less its margins, or less its header and footer where they
 * reach further). Upper bounds, each of them:
 *  - a paragraph: space before + space after (Word does not collapse them) + its borders + its
 *    lines × the tallest line any of its runs gives (Arial's tallest metrics, 1.5 em for CJK text,
 *    a drawing's height), scaled by the line spacing; its lines by the wrap bound of text-width.ts
 *    on the narrowest line it has (indents, borders, a list's number);
 *  - a table: each row as tall as its tallest cell (cell margins, its paragraphs in the cell's
 *    width from the grid), plus the borders between rows;
 *  - the contents: one entry per heading, each a paragraph whose page number may push it onto a
 *    further line.
 * Whatever it does not follow (a font other than Arial, a character it has no width for, a tab
 * outside the contents, a floating drawing, merged rows, …) makes the page "not proved", as does a
 * paragraph kept with the next at the foot of a page (Word would move it to the next page). Then
 * the layout works the numbers out.
 */
import { blockText, type PagePlan } from './page-plan.js';
import { lineHeightOf } from './line-height.js';
import { ARIAL_DESCENT_EM, CJK_LINE_EM, LATIN_LINE_EM, LineText } from './text-width.js';
import {
  applyTable,
  borderSize,
  type ParagraphFormat,
  type TableStyle,
  type WordStyleSheet,
} from './word-style-sheet.js';
import { attr, child, elements, numberAttr, textOf, type XmlNode } from './xml-node.js';

export type FitResult =
  | { readonly fits: true; readonly pages: readonly PageFit[] }
  | { readonly fits: false; readonly pages: readonly PageFit[]; readonly failed: PageFit };

export interface PageFit {
  readonly page: number;
  /** The upper bound of the page's content, and the height its body has, in twips. */
  readonly contentHeight: number;
  readonly bodyHeight: number;
  /** Why it is not proved to fit; undefined when it fits. */
  readonly problem?: string;
  /** The page's first heading (or first text), to name it in a warning. */
  readonly heading: string;
}

export interface FitInputs {
  readonly styles: WordStyleSheet;
  /** The formatted headers and footers of the section (`w:hdr`, `w:ftr`): the tallest of each counts. */
  readonly headers: readonly XmlNode[];
  readonly footers: readonly XmlNode[];
  /**
   * Whether the document adds the space after a paragraph to the space before the next
   * (`w:doNotUseHTMLParagraphAutoSpacing` in its settings' compatibility options). Without it Word
   * leaves the larger of the two between them, and LibreOffice does the same with such a document.
   * Unknown: added, which is never less.
   */
  readonly addsParagraphSpacing?: boolean;
  /** Told the bound of each top-level block of each page (for working out a page's budget). */
  readonly onBlock?: (page: number, height: number, block: XmlNode) => void;
}

class CannotProve extends Error {}

/** Whether every page of the plan fits; the first that does not, when one does not. */
export function checkFit(plan: PagePlan, inputs: FitInputs): FitResult {
  const size = child(plan.section, 'w:pgSz');
  const margin = child(plan.section, 'w:pgMar');
  const pageHeight = numberAttr(size, 'w:h');
  const pageWidth = numberAttr(size, 'w:w');
  const m = (side: string) => Math.abs(numberAttr(margin, `w:${side}`) ?? NaN);
  const page = (problem: string, n: number, heading: string): PageFit => ({
    page: n,
    contentHeight: Infinity,
    bodyHeight: 0,
    problem,
    heading,
  });
  const heading = firstHeading;
  if (
    pageHeight === undefined ||
    pageWidth === undefined ||
    [m('top'), m('bottom'), m('left'), m('right')].some(Number.isNaN)
  ) {
    const failed = page('no page size or margins', 1, heading(plan.pages[0]?.blocks ?? []));
    return { fits: false, pages: [failed], failed };
  }
  const textWidth = pageWidth - m('left') - m('right') - (numberAttr(margin, 'w:gutter') ?? 0);
  const measure = new Measure(inputs.styles, inputs.addsParagraphSpacing ?? true);
  let headerHeight: number;
  let footerHeight: number;
  try {
    headerHeight = Math.max(0, ...inputs.headers.map((h) => measure.blocks(elements(h), textWidth)));
    footerHeight = Math.max(0, ...inputs.footers.map((f) => measure.blocks(elements(f), textWidth)));
  } catch (e) {
    if (!(e instanceof CannotProve)) throw e;
    const failed = page(`the header or footer: ${e.message}`, 1, heading(plan.pages[0]?.blocks ?? []));
    return { fits: false, pages: [failed], failed };
  }
  const top = Math.max(m('top'), (numberAttr(margin, 'w:header') ?? 0) + headerHeight);
  const bottom = Math.max(m('bottom'), (numberAttr(margin, 'w:footer') ?? 0) + footerHeight);
  const bodyHeight = pageHeight - top - bottom;
  const pages: PageFit[] = [];
  for (const p of plan.pages) {
    const name = heading(p.blocks);
    try {
      let contentHeight = 0;
      measure.eachBlock(p.blocks, textWidth, (h, b) => {
        inputs.onBlock?.(p.number, h, b);
        contentHeight += h;
      });
      // The space after the page's last paragraph need not be on the page: Word and LibreOffice
      // keep a paragraph whose lines fit although its space after runs past the bottom margin
      // (docx/layout: the space after waits for the next paragraph; LibreOffice's PDF of a page of
      // paragraphs 30 pt apart keeps the last one whose text ends 1 pt above the margin).
      const last = p.blocks.at(-1);
      if (last) contentHeight -= measure.trailingAfter(last);
      const keptWithNext = p.number < plan.pages.length && last !== undefined && measure.keepsWithNext(last);
      const problem =
        contentHeight > bodyHeight
          ? `${Math.round(contentHeight)} twips of content for ${Math.round(bodyHeight)}`
          : keptWithNext
            ? 'it ends with a paragraph kept with the next'
            : undefined;
      pages.push({
        page: p.number,
        contentHeight,
        bodyHeight,
        heading: name,
        ...(problem ? { problem } : {}),
      });
    } catch (e) {
      if (!(e instanceof CannotProve)) throw e;
      pages.push(page(e.message, p.number, name));
    }
  }
  const failed = pages.find((p) => p.problem !== undefined);
  return failed ? { fits: false, pages, failed } : { fits: true, pages };
}

/** A page's first heading (Title, Heading 1–9), or its first text, to name the page. */
function firstHeading(blocks: readonly XmlNode[]): string {
  const isHeading = (b: XmlNode) =>
    /^Heading\d$|^Title$/.test(attr(child(child(b, 'w:pPr'), 'w:pStyle'), 'w:val') ?? '');
  const h =
    blocks.find((b) => b.name === 'w:p' && isHeading(b)) ?? blocks.find((b) => blockText(b).trim() !== '');
  return h ? blockText(h).trim() : '';
}

/** Default tab stops of Word's documents, in twips: a tab moves the text on by at most this. */
const DEFAULT_TAB = 720;
/** A list's indent per level (docx's numbering: 720 twips a level, the number hanging 360). */
const LIST_INDENT = 720;
/** Fields whose result is a number of at most three figures, measured as "999". */
const NUMBER_FIELDS = /^\s*(PAGE|NUMPAGES|SECTIONPAGES|PAGEREF)\b/;
const NUMBER_TEXT = '999';

class Measure {
  constructor(
    private readonly styles: WordStyleSheet,
    private readonly addsParagraphSpacing: boolean,
  ) {}

  blocks(blocks: readonly XmlNode[], width: number): number {
    let h = 0;
    this.eachBlock(blocks, width, (height) => (h += height));
    return h;
  }

  /**
   * The bound of each block of a sequence, in order. Each paragraph's bound counts its space
   * before and after in full; between two paragraphs one after the other, Word leaves only the
   * larger of the first's space after and the second's space before (unless the document adds
   * them), and so does LibreOffice: the smaller is taken back from the second's bound. Only between
   * paragraphs that are next to each other in the same sequence (bookmarks between them take no
   * room); next to a table or the contents both count in full, which is never less.
   */
  eachBlock(blocks: readonly XmlNode[], width: number, each: (height: number, block: XmlNode) => void): void {
    let previousAfter: number | undefined;
    for (const b of blocks) {
      let h = this.block(b, width);
      if (b.name === 'w:p') {
        const f = this.styles.paragraph(child(b, 'w:pPr'));
        if (previousAfter !== undefined && !this.addsParagraphSpacing) h -= Math.min(previousAfter, f.before);
        previousAfter = f.after;
      } else if (b.name !== 'w:bookmarkStart' && b.name !== 'w:bookmarkEnd') previousAfter = undefined;
      each(h, b);
    }
  }

  block(b: XmlNode, width: number): number {
    switch (b.name) {
      case 'w:p':
        return this.paragraph(b, width);
      case 'w:tbl':
        return this.table(b, width);
      case 'w:sdt':
        return this.blocks(
          elements(child(b, 'w:sdtContent') ?? b).filter((c) => c.name !== 'w:sdtPr'),
          width,
        );
      case 'w:bookmarkStart':
      case 'w:bookmarkEnd':
      case 'w:sdtPr':
      case 'w:sdtEndPr':
        return 0;
      default:
        throw new CannotProve(`a ${b.name} element`);
    }
  }

  /** The space after a block that ends with a paragraph (counted in its bound), else 0. */
  trailingAfter(b: XmlNode): number {
    if (b.name === 'w:p') return this.styles.paragraph(child(b, 'w:pPr')).after;
    if (b.name === 'w:sdt') {
      const last = elements(child(b, 'w:sdtContent') ?? b)
        .filter((c) => c.name !== 'w:sdtPr' && c.name !== 'w:sdtEndPr')
        .at(-1);
      return last ? this.trailingAfter(last) : 0;
    }
    return 0;
  }

  /** Whether Word keeps this block on the same page as the next. */
  keepsWithNext(b: XmlNode): boolean {
    if (b.name === 'w:p') return this.styles.paragraph(child(b, 'w:pPr')).keepNext;
    if (b.name === 'w:tbl') {
      const lastRow = elements(b)
        .filter((r) => r.name === 'w:tr')
        .at(-1);
      return (
        !!lastRow &&
        elements(lastRow).some(
          (tc) => tc.name === 'w:tc' && elements(tc).some((p) => p.name === 'w:p' && this.keepsWithNext(p)),
        )
      );
    }
    if (b.name === 'w:sdt') {
      const last = elements(child(b, 'w:sdtContent') ?? b).at(-1);
      return !!last && this.keepsWithNext(last);
    }
    return false;
  }

  paragraph(p: XmlNode, width: number): number {
    const pPr = child(p, 'w:pPr');
    const f = this.styles.paragraph(pPr);
    if (f.unsupported) throw new CannotProve(f.unsupported);
    const numPr = child(pPr, 'w:numPr');
    const level = numberAttr(child(numPr, 'w:ilvl'), 'w:val');
    let left = f.left;
    // How much narrower the first line is than the others (a first-line indent; a list's number).
    let first = Math.max(0, f.firstLine);
    if (numPr && attr(child(numPr, 'w:numId'), 'w:val') !== '0') {
      // The list's own indent, and its number before the text on the first line: the number hangs
      // in the indent, or, wider than that, takes the text on to the next tab stop.
      left = Math.max(left, LIST_INDENT * ((level ?? 0) + 1));
      first += DEFAULT_TAB;
    }
    // A left border and its space stand left of the text, in the indent or the margin: Word keeps
    // the text at its indent (docx/layout measures lines between the indents alone), and so does
    // LibreOffice (the worst-case briefs' inset paragraphs: text at the indent, border left of it).
    // A right border is taken from the width all the same (not seen in either).
    const available = width - left - f.right - f.borderRightWidth;
    const firstAvailable = available - first;
    if (firstAvailable <= 0) throw new CannotProve('a paragraph with no room for its text');
    const tabs = elements(child(pPr, 'w:tabs') ?? { name: '', attrs: {}, children: [] }).filter(
      (t) => attr(t, 'w:val') !== 'clear',
    );
    const lines: { text: LineText; tallest: number; drawing: number }[] = [];
    let line = { text: new LineText(), tallest: lineHeightOf(f.size, false), drawing: 0 };
    lines.push(line);
    let tabCount = 0;
    const runs: XmlNode[] = [];
    this.collectRuns(p, runs);
    let fieldDepth = 0;
    let fieldIsNumber = false;
    let instr = '';
    let inResult = false;
    for (const r of runs) {
      const run = this.styles.run(f, child(r, 'w:rPr'));
      if (run.unsupported) throw new CannotProve(run.unsupported);
      const sizePt = run.size / 2;
      line.tallest = Math.max(line.tallest, lineHeightOf(run.size, false));
      for (const c of elements(r)) {
        switch (c.name) {
          case 'w:rPr':
          case 'w:lastRenderedPageBreak':
          case 'w:bookmarkStart':
          case 'w:bookmarkEnd':
            break;
          case 'w:fldChar': {
            const type = attr(c, 'w:fldCharType');
            if (type === 'begin') {
              fieldDepth++;
              instr = '';
              inResult = false;
            } else if (type === 'separate') {
              inResult = true;
              fieldIsNumber = NUMBER_FIELDS.test(instr);
              if (fieldIsNumber) line.text.addText(NUMBER_TEXT, sizePt, true);
              else if (!/^\s*(TOC|HYPERLINK)\b/.test(instr))
                throw new CannotProve(`a field: ${instr.trim()}`);
            } else if (type === 'end') {
              fieldDepth = Math.max(0, fieldDepth - 1);
              inResult = false;
              fieldIsNumber = false;
            }
            break;
          }
          case 'w:instrText':
            instr += textOf(c);
            break;
          case 'w:t':
            // The result of a number field is measured as "999" whatever it says now.
            if (!(fieldDepth > 0 && inResult && fieldIsNumber)) {
              const text = textOf(c);
              const parts = text.split('\n');
              parts.forEach((part, i) => {
                if (i > 0) {
                  line = { text: new LineText(), tallest: lineHeightOf(run.size, false), drawing: 0 };
                  lines.push(line);
                }
                part.split('\t').forEach((piece, j) => {
                  if (j > 0) {
                    tabCount++;
                    line.text.addUnit(tabs.length === 0 ? DEFAULT_TAB : 0);
                  }
                  line.text.addText(piece, sizePt, run.bold);
                });
              });
            }
            break;
          case 'w:tab':
            tabCount++;
            if (tabs.length === 0) line.text.addUnit(DEFAULT_TAB);
            else line.text.addUnit(0); // placed below, for the contents' entries
            break;
          case 'w:br':
          case 'w:cr': {
            const type = attr(c, 'w:type');
            if (type === 'page' || type === 'column') throw new CannotProve('a break inside a paragraph');
            line = { text: new LineText(), tallest: lineHeightOf(run.size, false), drawing: 0 };
            lines.push(line);
            break;
          }
          case 'w:noBreakHyphen':
          case 'w:softHyphen':
            line.text.addText('-', sizePt);
            break;
          case 'w:sym':
            line.text.addUnit(sizePt * 20 * 1.5);
            break;
          case 'w:drawing': {
            const inline = child(c, 'wp:inline');
            if (!inline) throw new CannotProve('a floating drawing');
            const extent = child(inline, 'wp:extent');
            const effect = child(inline, 'wp:effectExtent');
            const cx = numberAttr(extent, 'cx');
            const cy = numberAttr(extent, 'cy');
            if (cx === undefined || cy === undefined) throw new CannotProve('a drawing without its size');
            const emu = (n: number | undefined) => (n ?? 0) / 635;
            line.text.addUnit(emu(cx) + emu(numberAttr(effect, 'l')) + emu(numberAttr(effect, 'r')));
            line.drawing = Math.max(
              line.drawing,
              emu(cy) + emu(numberAttr(effect, 't')) + emu(numberAttr(effect, 'b')),
            );
            break;
          }
          default:
            throw new CannotProve(`a ${c.name} in a run`);
        }
      }
    }
    if (tabs.length > 0 && !(tabs.length === 1 && tabCount === 1 && attr(tabs[0], 'w:val') === 'right'))
      throw new CannotProve('tab stops outside the contents');
    let height = f.before + f.after + f.borderHeight;
    for (const l of lines) {
      if (l.text.unknown !== undefined)
        throw new CannotProve(
          `a character not in the width table (U+${l.text.unknown.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`,
        );
      // A contents entry (one right tab): the number after the tab either fits on the text's last
      // line or takes a line of its own.
      const count = l.text.lines(available, l === lines[0] ? firstAvailable : available);
      if (count === undefined) throw new CannotProve('a character or drawing wider than its line');
      const lineCount = tabs.length > 0 && count > 1 ? count + 1 : count;
      // Lines with East Asian text are taller (their fallback font's line, CJK_LINE_EM); only as
      // many as can have such text on them (LineText.wideLines), the others Latin.
      const wide = l.text.cjk ? Math.min(lineCount, l.text.wideLines(available)) : 0;
      const cjkTallest = (l.tallest / LATIN_LINE_EM) * CJK_LINE_EM;
      height += (lineCount - wide) * spaced(l.tallest, f) + wide * spaced(cjkTallest, f);
      if (l.drawing > 0) height += drawingRoom(l, f);
    }
    return height;
  }

  /** The runs of a paragraph in order, through hyperlinks, fields' runs, smart tags and content controls. */
  private collectRuns(node: XmlNode, out: XmlNode[]): void {
    for (const c of elements(node)) {
      switch (c.name) {
        case 'w:pPr':
        case 'w:bookmarkStart':
        case 'w:bookmarkEnd':
        case 'w:proofErr':
        case 'w:permStart':
        case 'w:permEnd':
          break;
        case 'w:r':
          out.push(c);
          break;
        case 'w:hyperlink':
        case 'w:smartTag':
        case 'w:ins':
          this.collectRuns(c, out);
          break;
        case 'w:sdt':
          this.collectRuns(child(c, 'w:sdtContent') ?? c, out);
          break;
        case 'w:sdtPr':
        case 'w:sdtEndPr':
          break;
        default:
          throw new CannotProve(`a ${c.name} in a paragraph`);
      }
    }
  }

  table(t: XmlNode, width: number): number {
    const tblPr = child(t, 'w:tblPr');
    const style: TableStyle = this.styles.table(attr(child(tblPr, 'w:tblStyle'), 'w:val'));
    applyTable(style, tblPr);
    const grid = elements(child(t, 'w:tblGrid') ?? t)
      .filter((g) => g.name === 'w:gridCol')
      .map((g) => numberAttr(g, 'w:w') ?? NaN);
    if (grid.length === 0 || grid.some((w) => !Number.isFinite(w) || w <= 0))
      throw new CannotProve('a table without its grid');
    // Never wider than the page's text: a wider grid is squeezed, which only makes lines shorter.
    const indent = numberAttr(child(tblPr, 'w:tblInd'), 'w:w') ?? 0;
    const scale = Math.min(1, (width - Math.max(0, indent)) / grid.reduce((a, b) => a + b, 0));
    const rule = (eighths: number | undefined) => ((eighths ?? 0) / 8) * 20;
    let height = rule(style.borders.top) + rule(style.borders.bottom);
    const rows = elements(t).filter((r) => r.name === 'w:tr');
    for (const row of rows) {
      const trPr = child(row, 'w:trPr');
      let col = 0;
      let tallest = 0;
      for (const tc of elements(row)) {
        if (
          tc.name === 'w:trPr' ||
          tc.name === 'w:tblPrEx' ||
          tc.name === 'w:bookmarkStart' ||
          tc.name === 'w:bookmarkEnd'
        )
          continue;
        if (tc.name !== 'w:tc') throw new CannotProve(`a ${tc.name} in a table row`);
        const tcPr = child(tc, 'w:tcPr');
        if (child(tcPr, 'w:vMerge')) throw new CannotProve('cells merged down a table');
        if (attr(child(tcPr, 'w:textDirection'), 'w:val')) throw new CannotProve('text turned in a cell');
        const span = numberAttr(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1;
        if (col + span > grid.length) throw new CannotProve('a row wider than its grid');
        const cellWidth = grid.slice(col, col + span).reduce((a, b) => a + b, 0) * scale;
        col += span;
        const own: TableStyle = { ...style, borders: {} };
        applyTable(own, {
          name: 'w:tcPr',
          attrs: {},
          children: tcPr
            ? [child(tcPr, 'w:tcMar') ? { ...child(tcPr, 'w:tcMar')!, name: 'w:tblCellMar' } : '']
            : [],
        });
        const left = own.left ?? 108;
        const right = own.right ?? 108;
        // The cell's side borders take from its width: the widest vertical line of the table, or
        // the cell's own, counted whole on both sides.
        const sides = elements(child(tcPr, 'w:tcBorders') ?? { name: '', attrs: {}, children: [] }).map(
          borderSize,
        );
        const { left: l, right: r, insideV } = style.borders;
        const verticalBorders = 2 * rule(Math.max(l ?? 0, r ?? 0, insideV ?? 0, ...sides));
        const inner = cellWidth - left - right - verticalBorders;
        const content = this.blocks(
          elements(tc).filter((c) => c.name !== 'w:tcPr'),
          inner,
        );
        tallest = Math.max(tallest, (own.top ?? 0) + content + (own.bottom ?? 0));
      }
      const trHeight = child(trPr, 'w:trHeight');
      const given = numberAttr(trHeight, 'w:val') ?? 0;
      // A row is at least its given height; an exact one clips its content, so the larger is a bound either way.
      const rowHeight = Math.max(given, tallest);
      height += rowHeight + rule(style.borders.insideH ?? 12);
    }
    return height;
  }
}

/**
 * How much taller a line is for the drawing in it than its text alone (spaced(tallest)). A drawing
 * stands on the text's baseline, so the line is as tall as the drawing and the text's descent below
 * it, or the text's line where that is taller; multiple line spacing adds its share of the text's
 * line, not of the drawing: (multiple − 1) × the text's line (docx/layout's `heightOf`, from Word's
 * own layouts of pictures in lines of Arial and Calibri at 1.15 and other spacings; LibreOffice's
 * PDF puts the briefs' charts' lines within it). Arial's descent is the larger of its hhea and win
 * descents (434 of 2048 units, ARIAL_DESCENT_EM). A line with CJK text is left at the drawing over
 * a whole CJK line, as is one with exact line spacing (which Word clips, LibreOffice may not); at
 * least a height: that height or the line, whichever is taller.
 */
function drawingRoom(l: { tallest: number; drawing: number; text: LineText }, f: ParagraphFormat): number {
  const text = spaced(l.tallest, f);
  if (f.lineRule === 'exact') return l.drawing;
  // With East Asian text the drawing may be on a taller line than the one counted for it.
  if (l.text.cjk) return l.drawing + spaced((l.tallest / LATIN_LINE_EM) * CJK_LINE_EM, f) - text;
  const descent = (l.tallest / LATIN_LINE_EM) * ARIAL_DESCENT_EM;
  const natural = Math.max(l.drawing + descent, l.tallest);
  const height =
    f.lineRule === 'atLeast'
      ? Math.max(f.line, natural)
      : natural + (Math.max(1, f.line / 240) - 1) * l.tallest;
  return Math.max(0, height - text);
}

/** A line's height with its paragraph's line spacing. */
function spaced(natural: number, f: ParagraphFormat): number {
  if (f.lineRule === 'exact') return f.line;
  if (f.lineRule === 'atLeast') return Math.max(f.line, natural);
  return natural * Math.max(1, f.line / 240);
}
