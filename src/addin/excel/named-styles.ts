/**
 * The plan's named styles ("DMF Input", …) in an Excel workbook. A workbook may already hold some
 * of them (an earlier insert, or a copy of the sheets), and `styles.add` fails on an existing
 * name, so the work is split across the two round trips every operation has anyway: look first,
 * then add what is missing and (re)define all of them.
 */
import type { CellStyle, StyleName, WorkbookPlan } from '../../workbook/plan/index.js';
import { defineStyle } from './office-format.js';

export interface StyleProbe {
  style: CellStyle;
  existing: Excel.Style;
}

/** Round trip 1: queue a lookup of every plan style. */
export function probeStyles(context: Excel.RequestContext, styles: WorkbookPlan['styles']): StyleProbe[] {
  return (Object.values(styles) as CellStyle[]).map((style) => ({
    style,
    existing: context.workbook.styles.getItemOrNullObject(style.displayName),
  }));
}

/**
 * Round trip 2: add the missing styles and give them the plan's definition. Inserting redefines
 * existing ones too (the plan is the authority); writing results leaves them as they are, in case
 * someone restyled the workbook on purpose.
 */
export function ensureStyles(
  context: Excel.RequestContext,
  probes: readonly StyleProbe[],
  { redefineExisting }: { redefineExisting: boolean },
): void {
  for (const { style, existing } of probes) {
    const missing = existing.isNullObject;
    if (missing) context.workbook.styles.add(style.displayName);
    if (missing || redefineExisting) defineStyle(context.workbook.styles.getItem(style.displayName), style);
  }
}

/** The display name Excel knows a plan style by. */
export const styleName = (plan: Pick<WorkbookPlan, 'styles'>, name: StyleName): string =>
  plan.styles[name].displayName;
