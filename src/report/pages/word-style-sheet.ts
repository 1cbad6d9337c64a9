/**
 * The document's Word styles as the fit check needs them: a paragraph's spacing, indents, borders
 * and keep-with-next, and its runs' size and weight, resolved from the document defaults, the style
 * (and the styles it is based on) and the direct formatting, as Word resolves them. Read from the
 * styles part docx writes (the report's styles, src/report/word-styles.ts, with docx's own and the
 * table styles), so what is checked is what is written.
 */
import { attr, child, elements, nodesOf, numberAttr, onOff, type XmlNode } from './xml-node.js';

/** The paragraph properties the fit check reads, in twips (sizes in half-points). */
export interface ParagraphFormat {
  before: number;
  after: number;
  /** Line spacing: `auto` in 240ths of a line, `exact`/`atLeast` in twips. */
  line: number;
  lineRule: 'auto' | 'exact' | 'atLeast';
  left: number;
  right: number;
  firstLine: number;
  /** Extra height of the top and bottom borders (width + space), twips. */
  borderHeight: number;
  /** Width taken by the left and right borders (width + space), twips. */
  borderWidth: number;
  /** Of which the right border's (the left one is drawn in the margin: see the fit check). */
  borderRightWidth: number;
  keepNext: boolean;
  /** Half-points, and bold, of the paragraph's runs before their own formatting. */
  size: number;
  bold: boolean;
  /** What the fit check does not follow, e.g. "a text frame"; undefined when nothing. */
  unsupported?: string;
}

export interface RunFormat {
  size: number;
  bold: boolean;
  unsupported?: string;
}

export interface TableStyle {
  /** Cell margins, twips. */
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
  /** Border widths (eighths of a point) of the table's outside and inside lines. */
  borders: Partial<Record<'top' | 'bottom' | 'insideH' | 'left' | 'right' | 'insideV', number>>;
}

interface StyleEntry {
  basedOn?: string;
  pPr?: XmlNode;
  rPr?: XmlNode;
  tblPr?: XmlNode;
}

export class WordStyleSheet {
  private readonly styles = new Map<string, StyleEntry>();
  private readonly defaultPPr?: XmlNode;
  private readonly defaultRPr?: XmlNode;
  private defaultParagraphStyle?: string;

  /** From the formatted styles part (`w:styles`). */
  constructor(stylesPart: unknown) {
    const root = nodesOf(stylesPart).find((n) => n.name === 'w:styles');
    if (!root) return;
    const defaults = child(root, 'w:docDefaults');
    this.defaultPPr = child(child(defaults, 'w:pPrDefault'), 'w:pPr');
    this.defaultRPr = child(child(defaults, 'w:rPrDefault'), 'w:rPr');
    for (const s of elements(root)) {
      if (s.name !== 'w:style') continue;
      const id = attr(s, 'w:styleId');
      if (!id) continue;
      const isDefault = attr(s, 'w:default');
      if (attr(s, 'w:type') === 'paragraph' && (isDefault === '1' || isDefault === 'true'))
        this.defaultParagraphStyle = id;
      this.styles.set(id, {
        basedOn: attr(child(s, 'w:basedOn'), 'w:val'),
        pPr: child(s, 'w:pPr'),
        rPr: child(s, 'w:rPr'),
        tblPr: child(s, 'w:tblPr'),
      });
    }
  }

  has(id: string): boolean {
    return this.styles.has(id);
  }

  /** A style and the styles it is based on, the furthest first. */
  private chain(id: string | undefined): StyleEntry[] {
    const out: StyleEntry[] = [];
    for (let at = id, n = 0; at !== undefined && n < 20; n++) {
      const s = this.styles.get(at);
      if (!s) break;
      out.unshift(s);
      at = s.basedOn;
    }
    return out;
  }

  /** Formats by style id, before direct formatting: a report has thousands of paragraphs and a few styles. */
  private readonly paragraphBases = new Map<string | undefined, ParagraphFormat>();

