/**
 * The rules of a round applied to the workbooks a batch has read: each is matched to the register
 * (official name), the returns that stand are chosen (src/round/returns.ts), agreed workbooks still
 * to settle are flagged, and the register's departments with no return are listed. The batch calls
 * this between reading and grouping; it decides, the batch writes. Pure and browser-safe.
 */
import { basenameOf } from './paths.js';
import {
  matchDepartment,
  notReturned,
  type MatchHow,
  type Register,
  type RegisterEntry,
} from './register.js';
import { resolveReturns, type SupersededWhy } from './returns.js';
import type { ReadResult } from '../workbook/read-result.js';
import { departmentKey } from '../moderation/consolidate.js';

/** A workbook read in the round. */
export interface ReadReturn {
  /** Path (unique). */
  path: string;
  sha256: string | null;
  modifiedMs: number | null;
  read: ReadResult;
}

/** How a return's department was matched to the register (in batch-log.json). */
export interface RegisterMatchLog {
  /** The register's official name, now the return's department. */
  department: string;
  how: MatchHow;
  /** The name as the workbook gave it. */
  given: string;
}

export interface RoundOutcome<T extends ReadReturn> {
  /** The returns that count, in input order, their department set to the register's official name. */
  standing: T[];
  /** Returns that do not count, each with the path that stands for it, why, and one line. */
  superseded: { item: T; by: string; why: SupersededWhy; message: string }[];
  /** By the path of a standing return: the paths it stands for and why. */
  standsFor: Map<string, { input: string; why: SupersededWhy }[]>;
  /** By path: the register match (with a register); null when the department is not on it. */
  matches: Map<string, RegisterMatchLog | null>;
  /** By path: lines to show beside the file (close spelling, not on the register, ratings to agree). */
  flags: Map<string, string[]>;
  /** Lines for the run's output, in order. */
  notes: string[];
  /** The register's departments that returned nothing that counts, in its order ([] without a register). */
  notReturned: RegisterEntry[];
}

export function applyRoundRules<T extends ReadReturn>(
  items: readonly T[],
  register?: Register,
): RoundOutcome<T> {
  const notes: string[] = [];
  const flags = new Map<string, string[]>();
  const flag = (path: string, line: string) => flags.set(path, [...(flags.get(path) ?? []), line]);
  const matches = new Map<string, RegisterMatchLog | null>();
  const matchedEntries = new Map<string, RegisterEntry>();

  // The register's official name replaces what the respondent typed, so that reports, results and
  // comparisons use it and returns that spell it differently are one department.
  const named = items.map((item) => {
    const given = item.read.meta.department?.trim();
    if (!register || !given) return item;
    const match = matchDepartment(register, given);
    if (!match) {
      matches.set(item.path, null);
      const line = `department "${given}" is not on the register ${register.file}; reported under the name given. Add it (or an alias) to the register if it was asked`;
      flag(item.path, line);
      notes.push(`${basenameOf(item.path)}: ${line}`);
      return item;
    }
    matches.set(item.path, { department: match.entry.name, how: match.how, given });
    matchedEntries.set(item.path, match.entry);
    if (match.warning) {
      flag(item.path, match.warning);
      notes.push(`${basenameOf(item.path)}: ${match.warning}`);
    }
    return { ...item, read: { ...item.read, meta: { ...item.read.meta, department: match.entry.name } } };
  });

  const decision = resolveReturns(
    named.map((n) => ({
      id: n.path,
      file: basenameOf(n.path),
      sha256: n.sha256,
      modifiedMs: n.modifiedMs,
      meta: n.read.meta,
      department: n.read.meta.department?.trim() ? departmentKey(n.read.meta.department) : null,
    })),
  );
  const standing: T[] = [];
  const superseded: RoundOutcome<T>['superseded'] = [];
  for (const n of named) {
    const s = decision.standing.get(n.path)!;
    if (s.stands) standing.push(n);
    else {
      superseded.push({ item: n, by: s.by, why: s.why, message: s.message });
      notes.push(s.message);
    }
  }
  const standsFor = new Map(
    [...decision.standsFor].map(([id, list]) => [id, list.map((x) => ({ input: x.id, why: x.why }))]),
  );
  for (const [path, list] of standsFor) {
    const copies = list.filter((x) => x.why === 'copy').length;
    const older = list.filter((x) => x.why === 'older').length;
    const moderated = list.filter((x) => x.why === 'moderated').length;
    flag(
      path,
      'stands for ' +
        [
          copies ? `${copies} identical cop${copies === 1 ? 'y' : 'ies'}` : '',
          older ? `${older} earlier version(s) by the same respondent` : '',
          moderated ? `${moderated} return(s) moderated into it` : '',
        ]
          .filter(Boolean)
          .join(', ') +
        `: ${list.map((x) => basenameOf(x.input)).join(', ')}`,
    );
  }

  // An agreed workbook whose meeting is not over: its unsettled ratings count as unanswered.
  for (const n of standing) {
    const unsettled = n.read.diagnostics.filter((d) => d.code === 'moderation-unsettled');
    if (!unsettled.length) continue;
    const total = n.read.meta.moderation
      ? n.read.meta.moderation.toAgree.filter((id) => n.read.answers.ratings[id] === undefined).length
      : 0;
    const sheets = unsettled.map((d) => d.sheet).filter(Boolean);
    const line =
      `an agreed workbook with ${total} rating(s) still to agree` +
      (sheets.length ? ` (sheets: ${sheets.join(', ')})` : '') +
      '; they count as unanswered until the moderation meeting settles them';
    flag(n.path, line);
    notes.push(`${basenameOf(n.path)}: ${line}`);
  }

  const returned = standing.flatMap((n) => {
    const e = matchedEntries.get(n.path);
    return e ? [e] : [];
  });
  return {
    standing,
    superseded,
    standsFor,
    matches,
    flags,
    notes,
    notReturned: register ? notReturned(register, returned) : [],
  };
}
