import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FileNameAllocator, fileNameKey, safeFileName, truncateUtf8 } from '../../src/io/safe-filename.js';

const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9]|lpt[0-9])$/i;

/** What every result must satisfy, whatever the input. */
function expectSafe(name: string, maxBytes = 120): void {
  expect(name.length).toBeGreaterThan(0);
  expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(maxBytes);
  expect(name).not.toMatch(/[/\\:*?"<>|]/);
  // eslint-disable-next-line no-control-regex
  expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(name).not.toContain('..');
  expect(name).not.toMatch(/^[.\s]|[.\s]$/);
  expect(RESERVED.test(name.split('.')[0]!.trimEnd())).toBe(false);
  expect(name).not.toMatch(/\p{Cs}/u); // no lone surrogates
}

describe('safeFileName', () => {
  it('keeps ordinary department names as they are', () => {
    expect(safeFileName('Ministry of Health')).toBe('Ministry of Health');
    expect(safeFileName('Ministère de la Santé')).toBe('Ministère de la Santé');
    expect(safeFileName('財務省')).toBe('財務省');
    expect(safeFileName('Dept. of Trade')).toBe('Dept. of Trade');
  });

  it('cannot escape the output folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('..\\..\\Windows\\System32')).toBe('Windows_System32');
    expect(safeFileName('/etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('C:\\Users\\x')).toBe('C_Users_x');
    expect(safeFileName('..')).toBe('untitled');
    expect(safeFileName('.')).toBe('untitled');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('a/../b')).toBe('a_._b');
    expect(safeFileName('Health／Care')).toBe('Health_Care'); // full-width solidus
  });

  it('avoids Windows device names, with or without an extension', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('aux.txt')).toBe('_aux.txt');
    expect(safeFileName('nul')).toBe('_nul');
    expect(safeFileName('Com1')).toBe('_Com1');
    expect(safeFileName('LPT9.docx')).toBe('_LPT9.docx');
    expect(safeFileName('COM¹')).toBe('_COM1');
    expect(safeFileName('CON .txt')).toBe('_CON .txt');
    expect(safeFileName('Console')).toBe('Console');
    expect(safeFileName('auxiliary')).toBe('auxiliary');
  });

  it('removes control and invisible characters and trailing dots and spaces', () => {
    expect(safeFileName('Health\u0000\u0007\nCare')).toBe('Health_Care');
    expect(safeFileName('report\u202excod.exe')).toBe('reportxcod.exe');
    expect(safeFileName('  Health  Care ... ')).toBe('Health Care');
    expect(safeFileName('Finance.')).toBe('Finance');
    expect(safeFileName('')).toBe('untitled');
    expect(safeFileName('   ', { fallback: 'department' })).toBe('department');
    expect(safeFileName('\u0000\u0001')).toBe('untitled');
  });

  it('keeps emoji whole, including joined sequences', () => {
    expect(safeFileName('Team 👩‍👩‍👧 🚀')).toBe('Team 👩‍👩‍👧 🚀');
    const cut = safeFileName('👩‍👩‍👧'.repeat(10), { maxBytes: 30 });
    expect(cut).toBe('👩‍👩‍👧');
  });

  it('limits length in UTF-8 bytes (300 characters in, at most 120 bytes out)', () => {
    const long = safeFileName('a'.repeat(300));
    expect(long).toBe('a'.repeat(120));
    const accented = safeFileName('é'.repeat(300));
    expect(Buffer.byteLength(accented)).toBe(120);
    expect(accented).toBe('é'.repeat(60));
    expect(Buffer.byteLength(safeFileName('財'.repeat(300)))).toBeLessThanOrEqual(120);
    expectSafe(safeFileName(`${'x'.repeat(119)}. tail`));
  });

  it('is always safe, for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300, unit: 'binary' }),
          fc.string({
            maxLength: 50,
            unit: fc.constantFrom(
              '.',
              '/',
              '\\',
              ' ',
              'C',
              'O',
              'N',
              'a',
              'u',
              'x',
              '1',
              '\u0000',
              '\u202e',
              'é',
              '👍',
            ),
          }),
        ),
        fc.integer({ min: 20, max: 200 }),
        (input, maxBytes) => expectSafe(safeFileName(input, { maxBytes }), maxBytes),
      ),
      { numRuns: 2000 },
    );
  });

  it('truncateUtf8 never splits characters', () => {
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('e\u0301e\u0301', 3)).toBe('e\u0301');
  });
});

