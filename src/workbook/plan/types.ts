/**
 * The workbook plan: the assessment workbook described as plain data.
 *
 * `buildPlan(framework, options)` produces one of these; two adapters apply it without adding
 * anything of their own: exceljs for `dmf template` (src/workbook/exceljs) and Office.js for the
 * add-in (src/addin). Keeping every decision in the plan is what makes the two workbooks the same.
 *
 * Design rules, so that the Office.js adapter can apply a whole plan in one or two
 * `context.sync()` calls:
 * - Content comes as rectangular 2D blocks ({@link CellBlock}): one `range.formulas = matrix`
 *   per block (see `officeFormulas()` in ./office.ts for the exact matrix).
 * - Formatting comes as ranges carrying one named style each ({@link StyleRange}); a style is
 *   complete (font, fill, border, alignment, number format, lock), so applying it replaces the
 *   cell's whole format: `range.style = plan.styles[name].displayName` in Office.js.
 * - Data validations, column widths, row heights, freeze panes, print setup and protection are
 *   per sheet, each a handful of calls.
 * - Everything is JSON-serialisable (no functions, no Dates, no `undefined` needed to mean
 *   something), so a plan can be logged, snapshotted in tests or posted to a worker.
 *
 * Coordinates are 1-based (row 1 = Excel row 1, column 1 = column A), as in Excel's UI.
 */

/** Version of the layout contract in `_meta`. A reader refuses another major version. */
export type ContractVersion = `${number}.${number}.${number}`;

/**
 * The logical styles of the workbook. Each has a display name (the named style created in Excel)
 * and a complete definition; see {@link CellStyle}.
 */
export type StyleName =
  /** Sheet title (row 1). */
  | 'title'
  /** One line under a title (publisher, licence), not wrapped. */
  | 'subtitle'
  /** Section heading, e.g. "Level 2 — Technology driven / reactive". */
  | 'heading'
  /** Explanatory paragraph, wrapped. */
  | 'body'
  /** Smaller, muted explanatory text, wrapped (level descriptions, notes). */
  | 'note'
  /** Column header of a table (bold, bottom border, fill). */
  | 'tableHeader'
  /** Locked text in a table row (characteristic, question), wrapped. */
  | 'cell'
  /** Locked text in a table row, indented one step (sub-questions, sub-points). */
  | 'cellIndented'
  /**
   * `cell` for a characteristic the tool reads as a problem (a weakness): its number format shows
   * "Problem: " before the text, so the mark is visible without colour and the cell's value (what
   * the reader checks a row against) stays the framework's text.
   */
  | 'cellProblem'
  /** `cellIndented` for a sub-point the tool reads as a problem (see `cellProblem`). */
  | 'cellIndentedProblem'
  /** Short locked reference in a table row ("L2.03", "Q1a"), centred. */
  | 'ref'
  /** The hidden ID column: small, grey, locked. */
  | 'id'
  /**
   * The hidden helper columns of the formulas: like `id`, with a number format (";;;") that shows
   * nothing, so their words ("fully", "largely") never reach a printout, a PDF's text layer or a
   * screen reader, even where a program draws hidden columns' text.
   */
  | 'helper'
  /** Short answer the respondent types or picks (rating, level): unlocked, text format, boxed. */
  | 'input'
  /** Long answer (evidence, response, rationale): unlocked, text format, boxed, wrapped. */
  | 'inputLong'
  /** A computed result shown to the respondent (formula), locked. */
  | 'computed'
  /** A computed share shown as a percentage (formula), locked. */
  | 'computedPercent'
  /** Metadata on the very hidden `_meta` sheet. */
  | 'meta';

/** An ARGB colour as Excel writes it, e.g. "FF1F4E79" (alpha first). */
export type Argb = string;

/**
 * A complete cell format. Adapters apply all of it (nothing inherited from a previous style), so
 * the order of {@link StyleRange}s only matters where two ranges overlap: the later one wins.
 */
export interface CellStyle {
  /** Name of the named style in Excel, e.g. "DMF Input". Unique within the plan. */
  displayName: string;
  font: { name: string; size: number; bold: boolean; italic: boolean; color: Argb };
  /** Solid fill colour, or null for no fill. */
  fill: Argb | null;
  /** Border drawn on all four sides of every cell of the range, or null for none. */
  border: { style: 'thin' | 'medium'; color: Argb } | null;
  alignment: {
    horizontal: 'left' | 'center' | 'right';
    vertical: 'top' | 'center' | 'bottom';
    wrapText: boolean;
    /** Indent level (0 = none); one level is about three characters. */
    indent: number;
  };
  /** Excel number format: "@" (text, so "=1+1" typed by a respondent stays text), "General", "0%". */
  numberFormat: string;
  /** false only for input cells: they stay editable when the sheet is protected. */
  locked: boolean;
}

/** A literal value in a cell. Strings are always text, never parsed as formulas or numbers. */
export type CellValue = string | number | boolean;

