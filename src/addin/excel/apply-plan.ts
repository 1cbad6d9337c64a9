/**
 * Applies a {@link WorkbookPlan} to the open workbook through Office.js: the add-in's twin of the
 * exceljs adapter (src/workbook/exceljs), adding nothing of its own, so "Insert assessment" gives
 * the same workbook as `dmf template`.
 *
 * Two round trips: the first looks at what the workbook already holds (sheet names, named
 * styles); the second writes everything, with calculation suspended, as one request. It never
 * overwrites: if a sheet the plan needs already exists, nothing is written and the caller learns
 * which sheets are in the way.
 */
import { SHEET, officeFormula, officeListSource, rangeAddress } from '../../workbook/plan/index.js';
import type { CellBlock, SheetPlan, WorkbookPlan } from '../../workbook/plan/index.js';
import {
  applyPrintSetup,
  columnWidthPoints,
  officeColor,
  officeVisibility,
  protectionOptions,
} from './office-format.js';
import { ensureStyles, probeStyles } from './named-styles.js';
import type { HostCapabilities } from './requirements.js';

export type InsertOutcome =
  | { kind: 'inserted'; sheets: string[] }
  /**
   * Nothing was written. `existing`: the plan's sheet names already in the workbook.
   * `assessment`: the workbook already holds an assessment (its hidden `_meta` sheet is there).
   */
  | { kind: 'conflict'; existing: string[]; assessment: boolean };

/**
 * Excel on the web refuses a request over 5 MB (docs/addin-platforms.md). The insert's request is
 * estimated by {@link requestBytes} and kept under 4 MB, leaving room for what the estimate
 * cannot see (Office.js's own framing of each action).
 */
const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/** Office.js sends each queued action with its object path and ids: a generous allowance per action. */
const ACTION_OVERHEAD_BYTES = 200;

export class PlanTooLargeError extends Error {
  constructor(bytes: number) {
    super(
      `The assessment is too large to insert in one step (${Math.round(bytes / 1024)} KB; Excel accepts about ` +
        `${REQUEST_BUDGET_BYTES / 1024 / 1024} MB at once). Use "dmf template" to create the workbook instead.`,
    );
    this.name = 'PlanTooLargeError';
  }
}

/**
 * Cells whose final number format is text ("@"), by "row:column". Text goes into them as it is:
 * the format already keeps "=…" or "007" as text, and a quote prefix would be kept literally.
 */
function textCells(sheet: SheetPlan, plan: WorkbookPlan): Set<string> {
  const text = new Set<string>();
  for (const { range, style } of sheet.styles) {
    const isText = plan.styles[style].numberFormat === '@';
    for (let r = range.row; r < range.row + range.rows; r++)
      for (let c = range.column; c < range.column + range.columns; c++) {
        if (isText) text.add(`${r}:${c}`);
        else text.delete(`${r}:${c}`);
      }
  }
  return text;
}

/** A block as the matrix `range.formulas` takes (null leaves a cell untouched). */
function blockMatrix(block: CellBlock, text: ReadonlySet<string>): (string | number | boolean | null)[][] {
  return block.cells.map((line, r) =>
    line.map((cell, c) =>
      typeof cell === 'string' && text.has(`${block.row + r}:${block.column + c}`)
        ? cell
        : officeFormula(cell),
    ),
  );
}

/** Queues one sheet, in the order Excel needs: formats before text, protection and visibility last. */
function queueSheet(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  sheet: SheetPlan,
  position: number,
  capabilities: HostCapabilities,
): void {
  const ws = context.workbook.worksheets.add(sheet.name);
  ws.position = position;
  if (sheet.tabColor) ws.tabColor = officeColor(sheet.tabColor);
  ws.showGridlines = sheet.showGridLines;
  for (const col of sheet.columns) {
    const column = ws.getRangeByIndexes(0, col.column - 1, 1, 1).getEntireColumn();
    column.format.columnWidth = columnWidthPoints(col.width);
    if (col.hidden) column.columnHidden = true;
  }
  // Styles first: they carry the text number format that must be in place before text arrives.
  for (const { range, style } of sheet.styles)
    ws.getRange(rangeAddress(range)).style = plan.styles[style].displayName;
  const text = textCells(sheet, plan);
  for (const block of sheet.blocks) {
    if (!block.cells.length || !block.cells[0]!.length) continue;
    const range = {
      row: block.row,
      column: block.column,
      rows: block.cells.length,
      columns: block.cells[0]!.length,
    };
    ws.getRange(rangeAddress(range)).formulas = blockMatrix(block, text);
  }
  for (const { row, height } of sheet.rowHeights)
    ws.getRangeByIndexes(row - 1, 0, 1, 1).format.rowHeight = height;
  for (const v of sheet.validations) {
    const dv = ws.getRange(rangeAddress(v.range)).dataValidation;
    dv.ignoreBlanks = true;
    dv.rule = { list: { inCellDropDown: true, source: officeListSource(v.list) } };
    dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
    dv.errorAlert = {
      showAlert: true,
      style: v.error.style === 'stop' ? 'Stop' : 'Warning',
      title: v.error.title,
      message: v.error.message,
    };
  }
  const { rows, columns } = sheet.freeze;
  if (rows && columns) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, columns));
  else if (rows) ws.freezePanes.freezeRows(rows);
  else if (columns) ws.freezePanes.freezeColumns(columns);
  if (capabilities.pageLayout) applyPrintSetup(ws, sheet.print);
  if (sheet.protection) ws.protection.protect(protectionOptions(sheet.protection));
  if (sheet.visibility !== 'visible') ws.visibility = officeVisibility(sheet.visibility);
}