describe('FileNameAllocator', () => {
  it('gives departments whose names differ only in case different files', () => {
    const names = new FileNameAllocator();
    expect(names.allocate('Ministry of Health', '.docx')).toBe('Ministry of Health.docx');
    expect(names.allocate('MINISTRY OF HEALTH', '.docx')).toBe('MINISTRY OF HEALTH (2).docx');
    expect(names.allocate('ministry of health', '.docx')).toBe('ministry of health (3).docx');
    expect(names.allocate('Ministry of Health', '.csv')).toBe('Ministry of Health.csv');
  });

  it('does not reuse names already in the folder, and dedupes names that clean to the same', () => {
    const names = new FileNameAllocator(['Health.docx', 'untitled.docx']);
    expect(names.allocate('health', '.docx')).toBe('health (2).docx');
    expect(names.allocate('', '.docx')).toBe('untitled (2).docx');
    expect(names.allocate('a/b', '.docx')).toBe('a_b.docx');
    expect(names.allocate('a\\b', '.docx')).toBe('a_b (2).docx');
    expect(names.allocate('CON', '.docx')).toBe('_CON.docx');
    expect(names.allocate('con', '.docx')).toBe('_con (2).docx');
    expect(names.has('_CON.DOCX')).toBe(true);
  });

  it('treats NFC and NFD spellings as the same name (macOS)', () => {
    const names = new FileNameAllocator(['Sante\u0301.docx']);
    expect(fileNameKey('Santé.docx')).toBe(fileNameKey('Sante\u0301.docx'));
    expect(names.allocate('Santé', '.docx')).toBe('Santé (2).docx');
  });

  it('keeps long names within the budget with suffix and extension', () => {
    const names = new FileNameAllocator();
    const first = names.allocate('x'.repeat(300), '.docx');
    const second = names.allocate('x'.repeat(300), '.docx');
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(120);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(120);
    expect(second.endsWith(' (2).docx')).toBe(true);
    expect(first).not.toBe(second);
  });

  it('refuses an unsafe extension', () => {
    expect(() => new FileNameAllocator().allocate('a', '/../x')).toThrow(/unsafe file extension/);
  });

  it('always returns distinct, safe names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 40 }), (inputs) => {
        const names = new FileNameAllocator();
        const out = inputs.map((n) => names.allocate(n, '.docx'));
        expect(new Set(out.map(fileNameKey)).size).toBe(out.length);
        for (const name of out) expectSafe(name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('start-up cost', () => {
  it('loading the module makes no Intl.Segmenter (ICU break rules: 15–20 ms); cutting a long name does', async () => {
    const Original = Intl.Segmenter;
    let made = 0;
    // Intl's members are writable at run time; TypeScript's lib declares them read-only.
    const intl = Intl as { Segmenter: typeof Intl.Segmenter };
    intl.Segmenter = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    };
    try {
      vi.resetModules();
      const fresh = await import('../../src/io/safe-filename.js');
      expect(made).toBe(0);
      expect(fresh.truncateUtf8('short', 120)).toBe('short');
      expect(made).toBe(0);
      expect(fresh.truncateUtf8('x'.repeat(200), 120)).toBe('x'.repeat(120));
      expect(made).toBe(1);
    } finally {
      intl.Segmenter = Original;
    }
  });
});
