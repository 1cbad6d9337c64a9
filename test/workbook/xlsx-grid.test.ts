/**
 * The fast reader (src/workbook/read/xlsx-grid.ts) against exceljs: for every workbook of the
 * corpus, either the fast reader declines (NotSimple) or its grids deep-equal
 * `workbookGrids(await loadWorkbook(bytes))`, and `readWorkbook` gives the same result (or the
 * same refusal) with the fast path on and off. The corpus: our own workbooks (blank, filled,
 * hostile text), workbooks made with exceljs directly (dates, 1904, merges, rich text, hyperlinks,
 * errors, formulas, shared formulas, hidden sheets), hand-made XML (inline strings, phonetic runs,
 * `t="str"`, escapes), LibreOffice round trips (skipped visibly without soffice) and the hostile
 * corpus of src/io's tests.
 */
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { readWorkbook } from '../../src/workbook/index.js';
import { workbookGrids } from '../../src/workbook/read/exceljs-grid.js';
import { loadWorkbook } from '../../src/workbook/read/read-workbook.js';
import { decodeXmlText } from '../../src/workbook/read/fast/xml-tokens.js';
import { fastReadStats, NotSimple, xlsxGrids } from '../../src/workbook/read/xlsx-grid.js';
import { soffice } from '../helpers/libreoffice-recalc.js';
import { sofficeConvertArgs } from '../helpers/soffice-args.js';
import { skipWithout } from '../helpers/tools.js';
import {
  bombWorkbook,
  dtdInSheet,
  manyEntries,
  manyWhitespaceSheets,
  odsFile,
  oleFile,
  whitespaceSheet,
} from '../io/fixtures/corpus.js';
import { buildZip, makeValidXlsx, modifiedXlsx, readZipParts } from '../io/fixtures/zip.js';
import { hostileResult } from '../report/fixtures.js';
import { workbookOf } from '../report/workbooks.js';
import { mutate, prng, randomAnswers, workbookFor } from './helpers.js';

const framework = builtInFramework();

type Outcome = { grids: unknown } | { error: string };

