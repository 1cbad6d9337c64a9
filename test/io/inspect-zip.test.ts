import { readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspectWorkbookBuffer,
  inspectWorkbookFile,
  unsafeEntryPath,
  type InspectResult,
} from '../../src/io/inspect-zip.js';
import { formatRefusal, type InputRefusalCode } from '../../src/io/refusal.js';
import {
  bombWorkbook,
  dtdInSheet,
  manyEntries,
  MiB,
  odsFile,
  oleFile,
  tempDir,
  whitespaceSheet,
  type TempDir,
} from './fixtures/corpus.js';
import { buildZip, makeValidXlsx, modifiedXlsx, type ZipEntrySpec } from './fixtures/zip.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

function expectRefused(result: InspectResult, code: InputRefusalCode, file?: string): string {
  if (result.ok) throw new Error(`expected refusal ${code}, got ok`);
  expect(result.reason.code, formatRefusal(result.reason)).toBe(code);
  const line = formatRefusal(result.reason);
  expect(line).not.toMatch(/[\n\r]/);
  expect(result.reason.fix.length).toBeGreaterThan(10);
  if (file) expect(line.startsWith(`${file}: `)).toBe(true);
  return line;
}

async function inspectAsFile(name: string, data: Uint8Array | string, limits = {}): Promise<InspectResult> {
  return inspectWorkbookFile(await dir.file(name, data), { limits });
}

describe('a valid workbook', () => {
  it('passes as a file and as a buffer', async () => {
    const xlsx = await makeValidXlsx();
    for (const result of [
      await inspectAsFile('ok.xlsx', xlsx),
      await inspectWorkbookBuffer(xlsx, 'ok.xlsx'),
    ]) {
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.file).toBe('ok.xlsx');
      expect(result.parts).toContain('xl/workbook.xml');
      expect(result.parts).toContain('[Content_Types].xml');
      expect(result.totalUncompressedBytes).toBeGreaterThan(1000);
      expect(result.fileBytes).toBe(xlsx.length);
    }
  });

  it('passes when named .xls but really .xlsx (content wins over the name)', async () => {
    expect((await inspectAsFile('renamed.xls', await makeValidXlsx())).ok).toBe(true);
  });
});

describe('files that are not .xlsx workbooks', () => {
  it('refuses an empty file', async () => {
    const line = expectRefused(await inspectAsFile('empty.xlsx', ''), 'empty-file', 'empty.xlsx');
    expect(line).toContain('empty');
  });

  it('refuses a missing file and a folder without throwing', async () => {
    expectRefused(await inspectWorkbookFile(`${dir.path}/missing.xlsx`), 'unreadable', 'missing.xlsx');
    expectRefused(await inspectWorkbookFile(dir.path), 'unreadable');
  });

  it('refuses a legacy .xls (OLE) with "save it as .xlsx"', async () => {
    const line = expectRefused(
      await inspectAsFile('old.xls', oleFile(['Workbook', 'SummaryInformation'])),
      'legacy-xls',
      'old.xls',
    );
    expect(line).toContain('save it as .xlsx');
  });

  it('refuses a password-protected workbook (OLE with EncryptedPackage) with "without a password"', async () => {
    const ole = oleFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']);
    for (const result of [
      await inspectAsFile('secret.xlsx', ole),
      await inspectWorkbookBuffer(ole, 'secret.xlsx'),
    ]) {
      const line = expectRefused(result, 'encrypted-workbook', 'secret.xlsx');
      expect(line).toContain('save it as .xlsx without a password');
    }
  });

  it('refuses an OLE file it cannot tell apart with both possibilities', async () => {
    const line = expectRefused(
      await inspectAsFile('odd.xlsx', oleFile(['Something'])),
      'legacy-or-encrypted',
    );
    expect(line).toMatch(/97–2003.*password-protected/);
    expect(line).toContain('save it as .xlsx (Excel Workbook) without a password');
  });

  it('refuses an .ods (mimetype first, and mimetype elsewhere)', async () => {
    expectRefused(await inspectAsFile('calc.ods', odsFile()), 'ods', 'calc.ods');
    expectRefused(await inspectAsFile('calc2.xlsx', odsFile(false)), 'ods', 'calc2.xlsx');
  });

  it('refuses a CSV, an HTML "xls" and plain text', async () => {
    expectRefused(await inspectAsFile('answers.csv', 'Item,Rating\n1.1,3\n1.2,4\n'), 'csv', 'answers.csv');
    expectRefused(await inspectAsFile('answers.xlsx', 'Item;Rating\n1.1;3\n'), 'csv');
    const html = expectRefused(
      await inspectAsFile('export.xls', '<html><body><table><tr><td>1</td></tr></table></body></html>'),
      'text',
    );
    expect(html).toContain('web page');
    expectRefused(await inspectAsFile('notes.xlsx', 'Dear colleague\nplease find attached\n'), 'text');
  });

  it('refuses a PDF and random bytes', async () => {
    expectRefused(
      await inspectAsFile('report.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500)])),
      'other-document',
    );
    expectRefused(
      await inspectAsFile('noise.xlsx', Buffer.concat([Buffer.from([0x89, 0, 1, 2]), randomBytes(500)])),
      'unknown-format',
    );
  });

  it('refuses .xlsm by extension and by macro content type', async () => {
    const xlsx = await makeValidXlsx();
    expectRefused(await inspectAsFile('macro.xlsm', xlsx), 'macro-enabled', 'macro.xlsm');
    const macro = await modifiedXlsx((parts) =>
      parts.map((p) =>
        p.name === '[Content_Types].xml'
          ? {
              ...p,
              data: Buffer.from(
                p
                  .data!.toString('utf8')
                  .replace(
                    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
                    'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
                  ),
              ),
            }
          : p,
      ),
    );
    expectRefused(await inspectAsFile('macro-inside.xlsx', macro), 'macro-enabled');
    const vba = await modifiedXlsx((parts) => [
      ...parts,
      { name: 'xl/vbaProject.bin', data: randomBytes(64) },
    ]);
    expectRefused(await inspectAsFile('vba.xlsx', vba), 'macro-enabled');
  });

  it('refuses .xlsb', async () => {
    const xlsb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.bin', data: randomBytes(100) },
    ]);
    expectRefused(await inspectAsFile('book.xlsb', xlsb), 'binary-workbook');
    expectRefused(await inspectAsFile('book.xlsx', xlsb), 'binary-workbook');
  });
});

