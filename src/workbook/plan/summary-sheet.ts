/** "Summary": every element's computed level, coverage and own judgement, as formulas. */
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
