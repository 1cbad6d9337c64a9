/**
 * What respondents do to workbooks, and what the reader makes of it: tolerant of moved, renamed and
 * extra sheets, inserted or reordered rows and columns, typed answers; strict, with diagnostics
 * naming sheet and cell, about what matters.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { score, type Answers } from '../../src/scoring/index.js';
import type { Diagnostic } from '../../src/workbook/read-result.js';
import { readWorkbook, WorkbookReadError } from '../../src/workbook/read/index.js';
import { mutate, prng, randomAnswers, rowOf, workbookFor } from './helpers.js';

const framework = builtInFramework();
const UCD = 'User centered design';
let answers: Answers;
let filled: Buffer;

beforeAll(async () => {
  answers = randomAnswers(framework, prng(7), 0.9);
  answers.ratings['ucd.l1.01'] = 'Fully';
  answers.ratings['ucd.l1.02'] = 'Partly';
  answers.evidence['ucd.l1.01'] = 'We have a design team.';
  answers.responses['ucd.q1'] = 'Yes, mostly.';
  filled = await workbookFor(framework, answers);
});

const read = (bytes: Uint8Array) => readWorkbook(framework, bytes, { fileName: 'returned.xlsx' });
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).filter((c) => c !== 'unanswered');
const sheet = (wb: ExcelJS.Workbook, name = UCD) => wb.getWorksheet(name)!;

describe('tolerant of what respondents do', () => {
  it('reads a renamed sheet moved to the end', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        ws.name = 'UCD (final)';
        (ws as unknown as { orderNo: number }).orderNo = 99;
      }),
    );
    expect(r.answers).toEqual(answers);
    expect(codes(r.diagnostics)).toEqual([]);
  });

  it('reads around inserted rows (a row with answers but no id is an error: see row-edits.test.ts)', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const at = rowOf(ws, 'ucd.l1.02').number;
        ws.spliceRows(at, 0, [], ['', '', 'a note of ours'], []);
      }),
    );
    expect(r.answers).toEqual(answers);
    expect(codes(r.diagnostics)).toEqual([]);
  });

  it('reads reordered rows by their ids', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const a = rowOf(ws, 'ucd.l1.01');
        const b = rowOf(ws, 'ucd.l1.03');
        const va = [1, 2, 3, 4, 5].map((c) => a.getCell(c).value);
        const vb = [1, 2, 3, 4, 5].map((c) => b.getCell(c).value);
        va.forEach((v, i) => (b.getCell(i + 1).value = v));
        vb.forEach((v, i) => (a.getCell(i + 1).value = v));
      }),
    );
    expect(r.answers).toEqual(answers);
  });

  it('reads a table whose columns were swapped, by their headers', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const header = rowOf(ws, 'ucd.l1.01').number - 1;
        for (let row = header; row <= header + 4; row++) {
          const r = ws.getRow(row);
          const [d, e] = [r.getCell(4).value, r.getCell(5).value];
          r.getCell(4).value = e;
          r.getCell(5).value = d;
        }
      }),
    );
    expect(r.answers).toEqual(answers);
  });

  it('accepts typed answers in another case, with spaces and curly apostrophes', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        rowOf(ws, 'ucd.l1.01').getCell(4).value = '  fULLY ';
        rowOf(ws, 'ucd.l1.02').getCell(4).value = 'don\u2019t   KNOW';
        rowOf(ws, 'ucd.l1.03').getCell(4).value = 'not applicable\u00a0';
        rowOf(ws, 'ucd.l1.04').getCell(4).value = {
          richText: [{ text: 'Lar' }, { font: { bold: true }, text: 'gely' }],
        };
      }),
    );
    expect(r.answers.ratings).toMatchObject({
      'ucd.l1.01': 'Fully',
      'ucd.l1.02': "Don't know",
      'ucd.l1.03': 'Not applicable',
      'ucd.l1.04': 'Largely',
    });
    expect(codes(r.diagnostics)).toEqual([]);
  });

  it('ignores extra sheets, and warns about rows with unknown ids', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const notes = wb.addWorksheet('Our notes');
        notes.addRow(['Anything', 'we like']);
        notes.addRow(['ID', 'Rating']);
        notes.addRow(['ucd.l9.99', 'Fully']);
      }),
    );
    expect(r.answers).toEqual(answers);
    const unknown = r.diagnostics.filter((d) => d.code === 'unknown-id');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'warning', sheet: 'Our notes', cell: 'A3' });
  });

  it('reads the own judgement given as a name in any case, a number or "Level n"', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        rowOf(sheet(wb), 'judgement:ucd').getCell(5).value = 'becoming digital / RESPONSIVE';
        rowOf(sheet(wb, 'Data driven'), 'judgement:data').getCell(5).value = 2;
        rowOf(sheet(wb, 'Digital capability'), 'judgement:capability').getCell(5).value = 'Level 4';
        rowOf(sheet(wb, 'Funding and capacity'), 'judgement:funding').getCell(5).value = 'Excellent';
      }),
    );
    expect(r.answers.judgements.ucd?.level).toBe(3);
    expect(r.answers.judgements.data?.level).toBe(2);
    expect(r.answers.judgements.capability?.level).toBe(4);
    expect(r.answers.judgements.funding?.level).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === 'judgement-off-scale')).toMatchObject({
      severity: 'warning',
      sheet: 'Funding and capacity',
      elementId: 'funding',
    });
  });

  it('warns of a protective marking too long for a report, naming its cell, and keeps it whole', async () => {
    const long = 'OFFICIAL-SENSITIVE COMMERCIAL AND PERSONAL DATA'; // 47 characters
    const r = await read(
      await mutate(filled, (wb) => {
        rowOf(sheet(wb, 'Start here'), 'field:marking').getCell(3).value = long;
      }),
    );
    expect(r.meta.marking).toBe(long);
    const d = r.diagnostics.find((x) => x.code === 'marking-too-long');
    expect(d).toMatchObject({ severity: 'warning', sheet: 'Start here' });
    expect(d?.cell).toMatch(/^[A-Z]+\d+$/);
    expect(d?.message).toContain('47 characters');
    expect(d?.fix).toContain('--marking');
    // 40 characters is printed whole: no warning.
    const fits = await read(
      await mutate(filled, (wb) => {
        rowOf(sheet(wb, 'Start here'), 'field:marking').getCell(3).value = 'W'.repeat(40);
      }),
    );
    expect(fits.diagnostics.some((x) => x.code === 'marking-too-long')).toBe(false);
  });

  it('reads a workbook whose _meta sheet was lost, with a warning', async () => {
    const r = await read(await mutate(filled, (wb) => wb.removeWorksheet(wb.getWorksheet('_meta')!.id)));
    expect(r.answers).toEqual(answers);
    expect(codes(r.diagnostics)).toEqual(['meta-missing']);
  });
});

describe('strict about what matters', () => {
  it('names the cell of an answer off the scale, leaves it unanswered and reads the rest', async () => {
    let cell = '';
    const r = await read(
      await mutate(filled, (wb) => {
        const c = rowOf(sheet(wb), 'ucd.l1.01').getCell(4);
        c.value = 'Mostly';
        cell = c.address;
      }),
    );
    const d = r.diagnostics.find((x) => x.code === 'rating-off-scale')!;
    expect(d).toMatchObject({ severity: 'error', sheet: UCD, cell, itemId: 'ucd.l1.01', elementId: 'ucd' });
    expect(d.message).toContain(`Sheet "${UCD}", cell ${cell}`);
    expect(d.message).toContain('"Mostly"');
    expect(d.fix).toContain("Don't know");
    const { 'ucd.l1.01': _gone, ...rest } = answers.ratings;
    expect(r.answers.ratings).toEqual(rest);
  });

  it('names both cells of an id that appears twice, and leaves that item unanswered', async () => {
    let cells: string[] = [];
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const row = rowOf(ws, 'ucd.l1.02');
        ws.spliceRows(row.number + 1, 0, ['ucd.l1.02', '1.02', 'copy', 'Fully']);
        cells = [`A${row.number}`, `A${row.number + 1}`];
      }),
    );
    const dup = r.diagnostics.filter((d) => d.code === 'duplicate-id');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'error', itemId: 'ucd.l1.02', sheet: UCD });
    for (const c of cells) expect(dup[0]!.message).toContain(`"${UCD}"!${c}`);
    expect(r.answers.ratings['ucd.l1.02']).toBeUndefined();
    expect(r.answers.ratings['ucd.l1.01']).toBe('Fully');
  });

  it('reports a copied element sheet once, naming both sheets', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const copy = wb.addWorksheet(`${UCD} (2)`);
        sheet(wb).eachRow((row, n) => {
          copy.getRow(n).values = row.values as ExcelJS.CellValue[];
        });
      }),
    );
    const dup = r.diagnostics.filter((d) => d.code === 'duplicate-id');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.message).toContain(`"${UCD}" and "${UCD} (2)"`);
  });

  it('names the element sheet that was deleted and reads the others', async () => {
    const r = await read(await mutate(filled, (wb) => wb.removeWorksheet(sheet(wb, 'Data driven').id)));
    const missing = r.diagnostics.filter((d) => d.code === 'sheet-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error', sheet: 'Data driven', elementId: 'data' });
    expect(missing[0]!.message).toContain('"Data driven"');
    expect(Object.keys(r.answers.ratings).some((id) => id.startsWith('data.'))).toBe(false);
    expect(r.answers.ratings['ucd.l1.01']).toBe('Fully');
  });

  it('warns about deleted rows of an element', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        ws.spliceRows(rowOf(ws, 'ucd.l1.03').number, 1);
      }),
    );
    expect(r.diagnostics.find((d) => d.code === 'items-missing')).toMatchObject({
      severity: 'warning',
      elementId: 'ucd',
    });
  });

  it('says once per element how much is unanswered', async () => {
    const r = await read(await workbookFor(framework, { ...answers, ratings: { 'ucd.l1.01': 'Fully' } }));
    const unanswered = r.diagnostics.filter((d) => d.code === 'unanswered');
    expect(unanswered).toHaveLength(framework.elements.length);
    expect(unanswered[0]).toMatchObject({ severity: 'warning', elementId: 'ucd', sheet: UCD });
    expect(unanswered[0]!.message).toContain('25 of 26 characteristics have no rating');
  });

  it('refuses a workbook of another framework', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        rowOf(sheet(wb, '_meta'), 'frameworkId').getCell(2).value = 'other-fw';
      }),
    );
    expect(codes(r.diagnostics)).toEqual(['framework-mismatch']);
    expect(r.diagnostics[0]!.severity).toBe('error');
    expect(r.meta.frameworkId).toBe('other-fw');
    expect(r.answers.ratings).toEqual({});
  });

  it('refuses another major contract version and notes a newer minor one', async () => {
    const withContract = (v: string) =>
      mutate(filled, (wb) => {
        rowOf(sheet(wb, '_meta'), 'contractVersion').getCell(2).value = v;
      });
    const major = await read(await withContract('2.0.0'));
    expect(codes(major.diagnostics)).toEqual(['contract-unsupported']);
    expect(major.answers.ratings).toEqual({});
    const minor = await read(await withContract('1.7.0'));
    expect(codes(minor.diagnostics)).toEqual(['contract-newer']);
    expect(minor.answers).toEqual(answers);
  });

  it('warns when the workbook is for another version of the framework', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        rowOf(sheet(wb, '_meta'), 'frameworkVersion').getCell(2).value = '0.9.0';
      }),
    );
    expect(codes(r.diagnostics)).toEqual(['framework-version-differs']);
    expect(r.meta.frameworkVersion).toBe('0.9.0');
    expect(r.answers).toEqual(answers);
  });

  it('says a workbook without _meta and ids is not an assessment', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget').addRow(['Item', 'Cost']);
    const r = await read(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'not-an-assessment' });
    expect(r.diagnostics[0]!.message).toContain('"returned.xlsx"');
  });

  it('throws one clear WorkbookReadError for bytes that are not a workbook', async () => {
    await expect(read(Buffer.from('hello'))).rejects.toThrow(WorkbookReadError);
    await expect(read(Buffer.from('PK\u0003\u0004broken'))).rejects.toThrow(
      /cannot be opened as an Excel workbook/,
    );
  });

  it('puts back a missing column header as a fix, naming the table', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        ws.getRow(rowOf(ws, 'ucd.l1.01').number - 1).getCell(4).value = 'Score';
      }),
    );
    const d = r.diagnostics.find((x) => x.code === 'column-missing')!;
    expect(d).toMatchObject({ severity: 'error', sheet: UCD });
    expect(d.fix).toContain('"Rating"');
    expect(r.answers.ratings['ucd.l1.01']).toBeUndefined();
    expect(r.answers.ratings['ucd.l2.01']).toBe(answers.ratings['ucd.l2.01']);
  });

  it('warns when the level the workbook showed differs from the recomputed one', async () => {
    const engine = score(framework, answers).elements[0]!;
    const r = await read(
      await mutate(filled, (wb) => {
        const cell = rowOf(sheet(wb), 'level:ucd').getCell(4);
        const formula = cell.formula;
        cell.value = { formula, result: engine.level === 4 ? 1 : 4 } as ExcelJS.CellValue;
      }),
    );
    const d = r.diagnostics.filter((x) => x.code === 'cached-level-differs');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', sheet: UCD, elementId: 'ucd' });
    expect(d[0]!.message).toContain(`level ${engine.level}`);
  });
});

describe('hostile cells', () => {
  it('handles formulas, errors, numbers, dates, booleans and hyperlinks in answer cells', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const ws = sheet(wb);
        const set = (id: string, col: number, value: ExcelJS.CellValue) => {
          const cell = rowOf(ws, id).getCell(col);
          cell.value = value;
          // A respondent who types a date where the cell is not text gets a date-formatted cell.
          // (exceljs shares loaded style objects between cells: replace, do not mutate.)
          if (value instanceof Date) cell.style = { ...cell.style, numFmt: 'yyyy-mm-dd' };
        };
        set('ucd.l1.01', 4, { formula: '"Fully"', result: 'Fully' } as ExcelJS.CellValue);
        set('ucd.l1.02', 4, { error: '#REF!' } as ExcelJS.CellValue);
        set('ucd.l1.03', 4, 1);
        set('ucd.l1.04', 4, new Date(Date.UTC(2024, 0, 2)));
        set('ucd.l2.01', 4, true);
        set('ucd.l1.01', 5, { formula: 'A1&"x"', result: 'boom' } as ExcelJS.CellValue);
        set('ucd.l1.02', 5, { error: '#DIV/0!' } as ExcelJS.CellValue);
        set('ucd.l1.03', 5, 42.5);
        set('ucd.l1.04', 5, new Date(Date.UTC(2024, 0, 2)));
        set('ucd.l2.01', 5, { text: 'our page', hyperlink: 'https://example.org' });
        set('ucd.q1', 5, { richText: [{ text: 'bold ' }, { text: '\u0007answer\u202e' }] });
      }),
    );
    const at = (id: string) =>
      r.diagnostics.filter((d) => d.itemId === id).map((d) => `${d.severity} ${d.code}`);
    expect(at('ucd.l1.01')).toEqual(['error formula-in-answer', 'warning formula-in-answer']);
    expect(at('ucd.l1.02')).toEqual(['error cell-error', 'warning cell-error']);
    expect(at('ucd.l1.03')).toEqual(['error rating-off-scale']);
    expect(at('ucd.l1.04')).toEqual(['error rating-off-scale']);
    expect(at('ucd.l2.01')).toEqual(['error rating-off-scale']);
    for (const id of ['ucd.l1.01', 'ucd.l1.02', 'ucd.l1.03', 'ucd.l1.04', 'ucd.l2.01']) {
      expect(r.answers.ratings[id]).toBeUndefined();
    }
    expect(r.answers.evidence).toMatchObject({
      'ucd.l1.01': '=A1&"x"',
      'ucd.l1.03': '42.5',
      'ucd.l1.04': '2024-01-02',
      'ucd.l2.01': 'our page',
    });
    expect(r.answers.evidence['ucd.l1.02']).toBeUndefined();
    expect(r.answers.responses['ucd.q1']).toBe('bold answer');
    expect(
      r.diagnostics.find((d) => d.code === 'rating-off-scale' && d.itemId === 'ucd.l1.03')!.message,
    ).toContain('the number 1');
  });

  it('reads a date field typed as a date (or its serial number) as an ISO date', async () => {
    const r = await read(
      await mutate(filled, (wb) => {
        const cell = rowOf(sheet(wb, 'Start here'), 'field:date').getCell(3);
        cell.value = 45293;
        cell.style = { ...cell.style, numFmt: 'General' };
      }),
    );
    expect(r.meta.date).toBe('2024-01-02');
  });

  it('keeps answers that look like formulas as text cells', async () => {
    const texts = {
      'ucd.l1.01': '=HYPERLINK("http://x","y")',
      'ucd.l1.02': '+1',
      'ucd.l1.03': '-1',
      'ucd.l1.04': '@x',
    };
    const bytes = await workbookFor(framework, { ...answers, evidence: texts });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const [id, text] of Object.entries(texts)) {
      const cell = rowOf(sheet(wb), id).getCell(5);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.numFmt).toBe('@');
    }
    expect((await read(bytes)).answers.evidence).toEqual(texts);
  });

  it('protects every sheet without a password, leaving only input cells unlocked', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) {
      const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
      expect(protection.sheet, ws.name).toBe(true);
      expect(protection.hashValue).toBeUndefined();
    }
    const ws = sheet(wb);
    expect(rowOf(ws, 'ucd.l1.01').getCell(4).protection?.locked).toBe(false);
    expect(rowOf(ws, 'ucd.l1.01').getCell(3).protection?.locked).not.toBe(false);
    expect(rowOf(ws, 'level:ucd').getCell(4).protection?.locked).not.toBe(false);
    expect(wb.getWorksheet('_meta')!.state).toBe('veryHidden');
  });
});
