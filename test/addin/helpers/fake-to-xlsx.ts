/**
 * Exports the Excel API double's workbook as .xlsx (with exceljs), so that a spreadsheet program
 * nobody here wrote — LibreOffice — can open what the Office.js adapter built and calculate its
 * formulas.
 */
import ExcelJS from 'exceljs';
import type { WorkbookModel } from '../fake-excel/index.js';

const STATE = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' } as const;

export async function fakeToXlsx(model: WorkbookModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of model.sheets) {
    const ws = wb.addWorksheet(s.name, { state: STATE[s.visibility] });
    for (const [i, col] of s.columns) {
      const column = ws.getColumn(i + 1);
      if (col.width !== undefined) column.width = Math.max(1, (col.width / 0.75 - 5) / 7);
      if (col.hidden) column.hidden = true;
    }
    for (const [addr, c] of s.cells) {
      const cell = ws.getCell(addr);
      if (c.formula !== null) cell.value = { formula: c.formula.slice(1) } as ExcelJS.CellValue;
      else if (c.value !== '') cell.value = c.value;
      cell.numFmt = c.numberFormat;
      cell.protection = { locked: c.locked };
    }
    for (const [addr, v] of s.validations) {
      ws.getCell(addr).dataValidation = {
        type: 'list',
        allowBlank: v.ignoreBlanks,
        formulae: [`"${String(v.rule.list?.source ?? '')}"`],
      };
    }
    if (s.protection.protected) await ws.protect('', {});
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
