import { describe, expect, it } from 'vitest';
import { formatRefusal } from '../../src/io/refusal.js';
import { classifyOle, sniffBytes, sniffFile } from '../../src/io/sniff.js';
import { odsFile, oleFile, tempDir } from './fixtures/corpus.js';
import { makeValidXlsx } from './fixtures/zip.js';

function refusedLine(head: Uint8Array, name: string): string {
  const result = sniffBytes(head, name);
  if (result.ok) throw new Error('expected a refusal');
  return formatRefusal(result.reason);
}

describe('sniffBytes', () => {
  it('lets a zip through and names each refused kind in one actionable line', async () => {
    expect(sniffBytes(await makeValidXlsx(), 'ok.xlsx')).toEqual({ ok: true, kind: 'zip' });
    expect(refusedLine(Buffer.alloc(0), 'a.xlsx')).toBe(
      'a.xlsx: the file is empty (0 bytes) — ask for the completed workbook to be sent again; the attachment was probably lost or not saved.',
    );
    expect(refusedLine(oleFile(['Workbook']), 'old.xls')).toBe(
      'old.xls: this is an Excel 97–2003 workbook (.xls), an old format that cannot be read — open it in Excel and save it as .xlsx (Excel Workbook) without a password.',
    );
    expect(refusedLine(oleFile(['EncryptedPackage']), 'p.xlsx')).toContain(
      'save it as .xlsx without a password',
    );
    expect(refusedLine(oleFile(['WordDocument']), 'w.xls')).toContain('Word 97–2003 document');
    expect(refusedLine(odsFile(), 's.ods')).toContain('OpenDocument spreadsheet (.ods)');
    expect(refusedLine(Buffer.from('a,b\n1,2\n'), 'x.csv')).toContain('CSV');
    expect(refusedLine(Buffer.from('\ufeffItem\tRating\n', 'utf16le'), 'x.txt')).toContain('CSV');
    expect(
      refusedLine(
        Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'),
        'x.xml',
      ),
    ).toContain('Excel 2003 XML spreadsheet');
    expect(refusedLine(await makeValidXlsx(), 'm.XLSM')).toContain('macro-enabled');
    expect(refusedLine(await makeValidXlsx(), 'b.xlsb')).toContain('Binary Workbook');
  });

  it('cleans control characters out of the file name it shows', () => {
    const line = refusedLine(Buffer.alloc(0), '/tmp/evil\u001b[31m\nname.xlsx');
    expect(line.startsWith('evil[31m name.xlsx: ')).toBe(true);
  });
});

describe('classifyOle', () => {
  it('matches directory names only at 128-byte boundaries', () => {
    const aligned = oleFile(['Workbook']);
    expect(classifyOle(aligned)).toBe('legacy-xls');
    const shifted = Buffer.concat([Buffer.alloc(2), aligned]);
    expect(classifyOle(shifted)).toBeUndefined();
    expect(classifyOle(shifted.subarray(2), 0)).toBe('legacy-xls');
    expect(classifyOle(oleFile(['Workbook', 'EncryptedPackage']))).toBe('encrypted-workbook');
  });
});

describe('sniffFile', () => {
  it('finds the OLE directory anywhere in the file', async () => {
    const dir = await tempDir();
    try {
      // Directory far from the start, as in real files (after the data sectors).
      const ole = oleFile([]);
      const far = Buffer.alloc(3 * 1024 * 1024);
      ole.copy(far, 0, 0, 512);
      far.write('EncryptedPackage\0', 2 * 1024 * 1024 + 128 * 5, 'utf16le');
      const result = await sniffFile(await dir.file('locked.xlsx', far));
      expect(!result.ok && result.reason.code).toBe('encrypted-workbook');
      const head = sniffBytes(far.subarray(0, 4096), 'locked.xlsx');
      expect(!head.ok && head.reason.code).toBe('legacy-or-encrypted');
    } finally {
      await dir.remove();
    }
  });
});
