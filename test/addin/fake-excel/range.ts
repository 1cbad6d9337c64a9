/**
 * `Excel.Range` and what hangs off it (format, protection, data validation), for the double.
 *
 * Writes follow Excel's rules: a 2D array must have exactly the range's shape; a string written
 * to a cell that is not formatted as text ("@") is parsed as Excel would parse typing (a leading
 * "=" makes a formula, "12" becomes a number, "TRUE" a boolean, a leading apostrophe forces
 * text); on a protected sheet only unlocked cells take values and nothing takes formatting unless
 * the protection allows it.
 */
import {
  columnCount,
  columnLetters,
  formatRect,
  MAX_COLUMNS,
  MAX_ROWS,
  parseRect,
  qualified,
  rowCount,
  type Rect,
} from './a1.js';
import { propertyBag } from './bag.js';
import { FakeClientObject, type FakeRequestContext } from './context.js';
import { FakeOfficeError } from './errors.js';
import type { CellModel, CellValue, SheetModel, ValidationModel } from './model.js';
import type { FakeWorksheet } from './worksheet.js';

/** Excel's own limit for a comma-separated list typed into data validation. */
const LIST_SOURCE_LIMIT = 255;

/** Excel's limits for the texts of a data validation's prompt and error alert. */
function withinLimits<T extends { title?: string; message?: string }>(what: string, texts: T): T {
  if ((texts.title?.length ?? 0) > 32 || (texts.message?.length ?? 0) > 255) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `A data validation ${what} allows a title of 32 characters and a message of 255 at most.`,
    );
  }
  return texts;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What Excel stores when `input` is written to a cell with number format `format`. */
export function parseInput(input: unknown, format: string): Pick<CellModel, 'value' | 'formula'> {
  if (input === null || input === undefined || input === '') return { value: '', formula: null };
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new FakeOfficeError('InvalidArgument', `${input} is not a valid cell value.`);
    return { value: input, formula: null };
  }
  if (typeof input === 'boolean') return { value: input, formula: null };
  if (typeof input !== 'string') {
    throw new FakeOfficeError(
      'InvalidArgument',
      `A cell value must be a string, number or boolean, not ${typeof input}.`,
    );
  }
  if (input.length > 32_767)
    throw new FakeOfficeError('InvalidArgument', 'A cell holds at most 32,767 characters.');
  if (format === '@') return { value: input, formula: null };
  if (input.startsWith("'")) return { value: input.slice(1), formula: null };
  if (input.startsWith('=') && input.length > 1) return { value: '', formula: input };
  if (NUMBER.test(input.trim())) return { value: Number(input.trim()), formula: null };
  if (/^(true|false)$/i.test(input.trim()))
    return { value: input.trim().toLowerCase() === 'true', formula: null };
  return { value: input, formula: null };
}

/** Where a range proxy points, resolved when a sync runs. */
export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

export type RangeResolver = () => RangeTarget | null;

type Kind = 'values' | 'formulas' | 'numberFormat';

export class FakeRange extends FakeClientObject {
  protected readonly typeName = 'Range';
  protected readonly scalarProperties = [
    'address',
    'addressLocal',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'cellCount',
    'values',
    'formulas',
    'numberFormat',
    'text',
    'valueTypes',
    'columnHidden',
    'rowHidden',
    'isEntireColumn',
    'isEntireRow',
    'style',
  ] as const;

  constructor(
    context: FakeRequestContext,
    readonly worksheet: FakeWorksheet,
    private readonly resolver: RangeResolver,
    nullable: boolean,
  ) {
    super(context, nullable);
  }

  protected exists(): boolean {
    return this.resolver() !== null;
  }

  /** The model target; throws when the range is a null object. */
  target(): RangeTarget {
    const t = this.resolver();
    if (!t) throw new FakeOfficeError('InvalidOperation', 'The range is a null object.');
    return t;
  }

