/**
 * Loads rectangles of cells in as few syncs as Excel's payload limit allows (./payload.ts): the
 * blocks are packed into syncs by their estimated size, a block too large for one sync is cut
 * into row bands first, and a sync that Excel still refuses as too large is split in two and
 * tried again, down to single rows. A single row that is still too large is given up and
 * reported, never retried forever.
 */
import { cellAddress } from '../../workbook/plan/address.js';
import {
  estimateLoadBytes,
  isPayloadError,
  MAX_CELLS_PER_READ,
  READ_BUDGET_BYTES,
  type CellProperty,
} from './payload.js';

/** Where a range is, 0-based as Office.js counts (`rowIndex`, `columnIndex`). */
export interface Bounds {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

export interface Block extends Bounds {
  sheet: string;
  properties: readonly CellProperty[];
  /**
   * Only the part inside the sheet's used range: a first look at a sheet whose size is not known
   * yet. The sheet may also not exist (then `exists` is false in the result).
   */
  withinUsed?: boolean;
}

/** A block's cells as Office.js returned them. */
export interface LoadedCells {
  rowIndex: number;
  columnIndex: number;
  formulas?: unknown[][];
  values?: unknown[][];
  valueTypes?: string[][];
}

export interface LoadedBlock {
  block: Block;
  /** False only for a `withinUsed` block of a sheet that does not exist. */
  exists: boolean;
  /** The sheet's used range (`withinUsed` blocks only); null when the sheet is empty. */
  used?: Bounds | null;
  /** Null when no cell of the block is in use. */
  cells: LoadedCells | null;
}

export interface BlockLoad<T> {
  loaded: LoadedBlock[];
  /** Blocks (single rows) Excel refused even alone. */
  failed: Block[];
  /** What `withFirst` queued, from the sync that succeeded. */
  first: T;
  syncs: number;
}

const estimate = (b: Block) => estimateLoadBytes(b.rows, b.columns, b.properties);

/** Cuts a block into row bands that each fit the budget (and Excel's cell limit). */
export function bandsOf(block: Block, budget = READ_BUDGET_BYTES): Block[] {
  const perRow = estimateLoadBytes(1, block.columns, block.properties);
  const rowsPerBand = Math.max(
    1,
    Math.min(Math.floor(budget / perRow), Math.floor(MAX_CELLS_PER_READ / block.columns)),
  );
  const bands: Block[] = [];
  for (let top = block.top; top < block.top + block.rows; top += rowsPerBand)
    bands.push({ ...block, top, rows: Math.min(rowsPerBand, block.top + block.rows - top) });
  return bands;
}

/** Packs blocks into pages whose estimates add up to at most the budget, in order. */
function pages(blocks: readonly Block[], budget: number): Block[][] {
  const out: Block[][] = [];
  let page: Block[] = [];
  let bytes = 0;
  for (const b of blocks) {
    const size = estimate(b);
    if (page.length && bytes + size > budget) {
      out.push(page);
      page = [];
      bytes = 0;
    }
    page.push(b);
    bytes += size;
  }
  if (page.length) out.push(page);
  return out;
}

const halves = (b: Block): [Block, Block] => {
  const rows = Math.ceil(b.rows / 2);
  return [
    { ...b, rows },
    { ...b, top: b.top + rows, rows: b.rows - rows },
  ];
};

const addressOf = (b: Bounds) =>
  `${cellAddress(b.top + 1, b.left + 1)}:${cellAddress(b.top + b.rows, b.left + b.columns)}`;

interface Pending {
  block: Block;
  sheet: Excel.Worksheet;
  used?: Excel.Range;
  range: Excel.Range;
}

function queue(context: Excel.RequestContext, block: Block): Pending {
  const properties = [...block.properties, 'rowIndex', 'columnIndex'];
  if (block.withinUsed) {
    const sheet = context.workbook.worksheets.getItemOrNullObject(block.sheet);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount');
    const range = used.getIntersectionOrNullObject(addressOf(block));
    range.load(properties);
    return { block, sheet, used, range };
  }
  const sheet = context.workbook.worksheets.getItem(block.sheet);
  const range = sheet.getRangeByIndexes(block.top, block.left, block.rows, block.columns);
  range.load(properties);
  return { block, sheet, range };
}

function collect(p: Pending): LoadedBlock {
  if (!p.used) return { block: p.block, exists: true, cells: cellsOf(p.range, p.block.properties) };
  if (p.sheet.isNullObject) return { block: p.block, exists: false, used: null, cells: null };
  const used = p.used.isNullObject
    ? null
    : {
        top: p.used.rowIndex,
        left: p.used.columnIndex,
        rows: p.used.rowCount,
        columns: p.used.columnCount,
      };
  return {
    block: p.block,
    exists: true,
    used,
    cells: p.range.isNullObject ? null : cellsOf(p.range, p.block.properties),
  };
}

function cellsOf(range: Excel.Range, properties: readonly CellProperty[]): LoadedCells {
  const cells: LoadedCells = { rowIndex: range.rowIndex, columnIndex: range.columnIndex };
  if (properties.includes('formulas')) cells.formulas = range.formulas;
  if (properties.includes('values')) cells.values = range.values;
  if (properties.includes('valueTypes')) cells.valueTypes = range.valueTypes;
  return cells;
}

/**
 * Loads `blocks`, with `withFirst`'s own loads in the first sync that succeeds (it is queued again
 * if that sync is refused, so what it returns is always loaded).
 */
export async function loadBlocks<T>(
  context: Excel.RequestContext,
  blocks: readonly Block[],
  withFirst: (context: Excel.RequestContext) => T,
  budget = READ_BUDGET_BYTES,
): Promise<BlockLoad<T>> {
  const todo = pages(
    blocks.flatMap((b) => bandsOf(b, budget)),
    budget,
  );
  const loaded: LoadedBlock[] = [];
  const failed: Block[] = [];
  let first: { value: T } | undefined;
  let syncs = 0;
  while (todo.length || !first) {
    const page = todo.shift() ?? [];
    const extra = first ? undefined : { value: withFirst(context) };
    const pending = page.map((b) => queue(context, b));
    syncs++;
    try {
      await context.sync();
    } catch (error) {
      if (!isPayloadError(error) || !page.length) throw error;
      // Excel measured more than the estimate: try the halves, each in its own sync.
      if (page.length > 1) {
        const half = Math.ceil(page.length / 2);
        todo.unshift(page.slice(0, half), page.slice(half));
      } else if (page[0]!.rows > 1) {
        const [a, b] = halves(page[0]!);
        todo.unshift([a], [b]);
      } else failed.push(page[0]!);
      continue;
    }
    first ??= extra;
    loaded.push(...pending.map(collect));
  }
  return { loaded, failed, first: first.value, syncs };
}