async function viaExceljs(bytes: Uint8Array): Promise<Outcome> {
  try {
    return { grids: workbookGrids(await loadWorkbook(bytes)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The fast reader's grids, or undefined when it declines; any other error fails the test. */
function viaFast(bytes: Uint8Array): unknown {
  try {
    return xlsxGrids(bytes);
  } catch (e) {
    if (e instanceof NotSimple) return undefined;
    throw e;
  }
}

/** readWorkbook with the fast path on or off: its result, or the error it threw. */
async function readWith(enabled: boolean, bytes: Uint8Array) {
  fastReadStats.enabled = enabled;
  try {
    return await readWorkbook(framework, bytes, { fileName: 'w.xlsx' });
  } catch (e) {
    return { thrown: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  } finally {
    fastReadStats.enabled = true;
  }
}

/** Checks one workbook; returns whether the fast reader accepted it. */
async function same(bytes: Uint8Array): Promise<boolean> {
  const fast = viaFast(bytes);
  const slow = await viaExceljs(bytes);
  if (fast !== undefined) expect(slow).toEqual({ grids: fast });
  expect(await readWith(true, bytes)).toEqual(await readWith(false, bytes));
  return fast !== undefined;
}

/** Fails with the fast reader's reason when it declines a workbook it should read. */
function expectFast(bytes: Uint8Array): void {
  try {
    xlsxGrids(bytes);
  } catch (e) {
    throw new Error(`the fast reader declined: ${(e as Error).message}`, { cause: e });
  }
}

const xlsx = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

afterEach(() => {
  fastReadStats.enabled = true;
});

describe('our own workbooks', () => {
  it('blank, filled at random and with hostile text: read fast, the same grids as exceljs', async () => {
    const rnd = prng(24);
    const books = [
      await workbookFor(framework),
      await workbookFor(framework, randomAnswers(framework, rnd, 0.9), { department: 'Cabinet Office' }),
      await workbookFor(framework, randomAnswers(framework, rnd, 0.3)),
      await workbookOf(hostileResult()),
    ];
    for (const bytes of books) {
      expectFast(bytes);
      expect(await same(bytes)).toBe(true);
    }
  });

  it('readWorkbook takes the fast path for our workbooks (counted), exceljs when switched off', async () => {
    const bytes = await workbookOf(hostileResult());
    const before = { ...fastReadStats };
    const fast = await readWorkbook(framework, bytes);
    expect(fastReadStats.fast).toBe(before.fast + 1);
    expect(fastReadStats.fallback).toBe(before.fallback);
    fastReadStats.enabled = false;
    const slow = await readWorkbook(framework, bytes);
    expect(fastReadStats.fast).toBe(before.fast + 1);
    expect(slow).toEqual(fast);
  });

  it('filled returns with markup, control characters, CJK, emoji, "=cmd", spaces and newlines', async () => {
    const texts = [
      '<b>&amp;</b> "quoted" \'single\'',
      'tab\there\u0001\u0008 bell\u0007',
      '行政 デジタル 성숙도',
      '🚀👩🏽‍💻 astral 𝔸',
      '=cmd|" /C calc"!A0',
      '   leading and trailing   ',
      'line one\nline two\r\nline three\rfour',
      '_x000D_ literal escape _x0041_',
      '&lt; already escaped &amp;amp;',
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Evidence');
    texts.forEach((t, i) => {
      ws.getCell(i + 1, 1).value = t;
      ws.getCell(i + 1, 2).value = {
        richText: [{ text: t.slice(0, 3), font: { bold: true } }, { text: t.slice(3) }],
      };
    });
    const bytes = await xlsx(wb);
    expectFast(bytes);
    expect(await same(bytes)).toBe(true);
  });
});

describe('workbooks made with exceljs directly', () => {
  async function dated(date1904: boolean) {
    const wb = new ExcelJS.Workbook();
    if (date1904) wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Dates');
    const formats = [
      'dd/mm/yyyy',
      'yyyy-mm-dd hh:mm:ss',
      'mmm-yy',
      '[$-409]d-mmm-yy;@',
      'h:mm AM/PM',
      '"Date" 0.00',
      '0.00%',
      '[Red]#,##0',
      'd\\-m\\-y',
      '@',
    ];
    formats.forEach((numFmt, i) => {
      const c = ws.getCell(i + 1, 1);
      c.value = new Date(Date.UTC(2024, i, 1 + i, i, 30));
      c.numFmt = numFmt;
      const n = ws.getCell(i + 1, 2);
      n.value = 45000.25 + i;
      n.numFmt = numFmt;
      const f = ws.getCell(i + 1, 3);
      f.value = { formula: `B${i + 1}+1`, result: 45001.25 + i };
      f.numFmt = numFmt;
    });
    ws.getCell('D1').value = new Date(Date.UTC(1900, 0, 1));
    ws.getCell('D2').value = 0;
    ws.getCell('D2').numFmt = 'yyyy-mm-dd';
    ws.getCell('D3').value = { formula: 'D2', result: 0 };
    ws.getCell('D3').numFmt = 'yyyy-mm-dd';
    ws.getCell('D4').value = { formula: 'TEXT(D2,"x")', result: 'text result' };
    ws.getCell('D4').numFmt = 'yyyy-mm-dd';
    ws.getCell('D5').value = 1e300;
    ws.getCell('D5').numFmt = 'yyyy-mm-dd';
    return xlsx(wb);
  }

  it('dates in built-in and custom formats, the 1900 and 1904 systems', async () => {
    for (const bytes of [await dated(false), await dated(true)]) {
      expectFast(bytes);
      expect(await same(bytes)).toBe(true);
    }
  });

  it('merges, rich text, hyperlinks, errors, formulas, shared formulas, hidden sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('Visible');
    wb.addWorksheet('Hidden', { state: 'hidden' }).getCell('A1').value = 'hidden';
    wb.addWorksheet('Very hidden', { state: 'veryHidden' }).getCell('B2').value = 42;
    a.getCell('A1').value = 'merged master';
    a.mergeCells('A1:C2');
    a.getCell('E5').value = 'master of a merge over empty rows';
    a.mergeCells('E5:F9');
    a.getCell('A3').value = { richText: [{ text: 'bold ', font: { bold: true } }, { text: 'plain' }] };
    a.getCell('A4').value = { text: 'a link', hyperlink: 'https://www.gov.uk/' };
    a.getCell('A5').value = { error: '#REF!' };
    a.getCell('A6').value = { error: '#N/A' };
    a.getCell('A7').value = true;
    a.getCell('A8').value = false;
    a.getCell('A9').value = -0.5;
    a.getCell('B3').value = { formula: 'A9*2', result: -1 };
    a.getCell('B4').value = { formula: 'A7', result: true };
    a.getCell('B5').value = { formula: 'A8', result: false };
    a.getCell('B6').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    a.getCell('B7').value = { formula: 'A3&""', result: 'bold plain' };
    a.getCell('B8').value = { formula: '""', result: '' };
    a.getCell('B9').value = { formula: 'NOW()' };
    a.getCell('C3').value = {
      formula: 'A9+$A$9+Visible!A9+SUM(A1:A2)',
      result: 1,
      shareType: 'shared',
      ref: 'C3:C6',
    } as ExcelJS.CellValue;
    for (const r of [4, 5, 6]) a.getCell(`C${r}`).value = { sharedFormula: 'C3', result: r };
    a.getCell('D3').value = {
      formula: 'D1',
      result: 0,
      shareType: 'shared',
      ref: 'D3:F3',
    } as ExcelJS.CellValue;
    a.getCell('E3').value = { sharedFormula: 'D3', result: 0 };
    a.getCell('F3').value = { sharedFormula: 'D3' };
    a.getCell('G1').style = { font: { bold: true } }; // styled, empty
    const bytes = await xlsx(wb);
    expectFast(bytes);
    expect(await same(bytes)).toBe(true);
  });

  it('takes exceljs for what it does not handle (a comment), counted as a fallback', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Notes');
    ws.getCell('A1').value = 'noted';
    ws.getCell('A1').note = 'a comment';
    const bytes = await xlsx(wb);
    expect(viaFast(bytes)).toBeUndefined();
    const before = fastReadStats.fallback;
    await readWorkbook(framework, bytes);
    expect(fastReadStats.fallback).toBe(before + 1);
    expect(fastReadStats.lastReason).toMatch(/comments1\.xml/);
    await same(bytes);
  });
});

describe("the tokenizer's references", () => {
  it('decodes the five entities and character references once, and declines any other &', () => {
    expect(decodeXmlText('&amp;quot; &quot;&apos;&lt;&gt; &amp;amp;')).toBe('&quot; "\'<> &amp;');
    expect(decodeXmlText('&#38;lt; &#x1F600; &amp;#38;')).toBe('&lt; 😀 &#38;');
    for (const bad of ['&nbsp;', 'a & b', '&#0;', '&#xFFFE;', '&amp', '&#38;&copy;'])
      expect(() => decodeXmlText(bad), bad).toThrow(NotSimple);
  });
});

describe('the reading worker', () => {
  it(
    'loads no exceljs module for a workbook of ours, and exceljs for one the fast reader declines',
    { timeout: 60_000 },
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'dmf-fastread-'));
      try {
        const ours = join(work, 'ours.xlsx');
        writeFileSync(ours, await workbookFor(framework, undefined, { department: 'Cabinet Office' }));
        const declined = join(work, 'declined.xlsx');
        const bytes = await workbookFor(framework, undefined, { department: 'Cabinet Office' });
        writeFileSync(
          declined,
          await mutate(bytes, (wb) => {
            wb.worksheets[0]!.getCell('Z1').note = 'a comment';
          }),
        );
        const child = fileURLToPath(new URL('./read-file-child.ts', import.meta.url));
        const run = async (file: string) =>
          JSON.parse(
            (await promisify(execFile)(process.execPath, ['--import', 'tsx', child, file])).stdout,
          ) as { exceljsModules: number; fast: number; fallback: number; department: string };
        const fast = await run(ours);
        expect(fast).toMatchObject({ exceljsModules: 0, fast: 1, fallback: 0, department: 'Cabinet Office' });
        const slow = await run(declined);
        expect(slow).toMatchObject({ fast: 0, fallback: 1, department: 'Cabinet Office' });
        expect(slow.exceljsModules).toBeGreaterThan(0);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook zipped by hand: one sheet's XML, shared strings and styles as given. */
function handMade(
  sheetData: string,
  opts: { sst?: string; styles?: string; workbookPr?: string; extra?: string } = {},
) {
  const parts = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${opts.workbookPr ?? ''}<sheets><sheet name="Hand &amp;amp; made" sheetId="3" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${sheetData}</sheetData>${opts.extra ?? ''}</worksheet>`,
      ),
    },
  ];
  if (opts.sst)
    parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst xmlns="${MAIN}">${opts.sst}</sst>`) });
  if (opts.styles)
    parts.push({
      name: 'xl/styles.xml',
      data: Buffer.from(`<styleSheet xmlns="${MAIN}">${opts.styles}</styleSheet>`),
    });
  return buildZip(parts);
}

describe('hand-made XML', () => {
  const styles =
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\/mm\\/yyyy"/><numFmt numFmtId="165" formatCode="&quot;d&quot;0"/></numFmts>' +
    '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="27"/></cellXfs>';
  const sst =
    '<si><t>plain</t></si>' +
    '<si><t xml:space="preserve"> spaced _x000D_ escaped </t><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>' +
    '<si><r><rPr><b/></rPr><t>rich </t></r><r><t>runs</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></si>' +
    '<si><t/></si>' +
    '<si><t>&#x1F600; &lt;tag&gt; &#38;</t></si>';
  const rows =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>inline &amp;lt;kept&amp;gt;</t></is></c><c r="B1" t="str"><v>str &amp;amp;lt; twice</v></c>' +
    '<c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c><c r="E1" t="s"><v>2</v></c><c r="F1" t="s"><v>3</v></c><c r="G1" t="s"><v>4</v></c></row>' +
    '<row r="3" spans="1:9"><c r="A3" s="1"><v>45292.5</v></c><c r="B3" s="2"><v>1</v></c><c r="C3" s="3"><v>2</v></c><c r="D3" s="4"><v>3</v></c>' +
    '<c r="E3" s="2"/><c r="F3"/><c r="G3" t="b"><v>1</v></c><c r="H3" t="e"><v>#VALUE!</v></c><c r="I3" t="n"><v>1.5E3</v></c></row>' +
    '<row r="4"><c r="A4"><f t="shared" ref="A4:C4" si="0">$A$3+B3*2</f><v>0</v></c><c r="B4"><f t="shared" si="0"/><v>7</v></c><c r="C4"><f t="shared" si="0"/></c>' +
    '<c r="D4" t="str"><f>A1&amp;""</f><v>x &amp;amp; y</v></c><c r="E4" t="b"><f>TRUE()</f><v>0</v></c><c r="F4" s="2"><f>B3</f><v>45292</v></c></row>' +
    '<row r="5" s="2" customFormat="1"><c r="A5" s="2"/></row>';

  it('inline strings, t="str", phonetic runs, escapes, styles, shared formulas, 1904', async () => {
    for (const workbookPr of ['', '<workbookPr date1904="1"/>', '<workbookPr date1904="0"/>']) {
      const bytes = handMade(rows, {
        sst,
        styles,
        workbookPr,
        extra: '<mergeCells count="1"><mergeCell ref="H5:G7"/></mergeCells>',
      });
      expectFast(bytes);
      expect(await same(bytes)).toBe(true);
    }
  });

  it('declines what it has no rule for, and readWorkbook still reads as exceljs does', async () => {
    const declined = [
      handMade('<row r="1"><c r="A1" t="d"><v>2024-01-01</v></c></row>'), // ISO date cell
      handMade('<row r="1"><c r="A1"><f t="array" ref="A1">1</f><v>1</v></c></row>'), // array formula
      handMade('<row r="1"><c r="A1"><v>1</v></c></row><!-- a comment -->'), // XML comment
      handMade('<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>'), // row order
      handMade('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), // no shared strings part
      handMade('<row r="1"><c r="A1"><v>1</v></c></row>', { extra: '<drawing r:id="rId9"/>' }),
      handMade('<row r="1"><c r="A1"><v>1</v></c></row>', { workbookPr: '<workbookPr date1904="true"/>' }),
      handMade('<row r="1"><c r="A1"><v>&#1;</v></c></row>'), // a character XML 1.0 forbids
      handMade('<row r="1"><c r="A1"><v>1</v></c></row>', {
        extra: '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
      }),
    ];
    for (const bytes of declined) {
      expect(viaFast(bytes)).toBeUndefined();
      await same(bytes);
    }
  });

  it('a strict OOXML namespace is declined', async () => {
    const bytes = await modifiedXlsx((parts) =>
      parts.map((p) =>
        p.name === 'xl/workbook.xml'
          ? {
              ...p,
              data: Buffer.from(
                p.data!.toString().replace(MAIN, 'http://purl.oclc.org/ooxml/spreadsheetml/main'),
              ),
            }
          : p,
      ),
    );
    expect(viaFast(bytes)).toBeUndefined();
    await same(bytes);
  });
});

describe('the hostile corpus of src/io', () => {
  it('every file reads the same or is refused the same way', async () => {
    const files: Uint8Array[] = [
      oleFile(['EncryptedPackage', 'EncryptionInfo']),
      oleFile(['Workbook']),
      odsFile(),
      odsFile(false),
      await dtdInSheet(),
      await bombWorkbook(1),
      await whitespaceSheet(1),
      await manyWhitespaceSheets(3, 1),
      manyEntries(50),
      await makeValidXlsx(),
      Buffer.from('not a workbook at all'),
      Buffer.alloc(0),
      buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }], { truncateTo: 40 }),
    ];
    // Truncations and bit flips of a real workbook.
    const valid = await makeValidXlsx();
    const rnd = prng(7);
    for (let i = 0; i < 12; i++) {
      const b = Buffer.from(valid);
      const at = Math.floor(rnd() * b.length);
      b[at] = b[at]! ^ (1 << Math.floor(rnd() * 8));
      files.push(b);
    }
    files.push(valid.subarray(0, valid.length - 10));
    for (const bytes of files) await same(bytes);
  });

  it('every part of a real workbook re-zipped stored (method 0) reads fast and the same', async () => {
    const parts = await readZipParts(await makeValidXlsx());
    const stored = buildZip(parts.map((p) => ({ name: p.name, data: p.data, method: 0 })));
    await same(stored);
  });
});

const skipCalc = skipWithout(soffice, 'LibreOffice', 'the fast reader on workbooks saved by LibreOffice');

describe.skipIf(skipCalc)('workbooks saved by LibreOffice', () => {
  it(
    'a filled workbook and a hostile one, saved again as .xlsx: the same grids as exceljs',
    { timeout: 240_000 },
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'dmf-fastread-'));
      try {
        const inputs = [
          ['filled.xlsx', await workbookFor(framework, randomAnswers(framework, prng(5), 0.9))],
          ['hostile.xlsx', await workbookOf(hostileResult())],
        ] as const;
        const outDir = join(work, 'out');
        const files = inputs.map(([name, bytes]) => {
          const f = join(work, name);
          writeFileSync(f, bytes);
          return f;
        });
        const profile = mkdtempSync(join(work, 'profile-'));
        await promisify(execFile)(
          soffice!,
          sofficeConvertArgs(profile, 'xlsx:Calc MS Excel 2007 XML', outDir, files),
          {
            timeout: 200_000,
          },
        );
        let fast = 0;
        for (const [name] of inputs) {
          const bytes = readFileSync(join(outDir, name));
          if (await same(bytes)) fast++;
          else
            console.log(
              `fast reader declined LibreOffice's ${name}: ${(() => {
                try {
                  xlsxGrids(bytes);
                  return '';
                } catch (e) {
                  return (e as Error).message;
                }
              })()}`,
            );
        }
        // LibreOffice's own way of writing a workbook (date1904="false", its styles) is read fast.
        expect(fast).toBe(inputs.length);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});
