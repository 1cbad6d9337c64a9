/**
 * The double's front door: a workbook you can inspect and a `run` that behaves like `Excel.run`.
 *
 *     const excel = new FakeExcel();
 *     await excel.run(async (context) => { … });      // code under test, typed against Office.js
 *     excel.syncCounts                                // round trips per run
 *     excel.type('Summary', 'B4', 'Fully')            // a person typing into a cell
 */
import { REQUIRED } from '../../../src/addin/excel/requirements.js';
import { parseRect, splitSheet } from './a1.js';
import { checkedApi, isSetSupportedBy, missingRunOptions, type HostApi } from './api-check.js';
import { FakeRequestContext } from './context.js';
import { FakeOfficeError } from './errors.js';
import { WorkbookModel } from './model.js';
import { parseInput } from './range.js';
import { FakeWorkbook } from './workbook.js';

/** The request context with its workbook, as `Excel.RequestContext` offers it. */
export class FakeExcelContext extends FakeRequestContext {
  readonly workbook = new FakeWorkbook(this);

  get application(): FakeWorkbook['application'] {
    return this.workbook.application;
  }
}

export class FakeExcel {
  readonly model: WorkbookModel;
  /** The context of every `run`, in order, for inspecting sync counts and sizes. */
  readonly contexts: FakeRequestContext[] = [];

  /**
   * The requirement sets of the pretend host. By default the oldest host the manifest admits
   * (ExcelApi {@link REQUIRED}), so every test of the add-in runs where the add-in promises to run.
   */
  readonly host: HostApi;

  constructor(model = new WorkbookModel(), host: HostApi = { excelApi: REQUIRED.version }) {
    this.model = model;
    this.host = host;
  }

  /** `Office.context.requirements.isSetSupported` as this host answers it. */
  get isSetSupported(): (name: string, minVersion?: string) => boolean {
    return isSetSupportedBy(this.host);
  }

  /** A fresh context, as `Excel.run` gives the batch function, refusing what the host lacks. */
  createContext(): Excel.RequestContext {
    const context = new FakeExcelContext(this.model);
    this.contexts.push(context);
    return checkedApi(context, 'RequestContext', this.host, context) as unknown as Excel.RequestContext;
  }

  /**
   * Like `Excel.run`: runs the batch, syncs what is still queued, then ends the context. Takes
   * `Excel.run`'s options first, as Office.js does; an option the host lacks fails the run.
   */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(
    first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    second?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const batch = typeof first === 'function' ? first : second!;
    if (typeof first === 'object') {
      const missing = missingRunOptions(this.host, first);
      if (missing.length)
        throw new FakeOfficeError(
          'ApiNotFound',
          `The API you are trying to use could not be found (${missing.join('; ')}; this host has ExcelApi ${this.host.excelApi}).`,
        );
    }
    const context = this.createContext();
    const fake = this.contexts.at(-1)!;
    try {
      const result = await batch(context);
      if (fake.pendingOperations) await fake.sync();
      return result;
    } finally {
      fake.close();
    }
  }

  /** Round trips of each run so far. */
  get syncCounts(): number[] {
    return this.contexts.map((c) => c.syncCount);
  }

  /** The last run's syncs, with request and response sizes. */
  get lastSyncs(): FakeRequestContext['syncs'] {
    return this.contexts.at(-1)?.syncs ?? [];
  }

  /**
   * A person typing `text` into a cell: refused on a locked cell of a protected sheet, parsed as
   * Excel parses typing. Data validation is not applied (people paste past it; the add-in must cope).
   */
  type(sheetName: string, address: string, text: string | number | boolean): void {
    const sheet = this.model.sheetByName(sheetName);
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `No sheet "${sheetName}".`);
    const rect = parseRect(splitSheet(address).local);
    const cell = this.model.cell(sheet, rect.top, rect.left, true);
    if (sheet.protection.protected && cell.locked) {
      throw new FakeOfficeError('AccessDenied', `${sheetName}!${address} is locked: the sheet is protected.`);
    }
    Object.assign(cell, parseInput(text, cell.numberFormat));
  }

  /** What a cell shows, as a person would read it ('' when empty; formulas show their text). */
  read(sheetName: string, address: string): string | number | boolean {
    const sheet = this.model.sheetByName(sheetName);
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `No sheet "${sheetName}".`);
    const rect = parseRect(splitSheet(address).local);
    const cell = this.model.cell(sheet, rect.top, rect.left);
    return cell?.formula ?? cell?.value ?? '';
  }
}
