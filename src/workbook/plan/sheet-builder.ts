/**
 * Accumulates a sheet cell by cell, then emits it in the plan's batch-friendly shape: content as
 * one rectangular block, styles as few rectangles, row heights estimated from wrapped text.
 * The sheet modules (start, element, summary, meta) only say what goes where.
 */
import type {
  CellBlock,
  CellContent,
  CellStyle,
  ColumnPlan,
  ListValidation,
  PrintSetup,
  RangeRef,
  SheetPlan,
  SheetProtection,
  SheetRole,
  StyleName,
  StyleRange,
} from './types.js';

interface Entry {
  content: CellContent;
  style: StyleName | null;
}

/** Default Excel row height (points); rows that fit in it get no explicit height. */
const DEFAULT_HEIGHT = 15;

export class SheetBuilder {
  private readonly cells = new Map<number, Map<number, Entry>>();
  private readonly validations: ListValidation[] = [];
  /** The next free row, for writers that go down the sheet. */
  row = 1;

  constructor(
    readonly name: string,
    private readonly columns: readonly ColumnPlan[],
    private readonly styles: Readonly<Record<StyleName, CellStyle>>,
  ) {}

  /** Puts content (and optionally a style) in one cell. */
  set(row: number, column: number, content: CellContent, style: StyleName | null = null): void {
    let cells = this.cells.get(row);
    if (!cells) this.cells.set(row, (cells = new Map()));
    cells.set(column, { content, style });
  }

  /** Styles a cell without content (e.g. an empty input cell). */
  style(row: number, column: number, style: StyleName): void {
    const existing = this.cells.get(row)?.get(column);
    this.set(row, column, existing?.content ?? null, style);
  }

  /** Writes a row of cells starting at column 1 (null entries are skipped) and advances. */
  line(cells: readonly ([CellContent, StyleName] | null)[]): number {
    const row = this.row++;
    cells.forEach((c, i) => {
      if (c) this.set(row, i + 1, c[0], c[1]);
    });
    return row;
  }

  /** Leaves an empty row. */
  gap(): void {
    this.row++;
  }

  validate(v: ListValidation): void {
    this.validations.push(v);
  }

  build(rest: {
    role: SheetRole;
    elementId: string | null;
    visibility: SheetPlan['visibility'];
    tabColor: string | null;
    freeze: SheetPlan['freeze'];
    print: PrintSetup;
    protection: SheetProtection | null;
  }): SheetPlan {
    return {
      name: this.name,
      role: rest.role,
      elementId: rest.elementId,
      visibility: rest.visibility,
      tabColor: rest.tabColor,
      showGridLines: false,
      freeze: rest.freeze,
      columns: [...this.columns],
      rowHeights: this.rowHeights(),
      blocks: this.blocks(),
      styles: this.styleRanges(),
      validations: this.validations,
      print: rest.print,
      protection: rest.protection,
    };
  }

  private extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    for (const [r, cells] of this.cells) {
      for (const [c, e] of cells) {
        if (e.content === null && e.style === null) continue;
        rows = Math.max(rows, r);
        columns = Math.max(columns, c);
      }
    }
    return { rows, columns };
  }

  /** All content as one block from A1: one `range.formulas` call in Office.js. */
  private blocks(): CellBlock[] {
    const { rows, columns } = this.extent();
    if (!rows) return [];
    const cells: CellContent[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: CellContent[] = new Array<CellContent>(columns).fill(null);
      for (const [c, e] of this.cells.get(r) ?? []) line[c - 1] = e.content;
      cells.push(line);
    }
    return [{ row: 1, column: 1, cells }];
  }

  /**
   * Style rectangles: horizontal runs of one style in a row, then runs stacked down while the
   * next row has the very same run. Unstyled cells keep the default format.
   */
  private styleRanges(): StyleRange[] {
    const { rows, columns } = this.extent();
    const runs: StyleRange[] = [];
    let previous = new Map<string, StyleRange>();
    for (let r = 1; r <= rows; r++) {
      const current = new Map<string, StyleRange>();
      const cells = this.cells.get(r);
      let c = 1;
      while (c <= columns) {
        const style = cells?.get(c)?.style ?? null;
        let end = c;
        while (end + 1 <= columns && (cells?.get(end + 1)?.style ?? null) === style) end++;
        if (style) {
          const key = `${c}:${end}:${style}`;
          const above = previous.get(key);
          if (above) {
            above.range.rows++;
            current.set(key, above);
          } else {
            const run = { range: { row: r, column: c, rows: 1, columns: end - c + 1 }, style };
            runs.push(run);
            current.set(key, run);
          }
        }
        c = end + 1;
      }
      previous = current;
    }
    return runs;
  }

  /**
   * Heights for rows whose wrapped text needs more than one line: an estimate from text length
   * and column width (a column of width w holds about 1.35·w characters of 10-point Arial).
   */
  private rowHeights(): { row: number; height: number }[] {
    const width = new Map(this.columns.map((c) => [c.column, c.width]));
    const heights: { row: number; height: number }[] = [];
    for (const [row, cells] of [...this.cells].sort((a, b) => a[0] - b[0])) {
      let height = 0;
      for (const [column, e] of cells) {
        if (!e.style) continue;
        const style = this.styles[e.style];
        const size = style.font.size;
        const lineHeight = size * 1.3;
        let lines = 1;
        if (style.alignment.wrapText && typeof e.content === 'string') {
          const chars = Math.max(
            1,
            ((width.get(column) ?? 9) - 1 - style.alignment.indent * 2) * 1.35 * (10 / size),
          );
          lines = estimateLines(e.content, chars);
        }
        height = Math.max(height, lines * lineHeight + 4);
      }
      if (height > DEFAULT_HEIGHT) heights.push({ row, height: Math.min(409, Math.ceil(height)) });
    }
    return heights;
  }
}

/**
 * Lines already estimated, by column width and text: a plan's texts are mostly the framework's,
 * the same in every department's workbook (the demo builds 500 plans). Cleared when full, so it
 * stays small whatever the answers.
 */
const estimated = new Map<number, Map<string, number>>();
let estimatedCount = 0;
const ESTIMATED_MAX = 20_000;

/** Lines a text takes when wrapped at word boundaries in a column `chars` characters wide. */
export function estimateLines(text: string, chars: number): number {
  let byText = estimated.get(chars);
  const known = byText?.get(text);
  if (known !== undefined) return known;
  const lines = countLines(text, chars);
  if (estimatedCount >= ESTIMATED_MAX) {
    estimated.clear();
    estimatedCount = 0;
    byText = undefined;
  }
  if (!byText) estimated.set(chars, (byText = new Map()));
  byText.set(text, lines);
  estimatedCount++;
  return lines;
}

function countLines(text: string, chars: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (line === 0) line = w;
      else if (line + 1 + w <= chars) line += 1 + w;
      else {
        lines += Math.ceil(w / chars);
        line = w % chars || chars;
      }
    }
  }
  return lines;
}

/** A range covering one cell. */
export function cellRange(row: number, column: number, rows = 1, columns = 1): RangeRef {
  return { row, column, rows, columns };
}
