import { departmentKey } from '../../moderation/consolidate.js';
import { listText } from '../format.js';

/**
 * The departments asked to respond (`dmf batch --expected FILE.csv`): reading the list, and
 * matching it with the departments that returned a workbook. Without a list the summary claims
 * nothing about who was asked. Pure and browser-safe: the CLI reads the file and passes its text.
 */

/** A list that cannot be used; the message is one line that names the file and says what to do. */
export class ExpectedListError extends Error {
  override name = 'ExpectedListError';
}

/**
 * A department name as it is compared with the list: accents and widths folded (NFKC), case
 * ignored, punctuation and runs of spaces treated as one space, "&" read as "and". So
 * "Department for Health & Care" matches "department for health and care.".
 */
export function departmentMatchKey(name: string): string {
  // The batch's grouping key, with "&" read as "and" (a list is typed by hand).
  return departmentKey(name.normalize('NFKC').replace(/&/g, ' and '));
}

/** Header cells that name the column of department names. */
const HEADER = /^(departments?|department names?|organi[sz]ations?|organi[sz]ation names?|names?)$/;

/**
 * The department names in a CSV file: one column, or the column headed "Department" (or
 * "Organisation", "Name"). Takes a UTF-8 byte order mark, quoted fields (with commas, quotes and
 * line breaks inside), CRLF or LF line ends, and semicolons or tabs instead of commas (as some
 * spreadsheets save). Blank lines and duplicates are dropped; at least one name is needed.
 */
export function parseExpectedCsv(text: string, file: string): string[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), file).filter((r) => r.some((c) => c.trim() !== ''));
  if (!rows.length)
    throw new ExpectedListError(
      `${file}: no department names; put one department a line, or in a column headed "Department"`,
    );
  const header = rows[0]!.map((c) => departmentMatchKey(c));
  let column = header.findIndex((h) => HEADER.test(h));
  const hasHeader = column >= 0;
  if (!hasHeader) {
    const widths = new Set(rows.map((r) => r.filter((c) => c.trim() !== '').length));
    if ([...widths].some((w) => w > 1))
      throw new ExpectedListError(
        `${file}: several columns and none headed "Department"; head the column of department names "Department"`,
      );
    column = 0;
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(hasHeader ? 1 : 0)) {
    const name = (hasHeader ? row[column] : row.find((c) => c.trim() !== ''))?.trim() ?? '';
    const key = departmentMatchKey(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  if (!names.length)
    throw new ExpectedListError(
      `${file}: the "Department" column is empty; put one department name in each row`,
    );
  return names;
}

/** RFC 4180 fields, with the delimiter guessed from the first line (comma, semicolon or tab). */
function parseCsv(text: string, file: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(',')
    ? ','
    : firstLine.includes(';')
      ? ';'
      : firstLine.includes('\t')
        ? '\t'
        : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted)
    throw new ExpectedListError(
      `${file}, line ${quoteLine}: a quoted name is never closed; add the closing quote (")`,
    );
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
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