  protected readProperty(name: string): unknown {
    const { sheet, rect } = this.target();
    const model = this.context.model;
    const grid = <T>(f: (c: CellModel | undefined) => T): T[][] => {
      if (rowCount(rect) * columnCount(rect) > 5_000_000) {
        throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The range is too large to load.');
      }
      return Array.from({ length: rowCount(rect) }, (_, r) =>
        Array.from({ length: columnCount(rect) }, (_, c) =>
          f(model.cell(sheet, rect.top + r, rect.left + c)),
        ),
      );
    };
    switch (name) {
      case 'address':
      case 'addressLocal':
        return qualified(sheet.name, rect);
      case 'rowIndex':
        return rect.top;
      case 'columnIndex':
        return rect.left;
      case 'rowCount':
        return rowCount(rect);
      case 'columnCount':
        return columnCount(rect);
      case 'cellCount':
        return rowCount(rect) * columnCount(rect);
      case 'values':
        return grid((c) => c?.value ?? '');
      case 'formulas':
        return grid((c) => c?.formula ?? c?.value ?? '');
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'text':
        return grid((c) => String(c?.value ?? ''));
      case 'valueTypes':
        return grid((c) =>
          c === undefined || c.value === ''
            ? 'Empty'
            : typeof c.value === 'number'
              ? 'Double'
              : typeof c.value === 'boolean'
                ? 'Boolean'
                : 'String',
        );
      case 'columnHidden':
        return Array.from(
          { length: columnCount(rect) },
          (_, i) => sheet.columns.get(rect.left + i)?.hidden === true,
        ).every(Boolean);
      case 'rowHidden':
        return Array.from(
          { length: rowCount(rect) },
          (_, i) => sheet.rows.get(rect.top + i)?.hidden === true,
        ).every(Boolean);
      case 'isEntireColumn':
        return rect.top === 0 && rect.bottom === MAX_ROWS - 1;
      case 'isEntireRow':
        return rect.left === 0 && rect.right === MAX_COLUMNS - 1;
      case 'style': {
        const names = new Set(grid((c) => (c?.format.style as string | undefined) ?? 'Normal').flat());
        return names.size === 1 ? [...names][0] : null;
      }
      default:
        throw new FakeOfficeError('InvalidArgument', `Range has no property "${name}".`);
    }
  }

  // --- values, formulas, number formats -------------------------------------------------------

  get values(): CellValue[][] {
    return this.loadedValue('values');
  }
  set values(v: unknown) {
    this.write('values', v);
  }
  get formulas(): CellValue[][] {
    return this.loadedValue('formulas');
  }
  set formulas(v: unknown) {
    this.write('formulas', v);
  }
  get numberFormat(): string[][] {
    return this.loadedValue('numberFormat');
  }
  set numberFormat(v: unknown) {
    this.write('numberFormat', v);
  }
  get text(): string[][] {
    return this.loadedValue('text');
  }
  get valueTypes(): string[][] {
    return this.loadedValue('valueTypes');
  }
  get address(): string {
    return this.loadedValue('address');
  }
  get addressLocal(): string {
    return this.loadedValue('addressLocal');
  }
  get rowIndex(): number {
    return this.loadedValue('rowIndex');
  }
  get columnIndex(): number {
    return this.loadedValue('columnIndex');
  }
  get rowCount(): number {
    return this.loadedValue('rowCount');
  }
  get columnCount(): number {
    return this.loadedValue('columnCount');
  }
  get cellCount(): number {
    return this.loadedValue('cellCount');
  }
  get isEntireColumn(): boolean {
    return this.loadedValue('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this.loadedValue('isEntireRow');
  }
  get columnHidden(): boolean {
    return this.loadedValue('columnHidden');
  }
  set columnHidden(hidden: boolean) {
    this.queue('columnHidden', hidden, () => {
      const { sheet, rect } = this.target();
      this.guard(sheet, 'allowFormatColumns', 'hide or show columns');
      for (let c = rect.left; c <= rect.right; c++) sheet.columns.set(c, { ...sheet.columns.get(c), hidden });
    });
  }
  get rowHidden(): boolean {
    return this.loadedValue('rowHidden');
  }
  set rowHidden(hidden: boolean) {
    this.queue('rowHidden', hidden, () => {
      const { sheet, rect } = this.target();
      this.guard(sheet, 'allowFormatRows', 'hide or show rows');
      for (let r = rect.top; r <= rect.bottom; r++) sheet.rows.set(r, { ...sheet.rows.get(r), hidden });
    });
  }

  get style(): string {
    return this.loadedValue('style');
  }
  /**
   * Applies a named style: like Excel, the cells take the style's number format, lock and
   * formatting (a later direct format would override them; the double keeps the last write).
   */
  set style(name: string) {
    this.queue(`style = ${JSON.stringify(name)}`, name, () => {
      const { sheet, rect } = this.target();
      this.guard(sheet, 'allowFormatCells', 'apply a cell style');
      const style = this.context.model.styles.get(name);
      if (!style) throw new FakeOfficeError('InvalidArgument', `There is no cell style named "${name}".`);
      const { numberFormat = 'General', locked = true, ...format } = style;
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          const cell = this.context.model.cell(sheet, r, c, true);
          cell.numberFormat = numberFormat as string;
          cell.locked = locked as boolean;
          cell.format = { style: name, ...format };
        }
    });
  }

