/**
 * Helpers for applying a plan through Office.js (used by src/addin; pure, so testable here).
 */
import { rangeAddress } from './address.js';
import type { CellBlock, CellContent, RangeRef } from './types.js';

/**
 * A text that Excel would not keep as typed when written through `range.formulas` or
 * `range.values`: formulas, numbers, dates, booleans, and text that already starts with a quote.
 */
function needsQuotePrefix(text: string): boolean {
  return /^[=+\-@'\s]|^\d|^\.\d|^(true|false)$/i.test(text) || /^#\w/.test(text);
}

/** One cell as Office.js `range.formulas` takes it: "=…" for formulas, a leading ' keeps text text. */
export function officeFormula(cell: CellContent): string | number | boolean | null {
  if (cell === null) return null;
  if (typeof cell === 'object') return `=${cell.formula}`;
  if (typeof cell === 'string') return needsQuotePrefix(cell) ? `'${cell}` : cell;
  return cell;
}

/**
 * The matrix for `sheet.getRange(address).formulas = matrix`. Null cells are left unchanged by
 * Office.js, which is what the plan means by null.
 */
export function officeFormulas(block: CellBlock): {
  address: string;
  formulas: (string | number | boolean | null)[][];
} {
  const range: RangeRef = {
    row: block.row,
    column: block.column,
    rows: block.cells.length,
    columns: block.cells[0]?.length ?? 0,
  };
  return { address: rangeAddress(range), formulas: block.cells.map((row) => row.map(officeFormula)) };
}

/** A plan list as Office.js `dataValidation.rule = { list: { inCellDropDown: true, source } }` takes it. */
export function officeListSource(list: readonly string[]): string {
  return list.join(',');
}
