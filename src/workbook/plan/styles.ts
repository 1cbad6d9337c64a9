/**
 * The named styles of the workbook. Input cells are told apart by a box border and a label in
 * their column header as well as by their fill, so colour is never the only cue; text colours
 * keep a contrast ratio of at least 4.5:1 on their fill (WCAG AA).
 */
import type { CellStyle, StyleName } from './types.js';

const FONT = 'Arial';
const INK = 'FF1A1A1A';
const MUTED = 'FF4D4D4D';
const NAVY = 'FF1F3864';
const HEADER_FILL = 'FFDCE6F1';
const INPUT_FILL = 'FFFFF8DC';
const INPUT_BORDER = 'FF5F5F5F';

const base = (displayName: string, over: Partial<CellStyle> = {}): CellStyle => ({
  displayName,
  font: { name: FONT, size: 10, bold: false, italic: false, color: INK },
  fill: null,
  border: null,
  alignment: { horizontal: 'left', vertical: 'top', wrapText: false, indent: 0 },
  numberFormat: 'General',
  locked: true,
  ...over,
});

/** The words a problem's row shows before its text (`PROBLEM_FORMAT`), and the help texts name. */
export const PROBLEM_MARK = 'Problem:';
/** A text number format that shows the mark before the cell's text, leaving its value alone. */
const PROBLEM_FORMAT = `"${PROBLEM_MARK} "@`;

const wrap = { horizontal: 'left', vertical: 'top', wrapText: true, indent: 0 } as const;

/** Every style of the plan, by logical name. */
export function planStyles(): Record<StyleName, CellStyle> {
  return {
    title: base('DMF Title', { font: { name: FONT, size: 16, bold: true, italic: false, color: NAVY } }),
    subtitle: base('DMF Subtitle', {
      font: { name: FONT, size: 10, bold: false, italic: true, color: MUTED },
    }),
    heading: base('DMF Heading', {
      font: { name: FONT, size: 12, bold: true, italic: false, color: NAVY },
      alignment: { horizontal: 'left', vertical: 'bottom', wrapText: false, indent: 0 },
    }),
    body: base('DMF Body', { alignment: wrap }),
    note: base('DMF Note', {
      font: { name: FONT, size: 10, bold: false, italic: true, color: MUTED },
      alignment: wrap,
    }),
    tableHeader: base('DMF Table Header', {
      font: { name: FONT, size: 10, bold: true, italic: false, color: INK },
      fill: HEADER_FILL,
      border: { style: 'thin', color: 'FF8EA9C9' },
      alignment: { horizontal: 'left', vertical: 'center', wrapText: true, indent: 0 },
    }),
    cell: base('DMF Cell', {
      border: { style: 'thin', color: 'FFD0D0D0' },
      alignment: wrap,
    }),
    cellIndented: base('DMF Cell Indented', {
      border: { style: 'thin', color: 'FFD0D0D0' },
      alignment: { ...wrap, indent: 2 },
    }),
    cellProblem: base('DMF Cell Problem', {
      border: { style: 'thin', color: 'FFD0D0D0' },
      alignment: wrap,
      numberFormat: PROBLEM_FORMAT,
    }),
    cellIndentedProblem: base('DMF Cell Indented Problem', {
      border: { style: 'thin', color: 'FFD0D0D0' },
      alignment: { ...wrap, indent: 2 },
      numberFormat: PROBLEM_FORMAT,
    }),
    ref: base('DMF Ref', {
      border: { style: 'thin', color: 'FFD0D0D0' },
      alignment: { horizontal: 'center', vertical: 'top', wrapText: false, indent: 0 },
    }),
    id: base('DMF ID', {
      font: { name: FONT, size: 8, bold: false, italic: false, color: 'FF595959' },
    }),
    helper: base('DMF Helper', {
      font: { name: FONT, size: 8, bold: false, italic: false, color: 'FF595959' },
      numberFormat: ';;;',
    }),
    input: base('DMF Input', {
      fill: INPUT_FILL,
      border: { style: 'medium', color: INPUT_BORDER },
      alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 0 },
      numberFormat: '@',
      locked: false,
    }),
    inputLong: base('DMF Input Long', {
      fill: INPUT_FILL,
      border: { style: 'medium', color: INPUT_BORDER },
      alignment: wrap,
      numberFormat: '@',
      locked: false,
    }),
    computed: base('DMF Computed', {
      font: { name: FONT, size: 10, bold: true, italic: false, color: INK },
      fill: 'FFF2F2F2',
      border: { style: 'thin', color: 'FFBFBFBF' },
      alignment: { horizontal: 'left', vertical: 'top', wrapText: true, indent: 0 },
    }),
    computedPercent: base('DMF Computed Percent', {
      font: { name: FONT, size: 10, bold: true, italic: false, color: INK },
      fill: 'FFF2F2F2',
      border: { style: 'thin', color: 'FFBFBFBF' },
      alignment: { horizontal: 'right', vertical: 'top', wrapText: false, indent: 0 },
      numberFormat: '0%',
    }),
    meta: base('DMF Meta', { numberFormat: '@' }),
  };
}