describe('zips that are not workbooks', () => {
  it('refuses a zip with no workbook rather than reading 0 sheets', async () => {
    const line = expectRefused(
      await inspectAsFile('photos.xlsx', buildZip([{ name: 'a.txt', data: Buffer.from('hello') }])),
      'not-a-workbook',
    );
    expect(line).toContain('no workbook');
  });

  it('says to unzip a zip that holds the workbook', async () => {
    const inner = await makeValidXlsx();
    const line = expectRefused(
      await inspectAsFile('returned.zip', buildZip([{ name: 'Ministry of Tests.xlsx', data: inner }])),
      'not-a-workbook',
    );
    expect(line).toContain('unzip it');
  });

  it('refuses a workbook without xl/workbook.xml or without [Content_Types].xml', async () => {
    for (const missing of ['xl/workbook.xml', '[Content_Types].xml']) {
      const zip = await modifiedXlsx((parts) => parts.filter((p) => p.name !== missing));
      expectRefused(await inspectWorkbookBuffer(zip, 'x.xlsx'), 'not-a-workbook');
    }
  });

  it('refuses an empty zip', async () => {
    expectRefused(await inspectAsFile('empty.zip.xlsx', buildZip([])), 'not-a-workbook');
  });

  it('refuses a Word document', async () => {
    const docx = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    expect(expectRefused(await inspectAsFile('letter.xlsx', docx), 'other-document')).toContain('Word');
  });
});

describe('broken zips', () => {
  it('refuses a truncated download: "the file is incomplete — download or copy it again"', async () => {
    const xlsx = await makeValidXlsx();
    for (const size of [Math.floor(xlsx.length / 2), xlsx.length - 10, 40]) {
      const line = expectRefused(
        await inspectAsFile('cut.xlsx', xlsx.subarray(0, size)),
        'truncated',
        'cut.xlsx',
      );
      expect(line).toBe('cut.xlsx: the file is incomplete — download or copy it again.');
    }
  });

  it('refuses damaged deflate data', async () => {
    const zip = await modifiedXlsx((parts) =>
      parts.map((p) =>
        p.name === 'xl/styles.xml'
          ? {
              name: p.name,
              deflated: { compressed: randomBytes(300).fill(0xff, 0, 1), uncompressedSize: 2000, crc32: 0 },
            }
          : p,
      ),
    );
    expectRefused(await inspectWorkbookBuffer(zip, 'damaged.xlsx'), 'corrupt');
  });

  it('refuses a stored entry whose sizes disagree', async () => {
    const zip = await modifiedXlsx((parts) => [
      ...parts,
      { name: 'xl/media/a.bin', data: randomBytes(100), method: 0, declaredUncompressedSize: 50 },
    ]);
    expectRefused(await inspectWorkbookBuffer(zip, 'x.xlsx'), 'inconsistent-sizes');
  });

  it('refuses encrypted entries and unknown compression methods', async () => {
    const enc = await modifiedXlsx((parts) => [
      ...parts,
      { name: 'xl/media/a.bin', data: randomBytes(100), flags: 1 },
    ]);
    expectRefused(await inspectWorkbookBuffer(enc, 'x.xlsx'), 'encrypted-entry');
    const bzip = await modifiedXlsx((parts) => [
      ...parts,
      { name: 'xl/media/a.bin', data: randomBytes(100), method: 12 },
    ]);
    expectRefused(await inspectWorkbookBuffer(bzip, 'x.xlsx'), 'unsupported-compression');
  });
});

