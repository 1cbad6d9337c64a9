/**
 * The list to act on: the register's departments with no return that counts, with who to chase.
 * In batch-log.json (`missing`) and as not-returned.csv in the output folder. Pure and browser-safe.
 */
import { cleanText, neutraliseFormula } from '../text/safe-text.js';
import { csvField } from './csv.js';

/** One department asked that has not returned (as batch-log.json `missing` lists it). */
export interface MissingDepartment {
  /** The register's official name. */
  department: string;
  codes: string[];
  /** The register's contact, or null when it gives none. */
  contact: string | null;
  /** The register's group column, or null. */
  group: string | null;
}

/** Column headers of not-returned.csv (a contract: extended, never renamed). */
export const NOT_RETURNED_COLUMNS = ['Department', 'Code', 'Contact', 'Group'] as const;

/**
 * not-returned.csv: a header and one row per department, UTF-8 with a byte order mark (so Excel
 * reads accents), CRLF; text from the register is made safe for spreadsheets (no formulas).
 */
export function notReturnedCsv(missing: readonly MissingDepartment[]): string {
  const cell = (v: string | null) => csvField(neutraliseFormula(cleanText(v ?? '')));
  const rows = [
    NOT_RETURNED_COLUMNS.join(','),
    ...missing.map((m) => [m.department, m.codes.join('; '), m.contact, m.group].map(cell).join(',')),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The end of a run's output: who has not returned, one line each with the contact. */
export function notReturnedLines(missing: readonly MissingDepartment[], asked: number): string[] {
  if (!missing.length) return asked ? [`Every one of the ${asked} department(s) asked has returned.`] : [];
  return [
    `Not returned: ${missing.length} of the ${asked} department(s) asked (also in not-returned.csv):`,
    ...missing.map(
      (m) => `  ${m.department}${m.contact ? ` — ${m.contact}` : ' — no contact on the register'}`,
    ),
  ];
}