  /** A paragraph's format: defaults, its style's chain, its direct `w:pPr`. */
  paragraph(pPr: XmlNode | undefined): ParagraphFormat {
    const styleId = attr(child(pPr, 'w:pStyle'), 'w:val') ?? this.defaultParagraphStyle;
    let base = this.paragraphBases.get(styleId);
    if (!base) {
      base = this.paragraphBase(styleId);
      this.paragraphBases.set(styleId, base);
    }
    const f = { ...base };
    applyParagraph(f, pPr);
    return f;
  }

  private paragraphBase(styleId: string | undefined): ParagraphFormat {
    const f: ParagraphFormat = {
      before: 0,
      after: 0,
      line: 240,
      lineRule: 'auto',
      left: 0,
      right: 0,
      firstLine: 0,
      borderHeight: 0,
      borderWidth: 0,
      borderRightWidth: 0,
      keepNext: false,
      size: 20,
      bold: false,
    };
    if (styleId !== undefined && !this.styles.has(styleId))
      f.unsupported = `the style ${styleId}, not in the document`;
    const chain = this.chain(styleId);
    const run: RunFormat = { size: 20, bold: false };
    for (const rPr of [this.defaultRPr, ...chain.map((s) => s.rPr)]) applyRun(run, rPr);
    f.size = run.size;
    f.bold = run.bold;
    if (run.unsupported) f.unsupported ??= run.unsupported;
    for (const p of [this.defaultPPr, ...chain.map((s) => s.pPr)]) applyParagraph(f, p);
    return f;
  }

  /** A run's format: its paragraph's, then its character style's chain, then its direct `w:rPr`. */
  run(paragraph: ParagraphFormat, rPr: XmlNode | undefined): RunFormat {
    const run: RunFormat = { size: paragraph.size, bold: paragraph.bold };
    if (!rPr) return run;
    const styleId = attr(child(rPr, 'w:rStyle'), 'w:val');
    if (styleId !== undefined) {
      if (!this.styles.has(styleId)) run.unsupported = `the character style ${styleId}`;
      for (const s of this.chain(styleId)) applyRun(run, s.rPr);
    }
    applyRun(run, rPr);
    return run;
  }

  /** A table style's cell margins and borders, with those of the styles it is based on. */
  table(id: string | undefined): TableStyle {
    const t: TableStyle = { borders: {} };
    for (const s of this.chain(id)) applyTable(t, s.tblPr);
    return t;
  }
}

export function applyTable(t: TableStyle, tblPr: XmlNode | undefined): void {
  const mar = child(tblPr, 'w:tblCellMar');
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const m =
      child(mar, `w:${side}`) ??
      (side === 'left' ? child(mar, 'w:start') : side === 'right' ? child(mar, 'w:end') : undefined);
    const w = numberAttr(m, 'w:w');
    if (w !== undefined && (attr(m, 'w:type') ?? 'dxa') === 'dxa') t[side] = w;
  }
  const borders = child(tblPr, 'w:tblBorders');
  for (const side of ['top', 'bottom', 'insideH', 'left', 'right', 'insideV'] as const) {
    const b =
      child(borders, `w:${side}`) ??
      (side === 'left' ? child(borders, 'w:start') : side === 'right' ? child(borders, 'w:end') : undefined);
    if (b) t.borders[side] = borderSize(b);
  }
}

/** A border's width in eighths of a point (0 for none). */
export const borderSize = (b: XmlNode): number => {
  const v = attr(b, 'w:val');
  return v === 'nil' || v === 'none' ? 0 : (numberAttr(b, 'w:sz') ?? 4);
};

