/**
 * The register of a round: the departments asked to respond (`dmf batch --expected LIST.csv`,
 * `dmf template --departments LIST.csv`), with their official names, optional codes and aliases,
 * a contact and a group. Returns, and last round's results, are matched to it, so reports, results
 * and comparisons use the official name whatever a respondent typed.
 *
 * The file is a CSV: one column of names (the old `--expected` list), or columns with headers:
 *
 * | Header (any of, case ignored)                       | What it holds                                |
 * | --------------------------------------------------- | -------------------------------------------- |
 * | Department, Organisation, Name                      | the official name (needed)                   |
 * | Code, Codes, Abbreviation, Acronym, Short name       | codes such as "DWP" (several: split by `;` or `|`) |
 * | Alias, Aliases, Also known as, Other names, Alias 2 | other names it goes by (several: split by `;` or `|`) |
 * | Contact, Email, Contact email, Contact name         | who to chase (several columns are joined)    |
 * | Group, Parent, Ministerial department, Region, …    | a grouping for the summary                   |
 *
 * Other columns are ignored. Matching (`matchDepartment`) is by name, then code, then alias, all
 * compared by `registerKey` (case, accents, punctuation, "&"/"and", "Dept"/"Department" and a
 * leading "The" folded); failing that a close spelling (a few letters different, one candidate
 * clearly nearest) is matched *with a warning*, never silently. A name, code or alias that would
 * match two departments is refused when the register is read.
 *
 * Pure and browser-safe: the caller reads the file and passes its text.
 */
import { departmentKey } from '../moderation/consolidate.js';
import { CsvError, parseCsvRows } from './csv.js';

/** A register that cannot be used; one line naming the file (and line) and what to do. */
export class RegisterError extends Error {
  override name = 'RegisterError';
}

export interface RegisterEntry {
  /** The official name, as the register gives it: what reports, results and comparisons use. */
  name: string;
  /** Codes (e.g. "DWP"), as given. */
  codes: string[];
  /** Other names it goes by, as given. */
  aliases: string[];
  /** Who to chase for a return (the Contact/Email columns joined), or null. */
  contact: string | null;
  /** The group column (ministerial department, agency, region…), or null. */
  group: string | null;
  /** Line of the register file the entry is on (1-based), for messages. */
  line: number;
}

export interface Register {
  /** The file it was read from, as the user named it (messages). */
  file: string;
  /** In the register's order, one per department (duplicates of a name merged). */
  entries: RegisterEntry[];
  /** true when the file had named columns; false for the old one-column list. */
  hasHeader: boolean;
  /** The header of the group column as the file gives it (e.g. "Ministerial department"), or null. */
  groupHeader: string | null;
  /** registerKey of every name, code and alias → its entry and how it matches. */
  readonly index: ReadonlyMap<string, { entry: RegisterEntry; how: 'name' | 'code' | 'alias' }>;
}

export type MatchHow = 'name' | 'code' | 'alias' | 'close';

export interface RegisterMatch {
  entry: RegisterEntry;
  how: MatchHow;
  /** Only for `close`: one line saying which name was taken for which, and how to make it exact. */
  warning?: string;
}

/**
 * A name as the register compares it: the batch's department key (case, accents and widths,
 * punctuation and spaces folded), with "&" read as "and", "Dept"/"Dept." as "Department", "Govt" as
 * "Government" and a leading "The" dropped (a list is typed by hand).
 */
export function registerKey(name: string): string {
  return departmentKey(name.normalize('NFKC').replace(/&/g, ' and '))
    .replace(/\bdept\b/g, 'department')
    .replace(/\bgovt\b/g, 'government')
    .replace(/^the /, '');
}

/** A code as compared: its key without spaces, so "D.W.P." and "dwp" are one code. */
const codeKey = (code: string) => registerKey(code).replace(/ /g, '');

const HEADERS = {
  name: /^(departments?|department names?|official names?|organi[sz]ations?|organi[sz]ation names?|names?)$/,
  code: /^(codes?|department codes?|abbreviations?|acronyms?|short names?|ids?)$/,
  alias: /^(alias(es)?|also known as|aka|other names?|alternative names?|former names?)( \d+)?$/,
  contact:
    /^(contacts?|contact (email|e mail|name|person|details)|e ?mail|e mail|email address(es)?|named contact)$/,
  group:
    /^(groups?|parent|parent (department|body|organi[sz]ation)|ministerial department|department group|cluster|portfolio|region|sector|type|category)$/,
} as const;

