/**
 * One return per respondent: which of the workbooks read in a round stand, and which are
 * superseded (docs/moderation.md, "Which returns count"). Three rules, in this order:
 *
 * 1. **Identical copies** (same SHA-256 of the bytes, e.g. "Return (1).xlsx" saved twice from an
 *    email) count once: the first in input order stands, the copies are named.
 * 2. **An agreed workbook stands for its sources**: `dmf moderate` records the returns it was made
 *    from (src/round/moderation-record.ts). A return whose content is one of them is superseded; so
 *    is another version from the same respondent of the same department (it changed after the
 *    moderation, which is said).
 * 3. **The same respondent returning again**: within one department, returns by the same person
 *    (same name, or same contact; the role only when neither gives a name or contact) are versions
 *    of one return. The newest stands — by the date they gave on "Start here", then by the file's
 *    modification time, then the later in input order — and the older are superseded.
 *
 * Only the returns left standing are consolidated: different people. Pure and browser-safe.
 */
import { departmentKey } from '../moderation/consolidate.js';
import type { WorkbookMeta } from '../workbook/read-result.js';

/** A workbook that could be read, as the round rules need it. */
export interface RoundReturn {
  /** Its path or any unique id; messages use `file`. */
  id: string;
  /** The file name shown to people. */
  file: string;
  /** SHA-256 of its bytes, or null when unknown (never matched as a copy). */
  sha256: string | null;
  /** The file's modification time (ms since 1970), or null when unknown. */
  modifiedMs: number | null;
  meta: WorkbookMeta;
  /**
   * The department it belongs to, as compared (the register's official name when there is one);
   * null when the workbook names none (it is then never a version of another).
   */
  department: string | null;
}

export type SupersededWhy = 'copy' | 'moderated' | 'older';

export type Standing =
  | { stands: true }
  | {
      stands: false;
      /** The id of the return that stands for it. */
      by: string;
      why: SupersededWhy;
      /** One line for the run's output and the log. */
      message: string;
    };

export interface RoundDecision {
  /** By return id. */
  standing: Map<string, Standing>;
  /** By the id of a standing return: the returns it stands for, and why. */
  standsFor: Map<string, { id: string; why: SupersededWhy }[]>;
}

/** A name or contact as compared: case, accents, punctuation and spaces folded. */
const personKey = (s: string | undefined) => (s ? departmentKey(s) : '');

/**
 * A date as a respondent types it on "Start here": ISO (2026-03-02, also with a time), or day
 * first as in the UK (2/3/2026, 02-03-26, 2.3.2026). Anything else: undefined.
 */
export function givenDate(text: string | undefined): number | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    return utc(year, +m[2]!, +m[1]!);
  }
  return undefined;
}

