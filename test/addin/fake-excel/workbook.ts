/**
 * `Excel.Workbook` and `Excel.Application` for the double: the entry points a request context
 * offers, defined names, document properties, and calculation suspension.
 */
import { parseRect, splitSheet } from './a1.js';
import { propertyBag } from './bag.js';
import { FakeClientObject, loadNames, type FakeRequestContext, type LoadOption } from './context.js';
import { FakeOfficeError } from './errors.js';
import { FakeRange } from './range.js';
import { FakeWorksheet, FakeWorksheetCollection } from './worksheet.js';

export class FakeApplication {
  constructor(readonly context: FakeRequestContext) {}

  /** Calculation stays off until the next sync (ExcelApi 1.6); the double counts the calls. */
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue({
      what: 'Application.suspendApiCalculationUntilNextSync()',
      run: () => {
        this.context.model.calculationSuspensions++;
      },
    });
  }

  /** Recalculates (the double has no calculation engine; it records the request). */
  calculate(calculationType: string): void {
    this.context.enqueue({
      what: `Application.calculate(${calculationType})`,
      payload: calculationType,
      run: () => {
        this.context.model.calculations++;
      },
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.context.enqueue({ what: 'Application.suspendScreenUpdatingUntilNextSync()', run: () => undefined });
  }
}

export class FakeNamedItemCollection {
  constructor(readonly context: FakeRequestContext) {}

  /** Adds a workbook-level name for a range ("='Sheet'!$A$1") or a formula. */
  add(name: string, reference: string | FakeRange, comment?: string): void {
    this.context.enqueue({
      what: `NamedItemCollection.add(${JSON.stringify(name)})`,
      payload: { name, comment, reference: typeof reference === 'string' ? reference : 'range' },
      run: () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) {
          throw new FakeOfficeError('InvalidArgument', `"${name}" is not a valid name.`);
        }
        if ([...this.context.model.names.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) {
          throw new FakeOfficeError('ItemAlreadyExists', `The name "${name}" already exists.`);
        }
        let formula: string;
        if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
        else {
          const { sheet, rect } = reference.target();
          formula = `='${sheet.name.replace(/'/g, "''")}'!${absolute(rect)}`;
        }
        this.context.model.names.set(name, formula);
      },
    });
  }
}

function absolute(rect: { top: number; left: number; bottom: number; right: number }): string {
  const cell = (r: number, c: number) => {
    let s = '';
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return `$${s}$${r + 1}`;
  };
  const a = cell(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? a : `${a}:${cell(rect.bottom, rect.right)}`;
}

/** A named cell style; its settings are recorded by dotted path, like other formatting objects. */
export class FakeStyle extends FakeClientObject {
  protected readonly typeName = 'Style';
  protected readonly scalarProperties = ['name', 'builtIn'] as const;

  constructor(
    context: FakeRequestContext,
    private readonly styleName: string,
    nullable: boolean,
  ) {
    super(context, nullable);
    const settings = propertyBag<Record<string, unknown>>({
      typeName: 'Style',
      context,
      apply: (path, value) => {
        const style = this.context.model.styles.get(this.styleName);
        if (!style)
          throw new FakeOfficeError('ItemNotFound', `There is no cell style named "${this.styleName}".`);
        style[path] = value;
      },
      methods: {
        getItem: (prefix, edge) =>
          propertyBag({
            typeName: 'RangeBorder',
            context,
            apply: (path, value) => {
              const style = this.context.model.styles.get(this.styleName);
              if (!style)
                throw new FakeOfficeError(
                  'ItemNotFound',
                  `There is no cell style named "${this.styleName}".`,
                );
              style[`${prefix}.${String(edge)}.${path}`] = value;
            },
          }),
      },
    });
    // Everything but the loadable scalars goes to the recorded settings.
    return new Proxy(this, {
      get: (target, prop, receiver) =>
        typeof prop === 'string' && !(prop in target)
          ? (settings as Record<string, unknown>)[prop]
          : Reflect.get(target, prop, receiver),
      set: (target, prop, value, receiver) =>
        typeof prop === 'string' && !(prop in target)
          ? Reflect.set(settings, prop, value)
          : Reflect.set(target, prop, value, receiver),
    });
  }

  protected exists(): boolean {
    return this.context.model.styles.has(this.styleName);
  }

  protected readProperty(name: string): unknown {
    if (name === 'name') return this.styleName;
    if (name === 'builtIn') return ['Normal', 'Heading 1'].includes(this.styleName);
    throw new FakeOfficeError('InvalidArgument', `Style has no property "${name}".`);
  }

  get name(): string {
    return this.loadedValue('name');
  }
}

export class FakeStyleCollection {
  private loadedItems: FakeStyle[] | undefined;

  constructor(readonly context: FakeRequestContext) {}

  get items(): FakeStyle[] {
    if (!this.loadedItems) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property 'items' is not available. Call load("items/name") and context.sync() first.`,
        'StyleCollection.items',
      );
    }
    return this.loadedItems;
  }

  /** `load("items/name")`: every cell style of the workbook, with its name (ExcelApi 1.7). */
  load(option?: LoadOption): this {
    const names = loadNames(option, ['name', 'builtIn']).map((n) => n.replace(/^items\//, ''));
    const props = names.filter((n) => n !== 'items');
    this.context.enqueue({
      what: `StyleCollection.load(${names.join(', ')})`,
      run: () => {
        this.loadedItems = ['Normal', ...this.context.model.styles.keys()]
          .filter((n, i, all) => all.indexOf(n) === i)
          .map((n) => {
            const style = new FakeStyle(this.context, n, false);
            style._loadNow(props.length ? props : ['name', 'builtIn']);
            return style;
          });
      },
    });
    return this;
  }

  add(name: string): void {
    this.context.enqueue({
      what: `StyleCollection.add(${JSON.stringify(name)})`,
      payload: name,
      run: () => {
        if (this.context.model.styles.has(name)) {
          throw new FakeOfficeError('ItemAlreadyExists', `A cell style named "${name}" already exists.`);
        }
        this.context.model.styles.set(name, {});
      },
    });
  }

  getItem(name: string): FakeStyle {
    return new FakeStyle(this.context, name, false);
  }

  getItemOrNullObject(name: string): FakeStyle {
    return new FakeStyle(this.context, name, true);
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplication;
  readonly names: FakeNamedItemCollection;
  readonly styles: FakeStyleCollection;

  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.application = new FakeApplication(context);
    this.names = new FakeNamedItemCollection(context);
    this.styles = new FakeStyleCollection(context);
  }

  get properties(): Excel.DocumentProperties {
    return propertyBag<Excel.DocumentProperties>({
      typeName: 'DocumentProperties',
      context: this.context,
      apply: (path, value) => (this.context.model.properties[path] = value),
    });
  }

  /** The selected range; the double starts with A1 of the active sheet selected. */
  getSelectedRange(): FakeRange {
    const m = this.context.model;
    const sheet = new FakeWorksheet(
      this.context,
      () => m.sheetById(m.selection?.sheetId ?? m.activeSheetId ?? '') ?? null,
      false,
    );
    return new FakeRange(
      this.context,
      sheet,
      () => {
        const s = m.sheetById(m.selection?.sheetId ?? m.activeSheetId ?? '');
        if (!s) return null;
        const local = m.selection?.sheetId === s.id ? m.selection.address : 'A1';
        return { sheet: s, rect: parseRect(splitSheet(local).local) };
      },
      false,
    );
  }
}