/** Several codes or aliases in one cell. */
const splitList = (cell: string | undefined) =>
  (cell ?? '')
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Reads a register (or the old one-column list). Blank lines are skipped; a department listed twice
 * is one entry (its codes and aliases merged). Throws `RegisterError` for a list it cannot use.
 */
export function parseRegister(text: string, file: string): Register {
  let rows;
  try {
    rows = parseCsvRows(text, file).filter((r) => r.fields.some((c) => c.trim() !== ''));
  } catch (e) {
    throw e instanceof CsvError ? new RegisterError(e.message) : e;
  }
  if (!rows.length)
    throw new RegisterError(
      `${file}: no department names; put one department a line, or in a column headed "Department"`,
    );
  const header = rows[0]!.fields.map((c) => departmentKey(c));
  const nameColumn = header.findIndex((h) => HEADERS.name.test(h));
  const hasHeader = nameColumn >= 0;
  if (!hasHeader) {
    const widths = new Set(rows.map((r) => r.fields.filter((c) => c.trim() !== '').length));
    if ([...widths].some((w) => w > 1))
      throw new RegisterError(
        `${file}: several columns and none headed "Department"; head the column of department names "Department"`,
      );
  }
  const columns = (re: RegExp) => header.flatMap((h, i) => (hasHeader && re.test(h) ? [i] : []));
  const codeColumns = columns(HEADERS.code);
  const aliasColumns = columns(HEADERS.alias);
  const contactColumns = columns(HEADERS.contact);
  const groupColumn = columns(HEADERS.group)[0];

  const entries: RegisterEntry[] = [];
  const byName = new Map<string, RegisterEntry>();
  for (const row of rows.slice(hasHeader ? 1 : 0)) {
    const cells = row.fields;
    const name = (hasHeader ? cells[nameColumn] : cells.find((c) => c.trim() !== ''))?.trim() ?? '';
    const key = registerKey(name);
    if (!key) {
      if (hasHeader && cells.some((c) => c.trim() !== ''))
        throw new RegisterError(
          `${file}, line ${row.line}: no department name in the "${rows[0]!.fields[nameColumn]!.trim()}" column; give its official name or delete the line`,
        );
      continue;
    }
    const codes = codeColumns.flatMap((i) => splitList(cells[i]));
    const aliases = aliasColumns.flatMap((i) => splitList(cells[i]));
    const contact =
      contactColumns
        .map((i) => cells[i]?.trim() ?? '')
        .filter(Boolean)
        .join(', ') || null;
    const group = groupColumn !== undefined ? cells[groupColumn]?.trim() || null : null;
    const same = byName.get(key);
    if (same) {
      // The same department twice (a list pasted together): one entry, nothing lost.
      same.codes.push(...codes.filter((c) => !same.codes.includes(c)));
      same.aliases.push(...aliases.filter((a) => !same.aliases.includes(a)));
      same.contact ??= contact;
      same.group ??= group;
      continue;
    }
    const entry: RegisterEntry = { name, codes, aliases, contact, group, line: row.line };
    byName.set(key, entry);
    entries.push(entry);
  }
  if (!entries.length)
    throw new RegisterError(`${file}: the "Department" column is empty; put one department name in each row`);
  return {
    file,
    entries,
    hasHeader,
    groupHeader: groupColumn !== undefined ? rows[0]!.fields[groupColumn]!.trim() : null,
    index: buildIndex(entries, file),
  };
}

/** A register made in code from official names alone (no codes, aliases or contacts). */
export function registerOfNames(names: readonly string[], file = 'the list of departments'): Register {
  const entries: RegisterEntry[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const key = registerKey(name);
    if (!key || seen.has(key)) return;
    seen.add(key);
    entries.push({ name: name.trim(), codes: [], aliases: [], contact: null, group: null, line: i + 1 });
  });
  return { file, entries, hasHeader: false, groupHeader: null, index: buildIndex(entries, file) };
}

