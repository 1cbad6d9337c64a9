/**
 * Upper bounds of how wide text is in the report's font (Arial, measured by its metric twin
 * Liberation Sans: arial-widths.ts), and of how many lines it wraps to. A run is measured in its
 * own face, regular or bold, as its resolved formatting says (Arial's italics are as wide as its
 * upright faces); a Chinese, Japanese or Korean wide character is an em (their fonts
 * draw them an em wide); a character that is in neither is not measured (`unknown`), and the fit
 * check then cannot prove the page fits.
 */
import { BOLD_WIDTH_RUNS, DESCENT, LINE_HEIGHT, UNITS_PER_EM, WIDTH_RUNS } from './arial-widths.js';

const table = (runs: readonly (readonly number[])[]) => {
  const widths = new Map<number, number>();
  for (const [first, ...ws] of runs) ws.forEach((w, i) => widths.set(first! + i, w));
  return widths;
};
const WIDTHS = table(WIDTH_RUNS);
const BOLD_WIDTHS = table(BOLD_WIDTH_RUNS);

/**
 * The tallest line a CJK fallback font gives, in ems: Microsoft YaHei (the report's East Asian
 * font) 1.32, Noto Sans CJK / Source Han Sans (LibreOffice's usual fallback on Linux) 1.448, SimSun
 * and MS Mincho about 1.0–1.14. Rounded up to 1.5.
 */
export const CJK_LINE_EM = 1.5;
/** Arial's tallest line (the larger of its win, typo and hhea metrics), in ems. */
export const LATIN_LINE_EM = LINE_HEIGHT / UNITS_PER_EM;
/** Arial's deepest descent (the larger of its win, typo and hhea descents), in ems. */
export const ARIAL_DESCENT_EM = DESCENT / UNITS_PER_EM;

/** East Asian wide and fullwidth characters (Unicode's East Asian Width W and F, the main blocks). */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** A Han ideograph: Word and LibreOffice may break a line between two of them. */
const isHan = (cp: number) =>
  (cp >= 0x3400 && cp <= 0x4dbf) ||
  (cp >= 0x4e00 && cp <= 0x9fff) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0x20000 && cp <= 0x3fffd);

/** A character's width in ems, or undefined when neither the table nor the wide rule knows it. */
export function charEm(cp: number, bold = true): number | undefined {
  const w = bold ? Math.max(BOLD_WIDTHS.get(cp) ?? 0, WIDTHS.get(cp) ?? 0) || undefined : WIDTHS.get(cp);
  if (w !== undefined) return Math.max(w / UNITS_PER_EM, isWide(cp) ? 1 : 0);
  return isWide(cp) ? 1 : undefined;
}

/**
 * A line's text, measured piece by piece: how wide it is in all, its widest piece that no line may
 * break inside (a word with the spaces after it; a drawing), and whether it has East Asian text.
 * Built up run by run, as runs of different sizes make one line.
 */
export class LineText {
  total = 0;
  longest = 0;
  cjk = false;
  unknown: string | undefined;
  /** The widths of the pieces, in order, and of the widest character of each. */
  private readonly units: number[] = [];
  private readonly widestChars: number[] = [];
  /** The width of each piece without the spaces at its end, which may hang past a line's end. */
  private readonly words: number[] = [];
  /** Whether each piece has an East Asian wide character (whose line is taller). */
  private readonly wides: boolean[] = [];
  private unit = 0;
  private unitWidestChar = 0;
  private unitSpaces = 0;
  private unitWide = false;
  private lastHan = false;

