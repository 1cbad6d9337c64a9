/**
 * Which cell styles of a workbook make a number a date, and the date it becomes, as exceljs 4.4
 * decides (xform/style/styles-xform.js getStyleModel, numfmt-xform.js, utils.isDateFmt and
 * excelToDate): the number formats part of the fast reader (../xlsx-grid.ts). Anything it has no
 * rule for is NotSimple.
 */
import { notSimple } from './not-simple.js';
import { CLOSE, MAIN_NS, OPEN, XmlTokens, openRoot } from './xml-tokens.js';
import type { ZipEntries } from './zip-entries.js';

/** exceljs' built-in number formats that have a single code (numfmt-xform.js getDefaultFmtCode). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** exceljs' utils.isDateFmt, verbatim. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** exceljs' utils.excelToDate (the subtraction coerces like exceljs' does). */
export function excelToDate(v: unknown, date1904: boolean): Date {
  return new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

export /** cellXfs index → whether a number in that style is a date (styles-xform getStyleModel). */
function readDateStyles(zip: ZipEntries): boolean[] | 'no-cellXfs' | undefined {
  if (!zip.has('xl/styles.xml')) return undefined;
  const x = new XmlTokens(zip.text('xl/styles.xml'));
  openRoot(x, 'styleSheet', MAIN_NS);
  const custom = new Map<number, string>();
  const xfNumFmt: number[] = [];
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.tag() === 'numFmts') {
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 'numFmt') notSimple('numFmts child');
        const { numFmtId, formatCode } = x.attrs;
        if (numFmtId === undefined || !/^\d+$/.test(numFmtId) || formatCode === undefined)
          notSimple('numFmt');
        custom.set(Number(numFmtId), formatCode.replace(/[\\](.)/g, '$1'));
        x.skip();
      }
    } else if (x.tag() === 'cellXfs') {
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 'xf') notSimple('cellXfs child');
        const id = x.attrs['numFmtId'];
        if (id !== undefined && !/^\d+$/.test(id)) notSimple('xf numFmtId');
        xfNumFmt.push(id === undefined ? 0 : Number(id));
        x.skip();
      }
    } else x.skip();
  }
  if (xfNumFmt.length === 0) return 'no-cellXfs';
  return xfNumFmt.map((id) => id !== 0 && isDateFmt(custom.get(id) || BUILT_IN_FORMATS[id]));
}
