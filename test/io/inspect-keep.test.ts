/**
 * `inspectAndKeepWorkbookFile` (src/io/inspect-zip.ts) inflates the parts of a few MiB whole and
 * keeps them for the reader. Whatever it keeps or does not, its outcome must be
 * `inspectWorkbookFile`'s, refusal for refusal: the hostile corpus, hand-made edge cases and
 * fuzzed workbooks, each as a file, through both.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspectAndKeepWorkbookFile,
  inspectWorkbookFile,
  type InspectResult,
  type KeptInspectResult,
} from '../../src/io/inspect-zip.js';
import { formatRefusal } from '../../src/io/refusal.js';
import {
  bombWorkbook,
  dtdInSheet,
  manyEntries,
  manyWhitespaceSheets,
  odsFile,
  oleFile,
  tempDir,
  whitespaceSheet,
  type TempDir,
} from './fixtures/corpus.js';
import { buildZip, makeValidXlsx, modifiedXlsx, type ZipEntrySpec } from './fixtures/zip.js';

let dir: TempDir;
let valid: Buffer;
beforeAll(async () => {
  dir = await tempDir('dmf-keep-');
  valid = await makeValidXlsx();
});
afterAll(async () => {
  await dir.remove();
});

const outcome = (r: InspectResult | KeptInspectResult): string => {
  if (!r.ok) return formatRefusal(r.reason);
  const i = 'inspection' in r ? r.inspection : r;
  return `ok ${i.fileBytes} ${i.totalUncompressedBytes} ${i.parts.join(',')}`;
};

let files = 0;
/** Both inspections of the same file; returns the kept one's result. */
async function both(data: Uint8Array | string): Promise<KeptInspectResult> {
  const path = await dir.file(`w${files++}.xlsx`, data);
  const streamed = await inspectWorkbookFile(path, { displayName: 'w.xlsx' });
  const kept = await inspectAndKeepWorkbookFile(path, { displayName: 'w.xlsx' });
  expect(outcome(kept)).toBe(outcome(streamed));
  return kept;
}

/** A valid workbook with one part replaced (or added) by `spec`. */
const withPart = (spec: ZipEntrySpec) =>
  modifiedXlsx((parts) =>
    parts.some((p) => p.name === spec.name)
      ? parts.map((p) => (p.name === spec.name ? spec : p))
      : [...parts, spec],
  );

const SHEET = 'xl/worksheets/sheet1.xml';

describe('inspectAndKeepWorkbookFile', () => {
  it('keeps every part of a valid workbook, inflated and checked', async () => {
    const result = await both(valid);
    if (!result.ok) throw new Error('refused');
    expect(result.workbook.bytes.equals(valid)).toBe(true);
    expect(result.workbook.parts.size).toBeGreaterThan(5);
    let kept = 0;
    for (const part of result.workbook.parts.values()) {
      expect(part.data.length).toBe(part.size);
      kept += part.data.length;
    }
    expect(kept).toBe(result.inspection.totalUncompressedBytes);
  });

  it('refuses what inspectWorkbookFile refuses, with the same words', async () => {
    const dtd = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    );
    const sheet = Buffer.from('<worksheet>' + 'x'.repeat(5000) + '</worksheet>');
    const sheetDeflated = deflateRawSync(sheet);
    const cases: (Buffer | Promise<Buffer>)[] = [
      bombWorkbook(8),
      bombWorkbook(120), // over the limit for one part
      bombWorkbook(8, 2 * 1024 * 1024), // lies: the whole inflate stops at 2 MiB
      bombWorkbook(8, 100),
      whitespaceSheet(3),
      manyWhitespaceSheets(3, 2),
      dtdInSheet(),
      manyEntries(50),
      odsFile(),
      oleFile(['Workbook']),
      Buffer.from('not a zip at all'),
      valid.subarray(0, valid.length - 30),
      // A DTD in a part that also holds more than its header says.
      withPart({
        name: SHEET,
        data: Buffer.concat([dtd, Buffer.alloc(300_000, 0x20)]),
        declaredUncompressedSize: 200_000,
      }),
      withPart({ name: SHEET, data: dtd }),
      // UTF-16.
      withPart({ name: SHEET, data: Buffer.from('\ufeff<worksheet/>', 'utf16le') }),
      // A checksum that does not match.
      withPart({
        name: SHEET,
        deflated: { compressed: sheetDeflated, uncompressedSize: sheet.length, crc32: 1234 },
      }),
      // Less data than declared; a deflate stream cut short; garbage after its end.
      withPart({ name: SHEET, data: sheet, declaredUncompressedSize: sheet.length + 10 }),
      withPart({
        name: SHEET,
        deflated: {
          compressed: sheetDeflated.subarray(0, 20),
          uncompressedSize: sheet.length,
          crc32: crc32(sheet),
        },
      }),
      withPart({
        name: SHEET,
        deflated: {
          compressed: Buffer.concat([sheetDeflated, Buffer.from('garbage')]),
          uncompressedSize: sheet.length,
          crc32: crc32(sheet),
        },
      }),
      // Stored parts, honest and not.
      withPart({ name: SHEET, data: sheet, method: 0 }),
      withPart({
        name: SHEET,
        data: sheet,
        method: 0,
        declaredUncompressedSize: 10,
        declaredCompressedSize: 10,
      }),
      // A macro-enabled content type, early and (in a large part) late.
      modifiedXlsx((parts) =>
        parts.map((p) =>
          p.name === '[Content_Types].xml'
            ? {
                ...p,
                data: Buffer.from(String(p.data).replace('sheet.main+xml', 'sheet.macroEnabled.main+xml')),
              }
            : p,
        ),
      ),
      modifiedXlsx((parts) =>
        parts.map((p) =>
          p.name === '[Content_Types].xml'
            ? {
                ...p,
                data: Buffer.concat([
                  Buffer.from(String(p.data).replace('</Types>', '')),
                  Buffer.alloc(1024 * 1024 + 100_000, 0x20),
                  Buffer.from('<Default Extension="bin" ContentType="macroEnabled"/></Types>'),
                ]),
              }
            : p,
        ),
      ),
      // A local header that is not where the directory says.
      (() => {
        const b = Buffer.from(valid);
        b.writeUInt32LE(0x12345678, 0);
        return b;
      })(),
      buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.alloc(0), declaredUncompressedSize: 5 },
      ]),
    ];
    const seen = new Set<string>();
    for (const c of cases) {
      const r = await both(await c);
      seen.add(r.ok ? 'ok' : r.reason.code);
    }
    // The cases reach the refusals they are meant to, not one kind only.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'corrupt',
        'entry-too-large',
        'inconsistent-sizes',
        'macro-enabled',
        'ok',
        'suspicious-compression',
        'xml-dtd',
        'xml-encoding',
      ]),
    );
  });

  it('agrees with inspectWorkbookFile on fuzzed workbooks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat({ max: 999_999 }),
            value: fc.integer({ min: 0, max: 255 }),
            cut: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (mutations) => {
          let b = Buffer.from(valid);
          for (const m of mutations) {
            const at = Math.floor((m.at / 1_000_000) * b.length);
            if (m.cut && mutations.length === 1) b = b.subarray(0, at);
            else b[at] = m.value;
          }
          await both(b);
        },
      ),
      { numRuns: 150 },
    );
  });
});
