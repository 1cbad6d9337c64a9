/**
 * The plan's named styles ("DMF Input", …) in an Excel workbook. A workbook may already hold some
 * of them (an earlier insert, or a copy of the sheets), and `styles.add` fails on an existing
 * name, so the work is split across the two round trips every operation has anyway: look first,
 * then add what is missing and (re)define all of them.
 *
 * The look is a load of every style's name (`styles.load('items/name')`, ExcelApi 1.7), not
 * `styles.getItemOrNullObject`, which needs ExcelApi 1.14 while the add-in promises to run on
 * ExcelApi 1.8 (see docs/addin-platforms.md).
 */
import type { CellStyle, StyleName, WorkbookPlan } from '../../workbook/plan/index.js';
import { defineStyle } from './office-format.js';

export interface StyleProbe {
  styles: CellStyle[];
  /** The workbook's styles, their names loaded by the first round trip. */
  existing: Excel.StyleCollection;
}

/** Round trip 1: queue a load of the names of the workbook's styles. */
export function probeStyles(context: Excel.RequestContext, styles: WorkbookPlan['styles']): StyleProbe {
  return {
    styles: Object.values(styles) as CellStyle[],
    existing: context.workbook.styles.load('items/name'),
  };
}

/**
 * Round trip 2: add the missing styles and give them the plan's definition. Inserting redefines
 * existing ones too (the plan is the authority); writing results leaves them as they are, in case
 * someone restyled the workbook on purpose.
 */
export function ensureStyles(
  context: Excel.RequestContext,
  probe: StyleProbe,
  { redefineExisting }: { redefineExisting: boolean },
): void {
  // Excel compares style names without regard to case.
  const present = new Set(probe.existing.items.map((s) => s.name.toLowerCase()));
  for (const style of probe.styles) {
    const missing = !present.has(style.displayName.toLowerCase());
    if (missing) context.workbook.styles.add(style.displayName);
    if (missing || redefineExisting) defineStyle(context.workbook.styles.getItem(style.displayName), style);
  }
}

/** The display name Excel knows a plan style by. */
export const styleName = (plan: Pick<WorkbookPlan, 'styles'>, name: StyleName): string =>
  plan.styles[name].displayName;
