/**
 * `Excel.Worksheet`, its collection, its protection and its freeze panes, for the double.
 * Sheet names follow Excel's rules (31 characters, no \ / ? * [ ] :, unique ignoring case);
 * `protect` fails on a sheet that is already protected; at least one sheet stays visible.
 */
import { MAX_COLUMNS, MAX_ROWS, parseRect, splitSheet, type Rect } from './a1.js';
import { propertyBag } from './bag.js';
import { FakeChartCollection } from './chart.js';
import { FakeClientObject, loadNames, type FakeRequestContext, type LoadOption } from './context.js';
import { FakeOfficeError } from './errors.js';
import type { SheetModel, Visibility } from './model.js';
import { FakeRange } from './range.js';

export type SheetResolver = () => SheetModel | null;

const VISIBILITIES: readonly Visibility[] = ['Visible', 'Hidden', 'VeryHidden'];

export class FakeWorksheet extends FakeClientObject {
  protected readonly typeName = 'Worksheet';
  protected readonly scalarProperties = [
    'id',
    'name',
    'position',
    'visibility',
    'tabColor',
    'showGridlines',
    'standardWidth',
  ] as const;

  constructor(
    context: FakeRequestContext,
    private readonly resolver: SheetResolver,
    nullable: boolean,
  ) {
    super(context, nullable);
  }

  protected exists(): boolean {
    return this.resolver() !== null;
  }

  /** The sheet in the model; throws ItemNotFound when it no longer exists. */
  model(): SheetModel {
    const s = this.resolver();
    if (!s) throw new FakeOfficeError('ItemNotFound', 'The requested worksheet does not exist.');
    return s;
  }

  protected readProperty(name: string): unknown {
    const s = this.model();
    switch (name) {
      case 'id':
        return s.id;
      case 'name':
        return s.name;
      case 'position':
        return this.context.model.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return (s.props.tabColor as string | undefined) ?? '';
      case 'showGridlines':
        return (s.props.showGridlines as boolean | undefined) ?? true;
      case 'standardWidth':
        return 8.43;
      default:
        throw new FakeOfficeError('InvalidArgument', `Worksheet has no property "${name}".`);
    }
  }

  get id(): string {
    return this.loadedValue('id');
  }
  get name(): string {
    return this.loadedValue('name');
  }
  set name(name: string) {
    this.queue(`name = ${JSON.stringify(name)}`, name, () => {
      const s = this.model();
      this.context.model.checkSheetName(name, s);
      s.name = name;
    });
  }
  get position(): number {
    return this.loadedValue('position');
  }
  set position(position: number) {
    this.queue(`position = ${position}`, position, () => {
      const sheets = this.context.model.sheets;
      const s = this.model();
      if (position < 0 || position >= sheets.length) {
        throw new FakeOfficeError('InvalidArgument', `Position ${position} is out of range.`);
      }
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(position, 0, s);
    });
  }
  get visibility(): Visibility {
    return this.loadedValue('visibility');
  }
  set visibility(v: Visibility) {
    this.queue(`visibility = ${v}`, v, () => {
      if (!VISIBILITIES.includes(v))
        throw new FakeOfficeError('InvalidArgument', `"${String(v)}" is not a visibility.`);
      this.context.model.setVisibility(this.model(), v);
    });
  }
  get tabColor(): string {
    return this.loadedValue('tabColor');
  }
  set tabColor(color: string) {
    this.queue(`tabColor = ${color}`, color, () => (this.model().props.tabColor = color));
  }
  get showGridlines(): boolean {
    return this.loadedValue('showGridlines');
  }
  set showGridlines(show: boolean) {
    this.queue(`showGridlines = ${show}`, show, () => (this.model().props.showGridlines = show));
  }