/**
 * A formula cell. `formula` is in Excel's (en-US, A1) syntax without the leading "="; it uses only
 * functions that Excel 2016+ and LibreOffice both compute. `result` is the value a spreadsheet
 * would show before recalculating (omitted: none is stored). Readers never trust it.
 */
export interface FormulaCell {
  formula: string;
  result?: CellValue;
}

/** One cell of a block: a value, a formula, or null to leave the cell untouched (and empty). */
export type CellContent = CellValue | FormulaCell | null;

/** A rectangle of cells written at once. `cells` is row-major; every row has the same length. */
export interface CellBlock {
  /** Top-left row (1-based). */
  row: number;
  /** Top-left column (1-based, 1 = A). */
  column: number;
  cells: CellContent[][];
}

/** A rectangular range: top-left corner and size (all 1-based / ≥ 1). */
export interface RangeRef {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** A range formatted with one named style. */
export interface StyleRange {
  range: RangeRef;
  style: StyleName;
}

/**
 * An in-cell dropdown with an inline list (not a reference to another sheet: exceljs loses
 * cross-sheet list sources). Items contain no comma or double quote, and joined with "," they fit
 * Excel's 255-character limit; `buildPlan` checks this.
 */
export interface ListValidation {
  range: RangeRef;
  /** The allowed values, in the order the dropdown shows them. */
  list: string[];
  /** Shown when the cell is selected. */
  prompt: { title: string; message: string };
  /** Shown when something else is typed. `stop` rejects it; `warning` lets the respondent keep it. */
  error: { style: 'stop' | 'warning'; title: string; message: string };
}

/** One column's layout. Columns not listed keep the spreadsheet's default width. */
export interface ColumnPlan {
  /** 1-based column index. */
  column: number;
  /** Width in characters of the default font (Excel's column width unit). */
  width: number;
  hidden: boolean;
}

/**
 * Sheet protection. Always without a password: it guards the structure against accidents, it
 * is not security (anyone may unprotect, and the reader does not rely on it).
 */
export interface SheetProtection {
  /** What respondents may still do on the protected sheet. */
  allow: {
    selectLockedCells: boolean;
    selectUnlockedCells: boolean;
    formatColumns: boolean;
    formatRows: boolean;
    insertRows: boolean;
    deleteRows: boolean;
    sort: boolean;
    autoFilter: boolean;
  };
}

/** Print setup, so that a paper copy is readable. */
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  paperSize: 'A4';
  /** Scale to this many pages wide (and as many pages tall as needed). */
  fitToWidth: number;
  /** Rows repeated at the top of every printed page (1-based, inclusive), or null. */
  repeatRows: { from: number; to: number } | null;
  gridlines: boolean;
  /** Footer in Excel header/footer codes (&A sheet name, &P page, &N pages), left/centre/right. */
  footer: { left: string; center: string; right: string };
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

/** What a sheet is for; the reader does not rely on it (it finds items by id). */
export type SheetRole = 'start' | 'element' | 'summary' | 'meta';

/** One worksheet. */
export interface SheetPlan {
  /** The sheet name (≤ 31 characters, unique, valid in Excel). */
  name: string;
  role: SheetRole;
  /** The element this sheet assesses (role `element` only), else null. */
  elementId: string | null;
  /** `veryHidden` sheets cannot be unhidden from Excel's menus (only `_meta`). */
  visibility: 'visible' | 'hidden' | 'veryHidden';
  tabColor: Argb | null;
  showGridLines: boolean;
  /** Rows / columns frozen at the top / left (0 = none). */
  freeze: { rows: number; columns: number };
  columns: ColumnPlan[];
  /**
   * Row heights in points, for rows whose wrapped text needs more than one line. An estimate from
   * text length and column width; an adapter that can auto-fit rows may do that instead.
   */
  rowHeights: { row: number; height: number }[];
  /** Content, as non-overlapping rectangles. */
  blocks: CellBlock[];
  /** Formatting, applied in order; cells covered by no range keep the default format. */
  styles: StyleRange[];
  validations: ListValidation[];
  print: PrintSetup;
  /** null: the sheet is not protected. */
  protection: SheetProtection | null;
}

/** Document properties (File > Info). */
export interface WorkbookProperties {
  title: string;
  subject: string;
  /** Who or what created the workbook. */
  creator: string;
  /** ISO 8601 timestamp. */
  created: string;
}

/** The whole workbook. */
export interface WorkbookPlan {
  contractVersion: ContractVersion;
  frameworkId: string;
  frameworkVersion: string;
  properties: WorkbookProperties;
  /** Every style used by any {@link StyleRange}, by logical name. */
  styles: Record<StyleName, CellStyle>;
  /** Sheets in tab order; the first visible one is active when the workbook opens. */
  sheets: SheetPlan[];
  /**
   * Ask the spreadsheet to recalculate every formula when the file is opened (cached results are
   * only a courtesy for viewers that cannot calculate).
   */
  fullCalcOnLoad: boolean;
}
