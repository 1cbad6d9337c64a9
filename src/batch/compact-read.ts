/**
 * What the batch's own thread keeps of every workbook it has read, held in less memory.
 *
 * The batch keeps each return's answers and scores from phase 1 to the end: the reports are
 * rendered from them, then the dataset and the summary are built from them, and the run's peak is
 * at that end. They arrive from the workers by structured clone, which costs the main thread more
 * than the data itself (a heap snapshot at 500 departments: about 100 KB of heap a department,
 * 50 MB in all; docs/performance.md, issue 24 session 8):
 * - every string is a copy of its own: each department's rating labels ("Not at all" 38 000
 *   times), element titles, the scoring's reasons, diagnostics' messages, and whatever evidence
 *   texts repeat (the demo's all do);
 * - an answers record (item id → rating, evidence, response: a few hundred keys, a different set in
 *   each department) is rebuilt key by key in fast mode, and V8 makes a hidden class for each key
 *   added, a chain of its own for each department, which every record keeps alive.
 * So the strings are shared (one copy of each text) and the records are rebuilt as hash tables
 * ("dictionary mode": no hidden class per key). No value, key or key order changes; only how the
 * same data is held.
 */
import type { Answers } from '../scoring/index.js';
import type { ReadResult } from '../workbook/read-result.js';

/**
 * One copy of each text. Kept while results arrive (phase 1), then dropped: the shared copies live
 * on in the results, the table does not.
 */
export class StringPool {
  private readonly texts = new Map<string, string>();

  /** The pool's copy of `text` (the first one seen). */
  intern(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  /** Distinct texts seen. */
  get size(): number {
    return this.texts.size;
  }
}

/**
 * An empty object in V8's dictionary mode. V8 turns an object into a hash table when a property
 * other than the last one added is deleted, and an object that is never a prototype stays so.
 * An ordinary object: the same prototype, keys enumerated in insertion order as always.
 */
function dictionaryModeObject<T>(): Record<string, T> {
  const o: Record<string, unknown> = { first: 0, second: 0 };
  delete o.first;
  delete o.second;
  return o as Record<string, T>;
}

/** The same record (keys in the same order, values shared with `pool`), held as a hash table. */
export function compactRecord<T>(record: Record<string, T>, pool: StringPool): Record<string, T> {
  const out = dictionaryModeObject<T>();
  for (const key of Object.keys(record)) out[key] = shareStrings(record[key]!, pool);
  return out;
}

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * `value` with every string in it (in arrays and plain objects, at any depth) replaced in place by
 * the pool's copy of the same text. Anything else (class instances, typed arrays) is left as it is.
 */
export function shareStrings<T>(value: T, pool: StringPool): T {
  if (typeof value === 'string') return pool.intern(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) items[i] = shareStrings(items[i], pool);
  } else if (isPlainObject(value)) {
    const record: Record<string, unknown> = value;
    for (const key of Object.keys(record)) record[key] = shareStrings(record[key], pool);
  }
  return value;
}

/** The answers (in place) with their records keyed by item id held as hash tables, strings shared. */
export function compactAnswers(answers: Answers, pool: StringPool): Answers {
  answers.frameworkId = pool.intern(answers.frameworkId);
  answers.frameworkVersion = pool.intern(answers.frameworkVersion);
  answers.ratings = compactRecord(answers.ratings, pool);
  answers.evidence = compactRecord(answers.evidence, pool);
  answers.responses = compactRecord(answers.responses, pool);
  answers.judgements = compactRecord(answers.judgements, pool);
  return answers;
}

/**
 * A read result as the batch keeps it (in place: the result is the batch's own, just received):
 * its answers compacted, every other string shared.
 */
export function compactReadResult(read: ReadResult, pool: StringPool): ReadResult {
  shareStrings(read.meta, pool);
  shareStrings(read.diagnostics, pool);
  compactAnswers(read.answers, pool);
  return read;
}
