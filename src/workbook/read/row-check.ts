/**
 * Does a row still show what its hidden ID says? Compares a row's visible Ref and text with the
 * framework's for its id, so that answers moved away from their ID (the visible columns sorted
 * without the hidden ID column, cut and pasted, dragged, shifted by inserted or deleted cells) are
 * reported instead of being read under another item's id.
 *
 * Tolerant of what does not change the meaning: case, spaces and punctuation, and a respondent's
 * small edits of the text. Strict about a row that shows another item's reference or text.
 * The framework's texts are normalised once per framework (a WeakMap), and a row costs one
 * normalisation and, only when its text is not the expected one, a banded edit distance.
 */
import type { Framework } from '../../framework/index.js';
import { SpecialId } from '../contract.js';
import { rowLabels, type RowLabel } from '../plan/row-labels.js';

/** Text as compared: NFKC, lower case, letters and digits only, separated by single spaces. */
export function normaliseRowText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A reference as compared: no spaces, lower case ("q1a"). */
const normaliseRef = (ref: string) => ref.replace(/\s+/g, '').toLowerCase();

interface Expected extends RowLabel {
  /** normaliseRowText(text) */
  norm: string;
  /** normaliseRef(ref) */
  refKey: string;
  /** Ids sharing the same table kind and scope, for "another item's ref": the element, or "field". */
  scope: string;
}

interface Expectations {
  byId: Map<string, Expected>;
  /** Normalised text → the ids showing it (texts are not guaranteed unique). */
  idsByText: Map<string, string[]>;
  /** `${scope}\u0000${refKey}` → id. */
  idByRef: Map<string, string>;
}

const cache = new WeakMap<Framework, Expectations>();

function expectations(framework: Framework): Expectations {
  const cached = cache.get(framework);
  if (cached) return cached;
  const scopeOf = new Map<string, string>();
  for (const e of framework.elements) {
    for (const l of e.levels) for (const c of l.characteristics) scopeOf.set(c.id, e.id);
    for (const q of e.questions) {
      scopeOf.set(q.id, e.id);
      for (const s of q.subQuestions) scopeOf.set(s.id, e.id);
    }
    scopeOf.set(SpecialId.judgement(e.id), e.id);
    scopeOf.set(SpecialId.rationale(e.id), e.id);
  }
  const made: Expectations = { byId: new Map(), idsByText: new Map(), idByRef: new Map() };
  for (const [id, label] of rowLabels(framework)) {
    const expected: Expected = {
      ...label,
      norm: normaliseRowText(label.text),
      refKey: normaliseRef(label.ref),
      scope: scopeOf.get(id) ?? 'field',
    };
    made.byId.set(id, expected);
    const same = made.idsByText.get(expected.norm);
    if (same) same.push(id);
    else made.idsByText.set(expected.norm, [id]);
    if (expected.refKey) made.idByRef.set(`${expected.scope}\u0000${expected.refKey}`, id);
  }
  cache.set(framework, made);
  return made;
}

/**
 * True when a and b are at most `limit` single-character edits apart (Levenshtein), computed in a
 * band of width 2·limit+1: O(length · limit), and early out when the lengths alone differ too much.
 */
export function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (a === b) return true;
  const n = b.length;
  const big = limit + 1;
  let previous = new Array<number>(n + 1);
  let current = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j <= limit ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(n, i + limit);
    current.fill(big);
    current[0] = i <= limit ? i : big;
    let best = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j - 1]! + cost, previous[j]! + 1, current[j - 1]! + 1, big);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return false;
    [previous, current] = [current, previous];
  }
  return previous[n]! <= limit;
}

/**
 * Edits tolerated in a text of `length` characters: about one character in ten, at least two;
 * none in a short label ("Role" and "Date" are three edits apart).
 */
const tolerance = (length: number) => (length < 12 ? 0 : Math.max(2, Math.floor(length / 10)));

/**
 * What a row shows, as read from its Ref and text cells ('' when empty or absent). Text cells are
 * passed as they are (no cleaning): an exact match with the plan's text needs no more work.
 */
export interface ShownRow {
  ref: string;
  text: string;
  /** false when the table has no such column: that side cannot be checked. */
  hasRef: boolean;
  hasText: boolean;
}

export type RowVerdict =
  /** The row shows its own item (or nothing can be checked). */
  | { kind: 'ok' }
  /** The row shows another item's reference or text: its answers belong to that item, probably. */
  | { kind: 'other'; otherId: string; expected: RowLabel }
  /** The row shows a text that is no item's, or nothing at all: what the answers are for is unclear. */
  | { kind: 'changed'; expected: RowLabel }
  | { kind: 'blank'; expected: RowLabel };

/** Checks one row carrying `id`; `ok` for ids the plan does not label (computed rows, unknown ids). */
export function checkRow(framework: Framework, id: string, shown: ShownRow): RowVerdict {
  const { byId, idsByText, idByRef } = expectations(framework);
  const expected = byId.get(id);
  if (!expected) return { kind: 'ok' };
  // The common case, without normalising anything: the row shows exactly what the plan wrote.
  if (
    (!shown.hasText || shown.text === expected.text) &&
    (!shown.hasRef || !expected.refKey || shown.ref === expected.ref) &&
    (shown.hasText || shown.hasRef)
  )
    return { kind: 'ok' };
  const label = { ref: expected.ref, text: expected.text };

  let refOther: string | undefined;
  let refOk = false;
  if (shown.hasRef && expected.refKey) {
    const ref = normaliseRef(shown.ref);
    refOk = ref === expected.refKey || sameNumber(ref, expected.refKey);
    if (ref && !refOk) refOther = idByRef.get(`${expected.scope}\u0000${ref}`) ?? '';
  }

  let textOk = false;
  let textOther: string | undefined;
  const text = shown.hasText ? normaliseRowText(shown.text) : '';
  if (text) {
    if (text === expected.norm) textOk = true;
    else {
      // The same text can belong to several items (the judgement prompt of every element): name
      // the one in this row's scope when there is one.
      const others = idsByText.get(text)?.filter((other) => other !== id) ?? [];
      textOther = others.find((other) => byId.get(other)!.scope === expected.scope) ?? others[0];
      textOk = !textOther && withinEdits(text, expected.norm, tolerance(expected.norm.length));
    }
  }

  if (textOther !== undefined) return { kind: 'other', otherId: textOther, expected: label };
  if (refOther) return { kind: 'other', otherId: refOther, expected: label };
  if (refOther === '') return { kind: 'changed', expected: label };
  if (textOk) return { kind: 'ok' };
  if (text) return { kind: 'changed', expected: label };
  // No text shown: the reference decides; with neither, nothing ties the answers to the id.
  if (refOk || !shown.hasText) return { kind: 'ok' };
  return shown.hasRef && expected.refKey ? { kind: 'blank', expected: label } : { kind: 'ok' };
}

/** What the row of `id` shows in a new workbook (for messages); the id itself when unknown. */
export function rowLabelOf(framework: Framework, id: string): RowLabel {
  const expected = expectations(framework).byId.get(id);
  return expected ? { ref: expected.ref, text: expected.text } : { ref: '', text: id };
}

/** "1.1" and "1.10": a reference a spreadsheet turned into a number. */
function sameNumber(a: string, b: string): boolean {
  return /^\d+\.\d+$/.test(a) && /^\d+\.\d+$/.test(b) && Number(a) === Number(b);
}
