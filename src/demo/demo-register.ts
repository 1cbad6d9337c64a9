/**
 * The demo's register of the round: the fictional departments asked to respond (with a code, the
 * contact asked and a group), and one more that has not returned — so the demo shows the response
 * rate, not-returned.csv and the list printed at the end of the run.
 */
import { csvField } from '../round/csv.js';
import type { FictionalDepartment } from './fictional-government.js';

/** The department the demo asks but that never returns a workbook. */
export const DEMO_NOT_RETURNED = {
  department: 'Office for Public Records (fictional)',
  contact: 'records.lead@example.gov',
} as const;

/** The register as a CSV file (what a central team keeps), in the departments' order. */
export function demoRegisterCsv(
  departments: readonly Pick<FictionalDepartment, 'department' | 'contact'>[],
): string {
  const group = (name: string) =>
    /^(Ministry|Department)\b/.test(name) ? 'Ministerial department' : 'Agency or office';
  const rows = [...departments, DEMO_NOT_RETURNED].map((d, i) =>
    [d.department, `D${String(i + 1).padStart(2, '0')}`, d.contact, group(d.department)]
      .map(csvField)
      .join(','),
  );
  return `Department,Code,Contact,Group\n${rows.join('\n')}\n`;
}
