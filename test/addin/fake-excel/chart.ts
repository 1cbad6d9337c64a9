/**
 * `Excel.ChartCollection` and `Excel.Chart`, for the double: enough to add a chart over a range,
 * name it, title it, place it and find it again by name. Adding a chart to a protected sheet fails
 * unless the protection allows editing objects.
 */
import { qualified } from './a1.js';
import { propertyBag } from './bag.js';
import { FakeClientObject, type FakeRequestContext } from './context.js';
import { FakeOfficeError } from './errors.js';
import type { ChartModel } from './model.js';
import type { FakeRange } from './range.js';
import type { FakeWorksheet } from './worksheet.js';

export class FakeChart extends FakeClientObject {
  protected readonly typeName = 'Chart';
  protected readonly scalarProperties = ['name', 'chartType'] as const;

  constructor(
    context: FakeRequestContext,
    private readonly resolver: () => ChartModel | null,
    nullable: boolean,
  ) {
    super(context, nullable);
  }

  protected exists(): boolean {
    return this.resolver() !== null;
  }

  private model(): ChartModel {
    const c = this.resolver();
    if (!c) throw new FakeOfficeError('ItemNotFound', 'The chart does not exist.');
    return c;
  }

  protected readProperty(name: string): unknown {
    const c = this.model();
    if (name === 'name') return c.name;
    if (name === 'chartType') return c.type;
    throw new FakeOfficeError('InvalidArgument', `Chart has no property "${name}".`);
  }

  get name(): string {
    return this.loadedValue('name');
  }
  set name(name: string) {
    this.queue(`name = ${JSON.stringify(name)}`, name, () => (this.model().name = name));
  }

  get title(): Excel.ChartTitle {
    return this.bag('title');
  }
  get legend(): Excel.ChartLegend {
    return this.bag('legend');
  }
  get axes(): Excel.ChartAxes {
    return this.bag('axes');
  }
  get dataLabels(): Excel.ChartDataLabels {
    return this.bag('dataLabels');
  }
  get format(): Excel.ChartAreaFormat {
    return this.bag('format');
  }

  set height(v: number) {
    this.queue('height', v, () => (this.model().props.height = v));
  }
  set width(v: number) {
    this.queue('width', v, () => (this.model().props.width = v));
  }
  set top(v: number) {
    this.queue('top', v, () => (this.model().props.top = v));
  }
  set left(v: number) {
    this.queue('left', v, () => (this.model().props.left = v));
  }

  setPosition(start: string | FakeRange, end?: string | FakeRange): void {
    const addr = (r: string | FakeRange | undefined) =>
      typeof r === 'string' || r === undefined ? r : 'range';
    this.queue('setPosition(…)', [addr(start), addr(end)], () => {
      const startAddr = typeof start === 'string' ? start : qualified('', start.target().rect).slice(3);
      const endAddr =
        end === undefined
          ? undefined
          : typeof end === 'string'
            ? end
            : qualified('', end.target().rect).slice(3);
      this.model().position = { start: startAddr, ...(endAddr ? { end: endAddr } : {}) };
    });
  }

  delete(): void {
    this.queue('delete()', undefined, () => {
      for (const s of this.context.model.sheets) {
        const i = s.charts.indexOf(this.model());
        if (i >= 0) s.charts.splice(i, 1);
      }
    });
  }

  private bag<T extends object>(prefix: string): T {
    return propertyBag<T>(
      {
        typeName: 'Chart',
        context: this.context,
        apply: (path, value) => (this.model().props[path] = value),
      },
      prefix,
    );
  }
}

export class FakeChartCollection {
  private loadedItems: FakeChart[] | undefined;

  constructor(
    readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  get items(): FakeChart[] {
    if (!this.loadedItems) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property 'items' is not available.`,
        'ChartCollection.items',
      );
    }
    return this.loadedItems;
  }

  load(): this {
    this.context.enqueue({
      what: 'ChartCollection.load(items/name)',
      run: () => {
        const s = this.sheet.model();
        this.loadedItems = s.charts.map((c) => {
          const chart = new FakeChart(this.context, () => (s.charts.includes(c) ? c : null), false);
          chart._loadNow(['name', 'chartType']);
          return chart;
        });
      },
    });
    return this;
  }

  add(type: string, source: FakeRange, seriesBy = 'Auto'): FakeChart {
    let created: ChartModel | undefined;
    this.context.enqueue({
      what: `ChartCollection.add(${type})`,
      payload: { type, seriesBy },
      run: () => {
        const s = this.sheet.model();
        if (s.protection.protected && !s.protection.options.allowEditObjects) {
          throw new FakeOfficeError(
            'AccessDenied',
            `Cannot add a chart to "${s.name}": the sheet is protected.`,
          );
        }
        const { sheet, rect } = source.target();
        created = {
          name: `Chart ${s.charts.length + 1}`,
          type,
          source: qualified(sheet.name, rect),
          seriesBy,
          props: {},
        };
        s.charts.push(created);
      },
    });
    return new FakeChart(this.context, () => created ?? null, false);
  }

  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(
      this.context,
      () => {
        try {
          return this.sheet.model().charts.find((c) => c.name === name) ?? null;
        } catch {
          return null;
        }
      },
      true,
    );
  }

  getItem(name: string): FakeChart {
    return new FakeChart(
      this.context,
      () => this.sheet.model().charts.find((c) => c.name === name) ?? null,
      false,
    );
  }
}
