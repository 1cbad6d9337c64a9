/**
 * Reads the assessment from the open workbook: the cells become {@link SheetGrid}s and the workbook
 * reader (src/workbook/read, the same parser as `dmf score`) turns the grids into answers and
 * diagnostics. Nothing here interprets cells beyond finding where the assessment's tables are.
 *
 * Every load is bounded, because Excel on the web refuses a response over 5 MB (./payload.ts) and a
 * workbook can hold anything beside the assessment:
 * 1. One round trip in the normal case: the plan's sheets, each within a window the size of the
 *    template's largest sheet with room to spare ({@link WINDOW}), with `alsoLoad`'s requests.
 * 2. Only when the reader misses an element sheet or `_meta` (a renamed sheet) are the other
 *    sheets looked at, through the same window. A sheet with no table header ("ID" and another
 *    header of the contract) and no `_meta` marker there is not the assessment's: it is skipped
 *    and the user is told.
 * 3. A sheet of the assessment larger than the window: its ID column below the window first
 *    (one column), then only the rows that have an ID (and a few after each, where a respondent
 *    appends rows), in the columns its tables use.
 * Each round is packed into syncs by estimated size and split when Excel still refuses it
 * (./bounded-load.ts).
 */
import type { Framework } from '../../framework/index.js';
import { cellAddress } from '../../workbook/plan/address.js';
import {
  isMetaMarker,
  readGrids,
  tableHeader,
  type CellData,
  type SheetGrid,
} from '../../workbook/read/core.js';
import type { Diagnostic, ReadResult } from '../../workbook/read-result.js';
import { cleanLine } from '../../text/safe-text.js';
import { loadBlocks, type Block, type BlockLoad, type Bounds, type LoadedCells } from './bounded-load.js';
import { PAYLOAD_LIMIT_BYTES, type CellProperty } from './payload.js';

type Visibility = SheetGrid['visibility'];
const VISIBILITY: Record<string, Visibility> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

/**
 * The first look at a sheet: rows 1–200 and columns A–L. The template's largest sheet has 115 rows
 * and 8 columns; the room left covers added rows and columns and the Summary's results block.
 */
export const WINDOW = { rows: 200, columns: 12 } as const;

/** Rows read after each row with an ID below the window: rows appended to a table (row-without-id). */
export const ROWS_AFTER_ID = 10;

const CONTENT: readonly CellProperty[] = ['formulas', 'values', 'valueTypes'];

