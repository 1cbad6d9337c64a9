/**
 * "Calculate levels", the writing half: puts the engine's results on the Summary sheet, under the
 * formula table, and adds a chart of the profile. The chart plots the formula table itself, so it
 * stays right when answers change; the written block records what the engine said, and when.
 *
 * Everything goes in one round trip, queued after the read of `readAssessment` (which also loaded
 * {@link SummaryProbe}). A protected Summary is unprotected for the write and protected again
 * with the options it had. The block only ever replaces itself: if its place holds anything else,
 * it goes below everything on the sheet instead.
 */
import type { ScoreResult } from '../../scoring/index.js';
import type { SheetGrid } from '../../workbook/read/core.js';
import {
  NOT_ASSESSED,
  SHEET,
  SpecialId,
  cellAddress,
  officeFormula,
  rangeAddress,
  type CellValue,
  type StyleName,
  type WorkbookPlan,
} from '../../workbook/plan/index.js';
import { ensureStyles, probeStyles, type StyleProbe } from './named-styles.js';

/** The chart's name in the workbook, so a later run finds it instead of adding another. */
export const CHART_NAME = 'DMF maturity profile';
export const RESULTS_TITLE = 'Levels calculated by the add-in';
const HEADERS = ['Element', 'Level', 'Level name', 'Coverage', 'Confidence', 'Could be'] as const;
const FIRST_COLUMN = 2;

/** What the write needs to know about the Summary sheet, loaded in the read's round trip. */
export interface SummaryProbe {
  sheet: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
  chart: Excel.Chart;
  styles: StyleProbe;
}

export function probeSummary(context: Excel.RequestContext, plan: WorkbookPlan): SummaryProbe {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SHEET.summary);
  return {
    sheet,
    protection: sheet.protection.load('protected, options'),
    chart: sheet.charts.getItemOrNullObject(CHART_NAME),
    styles: probeStyles(context, plan.styles),
  };
}

export type WriteOutcome =
  { written: true; sheet: string; address: string; chartAdded: boolean } | { written: false; reason: string };

/** Rows of the Summary's formula table in the plan: its header row and its last element row. */
function summaryTable(plan: WorkbookPlan): { header: number; last: number } {
  const summary = plan.sheets.find((s) => s.name === SHEET.summary);
  let first = Infinity;
  let last = 0;
  for (const block of summary?.blocks ?? []) {
    block.cells.forEach((line, r) => {
      const id = line[0];
      if (block.column === 1 && typeof id === 'string' && id.startsWith(SpecialId.summary(''))) {
        first = Math.min(first, block.row + r);
        last = Math.max(last, block.row + r);
      }
    });
  }
  return { header: first - 1, last };
}

const isEmpty = (grid: SheetGrid, row: number, column: number) => {
  const v = grid.rows[row - 1]?.[column - 1];
  return v === undefined || v === null || v === '';
};

/** Where the block goes: its usual place if that is free or holds an earlier block, else below everything. */
function blockRow(grid: SheetGrid, usual: number, height: number): number {
  const title = grid.rows[usual - 1]?.[FIRST_COLUMN - 1];
  if (title === RESULTS_TITLE) return usual;
  for (let r = usual; r < usual + height; r++)
    for (let c = FIRST_COLUMN; c < FIRST_COLUMN + HEADERS.length; c++)
      if (!isEmpty(grid, r, c)) return grid.rows.length + 3;
  return usual;
}

const GRADE = { high: 'High', medium: 'Medium', low: 'Low' } as const;

function confidence(e: ScoreResult['elements'][number]): string {
  if (!e.assessed) return 'None: no characteristic is rated';
  const grade = GRADE[e.confidence.grade];
  return e.confidence.grade === 'high' ? grade : `${grade}: ${e.confidence.reasons.join(' ')}`;
}

/** The levels the open answers allow: "2–3", or the level alone when they cannot move it. */
function couldBe(e: ScoreResult['elements'][number]): CellValue {
  const { low, high } = e.range;
  if (low === null || high === null) return NOT_ASSESSED;
  return low === high ? low : `${low}–${high}`;
}

/** Queues the results block and the chart, then syncs (one round trip). */
export async function writeResults(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  probe: SummaryProbe,
  summaryGrid: SheetGrid | undefined,
  result: ScoreResult,
  calculatedAt: string,
): Promise<WriteOutcome> {
  if (probe.sheet.isNullObject || !summaryGrid) {
    return {
      written: false,
      reason: `The "${SHEET.summary}" sheet is missing, so the results are shown here only.`,
    };
  }
  const table = summaryTable(plan);
  const rows: { cells: CellValue[]; style: StyleName | StyleName[] }[] = [
    { cells: [RESULTS_TITLE], style: 'heading' },
    { cells: [`Calculated ${calculatedAt} from the answers on the element sheets.`], style: 'subtitle' },
    { cells: [...HEADERS], style: 'tableHeader' },
    ...result.elements.map((e) => ({
      cells: [e.title, e.level ?? NOT_ASSESSED, e.levelName ?? '', e.coverage, confidence(e), couldBe(e)],
      style: ['cell', 'computed', 'computed', 'computedPercent', 'computed', 'computed'] as StyleName[],
    })),
  ];
  const top = blockRow(summaryGrid, table.last + 3, rows.length);
  const ws = probe.sheet;
  const wasProtected = probe.protection.protected;
  const options = wasProtected ? probe.protection.options : undefined;

  if (wasProtected) ws.protection.unprotect();
  ensureStyles(context, probe.styles, { redefineExisting: false });
  rows.forEach(({ cells, style }, i) => {
    const row = top + i;
    const range = ws.getRange(rangeAddress({ row, column: FIRST_COLUMN, rows: 1, columns: cells.length }));
    const styles = Array.isArray(style) ? style : cells.map(() => style);
    styles.forEach((s, c) => {
      range.getCell(0, c).style = plan.styles[s].displayName;
    });
    range.formulas = [cells.map(officeFormula)];
  });
  const block = ws.getRange(
    rangeAddress({ row: top, column: FIRST_COLUMN, rows: rows.length, columns: HEADERS.length }),
  );
  block.format.autofitRows();

  let chartAdded = false;
  if (probe.chart.isNullObject && table.last >= table.header + 1) {
    const source = ws.getRange(
      rangeAddress({
        row: table.header,
        column: FIRST_COLUMN,
        rows: table.last - table.header + 1,
        columns: 2,
      }),
    );
    const chart = ws.charts.add('BarClustered', source, 'Columns');
    chart.name = CHART_NAME;
    chart.title.text = 'Maturity profile: computed level per element';
    chart.legend.visible = false;
    const axis = chart.axes.valueAxis;
    axis.minimum = 0;
    axis.maximum = levelsOf(result);
    axis.majorUnit = 1;
    chart.setPosition(
      cellAddress(top + rows.length + 1, FIRST_COLUMN),
      cellAddress(top + rows.length + 20, FIRST_COLUMN + HEADERS.length - 1),
    );
    chartAdded = true;
  }
  if (wasProtected) ws.protection.protect(options);
  ws.activate();
  ws.getRange(cellAddress(top, FIRST_COLUMN)).select();
  await context.sync();
  return { written: true, sheet: SHEET.summary, address: cellAddress(top, FIRST_COLUMN), chartAdded };
}

/** The number of levels on the scale (every element has the same). */
const levelsOf = (result: ScoreResult): number => result.elements[0]?.fits.length ?? 4;