describe('hostile zips', () => {
  it('refuses too many entries before reading them', async () => {
    const started = performance.now();
    const line = expectRefused(await inspectAsFile('many.xlsx', manyEntries(2500)), 'too-many-entries');
    expect(line).toContain('2502 parts');
    expect(performance.now() - started).toBeLessThan(1000);
    expectRefused(
      await inspectWorkbookBuffer(manyEntries(20), 'few.xlsx', { limits: { maxEntries: 10 } }),
      'too-many-entries',
    );
  });

  it('refuses path traversal, absolute and backslash entry names', async () => {
    for (const name of [
      '../../evil.txt',
      'xl/../../evil.txt',
      '/etc/passwd',
      'C:/Windows/evil.dll',
      'xl\\..\\evil.txt',
    ]) {
      const zip = await modifiedXlsx((parts) => [...parts, { name, data: Buffer.from('evil') }]);
      const line = expectRefused(await inspectWorkbookBuffer(zip, 'trav.xlsx'), 'unsafe-entry-path');
      expect(line).toContain('no real workbook');
    }
  });

  it('refuses duplicate entries, also when they differ only in case', async () => {
    for (const name of ['xl/workbook.xml', 'XL/Workbook.xml']) {
      const zip = await modifiedXlsx((parts) => [...parts, { name, data: Buffer.from('<workbook/>') }]);
      expectRefused(await inspectWorkbookBuffer(zip, 'dup.xlsx'), 'duplicate-entry');
    }
  });

  it('refuses a DTD / entity declaration in xl/worksheets/sheet1.xml, never expanding it', async () => {
    const line = expectRefused(await inspectAsFile('laughs.xlsx', await dtdInSheet()), 'xml-dtd');
    expect(line).toContain('xl/worksheets/sheet1.xml');
    const entityOnly = await dtdInSheet(
      '<?xml version="1.0"?><!ENTITY x SYSTEM "file:///etc/passwd"><worksheet/>',
    );
    expectRefused(await inspectWorkbookBuffer(entityOnly, 'x.xlsx'), 'xml-dtd');
  });

  it('refuses a DTD in relationships and in lower case', async () => {
    const zip = await modifiedXlsx((parts) =>
      parts.map((p) =>
        p.name === '_rels/.rels'
          ? { ...p, data: Buffer.from(`<!doctype r SYSTEM "http://x/">${p.data!.toString()}`) }
          : p,
      ),
    );
    expectRefused(await inspectWorkbookBuffer(zip, 'x.xlsx'), 'xml-dtd');
  });

  it('refuses a UTF-16 XML part (which would hide a DTD from the byte scan)', async () => {
    const zip = await modifiedXlsx((parts) =>
      parts.map((p) =>
        p.name === 'xl/workbook.xml'
          ? {
              ...p,
              data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(p.data!.toString(), 'utf16le')]),
            }
          : p,
      ),
    );
    expectRefused(await inspectWorkbookBuffer(zip, 'x.xlsx'), 'xml-encoding');
  });

  it('accepts comments and CDATA ("<!--", "<![") in XML', async () => {
    const zip = await modifiedXlsx((parts) =>
      parts.map((p) =>
        p.name === 'xl/workbook.xml'
          ? { ...p, data: Buffer.from(`${p.data!.toString()}<!-- note --><![CDATA[x]]>`) }
          : p,
      ),
    );
    expect((await inspectWorkbookBuffer(zip, 'x.xlsx')).ok).toBe(true);
  });

  it('refuses a highly compressed entry (ratio) and applies configurable limits', async () => {
    const zip = await modifiedXlsx((parts) => [
      ...parts,
      { name: 'xl/media/zeros.bin', data: Buffer.alloc(2 * MiB) },
    ]);
    expect(expectRefused(await inspectWorkbookBuffer(zip, 'x.xlsx'), 'suspicious-compression')).toMatch(
      /\d+ to 1/,
    );
    expect((await inspectWorkbookBuffer(zip, 'x.xlsx', { limits: { maxCompressionRatio: 5000 } })).ok).toBe(
      true,
    );
    expect((await inspectWorkbookBuffer(zip, 'x.xlsx', { limits: { ratioCheckMinBytes: 4 * MiB } })).ok).toBe(
      true,
    );
  });

  it('refuses by total and per-entry uncompressed size and by file size', async () => {
    const zip = await modifiedXlsx((parts) => [
      ...parts,
      ...[1, 2, 3].map((i): ZipEntrySpec => ({ name: `xl/media/r${i}.bin`, data: randomBytes(60 * 1024) })),
    ]);
    expect((await inspectWorkbookBuffer(zip, 'x.xlsx')).ok).toBe(true);
    expectRefused(
      await inspectWorkbookBuffer(zip, 'x.xlsx', { limits: { maxTotalUncompressedBytes: 150 * 1024 } }),
      'too-large-uncompressed',
    );
    expectRefused(
      await inspectWorkbookBuffer(zip, 'x.xlsx', { limits: { maxEntryUncompressedBytes: 50 * 1024 } }),
      'entry-too-large',
    );
    expectRefused(
      await inspectWorkbookBuffer(zip, 'x.xlsx', { limits: { maxFileBytes: 100 * 1024 } }),
      'file-too-large',
    );
    expectRefused(await inspectAsFile('big.xlsx', zip, { maxFileBytes: 100 * 1024 }), 'file-too-large');
  });

  it('rejects nonsense limits instead of disabling a check', async () => {
    const xlsx = await makeValidXlsx();
    await expect(inspectWorkbookBuffer(xlsx, 'x.xlsx', { limits: { maxEntries: -1 } })).rejects.toThrow(
      RangeError,
    );
    await expect(
      inspectWorkbookBuffer(xlsx, 'x.xlsx', { limits: { maxEntries: Number.NaN } }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses an honest 1.6 GB zip bomb from the directory, without decompressing it', async () => {
    const bomb = await bombWorkbook(1600);
    const path = await dir.file('bomb.xlsx', bomb);
    const started = performance.now();
    const line = expectRefused(await inspectWorkbookFile(path), 'entry-too-large', 'bomb.xlsx');
    const ms = performance.now() - started;
    expect(line).toContain('1.6 GiB');
    expect(ms).toBeLessThan(1000);
    // With the size limits lifted, the compression ratio still gives it away.
    const loose = { maxEntryUncompressedBytes: 4096 * MiB, maxTotalUncompressedBytes: 4096 * MiB };
    expectRefused(await inspectWorkbookFile(path, { limits: loose }), 'suspicious-compression');
  });

  it('refuses a lying bomb (headers claim little) after reading no more than it claims', async () => {
    // Claims 5 MiB: passes the directory checks, stops as soon as inflation passes 5 MiB.
    const lying = await bombWorkbook(1600, 5 * MiB);
    let started = performance.now();
    expectRefused(await inspectWorkbookBuffer(lying, 'liar.xlsx'), 'inconsistent-sizes');
    expect(performance.now() - started).toBeLessThan(1000);
    // Claims 1 000 bytes for 1.6 MB of compressed data: impossible for deflate, refused unread.
    const absurd = await bombWorkbook(1600, 1000);
    started = performance.now();
    expectRefused(await inspectWorkbookBuffer(absurd, 'liar.xlsx'), 'inconsistent-sizes');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses a sheet that decompresses to 300 MiB of whitespace', async () => {
    expectRefused(await inspectWorkbookBuffer(await whitespaceSheet(300), 'spaces.xlsx'), 'entry-too-large');
  });

  it('closes every file descriptor, refused or not', async () => {
    if (process.platform !== 'linux') return;
    const files = [
      await dir.file('fd1.xlsx', await makeValidXlsx()),
      await dir.file('fd2.xlsx', await dtdInSheet()),
      await dir.file('fd3.xlsx', (await makeValidXlsx()).subarray(0, 500)),
      await dir.file('fd4.xlsx', await bombWorkbook(20, MiB)),
      await dir.file('fd5.xls', oleFile(['Workbook'])),
    ];
    const before = readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 5; i++) for (const f of files) await inspectWorkbookFile(f);
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(before);
  });
});

describe('unsafeEntryPath', () => {
  it('accepts ordinary part names and refuses unsafe ones', () => {
    expect(unsafeEntryPath('xl/worksheets/sheet1.xml')).toBeUndefined();
    expect(unsafeEntryPath('[Content_Types].xml')).toBeUndefined();
    expect(unsafeEntryPath('xl/..data/x')).toBeUndefined();
    for (const bad of ['', '..', 'a/../b', '/abs', 'C:x', 'a\\b', 'a\u0000b'])
      expect(unsafeEntryPath(bad)).toBeDefined();
  });
});
