/**
 * The exceljs adapter: applies a {@link WorkbookPlan} to an exceljs Workbook, adding nothing of its
 * own (every decision is in the plan, so the add-in's workbook is the same).
 */
import ExcelJS from 'exceljs';
import type { Borders, CellValue, DataValidation, Style, Workbook, Worksheet } from 'exceljs';
import './zip-text-fix.js';
import { rangeAddress } from '../plan/address.js';
import type { CellContent, CellStyle, SheetPlan, StyleName, WorkbookPlan } from '../plan/types.js';

/**
 * exceljs has sheet-level validations (one entry per range, written as one `<dataValidation>`)
 * but does not declare them; per-cell `cell.dataValidation` would write one entry per cell.
 */
type WithValidations = Worksheet & { dataValidations: { add(address: string, v: DataValidation): void } };

/** exceljs' paper size code for A4. */
const A4 = 9;

function toExcelStyle(s: CellStyle): Partial<Style> {
  const edge = s.border ? { style: s.border.style, color: { argb: s.border.color } } : undefined;
  const border: Partial<Borders> | undefined = edge
    ? { top: edge, left: edge, bottom: edge, right: edge }
    : undefined;
  return {
    font: {
      name: s.font.name,
      size: s.font.size,
      bold: s.font.bold,
      italic: s.font.italic,
      color: { argb: s.font.color },
    },
    ...(s.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } } } : {}),
    ...(border ? { border } : {}),
    alignment: {
      horizontal: s.alignment.horizontal,
      vertical: s.alignment.vertical === 'center' ? 'middle' : s.alignment.vertical,
      wrapText: s.alignment.wrapText,
      ...(s.alignment.indent ? { indent: s.alignment.indent } : {}),
    },
    numFmt: s.numberFormat,
    protection: { locked: s.locked },
  };
}

function toCellValue(content: Exclude<CellContent, null>): CellValue {
  if (typeof content !== 'object') return content;
  return content.result === undefined
    ? ({ formula: content.formula } as CellValue)
    : ({ formula: content.formula, result: content.result } as CellValue);
}

async function applySheet(
  wb: Workbook,
  sheet: SheetPlan,
  styles: ReadonlyMap<StyleName, Partial<Style>>,
): Promise<Worksheet> {
  const { freeze, print } = sheet;
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.visibility,
    ...(sheet.tabColor ? { properties: { tabColor: { argb: sheet.tabColor } } } : {}),
    views: [
      freeze.rows || freeze.columns
        ? { state: 'frozen', xSplit: freeze.columns, ySplit: freeze.rows, showGridLines: sheet.showGridLines }
        : { state: 'normal', showGridLines: sheet.showGridLines },
    ],
    pageSetup: {
      paperSize: A4,
      orientation: print.orientation,
      fitToPage: true,
      fitToWidth: print.fitToWidth,
      fitToHeight: 0,
      showGridLines: print.gridlines,
      margins: print.margins,
      ...(print.repeatRows ? { printTitlesRow: `${print.repeatRows.from}:${print.repeatRows.to}` } : {}),
    },
    headerFooter: {
      oddFooter: `&L${print.footer.left}&C${print.footer.center}&R${print.footer.right}`,
    },
  });
  for (const c of sheet.columns) {
    const column = ws.getColumn(c.column);
    column.width = c.width;
    if (c.hidden) column.hidden = true;
  }
  for (const block of sheet.blocks) {
    block.cells.forEach((line, r) => {
      const row = ws.getRow(block.row + r);
      line.forEach((content, c) => {
        if (content !== null) row.getCell(block.column + c).value = toCellValue(content);
      });
    });
  }
  for (const { range, style } of sheet.styles) {
    const excelStyle = styles.get(style)!;
    for (let r = range.row; r < range.row + range.rows; r++) {
      const row = ws.getRow(r);
      // A shallow copy per cell: exceljs mutates a cell's style object when one property is set.
      for (let c = range.column; c < range.column + range.columns; c++)
        row.getCell(c).style = { ...excelStyle };
    }
  }
  for (const { row, height } of sheet.rowHeights) ws.getRow(row).height = height;
  for (const v of sheet.validations) {
    (ws as WithValidations).dataValidations.add(rangeAddress(v.range), {
      type: 'list',
      allowBlank: true,
      formulae: [`"${v.list.join(',')}"`],
      showInputMessage: true,
      promptTitle: v.prompt.title,
      prompt: v.prompt.message,
      showErrorMessage: true,
      errorStyle: v.error.style,
      errorTitle: v.error.title,
      error: v.error.message,
    });
  }
  if (sheet.protection) await ws.protect('', { ...sheet.protection.allow });
  return ws;
}

/** Adds the plan's sheets, styles, validations and properties to `wb` (normally a new workbook). */
export async function applyPlan(plan: WorkbookPlan, wb: Workbook): Promise<void> {
  wb.creator = plan.properties.creator;
  wb.lastModifiedBy = plan.properties.creator;
  wb.created = new Date(plan.properties.created);
  wb.modified = wb.created;
  wb.title = plan.properties.title;
  wb.subject = plan.properties.subject;
  wb.calcProperties.fullCalcOnLoad = plan.fullCalcOnLoad;
  const styles = new Map(
    (Object.entries(plan.styles) as [StyleName, CellStyle][]).map(([name, s]) => [name, toExcelStyle(s)]),
  );
  for (const sheet of plan.sheets) await applySheet(wb, sheet, styles);
  const active = Math.max(
    0,
    plan.sheets.findIndex((s) => s.visibility === 'visible'),
  );
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: 'visible' },
  ];
}

/**
 * The plan as an .xlsx file. `store`: parts left uncompressed (for a writer that patches them and
 * zips them itself: src/demo/filled-workbook-writer.ts).
 */
export async function writeWorkbook(plan: WorkbookPlan, options: { store?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await applyPlan(plan, wb);
  return Buffer.from(
    await wb.xlsx.writeBuffer(
      options.store ? ({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions) : {},
    ),
  );
}