  /** Adds text in a font of `sizePt` points; widths in twips. */
  addText(text: string, sizePt: number, bold = true): void {
    const twipsPerEm = sizePt * 20;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const em = charEm(cp, bold);
      if (em === undefined) {
        this.unknown ??= ch;
        continue;
      }
      const han = isHan(cp);
      if (han && this.lastHan) this.endUnit();
      // After ending the piece before: the flag is this piece's.
      if (isWide(cp)) this.cjk = this.unitWide = true;
      const w = em * twipsPerEm;
      this.total += w;
      this.unit += w;
      this.unitWidestChar = Math.max(this.unitWidestChar, w);
      if (ch === ' ' || ch === '\u3000') this.unitSpaces += w;
      this.lastHan = han;
      // A line may break after a space (the space stays at the end of the line: counted, to be safe).
      if (ch === ' ' || ch === '\u3000') this.endUnit();
    }
  }

  /** Adds a piece that is a unit of its own (a tab, a drawing, a field's number), `width` twips. */
  addUnit(width: number): void {
    this.endUnit();
    this.unit = width;
    // A drawing or tab cannot be broken: as wide as a character as wide as itself.
    this.unitWidestChar = width;
    this.total += width;
    this.endUnit();
  }

  endUnit(): void {
    this.longest = Math.max(this.longest, this.unit);
    if (this.unit > 0) {
      this.units.push(this.unit);
      this.widestChars.push(this.unitWidestChar);
      this.words.push(this.unit - this.unitSpaces);
      this.wides.push(this.unitWide);
    }
    this.unit = 0;
    this.unitWidestChar = 0;
    this.unitSpaces = 0;
    this.unitWide = false;
    this.lastHan = false;
  }

  /**
   * At most how many lines the text takes in `available` twips (`firstLine` on its first line),
   * or undefined when a character (or a drawing) is wider than a line. Word and LibreOffice break
   * lines greedily, before the piece that would overflow the line; breaking the same pieces
   * greedily with widths at least theirs (the spaces at a line's end let hang past it, as they
   * let them) never ends a line later, so it never gives fewer lines. A piece wider than a whole
   * line starts a line of its own and is broken between characters, each of its lines short of
   * the full width by less than its widest character. (A cruder bound, for the record: every line
   * but the last is fuller than `available − longest piece`, so lines ≤ 1 + ⌊total ÷ (available − longest)⌋;
   * `longest` is kept for it.)
   */
  /**
   * At most how many of the text's lines have East Asian wide characters on them, in lines of
   * `available` twips (the taller lines: the rest have Latin text only). Each stretch of pieces with
   * wide characters, W twips wide in all, touches at most 2 + ⌊W ÷ (available − 4P)⌋ lines, P its
   * widest piece: every line but the first and the last it touches is all its own, and a line
   * ends only where the next piece does not fit, so such a line is fuller than available − P with
   * widths at most the bound's. The pieces are never finer than Word's and LibreOffice's places to
   * break (a closing bracket or stop stays with the character before it, an opening bracket with the
   * one after: addText), and 2P leaves room for one more piece carried over all the same.
   * Infinity when a stretch's pieces are too wide for that to say anything.
   */
  wideLines(available: number): number {
    this.endUnit();
    let lines = 0;
    for (let i = 0; i < this.units.length;) {
      if (!this.wides[i]) {
        i++;
        continue;
      }
      let width = 0;
      let widest = 0;
      for (; i < this.units.length && this.wides[i]; i++) {
        width += this.units[i]!;
        widest = Math.max(widest, this.units[i]!);
      }
      const fill = available - 2 * widest;
      if (fill <= 0) return Infinity;
      lines += 2 + Math.floor(width / fill);
    }
    return lines;
  }

  lines(available: number, firstLine = available): number | undefined {
    this.endUnit();
    let lines = 1;
    let used = 0;
    let room = firstLine;
    for (let i = 0; i < this.units.length; i++) {
      const w = this.units[i]!;
      if (used + this.words[i]! <= room) {
        used += w;
        continue;
      }
      if (this.words[i]! <= available) {
        lines++;
        used = w;
        room = available;
        continue;
      }
      // Wider than a line: on lines of its own, broken between characters.
      const perLine = Math.min(room, available) - this.widestChars[i]!;
      if (perLine <= 0) return undefined;
      if (used > 0) lines++;
      const full = Math.ceil(w / perLine) - 1;
      lines += full;
      used = w - full * perLine;
      room = available;
    }
    return lines;
  }
}
