/**
 * What an agreed workbook (`dmf moderate`) records about its making, in the hidden `_meta` sheet
 * (key `moderation`, one JSON value): the returns it was made from (file name, content hash and
 * who answered), and the characteristics left empty for the moderation meeting. In a batch the
 * agreed workbook stands for its sources (src/round/returns.ts); `dmf validate` and the batch warn
 * while ratings are still to agree.
 *
 * Compatible both ways: a workbook without the key (every template, older agreed workbooks) has no
 * record and reads as before; a reader that does not know the key ignores it. Pure and browser-safe.
 */
import { cleanLine } from '../text/safe-text.js';

/** One return an agreed workbook was made from. */
export interface ModerationSource {
  /** Its file name (no folder), as given to `dmf moderate`. */
  file: string;
  /** SHA-256 of its bytes when moderated (hex), or null when unknown. */
  sha256: string | null;
  /** The "Start here" details of who answered it (absent when not given). */
  respondent?: string;
  role?: string;
  contact?: string;
  date?: string;
}

export interface ModerationRecord {
  /** Version of this record's shape. */
  version: 1;
  /** The returns moderated, in the order given. */
  sources: ModerationSource[];
  /** Characteristic ids whose Rating cells were left empty for the meeting. */
  toAgree: string[];
}

/** The record as the `_meta` cell holds it (compact JSON; well under Excel's 32,767 characters a cell). */
export function formatModerationRecord(record: ModerationRecord): string {
  return JSON.stringify(record);
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The record in a `_meta` value, or undefined when it cannot be read (edited by hand, cut short):
 * the caller then warns that the workbook cannot say what it was made from.
 */
export function parseModerationRecord(text: string): ModerationRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || !Array.isArray(v.sources) || !Array.isArray(v.toAgree)) return undefined;
  const sources: ModerationSource[] = [];
  for (const s of v.sources as unknown[]) {
    if (!s || typeof s !== 'object') return undefined;
    const o = s as Record<string, unknown>;
    const file = str(o.file);
    if (!file) return undefined;
    const sha256 = typeof o.sha256 === 'string' && /^[0-9a-f]{64}$/.test(o.sha256) ? o.sha256 : null;
    const source: ModerationSource = { file, sha256 };
    for (const k of ['respondent', 'role', 'contact', 'date'] as const) {
      const x = str(o[k]);
      if (x) source[k] = x;
    }
    sources.push(source);
  }
  const toAgree = (v.toAgree as unknown[]).filter((id): id is string => typeof id === 'string');
  return { version: 1, sources, toAgree };
}

/** A ratings left to agree on one sheet: where they are. */
export interface UnsettledOnSheet {
  sheet: string;
  /** Rating cells as Excel shows them, e.g. "C12", in sheet order. */
  cells: string[];
  itemIds: string[];
}

/**
 * The ratings of an agreed workbook still to agree: those of `toAgree` that have no rating yet
 * ("Don't know" and "Not applicable" count as settled: the meeting chose them), grouped by sheet.
 * `where` says where an item's Rating cell is (from the reader); an item it cannot place is
 * listed under the sheet "" (its row was deleted or moved: the reader reports that on its own).
 */
export function unsettledRatings(
  record: ModerationRecord,
  rated: (itemId: string) => boolean,
  where: (itemId: string) => { sheet: string; cell: string } | undefined,
): UnsettledOnSheet[] {
  const bySheet = new Map<string, UnsettledOnSheet>();
  for (const id of record.toAgree) {
    if (rated(id)) continue;
    const at = where(id);
    const sheet = at?.sheet ?? '';
    let group = bySheet.get(sheet);
    if (!group) bySheet.set(sheet, (group = { sheet, cells: [], itemIds: [] }));
    if (at) group.cells.push(at.cell);
    group.itemIds.push(id);
  }
  return [...bySheet.values()];
}

/**
 * The reader's warning for each sheet of ratings still to agree: how many, where (at most 12 cells
 * named), and what to do. A group without a sheet is one the reader could not place.
 */
export function unsettledWarnings(
  groups: readonly UnsettledOnSheet[],
): { message: string; sheet?: string; cell?: string; itemId: string; fix: string }[] {
  const total = groups.reduce((n, g) => n + g.itemIds.length, 0);
  return groups.map((g) => {
    const n = g.itemIds.length;
    const cells =
      g.cells.length > 12
        ? `${g.cells.slice(0, 12).join(', ')} and ${g.cells.length - 12} more`
        : g.cells.join(', ');
    return {
      message: g.sheet
        ? `Sheet "${cleanLine(g.sheet)}": ${n} rating${n === 1 ? '' : 's'} still to agree after moderation (${total} in the workbook), in cell${n === 1 ? '' : 's'} ${cells}; until agreed ${n === 1 ? 'it counts' : 'they count'} as unanswered.`
        : `${n} rating${n === 1 ? '' : 's'} still to agree after moderation (${total} in the workbook) could not be found on any sheet (${g.itemIds.join(', ')}); they count as unanswered.`,
      ...(g.sheet ? { sheet: g.sheet } : {}),
      ...(g.cells[0] ? { cell: g.cells[0] } : {}),
      itemId: g.itemIds[0]!,
      fix: 'Settle them in the moderation meeting (see the Moderation sheet) and save the workbook again.',
    };
  });
}

/** One source as the record keeps it: its file name, hash and the "Start here" details given. */
export function moderationSource(
  file: string,
  sha256: string | null,
  meta: { respondent?: string; role?: string; contact?: string; date?: string },
): ModerationSource {
  const source: ModerationSource = { file, sha256 };
  for (const k of ['respondent', 'role', 'contact', 'date'] as const) {
    const v = meta[k]?.trim();
    if (v) source[k] = v;
  }
  return source;
}
