/**
 * The framework and the workbook plan the pane works with. The plan of a blank workbook gives the
 * sheet names to read and where answer cells are; it is built once per pane session.
 */
import { builtInFramework, type Framework } from '../../framework/index.js';
import { buildPlan, type PlanOptions, type WorkbookPlan } from '../../workbook/plan/index.js';
import { answerCells, type AnswerCell } from '../excel/answer-cells.js';

export interface Layout {
  framework: Framework;
  /** A blank plan: sheet names, the Summary's table, named styles. */
  plan: WorkbookPlan;
  answerCells: ReadonlyMap<string, AnswerCell>;
  sheetNames: string[];
}

let cached: Layout | undefined;

export function layout(): Layout {
  if (!cached) {
    const framework = builtInFramework();
    const plan = buildPlan(framework, { cachedResults: false, createdAt: new Date(0).toISOString() });
    cached = { framework, plan, answerCells: answerCells(plan), sheetNames: plan.sheets.map((s) => s.name) };
  }
  return cached;
}

/** The plan to insert, with the respondent's options. */
export function planFor(options: PlanOptions): WorkbookPlan {
  return buildPlan(layout().framework, {
    generator: 'dgx-maturity Excel add-in',
    createdBy: 'Excel add-in',
    ...options,
  });
}
