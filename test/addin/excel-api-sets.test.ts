/**
 * The requirement sets the Excel double enforces come from Microsoft's own tags in
 * @types/office-js: the committed table must be exactly what the extraction gives today.
 * After upgrading @types/office-js, run `npx tsx scripts/excel-api-sets.ts` and review the diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_SETS_JSON, extractApiSets, officeJsTypes } from '../../scripts/excel-api-sets.js';
import { checkedApi, FakeExcel, FakeRequestContext, hostHas, WorkbookModel } from './fake-excel/index.js';

describe('the requirement sets of the Excel double', () => {
  const extracted = extractApiSets(officeJsTypes());

  it('match the [Api set] tags of the installed @types/office-js', () => {
    expect(JSON.parse(readFileSync(API_SETS_JSON, 'utf8'))).toEqual(extracted);
  });

  it('read the tags as Microsoft documents them', () => {
    expect(extracted.StyleCollection!.getItemOrNullObject).toEqual({ set: 'ExcelApi 1.14', type: 'Style' });
    expect(extracted.StyleCollection!.load!.set).toBeNull();
    expect(extracted.Range!.dataValidation).toEqual({ set: 'ExcelApi 1.8', type: 'DataValidation' });
    expect(extracted.Worksheet!.pageLayout).toEqual({ set: 'ExcelApi 1.9', type: 'PageLayout' });
    // "ExcelApi 1.2 for options; 1.7 for password": the member exists from the first.
    expect(extracted.WorksheetProtection!.protect!.set).toBe('ExcelApi 1.2');
    expect(extracted.WorksheetProtection!.isPasswordProtected!.set).toBe('ExcelApiOnline 1.1');
  });

  it('record the highest version, what setting needs, and each parameter, enum value and option (issue 23)', () => {
    // "1.1 for adding a single row; 1.4 allows adding of multiple rows; 1.15 for adding `alwaysInsert` parameter."
    expect(extracted.TableRowCollection!.add).toMatchObject({
      set: 'ExcelApi 1.1',
      highest: 'ExcelApi 1.15',
    });
    expect(extracted.TableRowCollection!.add!.params).toContainEqual({
      name: 'alwaysInsert',
      set: 'ExcelApi 1.15',
    });
    expect(extracted.WorksheetProtection!.protect!.params).toEqual([
      { name: 'options', type: 'WorksheetProtectionOptions' },
      { name: 'password', set: 'ExcelApi 1.7' },
    ]);
    // "1.1 for get, 1.8 for set"
    expect(extracted.Application!.calculationMode).toMatchObject({
      set: 'ExcelApi 1.1',
      write: 'ExcelApi 1.8',
    });
    expect(extracted.ChartCollection!.add!.params![0]).toEqual({ name: 'type', enum: 'ChartType' });
    expect(extracted.ChartType!.Funnel).toEqual({ set: 'ExcelApi 1.9' });
    expect(extracted.ChartType!.ColumnClustered).toEqual({ set: 'ExcelApi 1.1' });
    expect(extracted.WorksheetProtectionOptions!.allowEditObjects).toEqual({ set: 'ExcelApi 1.7' });
    expect(extracted.RunOptions!.mergeUndoGroup).toEqual({ set: 'ExcelApi 1.20' });
    // Microsoft tags no set on delayForCellEdit, in the types or the reference: nothing to check.
    expect(extracted.RunOptions!.delayForCellEdit).toEqual({ set: null });
  });

  it('compare versions numerically and keep other sets apart', () => {
    expect(hostHas({ excelApi: '1.8' }, 'ExcelApi 1.8')).toBe(true);
    expect(hostHas({ excelApi: '1.8' }, 'ExcelApi 1.14')).toBe(false);
    expect(hostHas({ excelApi: '1.14' }, 'ExcelApi 1.9')).toBe(true);
    expect(hostHas({ excelApi: '1.20' }, 'ExcelApiOnline 1.1')).toBe(false);
    expect(hostHas({ excelApi: '1.8', others: ['ExcelApiOnline 1.1'] }, 'ExcelApiOnline 1.1')).toBe(true);
    expect(hostHas({ excelApi: '1.1' }, null)).toBe(true);
  });
});

describe('the Excel double refuses, on a host without the set (issue 23)', () => {
  const refused = async (host: string, batch: (c: Excel.RequestContext) => void) => {
    const excel = new FakeExcel(new WorkbookModel(), { excelApi: host });
    return excel
      .run(async (c) => {
        batch(c);
        await c.sync();
        return 'accepted';
      })
      .catch((e: { code?: string }) => e.code);
  };
  const chart = (type: string) => (c: Excel.RequestContext) => {
    const sheet = c.workbook.worksheets.getItem('Sheet1');
    sheet.getRange('A1:B2').values = [
      ['a', 1],
      ['b', 2],
    ];
    sheet.charts.add(type as Excel.ChartType, sheet.getRange('A1:B2'));
  };

  it('an enum value of a newer set: charts.add("Funnel") needs ExcelApi 1.9', async () => {
    expect(await refused('1.8', chart('Funnel'))).toBe('ApiNotFound');
    expect(await refused('1.9', chart('Funnel'))).toBe('accepted');
    expect(await refused('1.8', chart('ColumnClustered'))).toBe('accepted');
  });

  it('a member of an option object: protect({ allowEditObjects }) needs ExcelApi 1.7', async () => {
    const protect = (c: Excel.RequestContext) =>
      c.workbook.worksheets.getItem('Sheet1').protection.protect({ allowEditObjects: true });
    expect(await refused('1.6', protect)).toBe('ApiNotFound');
    expect(await refused('1.7', protect)).toBe('accepted');
    const plain = (c: Excel.RequestContext) =>
      c.workbook.worksheets.getItem('Sheet1').protection.protect({ allowFormatColumns: true });
    expect(await refused('1.6', plain)).toBe('accepted');
  });

  it('a parameter of a newer set: TableRowCollection.add(…, alwaysInsert) needs ExcelApi 1.15', async () => {
    const tryAdd = async (host: string, ...args: unknown[]) => {
      const context = new FakeRequestContext(new WorkbookModel());
      const rows = checkedApi({ add: () => undefined }, 'TableRowCollection', { excelApi: host }, context);
      rows.add(...(args as []));
      return context.sync().then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      );
    };
    expect(await tryAdd('1.14', undefined, [[1]], true)).toBe('ApiNotFound');
    expect(await tryAdd('1.15', undefined, [[1]], true)).toBe('accepted');
    expect(await tryAdd('1.8', undefined, [[1]])).toBe('accepted');
  });

  it('setting a property whose setting is newer: calculationMode is read from 1.1, set from 1.8', async () => {
    const tryIt = async (host: string, set: boolean) => {
      const context = new FakeRequestContext(new WorkbookModel());
      const app = checkedApi({ calculationMode: 'Automatic' }, 'Application', { excelApi: host }, context);
      if (set) app.calculationMode = 'Manual';
      else void app.calculationMode;
      return context.sync().then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      );
    };
    expect(await tryIt('1.7', true)).toBe('ApiNotFound');
    expect(await tryIt('1.7', false)).toBe('accepted');
    expect(await tryIt('1.8', true)).toBe('accepted');
  });

  it('an option of Excel.run: mergeUndoGroup needs ExcelApi 1.20', async () => {
    const excel = new FakeExcel(new WorkbookModel(), { excelApi: '1.8' });
    await expect(excel.run({ mergeUndoGroup: true }, async () => 0)).rejects.toMatchObject({
      code: 'ApiNotFound',
    });
    await expect(excel.run({ delayForCellEdit: true }, async () => 1)).resolves.toBe(1);
  });
});
