/**
 * The in-memory workbook behind the Excel API double: what Excel would hold after each sync.
 * Proxies (range.ts, worksheet.ts, …) only queue operations; operations change this model when
 * `context.sync()` runs them, and the rules Excel enforces there are enforced here.
 */
import { cellKey, type Rect } from './a1.js';
import { FakeOfficeError } from './errors.js';

export type CellValue = string | number | boolean;

export interface CellModel {
  /** '' for an empty cell; for formula cells, the cached result ('' here: the double does not calculate). */
  value: CellValue;
  /** The formula, with its leading '=', when the cell holds one. */
  formula: string | null;
  numberFormat: string;
  locked: boolean;
  /** Formatting by dotted path, e.g. "font.bold" → true, "fill.color" → "#FFFFFF". */
  format: Record<string, unknown>;
}

export interface ValidationModel {
  rule: Excel.DataValidationRule;
  ignoreBlanks: boolean;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
}

export interface ChartModel {
  name: string;
  type: string;
  /** Sheet-qualified address of the source data. */
  source: string;
  seriesBy: string;
  /** Chart properties by dotted path, e.g. "title.text". */
  props: Record<string, unknown>;
  /** Top-left and bottom-right cells from `setPosition`. */
  position?: { start: string; end?: string };
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface ProtectionModel {
  protected: boolean;
  options: Excel.WorksheetProtectionOptions;
  password?: string;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: Visibility;
  protection: ProtectionModel;
  cells: Map<string, CellModel>;
  validations: Map<string, ValidationModel>;
  charts: ChartModel[];
  columns: Map<number, { width?: number; hidden?: boolean }>;
  rows: Map<number, { height?: number; hidden?: boolean }>;
  freeze: { rows: number; columns: number };
  merges: Rect[];
  /** Sheet-level settings by dotted path: tabColor, showGridlines, pageLayout.orientation, … */
  props: Record<string, unknown>;
}

const INVALID_SHEET_NAME = /[\\/?*[\]:]/;

export const blankCell = (): CellModel => ({
  value: '',
  formula: null,
  numberFormat: 'General',
  locked: true,
  format: {},
});

/** True when nothing distinguishes the cell from one never touched. */
export const isBlank = (c: CellModel): boolean =>
  c.value === '' &&
  c.formula === null &&
  c.numberFormat === 'General' &&
  c.locked &&
  Object.keys(c.format).length === 0;

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  activeSheetId: string | undefined;
  selection: { sheetId: string; address: string } | undefined;
  /** Workbook-level defined names → their formula, e.g. "='Start here'!$B$5". */
  readonly names = new Map<string, string>();
  /** Document properties by name (title, author, …). */
  readonly properties: Record<string, unknown> = {};
  /** Named cell styles → their settings by dotted path ("font.bold", "numberFormat", "locked"). */
  readonly styles = new Map<string, Record<string, unknown>>([
    ['Normal', {}],
    ['Heading 1', { 'font.bold': true, 'font.size': 15 }],
  ]);
  /** How many times calculation was suspended until the next sync. */
  calculationSuspensions = 0;
  /** How many times a recalculation was requested. */
  calculations = 0;
  /** Ranges recalculated with `range.calculate()`, as "Sheet!A1:B2", in order. */
  readonly calculatedRanges: string[] = [];
  private nextId = 1;

  /** A workbook as Excel creates it: one empty sheet. Pass `[]` for none (only useful in tests). */
  constructor(initialSheets: readonly string[] = ['Sheet1']) {
    for (const name of initialSheets) this.addSheet(name);
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** Sheet by id or name, as `worksheets.getItem(key)` accepts either. */
  sheetByKey(key: string): SheetModel | undefined {
    return this.sheetById(key) ?? this.sheetByName(key);
  }

  checkSheetName(name: string, except?: SheetModel): void {
    if (!name.trim() || name.length > 31 || INVALID_SHEET_NAME.test(name) || /^'|'$/.test(name)) {
      throw new FakeOfficeError('InvalidArgument', `"${name}" is not a valid worksheet name.`);
    }
    const other = this.sheetByName(name);
    if (other && other !== except) {
      throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
    }
  }

  addSheet(name?: string): SheetModel {
    let chosen = name;
    if (chosen === undefined) {
      let n = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    this.checkSheetName(chosen);
    const sheet: SheetModel = {
      id: `{00000000-0001-0000-0000-${String(this.nextId++).padStart(12, '0')}}`,
      name: chosen,
      visibility: 'Visible',
      protection: { protected: false, options: {} },
      cells: new Map(),
      validations: new Map(),
      charts: [],
      columns: new Map(),
      rows: new Map(),
      freeze: { rows: 0, columns: 0 },
      merges: [],
      props: {},
    };
    this.sheets.push(sheet);
    this.activeSheetId ??= sheet.id;
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    if (this.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet).length === 0) {
      throw new FakeOfficeError(
        'InvalidOperation',
        'A workbook must contain at least one visible worksheet.',
      );
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheetId === sheet.id)
      this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')?.id;
  }

  setVisibility(sheet: SheetModel, visibility: Visibility): void {
    if (visibility !== 'Visible' && !this.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
      throw new FakeOfficeError(
        'InvalidOperation',
        'A workbook must contain at least one visible worksheet.',
      );
    }
    sheet.visibility = visibility;
    if (visibility !== 'Visible' && this.activeSheetId === sheet.id) {
      this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')?.id;
    }
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== 'Visible') {
      throw new FakeOfficeError(
        'InvalidOperation',
        `The worksheet "${sheet.name}" is hidden and cannot be activated.`,
      );
    }
    this.activeSheetId = sheet.id;
  }

  /** The cell at (row, col), created blank when `create` is set. */
  cell(sheet: SheetModel, row: number, col: number): CellModel | undefined;
  cell(sheet: SheetModel, row: number, col: number, create: true): CellModel;
  cell(sheet: SheetModel, row: number, col: number, create = false): CellModel | undefined {
    const key = cellKey(row, col);
    let c = sheet.cells.get(key);
    if (!c && create) {
      c = blankCell();
      sheet.cells.set(key, c);
    }
    return c;
  }

  /** The bounding rectangle of cells with a value or formula (`valuesOnly`) or any content. */
  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | undefined {
    let rect: Rect | undefined;
    for (const [key, c] of sheet.cells) {
      if (valuesOnly ? c.value === '' && c.formula === null : isBlank(c)) continue;
      const m = /^([A-Z]+)(\d+)$/.exec(key)!;
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const row = Number(m[2]) - 1;
      rect = rect
        ? {
            top: Math.min(rect.top, row),
            left: Math.min(rect.left, col),
            bottom: Math.max(rect.bottom, row),
            right: Math.max(rect.right, col),
          }
        : { top: row, left: col, bottom: row, right: col };
    }
    return rect;
  }
}
