/**
 * The plan speaks spreadsheet-neutral units (ARGB colours, column widths in characters, lower-case
 * alignments); Office.js wants its own. These conversions are the only formatting decisions the
 * Office.js adapter makes.
 */
import type { Argb, CellStyle, PrintSetup, SheetPlan, SheetProtection } from '../../workbook/plan/index.js';

/** "FF1F4E79" → "#1F4E79" (Office.js colours have no alpha). */
export const officeColor = (argb: Argb): string => `#${argb.slice(-6).toUpperCase()}`;

/**
 * Column width in characters (Excel's unit, what exceljs writes) → points (what Office.js takes).
 * Excel's rule for the default font (Calibri 11, 7 px per digit): pixels = chars × 7 + 5, and a
 * point is 4/3 of a pixel at 96 dpi.
 */
export const columnWidthPoints = (characters: number): number =>
  Math.round((characters * 7 + 5) * 0.75 * 100) / 100;

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;
const VISIBILITY = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

export const officeVisibility = (
  v: SheetPlan['visibility'],
): Excel.SheetVisibility | `${Excel.SheetVisibility}` => VISIBILITY[v];

/** Gives an Excel named style every setting of a plan style, so nothing is inherited. */
export function defineStyle(style: Excel.Style, s: CellStyle): void {
  style.includeAlignment = true;
  style.includeBorder = true;
  style.includeFont = true;
  style.includeNumber = true;
  style.includePatterns = true;
  style.includeProtection = true;
  style.font.name = s.font.name;
  style.font.size = s.font.size;
  style.font.bold = s.font.bold;
  style.font.italic = s.font.italic;
  style.font.color = officeColor(s.font.color);
  if (s.fill) style.fill.color = officeColor(s.fill);
  else style.fill.clear();
  for (const edge of EDGES) {
    const border = style.borders.getItem(edge);
    if (s.border) {
      border.style = 'Continuous';
      border.weight = s.border.style === 'medium' ? 'Medium' : 'Thin';
      border.color = officeColor(s.border.color);
    } else {
      border.style = 'None';
    }
  }
  style.horizontalAlignment = HORIZONTAL[s.alignment.horizontal];
  style.verticalAlignment = VERTICAL[s.alignment.vertical];
  style.wrapText = s.alignment.wrapText;
  style.indentLevel = s.alignment.indent;
  style.numberFormat = s.numberFormat;
  style.locked = s.locked;
}

/** The plan's protection as Office.js options (no password: the plan never sets one). */
export function protectionOptions(p: SheetProtection): Excel.WorksheetProtectionOptions {
  const { allow } = p;
  return {
    selectionMode: allow.selectLockedCells ? 'Normal' : allow.selectUnlockedCells ? 'Unlocked' : 'None',
    allowFormatColumns: allow.formatColumns,
    allowFormatRows: allow.formatRows,
    allowInsertRows: allow.insertRows,
    allowDeleteRows: allow.deleteRows,
    allowSort: allow.sort,
    allowAutoFilter: allow.autoFilter,
  };
}

/** Print setup through `worksheet.pageLayout` (ExcelApi 1.9). */
export function applyPrintSetup(sheet: Excel.Worksheet, print: PrintSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.paperSize = print.paperSize;
  // Pages wide only: the height follows the content (Excel's "fit to N pages wide by [blank] tall",
  // 0 pages tall as in the file format's fitToHeight="0"). Both values are set: Excel ignores
  // `horizontalFitToPages` set alone (OfficeDev/office-js issue #1860).
  layout.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: 0 };
  layout.printGridlines = print.gridlines;
  if (print.repeatRows) layout.setPrintTitleRows(`$${print.repeatRows.from}:$${print.repeatRows.to}`);
  const footer = layout.headersFooters.defaultForAllPages;
  footer.leftFooter = print.footer.left;
  footer.centerFooter = print.footer.center;
  footer.rightFooter = print.footer.right;
  layout.setPrintMargins('Inches', { ...print.margins });
}
