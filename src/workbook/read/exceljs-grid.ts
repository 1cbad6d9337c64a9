/**
 * exceljs → {@link SheetGrid}: every cell value type exceljs produces, flattened to plain data.
 * Type-only import of exceljs: the caller owns the loaded Workbook.
 */
import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
import type { CellData, CellScalar, SheetGrid } from './grid.js';

/** exceljs' ValueType.Merge: a cell covered by a merge, whose value belongs to the master cell. */
const MERGE = 1;

function richText(v: unknown): string | undefined {
  if (typeof v === 'object' && v !== null && 'richText' in v && Array.isArray(v.richText)) {
    return v.richText
      .map((run: { text?: unknown }) => (typeof run?.text === 'string' ? run.text : ''))
      .join('');
  }
  return undefined;
}

/** A non-formula value: scalars as they are, rich text and hyperlinks as their text. */
function scalar(v: unknown): CellScalar | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: '#VALUE!' } : v;
  if (typeof v !== 'object') return String(v);
  const rich = richText(v);
  if (rich !== undefined) return rich;
  if ('error' in v) return { error: String(v.error) };
  if ('text' in v) return typeof v.text === 'string' ? v.text : (richText(v.text) ?? '');
  return null;
}

function cellData(cell: Cell): CellData {
  if (cell.type === MERGE) return null;
  const v: CellValue = cell.value;
  if (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof Date) &&
    ('formula' in v || 'sharedFormula' in v)
  ) {
    return { formula: cell.formula ?? '', result: scalar((v as { result?: unknown }).result) };
  }
  return scalar(v);
}

/** One worksheet as a grid. */
export function worksheetGrid(ws: Worksheet): SheetGrid {
  const rows: (CellData | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const line: (CellData | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      line[c - 1] = cellData(cell);
    });
    rows[r - 1] = line;
  });
  return { name: ws.name, visibility: ws.state ?? 'visible', rows };
}

/** Every worksheet of a workbook, in tab order. */
export function workbookGrids(wb: Workbook): SheetGrid[] {
  return wb.worksheets.map(worksheetGrid);
}