const CALCULATION_RANK: Record<SheetPlan['role'], number> = { meta: 0, element: 1, summary: 2, start: 3 };

/** The plan's sheets, those whose formulas others read first. */
export const calculationOrder = (plan: WorkbookPlan): SheetPlan[] =>
  [...plan.sheets].sort((a, b) => CALCULATION_RANK[a.role] - CALCULATION_RANK[b.role]);

const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The size of the insert's second request, as Office.js serialises it: the JSON of every value
 * the adapter hands to Excel (cell contents as `range.formulas` matrices, style names, list
 * sources, prompts, print settings) plus {@link ACTION_OVERHEAD_BYTES} per queued action. The
 * matrices are the bulk; the style definitions are counted in full.
 */
export function requestBytes(plan: WorkbookPlan): number {
  let bytes = 0;
  let actions = 0;
  const add = (value: unknown) => {
    bytes += jsonBytes(value);
    actions++;
  };
  // Each style: add + about 25 settings (font, fill, four borders, alignment, protection).
  for (const style of Object.values(plan.styles)) for (let i = 0; i < 26; i++) add(style);
  for (const sheet of plan.sheets) {
    const text = textCells(sheet, plan);
    add(sheet.name);
    for (const col of sheet.columns) add([col.column, col.width, col.hidden]);
    for (const { range, style } of sheet.styles) add([rangeAddress(range), plan.styles[style].displayName]);
    for (const block of sheet.blocks) add(blockMatrix(block, text));
    for (const row of sheet.rowHeights) add(row);
    for (const v of sheet.validations)
      add([rangeAddress(v.range), officeListSource(v.list), v.prompt, v.error]);
    add(sheet.print);
    add(sheet.protection);
  }
  return bytes + actions * ACTION_OVERHEAD_BYTES;
}

/** Inserts the assessment into the open workbook, or reports what is in the way. */
export async function insertPlan(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  capabilities: HostCapabilities,
): Promise<InsertOutcome> {
  const bytes = requestBytes(plan);
  if (bytes > REQUEST_BUDGET_BYTES) throw new PlanTooLargeError(bytes);

  // Round trip 1: what is there already?
  const sheets = context.workbook.worksheets.load('items/name');
  const styles = probeStyles(context, plan.styles);
  await context.sync();

  const present = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s.name]));
  const existing = plan.sheets.flatMap((s) => present.get(s.name.toLowerCase()) ?? []);
  if (existing.length) {
    return { kind: 'conflict', existing, assessment: present.has(SHEET.meta.toLowerCase()) };
  }

  // Round trip 2: everything, as one request, without recalculating after each write.
  context.application.suspendApiCalculationUntilNextSync();
  ensureStyles(context, styles, { redefineExisting: true });
  const props = context.workbook.properties;
  props.title = plan.properties.title;
  props.subject = plan.properties.subject;
  props.author = plan.properties.creator;
  plan.sheets.forEach((sheet, i) => queueSheet(context, plan, sheet, i, capabilities));
  const first = plan.sheets.find((s) => s.visibility === 'visible');
  if (first) context.workbook.worksheets.getItem(first.name).activate();
  // Calculation was suspended: recalculate what was written, and only that (`calculate('Full')`
  // would recalculate every open workbook). Precedents first: the Summary reads the element
  // sheets, so it comes after them; the sheets that read the Summary come last.
  for (const sheet of calculationOrder(plan))
    context.workbook.worksheets.getItem(sheet.name).getUsedRange().calculate();
  await context.sync();
  return { kind: 'inserted', sheets: plan.sheets.map((s) => s.name) };
}
