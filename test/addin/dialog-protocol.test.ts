/**
 * The report's trip to the download window: parts small enough for one message, joined exactly,
 * every field of a message checked (fixed patterns, caps), messages only from the expected origin,
 * and a checksum both sides compute alike.
 */
import { crc32 as nodeCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/addin/dialog/checksum.js';
import {
  acceptOrigin,
  FALLBACK_FILE_NAME,
  fromParts,
  MAX_PARTS,
  MAX_REPORT_BYTES,
  PART_BYTES,
  PART_CHARS,
  parseFromWindow,
  parsePart,
  PartCollector,
  REPORT_MIME,
  reportName,
  toParts,
  type FilePart,
} from '../../src/addin/dialog/protocol.js';
import { DOCX_MIME, reportFileName } from '../../src/addin/report/word-report.js';

const NAME = 'Digital maturity report - Ministry of Testing 2026-12-06.docx';
const roundTrip = (p: FilePart) => parsePart(JSON.stringify(p));

describe('the download window protocol', () => {
  it('splits a file into base64 parts of at most PART_CHARS characters and joins them back', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    const parts = toParts(bytes, NAME, REPORT_MIME);
    expect(parts.length).toBe(Math.ceil(100_003 / PART_BYTES));
    for (const p of parts) expect(p.base64.length).toBeLessThanOrEqual(PART_CHARS);
    expect(parts.map((p) => p.index)).toEqual(parts.map((_, i) => i));
    // Out of order, as messages could arrive; nothing until the last one is in.
    const collector = new PartCollector();
    const reversed = [...parts].reverse();
    for (const [i, p] of reversed.entries()) {
      const got = collector.add(roundTrip(p)!);
      if (i < parts.length - 1) expect(got).toEqual({ kind: 'waiting', have: i + 1, of: parts.length });
      else expect(got).toEqual({ kind: 'complete', bytes, fileName: NAME, crc32: crc32(bytes) });
    }
    // A part repeated afterwards changes nothing.
    expect(collector.add(parts[0]!)).toEqual({ kind: 'ignored' });
    expect(fromParts(parts)).toEqual(bytes);
  });

  it('sends an empty file as one part', () => {
    const parts = toParts(new Uint8Array(0), NAME, REPORT_MIME);
    expect(parts).toHaveLength(1);
    expect(roundTrip(parts[0]!)).toEqual(parts[0]);
    expect(fromParts(parts)).toEqual(new Uint8Array(0));
  });

  it('counts a repeated part once', () => {
    const bytes = new Uint8Array(PART_BYTES * 2 + 5).fill(7);
    const [a, b, c] = toParts(bytes, NAME, REPORT_MIME);
    const collector = new PartCollector();
    expect(collector.add(a!)).toMatchObject({ kind: 'waiting', have: 1 });
    expect(collector.add(a!)).toMatchObject({ kind: 'waiting', have: 1 });
    expect(collector.add(c!)).toMatchObject({ kind: 'waiting', have: 2 });
    expect(collector.add(b!)).toMatchObject({ kind: 'complete', bytes });
  });

  it('refuses parts that describe different files', () => {
    const [a] = toParts(new Uint8Array(PART_BYTES + 1), NAME, REPORT_MIME);
    const [, other] = toParts(new Uint8Array(PART_BYTES + 2), NAME, REPORT_MIME);
    const collector = new PartCollector();
    collector.add(a!);
    expect(collector.add(other!)).toMatchObject({ kind: 'refused' });
  });

  it('uses the report type the report chunk gives', () => {
    expect(REPORT_MIME).toBe(DOCX_MIME);
  });
});

