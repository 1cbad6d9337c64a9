/**
 * `cleanDeep` copies only what changes (src/report/build-view-model.ts): it must give what the
 * copying version gave (every string through `cleanText`), leave its input as it was, and hand back
 * a clean object or array itself.
 */
import { describe, expect, it } from 'vitest';
import { cleanDeep } from '../../src/report/build-view-model.js';
import { cleanText } from '../../src/text/safe-text.js';

/** The copying version it replaced. */
function copyingCleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(copyingCleanDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyingCleanDeep(v)])) as T;
  }
  return value;
}

const shared = { text: 'a\r\nb', n: 1 };
const dirty = {
  title: 'Ministry\u0007 of tests',
  rows: [shared, { text: 'clean', flag: true }, shared, null, 3, ['x\ud800', 'y']],
  nested: { deeper: { pair: '😀', lone: '\udc00z', bidi: 'a\u202eb' }, empty: [], none: null },
  clean: { a: 'b', list: ['c', { d: 'e' }] },
};

describe('cleanDeep', () => {
  it('gives what the copying version gave, and leaves its input as it was', () => {
    const before = JSON.stringify(dirty);
    const cleaned = cleanDeep(dirty);
    expect(JSON.stringify(cleaned)).toBe(JSON.stringify(copyingCleanDeep(dirty)));
    expect(cleaned).toEqual(copyingCleanDeep(dirty));
    expect(JSON.stringify(dirty)).toBe(before);
    expect(cleaned.rows[0]).not.toBe(shared);
  });

  it('hands back clean objects and arrays themselves, and copies the path to a dirty string', () => {
    const cleaned = cleanDeep(dirty);
    expect(cleaned.clean).toBe(dirty.clean);
    expect(cleaned.rows[1]).toBe(dirty.rows[1]);
    expect(cleaned.nested).not.toBe(dirty.nested);
    expect(cleaned.nested.empty).toBe(dirty.nested.empty);
    const clean = { a: ['b', { c: 'd' }], e: 1 };
    expect(cleanDeep(clean)).toBe(clean);
  });
});
