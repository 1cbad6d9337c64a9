import { departmentKey } from '../../moderation/consolidate.js';
import { listText } from '../format.js';
import { parseRegister } from '../../round/register.js';

/**
 * The departments asked to respond (`dmf batch --expected FILE.csv`): reading the list, and
 * matching it with the departments that returned a workbook. Without a list the summary claims
 * nothing about who was asked. Pure and browser-safe: the CLI reads the file and passes its text.
 */

/**
 * A list that cannot be used; the message is one line that names the file and says what to do.
 * The list is the round's register now (src/round/register.ts), which throws this same class.
 */
export { RegisterError as ExpectedListError } from '../../round/register.js';

/**
 * A department name as it is compared with the list: accents and widths folded (NFKC), case
 * ignored, punctuation and runs of spaces treated as one space, "&" read as "and". So
 * "Department for Health & Care" matches "department for health and care.".
 */
export function departmentMatchKey(name: string): string {
  // The batch's grouping key, with "&" read as "and" (a list is typed by hand).
  return departmentKey(name.normalize('NFKC').replace(/&/g, ' and '));
}

/**
 * The official department names of a list (src/round/register.ts reads it: one column, or the
 * column headed "Department" among codes, aliases, contacts and groups). Blank lines and duplicates
 * are dropped; at least one name is needed.
 */
export function parseExpectedCsv(text: string, file: string): string[] {
  return parseRegister(text, file).entries.map((e) => e.name);
}

/** Who was asked, who returned, and who has not. */
export interface ResponseRate {
  /** e.g. "12 of the 13 departments asked to respond returned a workbook that could be read (92%). Not yet returned: A." */
  text: string;
  asked: number;
  /** Departments on the list that returned a workbook that could be read. */
  returned: number;
  /** e.g. "83%". */
  rateText: string;
  /** On the list, no workbook read: names as the list gives them, in its order. */
  missing: string[];
  /** Returned, but not on the list (a name spelt differently, or a department not asked). */
  notOnList: string[];
}

/** Matches the list with the departments read (by `departmentMatchKey`). */
export function responseRate(asked: readonly string[], returnedDepartments: readonly string[]): ResponseRate {
  const returnedKeys = new Set(returnedDepartments.map(departmentMatchKey));
  const askedKeys = new Set(asked.map(departmentMatchKey));
  const missing = asked.filter((a) => !returnedKeys.has(departmentMatchKey(a)));
  const returned = asked.length - missing.length;
  const notOnList = [...new Set(returnedDepartments.filter((d) => !askedKeys.has(departmentMatchKey(d))))];
  const rateText = asked.length ? `${Math.round((returned / asked.length) * 100)}%` : '–';
  return {
    text:
      `${returned} of the ${asked.length} ${asked.length === 1 ? 'department' : 'departments'} asked to respond ` +
      `returned a workbook that could be read (${rateText}).` +
      (missing.length === 0
        ? ''
        : missing.length <= 3
          ? ` Not yet returned: ${listText(missing)}.`
          : ` ${missing.length} have not; they are listed under Returns.`),
    asked: asked.length,
    returned,
    rateText,
    missing,
    notOnList,
  };
}
