/**
 * Last round: what `--previous` names and how each department of this round finds its own previous
 * result (docs/comparisons.md, "Last round").
 *
 * `--previous` takes what a team keeps of the previous round:
 * - the previous round's **output folder** (it holds results.csv) or its **results.csv** itself:
 *   each department's computed level per element, read from the table;
 * - or its **workbooks** (files, folders or globs), read and scored as this round's are.
 *
 * A folder or CSV that yields no previous result is an error, never "0 departments" and a
 * comparison with nothing. Departments are matched through the round's register when there is one
 * (so "DWP" last round is "Department for Work and Pensions" this round), else by the batch's
 * department key (case, spaces and punctuation folded). A department with no previous result is
 * **new**: its levels are not changes.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Framework } from '../framework/index.js';
import { departmentKey } from '../moderation/consolidate.js';
import type { ReadResult } from '../workbook/read-result.js';
import { CsvError, parseCsvRows } from './csv.js';
import { matchDepartment, registerKey, type Register } from './register.js';

/** An element's level in the previous round (null: not assessed then). */
export interface PreviousElement {
  id: string;
  level: number | null;
}

/** One department's previous result. */
export interface PreviousDepartment {
  /** The name the previous round gave it. */
  department: string;
  /** Where it came from: the workbook(s), or "results.csv". */
  source: string;
  /** The previous answers' date, when a workbook gave one. */
  date: string | null;
  elements: PreviousElement[];
  /** From workbooks only: what was read (a report scores it itself). */
  read?: ReadResult;
}

/** `--previous` gave nothing to compare with, or a table that cannot be read. One line, naming the file. */
export class PreviousRoundError extends Error {
  override name = 'PreviousRoundError';
}

/** The results.csv of a batch's output folder. */
export const RESULTS_CSV = 'results.csv';

/** `--previous` arguments sorted by what they hold: results tables, and workbooks (files, folders, globs). */
export interface PreviousSources {
  /** results.csv files (given, or found at the top of a folder given). */
  tables: string[];
  /** Everything else, for the batch's input collection. */
  workbooks: string[];
}

export async function sortPreviousSources(args: readonly string[]): Promise<PreviousSources> {
  const tables: string[] = [];
  const workbooks: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isFile() && extname(arg).toLowerCase() === '.csv') tables.push(arg);
    else if (info?.isDirectory() && (await stat(join(arg, RESULTS_CSV)).catch(() => undefined))?.isFile())
      tables.push(join(arg, RESULTS_CSV));
    else workbooks.push(arg);
  }
  return { tables, workbooks };
}

const COLUMNS = { department: 'Department', element: 'Element ID', level: 'Computed level' } as const;

/**
 * The departments of a results.csv (`dmf batch`'s, any version: only the Department, Element ID and
 * Computed level columns are read). Elements this framework does not have are left out.
 */
export function parseResultsCsv(text: string, file: string, framework: Framework): PreviousDepartment[] {
  let rows;
  try {
    rows = parseCsvRows(text, file).filter((r) => r.fields.some((c) => c.trim() !== ''));
  } catch (e) {
    throw e instanceof CsvError ? new PreviousRoundError(e.message) : e;
  }
  const header = rows[0]?.fields.map((h) => h.trim()) ?? [];
  const col = (name: string) => header.indexOf(name);
  const [d, el, lv] = [col(COLUMNS.department), col(COLUMNS.element), col(COLUMNS.level)];
  if (d < 0 || el < 0 || lv < 0)
    throw new PreviousRoundError(
      `${file}: not the results.csv of a dmf batch (no "${COLUMNS.department}", "${COLUMNS.element}" and "${COLUMNS.level}" columns); ` +
        'give the previous round’s output folder, its results.csv, or its workbooks',
    );
  const top = framework.elements[0]?.levels.length ?? 0;
  const known = new Set(framework.elements.map((e) => e.id));
  const byName = new Map<string, PreviousDepartment>();
  for (const row of rows.slice(1)) {
    const department = row.fields[d]?.trim() ?? '';
    const id = row.fields[el]?.trim() ?? '';
    const raw = row.fields[lv]?.trim() ?? '';
    if (!department || !id) continue;
    let level: number | null;
    if (raw === '' || /^not assessed$/i.test(raw)) level = null;
    else {
      level = Number(raw);
      if (!Number.isInteger(level) || level < 1 || level > top)
        throw new PreviousRoundError(
          `${file}, line ${row.line}: "${raw}" is not a level (1 to ${top}, or "Not assessed"); correct it or give the previous round’s workbooks`,
        );
    }
    let entry = byName.get(department);
    if (!entry) {
      entry = { department, source: basename(file), date: null, elements: [] };
      byName.set(department, entry);
    }
    if (known.has(id)) entry.elements.push({ id, level });
  }
  if (!byName.size)
    throw new PreviousRoundError(
      `${file}: no department’s results in it; give the previous round’s output folder, its results.csv, or its workbooks`,
    );
  return [...byName.values()];
}