function applyRun(run: RunFormat, rPr: XmlNode | undefined): void {
  if (!rPr) return;
  const sz = numberAttr(child(rPr, 'w:sz'), 'w:val');
  if (sz !== undefined) run.size = sz;
  const b = onOff(rPr, 'w:b');
  if (b !== undefined) run.bold = b;
  const fonts = child(rPr, 'w:rFonts');
  const ascii = attr(fonts, 'w:ascii') ?? attr(fonts, 'w:hAnsi');
  if (ascii !== undefined && ascii !== 'Arial') run.unsupported = `text in ${ascii}`;
  if (attr(fonts, 'w:asciiTheme') || attr(fonts, 'w:hAnsiTheme')) run.unsupported = 'text in a theme font';
  if (onOff(rPr, 'w:caps') || onOff(rPr, 'w:smallCaps')) run.unsupported = 'capitals';
  if ((numberAttr(child(rPr, 'w:spacing'), 'w:val') ?? 0) > 0) run.unsupported = 'letter spacing';
  if ((numberAttr(child(rPr, 'w:w'), 'w:val') ?? 100) > 100) run.unsupported = 'widened text';
  if (child(rPr, 'w:fitText') || child(rPr, 'w:eastAsianLayout'))
    run.unsupported = 'East Asian layout settings';
}

function applyParagraph(f: ParagraphFormat, pPr: XmlNode | undefined): void {
  if (!pPr) return;
  const spacing = child(pPr, 'w:spacing');
  if (spacing) {
    f.before = numberAttr(spacing, 'w:before') ?? f.before;
    f.after = numberAttr(spacing, 'w:after') ?? f.after;
    const line = numberAttr(spacing, 'w:line');
    if (line !== undefined) {
      f.line = line;
      const rule = attr(spacing, 'w:lineRule') ?? 'auto';
      if (rule !== 'auto' && rule !== 'exact' && rule !== 'atLeast') f.unsupported = `line spacing ${rule}`;
      else f.lineRule = rule;
    }
    if (onOffAttr(spacing, 'w:beforeAutospacing') || onOffAttr(spacing, 'w:afterAutospacing'))
      f.unsupported = 'automatic spacing';
    if (attr(spacing, 'w:beforeLines') || attr(spacing, 'w:afterLines')) f.unsupported = 'spacing in lines';
  }
  const ind = child(pPr, 'w:ind');
  if (ind) {
    f.left = numberAttr(ind, 'w:left') ?? numberAttr(ind, 'w:start') ?? f.left;
    f.right = numberAttr(ind, 'w:right') ?? numberAttr(ind, 'w:end') ?? f.right;
    const hanging = numberAttr(ind, 'w:hanging');
    const first = numberAttr(ind, 'w:firstLine');
    if (hanging !== undefined) f.firstLine = -hanging;
    else if (first !== undefined) f.firstLine = first;
    if (
      [
        'w:leftChars',
        'w:rightChars',
        'w:startChars',
        'w:endChars',
        'w:hangingChars',
        'w:firstLineChars',
      ].some((a) => attr(ind, a))
    )
      f.unsupported = 'indents in characters';
  }
  const keep = onOff(pPr, 'w:keepNext');
  if (keep !== undefined) f.keepNext = keep;
  const bdr = child(pPr, 'w:pBdr');
  if (bdr) {
    const extent = (side: string) => {
      const b = child(bdr, side);
      if (!b || borderSize(b) === 0) return 0;
      return (borderSize(b) / 8) * 20 + (numberAttr(b, 'w:space') ?? 0) * 20;
    };
    f.borderHeight = extent('w:top') + extent('w:bottom') + extent('w:between');
    f.borderWidth = extent('w:left') + extent('w:right');
    f.borderRightWidth = extent('w:right');
  }
  if (child(pPr, 'w:framePr')) f.unsupported = 'a text frame';
  const rPr = child(pPr, 'w:rPr');
  if (rPr) {
    // The paragraph mark's own formatting: its size counts for the last line's height.
    const sz = numberAttr(child(rPr, 'w:sz'), 'w:val');
    if (sz !== undefined) f.size = Math.max(f.size, sz);
  }
}

const onOffAttr = (n: XmlNode, name: string) => {
  const v = attr(n, name);
  return v !== undefined && v !== 'false' && v !== '0' && v !== 'off';
};