/**
 * Every name, code and alias → its entry. One that would stand for two departments makes
 * matching ambiguous, so the register is refused, naming both lines.
 */
function buildIndex(entries: readonly RegisterEntry[], file: string): Register['index'] {
  const index = new Map<string, { entry: RegisterEntry; how: 'name' | 'code' | 'alias' }>();
  const add = (key: string, entry: RegisterEntry, how: 'name' | 'code' | 'alias', given: string) => {
    if (!key) return;
    const other = index.get(key);
    if (other && other.entry !== entry)
      throw new RegisterError(
        `${file}, line ${entry.line}: "${given}" (${how}) would also match ${other.entry.name} (line ${other.entry.line}); ` +
          'give each department its own names and codes',
      );
    // A department's own name wins over its own alias of the same spelling.
    if (!other) index.set(key, { entry, how });
  };
  for (const e of entries) add(registerKey(e.name), e, 'name', e.name);
  for (const e of entries) for (const c of e.codes) add(codeKey(c), e, 'code', c);
  for (const e of entries) for (const a of e.aliases) add(registerKey(a), e, 'alias', a);
  return index;
}

/**
 * The register's entry for a department name as a workbook (or last round's results) gives it:
 * by official name, code or alias (exact after `registerKey`), or a close spelling with a warning.
 * A name in the form "Official name (CODE)" matches too. undefined: not on the register.
 */
export function matchDepartment(register: Register, name: string): RegisterMatch | undefined {
  const key = registerKey(name);
  if (!key) return undefined;
  const exact = register.index.get(key) ?? register.index.get(key.replace(/ /g, ''));
  if (exact) return { entry: exact.entry, how: exact.how };
  // "Department for Work and Pensions (DWP)": the name outside the brackets, or the code inside.
  const bracketed = /^(.*?)\s*[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(name.trim());
  if (bracketed) {
    const outside = register.index.get(registerKey(bracketed[1]!));
    const inside = register.index.get(codeKey(bracketed[2]!));
    if (outside && (!inside || inside.entry === outside.entry))
      return { entry: outside.entry, how: outside.how };
    if (inside && !outside) return { entry: inside.entry, how: inside.how };
  }
  return closeMatch(register, name, key);
}

/**
 * A close spelling: the nearest official name or alias within a few edits (about one in eight
 * letters, at most 3; none for names under 5 letters, where one letter makes another word), and
 * clearly nearer than any other department's. Codes are never matched loosely ("DfE" vs "DfT").
 */
function closeMatch(register: Register, given: string, key: string): RegisterMatch | undefined {
  if (key.length < 5) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 8)));
  let best: { entry: RegisterEntry; distance: number; spelling: string } | undefined;
  let runnerUp = Infinity;
  for (const [candidate, { entry, how }] of register.index) {
    if (how === 'code') continue;
    const d = boundedDistance(key, candidate, limit + 1);
    if (d > limit + 1) continue;
    if (!best || d < best.distance) {
      if (best && best.entry !== entry) runnerUp = Math.min(runnerUp, best.distance);
      best = { entry, distance: d, spelling: candidate };
    } else if (entry !== best.entry) runnerUp = Math.min(runnerUp, d);
  }
  if (!best || best.distance > limit || runnerUp <= best.distance) return undefined;
  return {
    entry: best.entry,
    how: 'close',
    warning:
      `"${given.trim()}" is not on the register ${register.file}; taken as its close spelling "${best.entry.name}" ` +
      `(line ${best.entry.line}). If that is wrong, correct the department on the workbook's "Start here" sheet; ` +
      'if it is right, add the name to the register as an alias',
  };
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent swaps) of `a` and `b`, or any
 * number above `cap` once it is certain to exceed it (so a long register is cheap to scan).
 */
export function boundedDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prevPrev[j - 2]! + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Who on the register has not returned: the entries no return was matched to, in the register's
 * order. `returned`: the entries that were matched (by object identity, as `matchDepartment` gives them).
 */
export function notReturned(register: Register, returned: Iterable<RegisterEntry>): RegisterEntry[] {
  const seen = new Set(returned);
  return register.entries.filter((e) => !seen.has(e));
}