describe('a part from the pane is checked, never trusted', () => {
  const [good] = toParts(new Uint8Array([1, 2, 3, 4]), NAME, REPORT_MIME);
  const bad = (change: Record<string, unknown>) => JSON.stringify({ ...good, ...change });

  it('accepts a well-formed part', () => {
    expect(parsePart(JSON.stringify(good))).toEqual(good);
  });

  it.each([
    ['another type', { mimeType: 'text/html' }],
    ['a type with parameters', { mimeType: `${REPORT_MIME}; charset=utf-8` }],
    ['a count above the cap', { count: MAX_PARTS + 1, size: MAX_REPORT_BYTES + PART_BYTES }],
    ['a size above the cap', { size: MAX_REPORT_BYTES + 1 }],
    ['a count that disagrees with the size', { count: 2 }],
    ['a fractional count', { count: 1.5 }],
    ['a count given as text', { count: '1' }],
    ['an index outside the count', { index: 1 }],
    ['a negative index', { index: -1 }],
    ['text that is not base64', { base64: 'AQID<script>' }],
    ['base64 of another length than the size says', { base64: 'AQIDBAU=' }],
    ['a file name that is not text', { fileName: { toString: 1 } }],
    ['an enormous file name', { fileName: 'x'.repeat(5000) }],
    ['another kind', { kind: 'ready' }],
  ])('refuses %s', (_, change) => {
    expect(parsePart(bad(change))).toBeUndefined();
  });

  it('refuses what is not JSON or too long to be a part', () => {
    expect(parsePart('not json')).toBeUndefined();
    expect(parsePart('null')).toBeUndefined();
    expect(parsePart(42)).toBeUndefined();
    expect(parsePart(' '.repeat(PART_CHARS * 2))).toBeUndefined();
  });

  it('saves under the name the report chunk gives, and under a fixed name otherwise', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    for (const department of [
      undefined,
      'Ministry of Testing',
      'Santé & Affaires (Nord)',
      '部門',
      'a'.repeat(200),
    ]) {
      const name = reportFileName(department, now);
      expect(reportName(name)).toBe(name);
    }
    for (const name of [
      '../../evil.docx',
      'Digital maturity report - a/b 2026-12-06.docx',
      'Digital maturity report - x\u202egpj.exe 2026-12-06.docx',
      'Digital maturity report 2026-12-06.docx.exe',
      'report.html',
      'Digital maturity report - \n 2026-12-06.docx',
      '',
    ]) {
      expect(reportName(name), name).toBe(FALLBACK_FILE_NAME);
    }
  });
});

describe('a message from the window is checked', () => {
  it('accepts each kind, with whole numbers in range for what it received', () => {
    for (const kind of ['ready', 'not-listening', 'refused', 'saved', 'close'] as const) {
      expect(parseFromWindow(JSON.stringify({ kind, extra: 'dropped' }))).toEqual({ kind });
    }
    expect(parseFromWindow('{"kind":"received","bytes":10,"crc32":4294967295}')).toEqual({
      kind: 'received',
      bytes: 10,
      crc32: 4294967295,
    });
    for (const text of [
      '{"kind":"received","bytes":-1,"crc32":1}',
      '{"kind":"received","bytes":"10","crc32":1}',
      '{"kind":"received","bytes":10,"crc32":4294967296}',
      '{"kind":"received","bytes":10}',
      '{"kind":"other"}',
      'true',
      'not json',
    ]) {
      expect(parseFromWindow(text), text).toBeUndefined();
    }
  });
});

describe('the origin of a message', () => {
  const own = 'https://addin.example';
  it('must be the add-in’s own where the host reports origins (DialogOrigin 1.1)', () => {
    expect(acceptOrigin(own, own, true)).toBe(true);
    expect(acceptOrigin('https://evil.example', own, true)).toBe(false);
    expect(acceptOrigin('https://addin.example.evil.example', own, true)).toBe(false);
    expect(acceptOrigin(undefined, own, true)).toBe(false);
  });
  it('is taken on trust only where the host cannot message across domains (no DialogOrigin 1.1)', () => {
    expect(acceptOrigin(undefined, own, false)).toBe(true);
    expect(acceptOrigin('https://evil.example', own, false)).toBe(false);
  });
});

describe('the checksum', () => {
  it('is CRC-32, as zlib computes it', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(crc32(bytes)).toBe(nodeCrc32(bytes));
      }),
    );
  });
});
