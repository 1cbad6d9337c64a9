/**
 * Property-based fuzzing of the safe-input layer: random mutations and truncations of a valid
 * workbook must always end in "ok" or a well-formed refusal — never a throw, a hang or a crash.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectWorkbookBuffer, type InspectResult } from '../../src/io/inspect-zip.js';
import { formatRefusal } from '../../src/io/refusal.js';
import { sniffBytes } from '../../src/io/sniff.js';
import { XmlPartScanner } from '../../src/io/xml-scan.js';
import { makeValidXlsx } from './fixtures/zip.js';

let valid: Buffer;
/** Where the central directory starts: the most sensitive bytes of a zip. */
let directoryStart: number;

beforeAll(async () => {
  valid = await makeValidXlsx();
  directoryStart = valid.readUInt32LE(valid.length - 6);
});

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'int32'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

/**
 * Positions as fractions (millionths), so that they scale to whatever region they are aimed at;
 * unbiased, as fast-check otherwise favours 0 and would mostly break the first bytes.
 */
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: position,
      value: fc.integer({ min: 0, max: 255 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('int32' as const),
      at: position,
      value: fc.oneof(
        fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 0xffff, 0x10000),
        fc.nat({ max: 0xffffffff }),
      ),
    }),
  },
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
);

/** Applies mutations, each aimed either anywhere or at the central directory and end record. */
function mutate(input: Buffer, mutations: { m: Mutation; directory: boolean }[]): Buffer {
  let buf = Buffer.from(input);
  for (const { m, directory } of mutations) {
    if (buf.length === 0) break;
    const from = directory ? Math.min(directoryStart, buf.length - 1) : 0;
    const at = from + Math.floor(m.at * (buf.length - from));
    switch (m.kind) {
      case 'flip':
        buf[at] = m.value;
        break;
      case 'int32':
        if (at + 4 <= buf.length) buf.writeUInt32LE(m.value, at);
        break;
      case 'truncate':
        buf = buf.subarray(0, at);
        break;
      case 'insert':
        buf = Buffer.concat([buf.subarray(0, at), m.bytes, buf.subarray(at)]);
        break;
      case 'delete':
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.length)]);
        break;
    }
  }
  return buf;
}

function checkWellFormed(result: InspectResult): void {
  if (result.ok) {
    expect(result.parts).toContain('xl/workbook.xml');
    return;
  }
  const line = formatRefusal(result.reason);
  expect(line.startsWith('broken.xlsx: ')).toBe(true);
  expect(line).not.toMatch(/[\n\r]/);
  expect(result.reason.fix.length).toBeGreaterThan(0);
}

describe('fuzzing the zip inspector with mutated workbooks', () => {
  it('never throws or hangs, and refuses with one clear line', async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ m: mutation, directory: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        async (mutations) => {
          const input = mutate(valid, mutations);
          const started = performance.now();
          const result = await inspectWorkbookBuffer(input, 'broken.xlsx');
          expect(performance.now() - started).toBeLessThan(2000);
          checkWellFormed(result);
          const code = result.ok ? 'ok' : result.reason.code;
          codes.set(code, (codes.get(code) ?? 0) + 1);
        },
      ),
      { numRuns: 600 },
    );
    // The fuzzer reaches the interesting paths, not only one kind of refusal.
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries(codes));
    expect(codes.size).toBeGreaterThanOrEqual(6);
  });

  it('never throws on arbitrary bytes with arbitrary names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string({ maxLength: 40 }),
        async (bytes, name) => {
          const result = await inspectWorkbookBuffer(bytes, name);
          expect(typeof result.ok).toBe('boolean');
          expect(typeof sniffBytes(bytes, name).ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('XmlPartScanner', () => {
  it('finds DTD markup whatever the chunking, and nothing in ordinary XML', () => {
    const xmlText = fc.stringMatching(/^[a-z <>/="!\-[\]]{0,60}$/);
    fc.assert(
      fc.property(
        xmlText,
        xmlText,
        fc.constantFrom('', '<!DOCTYPE x>', '<!ENTITY e "v">', '<!doctype y>', '<!ELEMENT a ANY>'),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }),
        (before, after, dtd, cuts) => {
          const text = Buffer.from(before + dtd + after);
          const expected = /<![A-Za-z]/.test(text.toString());
          const whole = new XmlPartScanner();
          whole.push(text);
          const chunked = new XmlPartScanner();
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = cuts[i % cuts.length]!;
            chunked.push(text.subarray(at, at + size));
            at += size;
          }
          expect(whole.result === 'dtd').toBe(expected);
          expect(chunked.result === 'dtd').toBe(expected);
          if (dtd) expect(chunked.result).toBe('dtd');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts comments and CDATA, refuses UTF-16', () => {
    const ok = new XmlPartScanner();
    ok.push(Buffer.from('\ufeff<?xml version="1.0"?><a><!-- c --><![CDATA[<x>]]></a>'));
    expect(ok.result).toBeUndefined();
    const utf16 = new XmlPartScanner();
    utf16.push(Buffer.from('\ufeff<a/>', 'utf16le'));
    expect(utf16.result).toBe('not-utf8');
  });
});
