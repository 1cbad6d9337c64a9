/**
 * results.xlsx is written as SpreadsheetML directly (issue 24: exceljs' streaming writer took
 * most of a large batch's dataset time). A reader must see the same workbook as before: every
 * part is compared with what exceljs' streaming writer made of the same tables (sheets, header
 * styles, widths, frozen panes, filters, conditional formats, text kept as text), hostile text
 * included, and exceljs reads the result back.
 */
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { heatMapSheet } from '../../src/batch/heat-map-sheet.js';
import type { Table } from '../../src/batch/table-schema.js';
import { packageTables } from '../../src/batch/write-data-package.js';
import { xlsxParts } from '../../src/batch/xlsx-writer.js';
import { zipStream } from '../../src/io/zip-writer.js';
import { builtInFramework } from '../../src/framework/index.js';
import { exceljsXlsxStream } from './exceljs-xlsx.js';
import { generatedDepartments } from './generated-departments.js';

const f = builtInFramework();

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

/** The batch's workbook for a few generated departments, one of them with hostile text. */
function batchTables(): Table[] {
  const departments = generatedDepartments(f, 4);
  const hostile = departments[1]!;
  hostile.department = `Dept <of> "Tests" & 'quotes' \u0007 ${'\ud800'} 数字政府 =cmd|' /C calc'!A0`;
  hostile.answers.responses[f.elements[0]!.questions[0]!.id] =
    '=HYPERLINK("http://evil","click")\r\nline two\ttab';
  const [results, answers, ...others] = packageTables(f, departments, departments, {
    round: 'Spring 2026',
    date: '2026-04-01',
  });
  return [results!, answers!, heatMapSheet(f, departments), ...others];
}

const partsOf = (bytes: Buffer) =>
  Object.fromEntries(Object.entries(unzipSync(new Uint8Array(bytes))).map(([k, v]) => [k, strFromU8(v)]));

describe('results.xlsx written directly', () => {
  it('has the parts exceljs wrote for the same tables, byte for byte but for the dates and last editor', async () => {
    const tables = batchTables();
    const mine = partsOf(await bytesOf(xlsxParts(tables, { activeSheet: 2 })));
    const theirs = partsOf(await bytesOf(exceljsXlsxStream(tables, { activeSheet: 2 })));
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    for (const part of Object.keys(theirs)) {
      if (part === 'docProps/core.xml') continue;
      const a = mine[part]!;
      const b = theirs[part]!;
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      // Where they first differ, not the whole part (a sheet is tens of kilobytes).
      expect(a.slice(Math.max(0, at - 80), at + 80), `${part} at ${at}`).toBe(
        b.slice(Math.max(0, at - 80), at + 80),
      );
      expect(a.length, part).toBe(b.length);
    }
    const core = (s: string) =>
      s.replace(/<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g, '').replace('ExcelJS', 'dgx-maturity');
    expect(core(mine['docProps/core.xml']!)).toBe(core(theirs['docProps/core.xml']!));
    // The hostile name made it into the heat map's header, cleaned and escaped, and as text.
    expect(mine['xl/worksheets/sheet3.xml']).toContain(
      'Dept &lt;of&gt; &quot;Tests&quot; &amp; &apos;quotes&apos;',
    );
  });

  it('is read back by exceljs with the same values, text cells as text', async () => {
    const tables = batchTables();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await bytesOf(xlsxParts(tables, { activeSheet: 2 }))).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.name));
    expect(wb.views[0]?.activeTab).toBe(2);
    const answers = wb.getWorksheet('Answers')!;
    expect(answers.rowCount).toBe([...tables[1]!.rows].length + 1);
    const evil = answers.getColumn(7).values.find((v) => typeof v === 'string' && v.startsWith('=HYPERLINK'));
    expect(evil).toBe('=HYPERLINK("http://evil","click")\nline two\ttab');
    const heat = wb.getWorksheet('Heat map')!;
    expect(heat.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
    expect(heat.getCell('C2').value).toBe(1);
  });
});

describe('zipStream', () => {
  it('stores each entry deflated with its CRC and sizes, names in UTF-8, content in pieces', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `<row r="${i}">données ${i}</row>`);
    const bytes = await bytesOf(
      zipStream([
        { name: 'a.xml', data: '<a/>' },
        { name: 'dossier/é.xml', data: big },
        { name: 'empty', data: [] },
      ]),
    );
    const parts = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(parts)).toEqual(['a.xml', 'dossier/é.xml', 'empty']);
    expect(strFromU8(parts['dossier/é.xml']!)).toBe(big.join(''));
    expect(parts.empty!.length).toBe(0);
    // The central directory's CRC of the big entry is the content's (fflate does not check it).
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
    expect(bytes.readUInt32LE(second + 16)).toBe(crc32(Buffer.from(big.join(''))));
    expect(bytes.readUInt32LE(second + 24)).toBe(Buffer.byteLength(big.join('')));
  });

  it('passes on an error made while an entry is written', async () => {
    function* failing(): Generator<string> {
      yield 'start';
      throw new Error('table broke');
    }
    await expect(bytesOf(zipStream([{ name: 'x', data: failing() }]))).rejects.toThrow('table broke');
  });
});
