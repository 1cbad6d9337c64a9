/**
 * The requirement sets the Excel double enforces come from Microsoft's own tags in
 * @types/office-js: the committed table must be exactly what the extraction gives today.
 * After upgrading @types/office-js, run `npx tsx scripts/excel-api-sets.ts` and review the diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_SETS_JSON, extractApiSets, officeJsTypes } from '../../scripts/excel-api-sets.js';
import { hostHas } from './fake-excel/index.js';

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

  it('compare versions numerically and keep other sets apart', () => {
    expect(hostHas({ excelApi: '1.8' }, 'ExcelApi 1.8')).toBe(true);
    expect(hostHas({ excelApi: '1.8' }, 'ExcelApi 1.14')).toBe(false);
    expect(hostHas({ excelApi: '1.14' }, 'ExcelApi 1.9')).toBe(true);
    expect(hostHas({ excelApi: '1.20' }, 'ExcelApiOnline 1.1')).toBe(false);
    expect(hostHas({ excelApi: '1.8', others: ['ExcelApiOnline 1.1'] }, 'ExcelApiOnline 1.1')).toBe(true);
    expect(hostHas({ excelApi: '1.1' }, null)).toBe(true);
  });
});