/** Every department of the results tables, in the order given. */
export async function readResultsTables(
  tables: readonly string[],
  framework: Framework,
): Promise<PreviousDepartment[]> {
  const out: PreviousDepartment[] = [];
  for (const file of tables) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new PreviousRoundError(
        `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); give the previous round’s results.csv`,
      );
    }
    out.push(...parseResultsCsv(text, file, framework));
  }
  return out;
}

/**
 * How a department's name is compared across rounds: through the register (its official name, so
 * codes, aliases and close spellings find it; a close spelling is reported in `warnings`), else by
 * the batch's department key. The one place matching across rounds is decided.
 */
export class RoundMatcher {
  readonly warnings: string[] = [];
  private readonly warned = new Set<string>();
  constructor(private readonly register?: Register) {}

  key(name: string): string {
    const match = this.register ? matchDepartment(this.register, name) : undefined;
    if (!match) return departmentKey(name);
    if (match.warning && !this.warned.has(name)) {
      this.warned.add(name);
      this.warnings.push(match.warning);
    }
    return `register:${registerKey(match.entry.name)}`;
  }
}

/** The previous round's departments by matching key. Two of one key: the first stands, noted in `warnings`. */
export function indexPreviousRound(
  departments: readonly PreviousDepartment[],
  matcher: RoundMatcher,
): Map<string, PreviousDepartment> {
  const byKey = new Map<string, PreviousDepartment>();
  for (const d of departments) {
    const key = matcher.key(d.department);
    const first = byKey.get(key);
    if (first)
      matcher.warnings.push(
        `previous round: "${d.department}" (${d.source}) and "${first.department}" (${first.source}) are one department; the first is compared with`,
      );
    else byKey.set(key, d);
  }
  return byKey;
}

/** What results.csv says of an element's change (the "Change" column). */
export type ElementChange =
  'new department' | 'up' | 'down' | 'same' | 'newly assessed' | 'no longer assessed' | 'not assessed';

/**
 * An element's change since the previous round. `previous` null: the department has no previous
 * result (new this round), which is not a change of any element.
 */
export function elementChange(
  level: number | null,
  previous: { elements: readonly PreviousElement[] } | null,
  elementId: string,
): { previousLevel: number | null; change: ElementChange; delta: number | null } {
  if (!previous) return { previousLevel: null, change: 'new department', delta: null };
  const before = previous.elements.find((e) => e.id === elementId)?.level ?? null;
  if (before === null)
    return { previousLevel: null, change: level === null ? 'not assessed' : 'newly assessed', delta: null };
  if (level === null) return { previousLevel: before, change: 'no longer assessed', delta: null };
  const delta = level - before;
  return { previousLevel: before, change: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same', delta };
}

/**
 * `dmf report --previous`: the refusal when the previous result is another department's. Null when
 * they are one department (or either names none, so nothing can be told).
 */
export function otherDepartmentMessage(
  current: { file: string; department: string | null },
  previous: { file: string; department: string | null },
  matcher: RoundMatcher,
): string | null {
  if (!current.department || !previous.department) return null;
  if (matcher.key(current.department) === matcher.key(previous.department)) return null;
  return `${current.file} is ${current.department} but ${previous.file} is ${previous.department}: a report compares a department with its own previous round`;
}