  getRange(address?: string): FakeRange {
    const { sheet, local } = splitSheet(address ?? '');
    if (sheet !== undefined) {
      throw new FakeOfficeError(
        'InvalidArgument',
        `Worksheet.getRange takes an address without a sheet name (${address}).`,
      );
    }
    const rect: Rect = local
      ? parseRect(local)
      : { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 };
    return this.rangeOf(() => rect);
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0) {
      throw new FakeOfficeError(
        'InvalidArgument',
        'getRangeByIndexes needs a non-empty range inside the sheet.',
      );
    }
    return this.rangeOf(() => ({
      top: startRow,
      left: startColumn,
      bottom: startRow + rowCount - 1,
      right: startColumn + columnCount - 1,
    }));
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** Excel returns A1 for an empty sheet's used range; the OrNullObject variant returns a null object. */
  getUsedRange(valuesOnly = false): FakeRange {
    return this.rangeOf(
      (s) => this.context.model.usedRect(s, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 },
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.rangeOf((s) => this.context.model.usedRect(s, valuesOnly) ?? null, true);
  }

  private rangeOf(rect: (s: SheetModel) => Rect | null, nullable = false): FakeRange {
    return new FakeRange(
      this.context,
      this,
      () => {
        const s = this.resolver();
        if (!s) return null;
        const r = rect(s);
        return r ? { sheet: s, rect: r } : null;
      },
      this.nullable || nullable,
    );
  }

  activate(): void {
    this.queue('activate()', undefined, () => this.context.model.activate(this.model()));
  }

  delete(): void {
    this.queue('delete()', undefined, () => this.context.model.deleteSheet(this.model()));
  }

  get protection(): FakeWorksheetProtection {
    return new FakeWorksheetProtection(this.context, this, this.nullable);
  }

  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.context, this);
  }

  get freezePanes(): Excel.WorksheetFreezePanes {
    const set = (what: string, rows: number, columns: number) =>
      this.queue(what, undefined, () => (this.model().freeze = { rows, columns }));
    return {
      freezeRows: (count = 1) => set(`freezePanes.freezeRows(${count})`, count, 0),
      freezeColumns: (count = 1) => set(`freezePanes.freezeColumns(${count})`, 0, count),
      freezeAt: (at: string | FakeRange) => {
        const rect = typeof at === 'string' ? parseRect(at) : null;
        this.queue('freezePanes.freezeAt(…)', undefined, () => {
          const r = rect ?? (at as FakeRange).target().rect;
          this.model().freeze = { rows: r.bottom + 1, columns: r.right + 1 };
        });
      },
      unfreeze: () => set('freezePanes.unfreeze()', 0, 0),
    } as unknown as Excel.WorksheetFreezePanes;
  }

  get pageLayout(): Excel.PageLayout {
    return propertyBag<Excel.PageLayout>({
      typeName: 'PageLayout',
      context: this.context,
      apply: (path, value) => (this.model().props[`pageLayout.${path}`] = value),
      methods: {
        setPrintTitleRows: (_, rows) =>
          this.queue(
            'pageLayout.setPrintTitleRows(…)',
            rows,
            () => (this.model().props['pageLayout.printTitleRows'] = rows),
          ),
        setPrintArea: (_, area) =>
          this.queue(
            'pageLayout.setPrintArea(…)',
            area,
            () => (this.model().props['pageLayout.printArea'] = area),
          ),
        setPrintMargins: (_, unit, margins) =>
          this.queue('pageLayout.setPrintMargins(…)', margins, () => {
            this.model().props['pageLayout.margins'] = { unit, ...(margins as object) };
          }),
      },
    });
  }
}

export class FakeWorksheetProtection extends FakeClientObject {
  protected readonly typeName = 'WorksheetProtection';
  protected readonly scalarProperties = ['protected', 'options'] as const;

  constructor(
    context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
    nullable: boolean,
  ) {
    super(context, nullable);
  }

  protected exists(): boolean {
    try {
      this.sheet.model();
      return true;
    } catch {
      return false;
    }
  }

  protected readProperty(name: string): unknown {
    const p = this.sheet.model().protection;
    if (name === 'protected') return p.protected;
    if (name === 'options') return { ...p.options };
    throw new FakeOfficeError('InvalidArgument', `WorksheetProtection has no property "${name}".`);
  }

  get protected(): boolean {
    return this.loadedValue('protected');
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.loadedValue('options');
  }

  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.queue('protect(…)', { options, password }, () => {
      const s = this.sheet.model();
      if (s.protection.protected) {
        throw new FakeOfficeError('InvalidOperation', `The worksheet "${s.name}" is already protected.`);
      }
      s.protection = { protected: true, options: { ...options }, ...(password ? { password } : {}) };
    });
  }

  unprotect(password?: string): void {
    this.queue('unprotect(…)', { password }, () => {
      const s = this.sheet.model();
      if (s.protection.password !== undefined && s.protection.password !== password) {
        throw new FakeOfficeError('InvalidArgument', `The password to unprotect "${s.name}" is wrong.`);
      }
      s.protection = { protected: false, options: s.protection.options };
    });
  }
}

export class FakeWorksheetCollection {
  private loadedItems: FakeWorksheet[] | undefined;

  constructor(readonly context: FakeRequestContext) {}

  get items(): FakeWorksheet[] {
    if (!this.loadedItems) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property 'items' is not available. Call load("items/…") and context.sync() first.`,
        'WorksheetCollection.items',
      );
    }
    return this.loadedItems;
  }

  /** `load("items/name, items/visibility")`, `load("name")` or `load()`. */
  load(option?: LoadOption): this {
    const names = loadNames(option, ['id', 'name', 'position', 'visibility']).map((n) =>
      n.replace(/^items\//, ''),
    );
    const props = names.filter((n) => n !== 'items');
    this.context.enqueue({
      what: `WorksheetCollection.load(${names.join(', ')})`,
      run: () => {
        this.loadedItems = this.context.model.sheets.map((s) => {
          const ws = new FakeWorksheet(this.context, () => this.context.model.sheetById(s.id) ?? null, false);
          // The load runs now, inside this sync, like a nested load in Office.js.
          ws._loadNow(props.length ? props : ['id', 'name', 'position', 'visibility']);
          return ws;
        });
      },
    });
    return this;
  }

  add(name?: string): FakeWorksheet {
    let created: SheetModel | undefined;
    this.context.enqueue({
      what: `WorksheetCollection.add(${JSON.stringify(name ?? '')})`,
      payload: name,
      run: () => {
        created = this.context.model.addSheet(name);
      },
    });
    return new FakeWorksheet(
      this.context,
      () => (created && this.context.model.sheets.includes(created) ? created : null),
      false,
    );
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.sheetByKey(key) ?? null, false);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.sheetByKey(key) ?? null, true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      () => this.context.model.sheetById(this.context.model.activeSheetId ?? '') ?? null,
      false,
    );
  }

  getFirst(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.sheets[0] ?? null, false);
  }
}