/** A value as the grid holds it, from what Office.js reports for the cell. */
function scalar(value: unknown, type: string | undefined): CellData {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (type === 'Error') return { error: String(value) };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** Loaded cells → the grid the reader takes (row 1, column A at index 0). */
export function gridOf(name: string, visibility: Visibility, blocks: readonly LoadedCells[]): SheetGrid {
  const rows: (CellData | undefined)[][] = [];
  for (const { formulas = [], values = [], valueTypes = [], rowIndex, columnIndex } of blocks) {
    formulas.forEach((line, r) => {
      const row = (rows[rowIndex + r] ??= []);
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
    });
  }
  return { name, visibility, rows };
}

export interface WorkbookReading<T> {
  /** The reader's result, with what was not read added to its diagnostics (`sheet-skipped`, `cells-not-read`). */
  result: ReadResult;
  grids: SheetGrid[];
  /** Every sheet name in tab order. */
  sheetNames: string[];
  /** What `alsoLoad` queued, loaded. */
  extra: T;
}

/** What has been read of one sheet so far. */
interface SheetRead {
  name: string;
  used: Bounds | null;
  cells: LoadedCells[];
}

const windowOf = (sheet: string): Block => ({
  sheet,
  top: 0,
  left: 0,
  rows: WINDOW.rows,
  columns: WINDOW.columns,
  properties: CONTENT,
  withinUsed: true,
});

const rowsText = (from: number, to: number) =>
  from === to
    ? `row ${from.toLocaleString('en-GB')}`
    : `rows ${from.toLocaleString('en-GB')} to ${to.toLocaleString('en-GB')}`;

/** Where the tables of a sheet's window put their IDs: the ID columns and the last column used (1-based). */
function tablesOf(grid: SheetGrid): { idColumns: Set<number>; last: number } | null {
  if (isMetaMarker(grid.rows[0])) return { idColumns: new Set([1]), last: 2 };
  const idColumns = new Set<number>();
  let last = 0;
  for (const cells of grid.rows) {
    const header = cells && tableHeader(cells);
    if (!header) continue;
    idColumns.add(header.id);
    last = Math.max(last, header.last);
  }
  return idColumns.size ? { idColumns, last } : null;
}

/** Rows (0-based) to read below the window: each row with an ID and a few after it, as bands. */
function bandsWithIds(idRows: readonly number[], bottom: number): Bounds[] {
  const bands: Bounds[] = [];
  for (const r of [...idRows].sort((a, b) => a - b)) {
    const end = Math.min(r + ROWS_AFTER_ID, bottom);
    const last = bands.at(-1);
    if (last && r <= last.top + last.rows) last.rows = Math.max(last.rows, end - last.top + 1);
    else bands.push({ top: r, left: 0, rows: end - r + 1, columns: 0 });
  }
  return bands;
}

/**
 * Loads the assessment sheets (by the plan's names) plus `alsoLoad`'s requests, in one round trip
 * when the workbook is as the template made it, and reads them. `sheetNames`: the plan's names.
 */
export async function readAssessment<T>(
  context: Excel.RequestContext,
  framework: Framework,
  sheetNames: readonly string[],
  alsoLoad: (context: Excel.RequestContext) => T,
): Promise<WorkbookReading<T>> {
  const notes: Diagnostic[] = [];
  const reads = new Map<string, SheetRead>();
  const take = (load: BlockLoad<unknown>) => {
    for (const { block, exists, used, cells } of load.loaded) {
      if (!exists) continue;
      const key = block.sheet.toLowerCase();
      const read = reads.get(key) ?? { name: block.sheet, used: used ?? null, cells: [] };
      reads.set(key, read);
      if (cells) read.cells.push(cells);
    }
    for (const block of load.failed) {
      notes.push({
        severity: 'warning',
        code: 'cells-not-read',
        message: `Sheet "${cleanLine(block.sheet)}", ${rowsText(block.top + 1, block.top + block.rows)}: not read, because Excel could not send ${block.rows === 1 ? 'it' : 'them'} to the add-in in one go (Excel on the web sends at most ${PAYLOAD_LIMIT_BYTES / 1024 / 1024} MB at a time).`,
        sheet: block.sheet,
        cell: cellAddress(block.top + 1, block.left + 1),
        fix: 'Shorten the very long texts in that row, or save the workbook and ask your analysts to run "dmf report" on it.',
      });
    }
  };

  const first = await loadBlocks(context, sheetNames.map(windowOf), (c) => ({
    all: c.workbook.worksheets.load('items/name, items/visibility'),
    extra: alsoLoad(c),
  }));
  take(first);
  const { all, extra } = first.first;
  const visibility = new Map(
    all.items.map((s) => [s.name.toLowerCase(), VISIBILITY[s.visibility] ?? 'visible']),
  );
  const order = new Map(all.items.map((s, i) => [s.name.toLowerCase(), i]));
  const gridOfRead = (r: SheetRead) =>
    gridOf(r.name, visibility.get(r.name.toLowerCase()) ?? 'visible', r.cells);
  const grids = () =>
    [...reads.values()]
      .map(gridOfRead)
      .sort((a, b) => (order.get(a.name.toLowerCase()) ?? 0) - (order.get(b.name.toLowerCase()) ?? 0));

  const missing = readGrids(framework, grids()).diagnostics.some(
    (d) => d.code === 'sheet-missing' || d.code === 'meta-missing' || d.code === 'not-an-assessment',
  );
  const others = all.items.map((s) => s.name).filter((n) => !reads.has(n.toLowerCase()));
  if (missing && others.length) {
    // A sheet was renamed (or an element's rows moved to another sheet): look at the others.
    take(await loadBlocks(context, others.map(windowOf), () => undefined));
    for (const name of others) {
      const read = reads.get(name.toLowerCase());
      if (!read || !read.used || tablesOf(gridOfRead(read))) continue;
      reads.delete(name.toLowerCase());
      notes.push({
        severity: 'info',
        code: 'sheet-skipped',
        message: `Sheet "${cleanLine(name)}" was not read: it is not part of the assessment (no table headed "ID" and no "_meta" marker in its first ${WINDOW.rows} rows).`,
        sheet: name,
        fix: 'Nothing to do, unless it holds answers: then copy them into the assessment sheet they belong to.',
      });
    }
  }

  await readBeyondWindow(context, [...reads.values()], gridOfRead, take, notes);
  const result = readGrids(framework, grids());
  result.diagnostics.push(...notes);
  return { result, grids: grids(), sheetNames: all.items.map((s) => s.name), extra };
}

/** Rounds 3 and 4: the ID columns below the window, then the rows that have an ID. */
async function readBeyondWindow(
  context: Excel.RequestContext,
  reads: readonly SheetRead[],
  gridOfRead: (r: SheetRead) => SheetGrid,
  take: (load: BlockLoad<unknown>) => void,
  notes: Diagnostic[],
): Promise<void> {
  const large: { read: SheetRead; bottom: number; idColumns: Set<number>; last: number }[] = [];
  for (const read of reads) {
    if (!read.used) continue;
    const bottom = read.used.top + read.used.rows - 1;
    const right = read.used.left + read.used.columns - 1;
    if (right >= WINDOW.columns) {
      notes.push({
        severity: 'info',
        code: 'cells-not-read',
        message: `Sheet "${cleanLine(read.name)}": columns ${cellAddress(1, WINDOW.columns + 1).replace(/\d+$/, '')} onwards were not read; the assessment's tables use columns A to ${cellAddress(1, WINDOW.columns).replace(/\d+$/, '')} at most.`,
        sheet: read.name,
        fix: 'Nothing to do, unless you moved a column of answers there: then move it back.',
      });
    }
    if (bottom < WINDOW.rows) continue;
    const tables = tablesOf(gridOfRead(read));
    if (!tables) {
      notes.push({
        severity: 'info',
        code: 'cells-not-read',
        message: `Sheet "${cleanLine(read.name)}": ${rowsText(WINDOW.rows + 1, bottom + 1)} were not read, because no table headed "ID" starts in the first ${WINDOW.rows} rows.`,
        sheet: read.name,
        fix: 'Nothing to do, unless that part holds answers: then copy them into a new template.',
      });
      continue;
    }
    large.push({ read, bottom, ...tables });
  }
  if (!large.length) return;

  // Round 3: the ID columns below the window, one column each.
  const idLoad = await loadBlocks(
    context,
    large.flatMap(({ read, bottom, idColumns }) =>
      [...idColumns].map((column) => ({
        sheet: read.name,
        top: WINDOW.rows,
        left: column - 1,
        rows: bottom - WINDOW.rows + 1,
        columns: 1,
        properties: ['values'] as const,
      })),
    ),
    () => undefined,
  );
  const idRows = new Map<SheetRead, number[]>();
  for (const { block, cells } of idLoad.loaded) {
    const read = large.find((l) => l.read.name === block.sheet)!.read;
    const list = idRows.get(read) ?? [];
    idRows.set(read, list);
    cells?.values?.forEach((row, r) => {
      const id = row[0];
      if (id !== '' && id !== null && id !== undefined) list.push(cells.rowIndex + r);
    });
  }
  take({ ...idLoad, loaded: [] });

  // Round 4: those rows, in the columns the sheet's tables use.
  const blocks: Block[] = [];
  for (const { read, bottom, last } of large) {
    const rows = idRows.get(read) ?? [];
    const bands = bandsWithIds(rows, bottom);
    for (const band of bands)
      blocks.push({
        ...band,
        sheet: read.name,
        columns: Math.min(last, WINDOW.columns),
        properties: CONTENT,
      });
    const readRows = bands.reduce((n, b) => n + b.rows, 0);
    const skipped = bottom - WINDOW.rows + 1 - readRows;
    if (skipped > 0)
      notes.push({
        severity: 'info',
        code: 'cells-not-read',
        message: `Sheet "${cleanLine(read.name)}" uses ${(bottom + 1).toLocaleString('en-GB')} rows: below row ${WINDOW.rows}, only the ${readRows.toLocaleString('en-GB')} rows with an ID (and up to ${ROWS_AFTER_ID} after each) were read; the other ${skipped.toLocaleString('en-GB')} were not.`,
        sheet: read.name,
        fix: 'Nothing to do, unless answers were typed in rows without an ID: then copy them into the rows the template provides.',
      });
  }
  // No row below the window has an ID: nothing more to read (and no empty round trip).
  if (blocks.length) take(await loadBlocks(context, blocks, () => undefined));
}
