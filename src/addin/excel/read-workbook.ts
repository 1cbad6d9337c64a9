/**
 * Reads the assessment from the open workbook: each sheet's used range becomes a {@link SheetGrid}
 * and the workbook reader (src/workbook/read, the same parser as `dmf score`) turns the grids into
 * answers and diagnostics. Nothing here interprets cells.
 *
 * One round trip in the normal case: the sheets are loaded by the names the plan gives them, with
 * whatever else the caller needs from the same request (`alsoLoad`). Only when the reader misses
 * an element sheet and the workbook has sheets that were not loaded (a renamed sheet) does a
 * second read load those, because the reader finds items by id wherever they are.
 */
import type { Framework } from '../../framework/index.js';
import { readGrids, type CellData, type SheetGrid } from '../../workbook/read/core.js';
import type { ReadResult } from '../../workbook/read-result.js';

type Visibility = SheetGrid['visibility'];
const VISIBILITY: Record<string, Visibility> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

interface PendingSheet {
  name: string;
  sheet: Excel.Worksheet;
  used: Excel.Range;
}

function queueSheet(context: Excel.RequestContext, name: string): PendingSheet {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('formulas, values, valueTypes, rowIndex, columnIndex');
  return { name, sheet, used };
}

/** A value as the grid holds it, from what Office.js reports for the cell. */
function scalar(value: unknown, type: string | undefined): CellData {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (type === 'Error') return { error: String(value) };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** One loaded used range → the grid the reader takes (row 1, column A at index 0). */
export function gridOf(name: string, visibility: Visibility, used: Excel.Range | null): SheetGrid {
  const rows: (CellData | undefined)[][] = [];
  if (used) {
    const { formulas, values, valueTypes, rowIndex, columnIndex } = used;
    formulas.forEach((line, r) => {
      const row: (CellData | undefined)[] = [];
      line.forEach((f, c) => {
        const value = values[r]?.[c];
        const type = valueTypes[r]?.[c];
        // `formulas` shows text typed into a text-formatted cell ("=1+1") exactly like a formula;
        // only a real formula has a value that differs from what it says.
        const isFormula = typeof f === 'string' && f.startsWith('=') && f.length > 1 && value !== f;
        row[columnIndex + c] = isFormula
          ? { formula: f.slice(1), result: scalar(value, type) as Exclude<CellData, { formula: string }> }
          : scalar(value, type);
      });
      rows[rowIndex + r] = row;
    });
  }
  return { name, visibility, rows };
}

export interface WorkbookReading<T> {
  result: ReadResult;
  grids: SheetGrid[];
  /** Every sheet name in tab order. */
  sheetNames: string[];
  /** What `alsoLoad` queued, loaded. */
  extra: T;
}

/**
 * Loads the assessment sheets (by the plan's names) plus `alsoLoad`'s requests in one round trip,
 * and reads them. `sheetNames`: the names the plan gives the sheets.
 */
export async function readAssessment<T>(
  context: Excel.RequestContext,
  framework: Framework,
  sheetNames: readonly string[],
  alsoLoad: (context: Excel.RequestContext) => T,
): Promise<WorkbookReading<T>> {
  const all = context.workbook.worksheets.load('items/name, items/visibility');
  const pending = sheetNames.map((n) => queueSheet(context, n));
  const extra = alsoLoad(context);
  await context.sync();

  const visibility = new Map(
    all.items.map((s) => [s.name.toLowerCase(), VISIBILITY[s.visibility] ?? 'visible']),
  );
  const toGrid = (p: PendingSheet): SheetGrid[] =>
    p.sheet.isNullObject
      ? []
      : [
          gridOf(
            p.name,
            visibility.get(p.name.toLowerCase()) ?? 'visible',
            p.used.isNullObject ? null : p.used,
          ),
        ];
  const order = new Map(all.items.map((s, i) => [s.name.toLowerCase(), i]));
  const inTabOrder = (list: SheetGrid[]) =>
    list.sort((a, b) => (order.get(a.name.toLowerCase()) ?? 0) - (order.get(b.name.toLowerCase()) ?? 0));
  let grids = inTabOrder(pending.flatMap(toGrid));
  let result = readGrids(framework, grids);

  const loaded = new Set(grids.map((g) => g.name.toLowerCase()));
  const others = all.items.map((s) => s.name).filter((n) => !loaded.has(n.toLowerCase()));
  if (
    others.length &&
    result.diagnostics.some((d) => d.code === 'sheet-missing' || d.code === 'meta-missing')
  ) {
    // A sheet was renamed (or an element's rows moved to another sheet): read the rest too.
    const more = others.map((n) => queueSheet(context, n));
    await context.sync();
    grids = inTabOrder([...grids, ...more.flatMap(toGrid)]);
    result = readGrids(framework, grids);
  }
  return { result, grids, sheetNames: all.items.map((s) => s.name), extra };
}