  /** Throws AccessDenied when the sheet is protected and `allow` is not granted. */
  guard(sheet: SheetModel, allow: keyof Excel.WorksheetProtectionOptions | null, action: string): void {
    if (!sheet.protection.protected) return;
    if (allow && sheet.protection.options[allow]) return;
    throw new FakeOfficeError(
      'AccessDenied',
      `Cannot ${action} on "${sheet.name}": the sheet is protected. Unprotect it first.`,
    );
  }

  private write(kind: Kind, input: unknown): void {
    this.queue(`${kind} = …`, input, () => {
      const { sheet, rect } = this.target();
      const rows = rowCount(rect);
      const cols = columnCount(rect);
      const at = (r: number, c: number): unknown => {
        if (!Array.isArray(input)) return input;
        return (input[r] as unknown[])[c];
      };
      if (Array.isArray(input)) {
        const shapeOk =
          input.length === rows &&
          input.every((row) => Array.isArray(row) && (row as unknown[]).length === cols);
        if (!shapeOk) {
          const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : '?'}`;
          throw new FakeOfficeError(
            'InvalidArgument',
            `The number of rows or columns in the input array (${got}) doesn't match the size or dimensions of the range ${formatRect(rect)} (${rows}×${cols}).`,
          );
        }
      } else if (rows * cols > 1_000_000) {
        throw new FakeOfficeError('InvalidArgument', 'The range is too large to fill.');
      }
      const model = this.context.model;
      if (kind !== 'numberFormat' && sheet.protection.protected) {
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < cols; c++) {
            const locked = model.cell(sheet, rect.top + r, rect.left + c)?.locked ?? true;
            if (locked) {
              throw new FakeOfficeError(
                'AccessDenied',
                `The cell ${columnLetters(rect.left + c)}${rect.top + r + 1} on "${sheet.name}" is locked and the sheet is protected.`,
              );
            }
          }
      }
      if (kind === 'numberFormat') this.guard(sheet, 'allowFormatCells', 'change number formats');
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const v = at(r, c);
          // Office.js leaves a cell unchanged where the input matrix holds null.
          if (v === null && Array.isArray(input)) continue;
          const cell = model.cell(sheet, rect.top + r, rect.left + c, true);
          if (kind === 'numberFormat') {
            if (typeof v !== 'string')
              throw new FakeOfficeError('InvalidArgument', 'A number format must be a string.');
            cell.numberFormat = v;
          } else {
            Object.assign(cell, parseInput(v, cell.numberFormat));
          }
        }
      }
    });
  }

  // --- navigation -----------------------------------------------------------------------------

  private derive(f: (t: RangeTarget) => Rect): FakeRange {
    return new FakeRange(
      this.context,
      this.worksheet,
      () => {
        const t = this.resolver();
        return t ? { sheet: t.sheet, rect: f(t) } : null;
      },
      this.nullable,
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this.derive(({ rect }) => ({
      top: rect.top + row,
      left: rect.left + column,
      bottom: rect.top + row,
      right: rect.left + column,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derive(({ rect }) => ({
      top: rect.top + rowOffset,
      bottom: rect.bottom + rowOffset,
      left: rect.left + columnOffset,
      right: rect.right + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive(({ rect }) => ({
      ...rect,
      bottom: rect.bottom + deltaRows,
      right: rect.right + deltaColumns,
    }));
  }

  getEntireColumn(): FakeRange {
    return this.derive(({ rect }) => ({ ...rect, top: 0, bottom: MAX_ROWS - 1 }));
  }

  getEntireRow(): FakeRange {
    return this.derive(({ rect }) => ({ ...rect, left: 0, right: MAX_COLUMNS - 1 }));
  }

  getRow(row: number): FakeRange {
    return this.derive(({ rect }) => ({ ...rect, top: rect.top + row, bottom: rect.top + row }));
  }

  getColumn(column: number): FakeRange {
    return this.derive(({ rect }) => ({ ...rect, left: rect.left + column, right: rect.left + column }));
  }

  getBoundingRect(other: FakeRange | string): FakeRange {
    return this.derive(({ sheet, rect }) => {
      const o = typeof other === 'string' ? parseRect(other) : other.target().rect;
      if (typeof other !== 'string' && other.target().sheet !== sheet) {
        throw new FakeOfficeError('InvalidArgument', 'Both ranges must be on the same worksheet.');
      }
      return {
        top: Math.min(rect.top, o.top),
        left: Math.min(rect.left, o.left),
        bottom: Math.max(rect.bottom, o.bottom),
        right: Math.max(rect.right, o.right),
      };
    });
  }

  /**
   * The cells this range shares with `other` (ExcelApi 1.4), or a null object when they share
   * none; `other` may be an address on the same sheet.
   */
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return new FakeRange(
      this.context,
      this.worksheet,
      () => {
        const t = this.resolver();
        if (!t) return null;
        let o: Rect;
        if (typeof other === 'string') o = parseRect(other);
        else {
          const ot = other.target();
          if (ot.sheet !== t.sheet)
            throw new FakeOfficeError('InvalidArgument', 'Both ranges must be on the same worksheet.');
          o = ot.rect;
        }
        const rect = {
          top: Math.max(t.rect.top, o.top),
          left: Math.max(t.rect.left, o.left),
          bottom: Math.min(t.rect.bottom, o.bottom),
          right: Math.min(t.rect.right, o.right),
        };
        return rect.top > rect.bottom || rect.left > rect.right ? null : { sheet: t.sheet, rect };
      },
      true,
    );
  }

  // --- actions --------------------------------------------------------------------------------

  /** Recalculates this range (ExcelApi 1.6); the double has no engine, so it records the address. */
  calculate(): void {
    this.queue('calculate()', undefined, () => {
      const { sheet, rect } = this.target();
      this.context.model.calculatedRanges.push(`${sheet.name}!${formatRect(rect)}`);
    });
  }

  select(): void {
    this.queue('select()', undefined, () => {
      const { sheet, rect } = this.target();
      this.context.model.activate(sheet);
      this.context.model.selection = { sheetId: sheet.id, address: formatRect(rect) };
    });
  }

  merge(across = false): void {
    this.queue(`merge(${across})`, undefined, () => {
      const { sheet, rect } = this.target();
      this.guard(sheet, null, 'merge cells');
      const rows = across ? Array.from({ length: rowCount(rect) }, (_, i) => rect.top + i) : [rect.top];
      for (const top of rows) {
        sheet.merges.push({ ...rect, top, bottom: across ? top : rect.bottom });
      }
    });
  }

  clear(): void {
    this.queue('clear()', undefined, () => {
      const { sheet, rect } = this.target();
      this.guard(sheet, null, 'clear cells');
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          sheet.cells.delete(`${columnLetters(c)}${r + 1}`);
          sheet.validations.delete(`${columnLetters(c)}${r + 1}`);
        }
    });
  }

  // --- format, data validation ----------------------------------------------------------------

  get format(): Excel.RangeFormat {
    const forEachCell = (f: (cell: CellModel) => void) => {
      const { sheet, rect } = this.target();
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) f(this.context.model.cell(sheet, r, c, true));
    };
    const protection = {
      set locked(locked: boolean) {
        range.queue('format.protection.locked', locked, () => {
          range.guard(range.target().sheet, null, 'lock or unlock cells');
          forEachCell((cell) => (cell.locked = locked));
        });
      },
      set formulaHidden(hidden: boolean) {
        range.queue('format.protection.formulaHidden', hidden, () => {
          range.guard(range.target().sheet, null, 'hide formulas');
          forEachCell((cell) => (cell.format['protection.formulaHidden'] = hidden));
        });
      },
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    const bag = propertyBag<Excel.RangeFormat>({
      typeName: 'RangeFormat',
      context: this.context,
      apply: (path, value) => {
        const { sheet, rect } = this.target();
        if (path === 'columnWidth') {
          this.guard(sheet, 'allowFormatColumns', 'change column widths');
          for (let c = rect.left; c <= rect.right; c++)
            sheet.columns.set(c, { ...sheet.columns.get(c), width: value as number });
        } else if (path === 'rowHeight') {
          this.guard(sheet, 'allowFormatRows', 'change row heights');
          for (let r = rect.top; r <= rect.bottom; r++)
            sheet.rows.set(r, { ...sheet.rows.get(r), height: value as number });
        } else {
          this.guard(sheet, 'allowFormatCells', 'format cells');
          if (rowCount(rect) * columnCount(rect) > 100_000) return; // whole rows/columns: formats not kept
          forEachCell((cell) => (cell.format[path] = value));
        }
      },
      methods: {
        autofitColumns: () => undefined,
        autofitRows: () => undefined,
        getItem: () => {
          throw new FakeOfficeError(
            'InvalidOperation',
            'Use format.borders.getItem(…) on the borders collection.',
          );
        },
      },
    });
    return new Proxy(bag, {
      get(target, prop, receiver) {
        if (prop === 'protection') return protection;
        if (prop === 'borders') {
          return {
            getItem: (edge: string) =>
              propertyBag({
                typeName: 'RangeBorder',
                context: range.context,
                apply: (path, value) => {
                  range.guard(range.target().sheet, 'allowFormatCells', 'format cells');
                  forEachCell((cell) => (cell.format[`borders.${edge}.${path}`] = value));
                },
              }),
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }

  get dataValidation(): Excel.DataValidation {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    const update = (what: string, payload: unknown, f: (v: ValidationModel) => void) =>
      range.queue(`dataValidation.${what}`, payload, () => {
        const { sheet, rect } = range.target();
        range.guard(sheet, null, 'change data validation');
        for (let r = rect.top; r <= rect.bottom; r++)
          for (let c = rect.left; c <= rect.right; c++) {
            const key = `${columnLetters(c)}${r + 1}`;
            const v = sheet.validations.get(key) ?? { rule: {}, ignoreBlanks: true };
            f(v);
            sheet.validations.set(key, v);
          }
      });
    return {
      set rule(rule: Excel.DataValidationRule) {
        const kinds = Object.keys(rule);
        if (kinds.length !== 1) {
          throw new FakeOfficeError(
            'InvalidArgument',
            'A data validation rule holds exactly one kind of criteria.',
          );
        }
        const source = rule.list?.source;
        if (typeof source === 'string' && source.length > LIST_SOURCE_LIMIT) {
          throw new FakeOfficeError(
            'InvalidArgument',
            `A data validation list typed in the rule is limited to ${LIST_SOURCE_LIMIT} characters (got ${source.length}).`,
          );
        }
        if (source !== undefined && typeof source !== 'string') {
          throw new FakeOfficeError(
            'InvalidArgument',
            'The double only models lists typed in the rule (a string source).',
          );
        }
        update('rule', rule, (v) => (v.rule = structuredClone(rule)));
      },
      set ignoreBlanks(ignore: boolean) {
        update('ignoreBlanks', ignore, (v) => (v.ignoreBlanks = ignore));
      },
      set prompt(prompt: Excel.DataValidationPrompt) {
        update('prompt', prompt, (v) => (v.prompt = { ...withinLimits('prompt', prompt) }));
      },
      set errorAlert(alert: Excel.DataValidationErrorAlert) {
        update('errorAlert', alert, (v) => (v.errorAlert = { ...withinLimits('error alert', alert) }));
      },
      clear() {
        range.queue('dataValidation.clear()', undefined, () => {
          const { sheet, rect } = range.target();
          range.guard(sheet, null, 'change data validation');
          for (let r = rect.top; r <= rect.bottom; r++)
            for (let c = rect.left; c <= rect.right; c++)
              sheet.validations.delete(`${columnLetters(c)}${r + 1}`);
        });
      },
    } as unknown as Excel.DataValidation;
  }
}
