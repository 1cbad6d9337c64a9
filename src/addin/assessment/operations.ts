/**
 * What the task pane's buttons do, without the pane: each operation is one `Excel.run` (so one
 * request context) and returns plain data for the pane to show. Tests drive these directly
 * against the Excel API double; the browser test drives them through the pane.
 */
import { score, validateAnswers, type ScoreResult } from '../../scoring/index.js';
import type { ReadResult } from '../../workbook/read-result.js';
import { blockingDiagnostic } from '../../workbook/read/core.js';
import { SHEET, type PlanOptions } from '../../workbook/plan/index.js';
import { insertPlan, type InsertOutcome } from '../excel/apply-plan.js';
import { goToCell } from '../excel/navigate.js';
import { readAssessment } from '../excel/read-workbook.js';
import type { HostCapabilities } from '../excel/requirements.js';
import { probeSummary, writeResults, type WriteOutcome } from '../excel/write-results.js';
import { checkAnswers, type CheckReport, type Place } from './check-answers.js';
import type { ExcelRun } from './excel-run.js';
import { layout, planFor } from './plan-cache.js';

export type { InsertOutcome } from '../excel/apply-plan.js';

/** The workbook cannot be scored (not an assessment, another framework, …): says why. */
export class UnreadableWorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableWorkbookError';
  }
}

export function insertAssessment(
  run: ExcelRun,
  options: PlanOptions,
  capabilities: HostCapabilities,
): Promise<InsertOutcome> {
  const plan = planFor(options);
  return run((context) => insertPlan(context, plan, capabilities));
}

export function checkWorkbook(run: ExcelRun): Promise<CheckReport> {
  const { framework, sheetNames, answerCells } = layout();
  return run(async (context) => {
    const { result, grids } = await readAssessment(context, framework, sheetNames, () => undefined);
    return checkAnswers(framework, result, grids, answerCells);
  });
}

export interface Calculation {
  read: ReadResult;
  result: ScoreResult;
  write: WriteOutcome;
}

/**
 * Reads the answers, scores them with the engine and writes the results to the Summary sheet:
 * one read and one write round trip (plus one read if a sheet was renamed).
 */
export function calculateLevels(run: ExcelRun, now: Date = new Date()): Promise<Calculation> {
  const { framework, plan, sheetNames } = layout();
  return run(async (context) => {
    const reading = await readAssessment(context, framework, sheetNames, (c) => probeSummary(c, plan));
    const blocking = blockingDiagnostic(reading.result);
    if (blocking) throw new UnreadableWorkbookError(blocking.message);
    const answers = validateAnswers(framework, reading.result.answers);
    const result = score(framework, answers);
    const summary = reading.grids.find(
      (g) => g.name.toLowerCase() === plan.sheets.find((s) => s.role === 'summary')?.name.toLowerCase(),
    );
    const stamp = now.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
    // The levels are computed: a write Excel refuses (a Summary protected with a password, a
    // read-only workbook) must not hide them. The pane shows them and says why they were not written.
    let write: WriteOutcome;
    try {
      write = await writeResults(context, plan, reading.extra, summary, result, stamp);
    } catch (error) {
      write = { written: false, reason: writeFailure(error) };
    }
    return { read: reading.result, result, write };
  });
}

/** Why Excel refused the results block, in plain English, with Excel's code for a support call. */
export function writeFailure(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : undefined;
  const why =
    code === 'InvalidArgument' || code === 'AccessDenied' || code === 'InvalidOperation'
      ? `the ${SHEET.summary} sheet is protected with a password, or the workbook cannot be changed. ` +
        `Unprotect the ${SHEET.summary} sheet (Review > Unprotect Sheet) and calculate again to keep them in the workbook.`
      : `Excel refused the change. Calculate again to try once more.`;
  return `The levels above were calculated but not written to the workbook: ${why}${code ? ` (Excel error: ${code})` : ''}`;
}

/** Reads the workbook for the Word report (one round trip). */
export function readForReport(run: ExcelRun): Promise<ReadResult> {
  const { framework, sheetNames } = layout();
  return run(async (context) => {
    const { result } = await readAssessment(context, framework, sheetNames, () => undefined);
    const blocking = blockingDiagnostic(result);
    if (blocking) throw new UnreadableWorkbookError(blocking.message);
    return result;
  });
}

export function goTo(run: ExcelRun, place: Place): Promise<void> {
  return run((context) => goToCell(context, place.sheet, place.cell));
}
