/**
 * The Excel API double must be at least as strict as Excel where the add-in could go wrong,
 * otherwise the adapter tests prove nothing. These tests pin the rules that bite.
 */
import { describe, expect, it } from 'vitest';
import { FakeExcel, FakeOfficeError } from './fake-excel/index.js';

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as FakeOfficeError).code;
  }
  return 'no error';
};

describe('the Excel API double', () => {
  it('refuses a 2D array whose shape does not match the range', async () => {
    const excel = new FakeExcel();
    const result = await code(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2, 3]];
        await ctx.sync();
      }),
    );
    expect(result).toBe('InvalidArgument');
  });

  it('throws PropertyNotLoaded for properties read before load and sync', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => range.values).toThrow(/not available/);
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([['']]);
      expect(() => range.address).toThrow(/not available/);
    });
  });

  it('fails to protect a sheet that is already protected', async () => {
    const excel = new FakeExcel();
    const result = await code(
      excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem('Sheet1');
        sheet.protection.protect();
        sheet.protection.protect();
        await ctx.sync();
      }),
    );
    expect(result).toBe('InvalidOperation');
    expect(excel.model.sheets[0]!.protection.protected).toBe(true);
  });

  it('writes only unlocked cells of a protected sheet', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B2').format.protection.locked = false;
      sheet.protection.protect();
      sheet.getRange('B2').values = [['ok']];
      await ctx.sync();
    });
    expect(excel.read('Sheet1', 'B2')).toBe('ok');
    const denied = await code(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['no']];
        await ctx.sync();
      }),
    );
    expect(denied).toBe('AccessDenied');
    expect(() => excel.type('Sheet1', 'A1', 'x')).toThrow(/locked/);
  });

  it('parses strings like typing unless the cell is formatted as text', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:D1').values = [['=1+1', '007', 'true', "'=kept"]];
      sheet.getRange('A2:B2').numberFormat = [['@', '@']];
      sheet.getRange('A2:B2').values = [['=1+1', '007']];
      sheet.getRange('C2').formulas = [[null]];
      await ctx.sync();
    });
    const cells = excel.model.sheets[0]!.cells;
    expect(cells.get('A1')!.formula).toBe('=1+1');
    expect(cells.get('B1')!.value).toBe(7);
    expect(cells.get('C1')!.value).toBe(true);
    expect(cells.get('D1')!.value).toBe('=kept');
    expect(cells.get('A2')).toMatchObject({ value: '=1+1', formula: null });
    expect(cells.get('B2')!.value).toBe('007');
    expect(cells.has('C2')).toBe(false);
  });

  it('counts syncs, keeps operations applied before a failure and drops the rest', async () => {
    const excel = new FakeExcel();
    await code(
      excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.add('One');
        sheets.add('one'); // names are unique ignoring case
        sheets.add('Three');
        await ctx.sync();
      }),
    );
    expect(excel.model.sheets.map((s) => s.name)).toEqual(['Sheet1', 'One']);
    expect(excel.syncCounts).toEqual([1]);
  });

  it('settles null objects at sync and refuses writes through them', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const used = missing.getUsedRangeOrNullObject(true);
      used.load('values');
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
    });
    const result = await code(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject('Nope').getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(result).toBe('InvalidOperation');
  });

  it('refuses a request over 5 MB', async () => {
    const excel = new FakeExcel();
    const big = 'x'.repeat(30_000);
    const result = await code(
      excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem('Sheet1');
        sheet.getRange('A1:A200').values = Array.from({ length: 200 }, () => [big]);
        await ctx.sync();
      }),
    );
    expect(result).toBe('RequestPayloadSizeLimitExceeded');
  });

  it('refuses proxies used after Excel.run has ended', async () => {
    const excel = new FakeExcel();
    let leaked: Excel.Range | undefined;
    await excel.run(async (ctx) => {
      leaked = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
    });
    expect(() => (leaked!.values = [[1]])).toThrow(/has ended/);
  });

  it('keeps inline validation lists within 255 characters and at least one sheet visible', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => {
        range.dataValidation.rule = { list: { inCellDropDown: true, source: 'a,'.repeat(200) } };
      }).toThrow(FakeOfficeError);
    });
    const result = await code(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').visibility = 'VeryHidden';
        await ctx.sync();
      }),
    );
    expect(result).toBe('InvalidOperation');
  });
});
