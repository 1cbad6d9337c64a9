import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { StringPool, compactReadResult, compactRecord, shareStrings } from '../../src/batch/compact-read.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { score } from '../../src/scoring/index.js';
import type { ReadResult } from '../../src/workbook/read-result.js';

const framework = builtInFramework();
const departments = fictionalGovernment(framework, 3, 2026);
/** A department's read result as the batch's thread receives it from a worker (structured clone). */
const received = (i: number): ReadResult =>
  deserialize(
    serialize({
      meta: {
        frameworkId: framework.id,
        frameworkVersion: framework.version,
        contractVersion: '1',
        department: departments[i]!.department,
      },
      answers: departments[i]!.answers,
      diagnostics: [
        { severity: 'warning', code: 'rating-off-scale', message: 'A rating is off the scale.', cell: 'D12' },
      ],
    }),
  ) as ReadResult;

describe('compacting what the batch keeps of a read workbook', () => {
  it('keeps every key in its order, every value and the ordinary prototype', () => {
    const read = received(0);
    const original = received(0);
    const compacted = compactReadResult(read, new StringPool());
    expect(compacted).toBe(read);
    expect(JSON.stringify(compacted)).toBe(JSON.stringify(original));
    expect(compacted).toStrictEqual(original);
    for (const record of [
      compacted.answers.ratings,
      compacted.answers.evidence,
      compacted.answers.responses,
    ]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    }
    expect(Object.keys(compacted.answers.ratings).length).toBeGreaterThan(100);
  });

  it('a record keeps its keys in insertion order, integer-like keys first as always', () => {
    const record = compactRecord({ b: 'x', a: 'y', 2: 'z', 'c.1': 'w' }, new StringPool());
    expect(Object.entries(record)).toEqual([
      ['2', 'z'],
      ['b', 'x'],
      ['a', 'y'],
      ['c.1', 'w'],
    ]);
    record.d = 'v';
    expect(Object.keys(record)).toEqual(['2', 'b', 'a', 'c.1', 'd']);
  });

  it('keeps one copy of each text across departments, scores included', () => {
    const pool = new StringPool();
    const first = received(0);
    compactReadResult(first, pool);
    const fromAnswers = pool.size;
    const scores = deserialize(serialize(score(framework, first.answers))) as ReturnType<typeof score>;
    expect(shareStrings(scores, pool)).toBe(scores);
    // The scores' own texts (titles, level names, reasons) joined the pool.
    expect(pool.size).toBeGreaterThan(fromAnswers);
    const afterOne = pool.size;
    // The same department again adds no text; another adds only its own.
    compactReadResult(received(0), pool);
    shareStrings(deserialize(serialize(scores)), pool);
    expect(pool.size).toBe(afterOne);
    compactReadResult(received(1), pool);
    expect(pool.size).toBeGreaterThan(afterOne);
    // Rating labels, titles and messages are among the texts shared.
    const label = Object.values(first.answers.ratings)[0]!;
    expect(pool.intern(`${label}`)).toBe(label);
    expect(pool.intern(scores.elements[0]!.title.slice(0))).toBe(scores.elements[0]!.title);
  });

  it('leaves values that are not strings, arrays or plain objects as they are', () => {
    const bytes = new Uint8Array([1, 2]);
    const date = new Date(0);
    const value = { bytes, date, n: 1, b: true, nothing: null, list: ['a', 2] };
    expect(shareStrings(value, new StringPool())).toEqual({
      bytes,
      date,
      n: 1,
      b: true,
      nothing: null,
      list: ['a', 2],
    });
    expect(value.bytes).toBe(bytes);
  });

  it('holds the answers’ records as hash tables, not a hidden class per key (V8)', async () => {
    const child = fileURLToPath(new URL('./compact-read-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--allow-natives-syntax',
      '--import',
      'tsx',
      child,
    ]);
    const result = JSON.parse(stdout) as {
      keys: number[];
      fastWhenReceived: boolean[];
      fastWhenCompacted: boolean[];
    };
    expect(result.keys.every((n) => n > 10)).toBe(true);
    expect(result.fastWhenReceived).toEqual([true, true, true]);
    expect(result.fastWhenCompacted).toEqual([false, false, false]);
  }, 60_000);
});
