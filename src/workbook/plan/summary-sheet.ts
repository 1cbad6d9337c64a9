/**
 * "Summary": every element's computed level, coverage and own judgement, as formulas, and a note
 * saying where the range, confidence grade and borderline are found.
 */
import type { Framework } from '../../framework/index.js';
import type { ScoreResult } from '../../scoring/index.js';
import { HEADER, NOT_ASSESSED, SHEET, SpecialId } from '../contract.js';
import { sheetPrefix } from './address.js';
import type { ElementCells } from './element-sheet.js';
import { blankSafeRef } from './formulas.js';
import { printSetup, protection } from './layout.js';
import { SheetBuilder } from './sheet-builder.js';
import type { CellContent, CellStyle, FormulaCell, SheetPlan, StyleName } from './types.js';

const withResult = (formula: string, result: CellContent | undefined): FormulaCell =>
  result === undefined || result === null || typeof result === 'object' ? { formula } : { formula, result };

/** Under the table: what the formulas do not give, and where to find it. */
export const SUMMARY_NOTE =
  'These formulas give the level only. How sure each level is (confidence high, medium or low), how far ' +
  'it could move if the unanswered and "Don\'t know" characteristics were answered, and which ratings ' +
  'are borderline come from the scoring tool: "Calculate levels" in the add-in, "dmf score" on this ' +
  'workbook, or the report.';

export function summarySheet(
  framework: Framework,
  styles: Record<StyleName, CellStyle>,
  cells: readonly ElementCells[],
  cached: ScoreResult | null,
  footer: string,
): SheetPlan {
  const s = new SheetBuilder(
    SHEET.summary,
    [
      { column: 1, width: 13, hidden: true },
      { column: 2, width: 45, hidden: false },
      { column: 3, width: 15, hidden: false },
      { column: 4, width: 32, hidden: false },
      { column: 5, width: 11, hidden: false },
      { column: 6, width: 32, hidden: false },
    ],
    styles,
  );
  s.line([null, ['Summary', 'title']]);
  s.line([
    null,
    [
      'Computed from the element sheets by formulas; nothing to fill in here. "Not assessed" means no ' +
        'characteristic of the element has a rating yet.',
      'subtitle',
    ],
  ]);
  s.gap();
  const header = s.line([
    [HEADER.id, 'tableHeader'],
    [HEADER.element, 'tableHeader'],
    [HEADER.computedLevel, 'tableHeader'],
    [HEADER.levelName, 'tableHeader'],
    [HEADER.coverage, 'tableHeader'],
    [HEADER.ownJudgement, 'tableHeader'],
  ]);
  framework.elements.forEach((e, i) => {
    const c = cells[i]!;
    const ref = (cell: string) => `${sheetPrefix(c.sheetName)}${cell}`;
    const result = cached?.elements[i];
    s.line([
      [SpecialId.summary(e.id), 'id'],
      [e.title, 'cell'],
      [withResult(ref(c.level), result ? (result.level ?? NOT_ASSESSED) : undefined), 'computed'],
      [withResult(blankSafeRef(ref(c.levelName)), result ? (result.levelName ?? '') : undefined), 'computed'],
      [withResult(ref(c.coverage), result?.coverage), 'computedPercent'],
      [
        withResult(blankSafeRef(ref(c.judgement)), result ? (result.ownJudgement.name ?? '') : undefined),
        'computed',
      ],
    ]);
  });
  // The range, grade and borderline need every completion of the open items: the engine computes
  // them (docs/scoring.md), not these formulas. Say where to find them.
  s.gap();
  s.line([null, [SUMMARY_NOTE, 'note']]);
  return s.build({
    role: 'summary',
    elementId: null,
    visibility: 'visible',
    tabColor: 'FF1F3864',
    freeze: { rows: header, columns: 0 },
    print: printSetup({ from: header, to: header }, footer),
    protection: protection(),
  });
}
