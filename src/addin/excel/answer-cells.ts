/**
 * Where each item's answer cell is, according to the plan: on the row carrying the item's id, the
 * first cell styled for input (the rating of a characteristic, the response of a question, the
 * judgement). This is the layout as inserted; "Check answers" uses it to take the respondent to a
 * cell the reader did not report (an unanswered item), after checking that the id is still there.
 */
import { cellAddress, type WorkbookPlan } from '../../workbook/plan/index.js';

export interface AnswerCell {
  sheet: string;
  /** 1-based row and column of the answer cell. */
  row: number;
  column: number;
  /** 1-based column of the ID cell on the same row (to verify the row still holds this item). */
  idColumn: number;
  /** As Excel shows it, e.g. "D12". */
  address: string;
}

const INPUT_STYLES = new Set(['input', 'inputLong']);

export function answerCells(plan: WorkbookPlan): ReadonlyMap<string, AnswerCell> {
  const cells = new Map<string, AnswerCell>();
  for (const sheet of plan.sheets) {
    const idRows = new Map<number, { id: string; column: number }>();
    for (const block of sheet.blocks) {
      block.cells.forEach((line, r) => {
        const first = line[0];
        if (block.column === 1 && typeof first === 'string' && first)
          idRows.set(block.row + r, { id: first, column: 1 });
      });
    }
    const inputColumn = new Map<number, number>();
    for (const { range, style } of sheet.styles) {
      if (!INPUT_STYLES.has(style)) continue;
      for (let row = range.row; row < range.row + range.rows; row++) {
        inputColumn.set(row, Math.min(inputColumn.get(row) ?? Infinity, range.column));
      }
    }
    for (const [row, { id, column: idColumn }] of idRows) {
      const column = inputColumn.get(row);
      if (column !== undefined)
        cells.set(id, { sheet: sheet.name, row, column, idColumn, address: cellAddress(row, column) });
    }
  }
  return cells;
}