function utc(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Decides which returns stand. `returns` in input order. */
export function resolveReturns(returns: readonly RoundReturn[]): RoundDecision {
  const standing = new Map<string, Standing>(returns.map((r) => [r.id, { stands: true }]));
  const byId = new Map(returns.map((r) => [r.id, r]));
  const supersede = (r: RoundReturn, by: RoundReturn, why: SupersededWhy, message: string) =>
    standing.set(r.id, { stands: false, by: by.id, why, message });
  const stands = (r: RoundReturn) => standing.get(r.id)!.stands;

  // 1. Identical copies: the one whose name does not look like a copy stands, else the first.
  const byHash = new Map<string, RoundReturn[]>();
  for (const r of returns) if (r.sha256) byHash.set(r.sha256, [...(byHash.get(r.sha256) ?? []), r]);
  for (const same of byHash.values()) {
    if (same.length < 2) continue;
    const original = same.find((r) => !looksLikeCopy(r.file)) ?? same[0]!;
    for (const r of same)
      if (r !== original)
        supersede(r, original, 'copy', `${r.file}: an identical copy of ${original.file}, counted once`);
  }

  // 2. Agreed workbooks stand for their sources (a later agreed workbook may list an earlier one).
  for (const agreed of returns) {
    const record = agreed.meta.moderation;
    if (!record || !stands(agreed)) continue;
    for (const source of record.sources) {
      const sameContent = returns.filter((r) => r !== agreed && source.sha256 && r.sha256 === source.sha256);
      const sameDepartment = agreed.department;
      const samePerson = returns.filter(
        (r) =>
          r !== agreed &&
          !r.meta.moderation &&
          !sameContent.includes(r) &&
          sameDepartment !== null &&
          r.department === sameDepartment &&
          samePersonAs(r.meta, source),
      );
      for (const r of sameContent)
        if (stands(r))
          supersede(r, agreed, 'moderated', `${r.file}: moderated into ${agreed.file}, which stands for it`);
      for (const r of samePerson)
        if (stands(r))
          supersede(
            r,
            agreed,
            'moderated',
            `${r.file}: the same respondent as ${source.file}, moderated into ${agreed.file}, which stands for it ` +
              `(this file is not the version moderated: if it is a correction made since, moderate again)`,
          );
    }
  }

  // 3. The same respondent again: the newest version stands.
  const remaining = returns.filter((r) => stands(r) && r.department !== null);
  const byDepartment = new Map<string, RoundReturn[]>();
  for (const r of remaining) byDepartment.set(r.department!, [...(byDepartment.get(r.department!) ?? []), r]);
  for (const group of byDepartment.values()) {
    for (const versions of samePersonClusters(group)) {
      if (versions.length < 2) continue;
      const newest = versions.reduce((a, b) => (newer(b, a, returns) ? b : a));
      for (const r of versions)
        if (r !== newest) supersede(r, newest, 'older', `${r.file}: ${whyOlder(r, newest)}`);
    }
  }

  const standsFor = new Map<string, { id: string; why: SupersededWhy }[]>();
  for (const [id, s] of standing) {
    if (s.stands) continue;
    // A copy of a superseded file is represented by what stands for the file it copies.
    let by = s.by;
    for (let hops = 0; hops < returns.length; hops++) {
      const next = standing.get(by);
      if (!next || next.stands) break;
      by = next.by;
    }
    if (!byId.has(by)) continue;
    standsFor.set(by, [...(standsFor.get(by) ?? []), { id, why: s.why }]);
  }
  return { standing, standsFor };
}

/** "Return (1).xlsx", "Return - Copy.xlsx", "Copy of Return.xlsx": names that saving twice gives. */
const looksLikeCopy = (file: string) =>
  /\(\d+\)(\.[^.]*)?$|[ _-]+copy( \(\d+\))?(\.[^.]*)?$|^copy (\(\d+\) )?of /i.test(file);

/** Who answered, as compared: an agreed workbook is "the moderation" of its department. */
function identities(meta: WorkbookMeta): { name: string; contact: string; role: string } {
  if (meta.moderation) return { name: '\u0000moderated', contact: '', role: '' };
  return { name: personKey(meta.respondent), contact: personKey(meta.contact), role: personKey(meta.role) };
}

function samePersonAs(
  meta: WorkbookMeta,
  other: { respondent?: string; contact?: string; role?: string },
): boolean {
  const a = identities(meta);
  const b = {
    name: personKey(other.respondent),
    contact: personKey(other.contact),
    role: personKey(other.role),
  };
  if ((a.name && a.name === b.name) || (a.contact && a.contact === b.contact)) return true;
  // The role says who only when neither gives a name or a contact.
  return !a.name && !a.contact && !b.name && !b.contact && a.role !== '' && a.role === b.role;
}

/** Returns of one department grouped by person (same name or same contact join a group). */
function samePersonClusters(group: readonly RoundReturn[]): RoundReturn[][] {
  const parent = group.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < group.length; i++)
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i]!.meta;
      const b = group[j]!.meta;
      const same = a.moderation || b.moderation ? !!a.moderation && !!b.moderation : samePersonAs(a, b);
      if (same) parent[find(i)] = find(j);
    }
  const clusters = new Map<number, RoundReturn[]>();
  group.forEach((r, i) => clusters.set(find(i), [...(clusters.get(find(i)) ?? []), r]));
  return [...clusters.values()];
}

/** true when `a` is newer than `b`: the date given, then the file's time, then input order. */
function newer(a: RoundReturn, b: RoundReturn, order: readonly RoundReturn[]): boolean {
  const da = givenDate(a.meta.date);
  const db = givenDate(b.meta.date);
  if (da !== undefined && db !== undefined && da !== db) return da > db;
  if (a.modifiedMs !== null && b.modifiedMs !== null && a.modifiedMs !== b.modifiedMs)
    return a.modifiedMs > b.modifiedMs;
  return order.indexOf(a) > order.indexOf(b);
}

function whyOlder(older: RoundReturn, newest: RoundReturn): string {
  const who = older.meta.moderation
    ? 'an earlier agreed workbook of the same department'
    : `an earlier return by the same respondent${older.meta.respondent?.trim() ? ` (${older.meta.respondent.trim()})` : ''}`;
  const d1 = givenDate(older.meta.date);
  const d2 = givenDate(newest.meta.date);
  const because =
    d1 !== undefined && d2 !== undefined && d1 !== d2
      ? `dated ${iso(d1)}, against ${iso(d2)}`
      : older.modifiedMs !== null && newest.modifiedMs !== null && older.modifiedMs !== newest.modifiedMs
        ? 'the same date given, or none; older file'
        : 'nothing tells them apart by date; the later in input order is taken';
  return `${who}; superseded by ${newest.file} (${because})`;
}
