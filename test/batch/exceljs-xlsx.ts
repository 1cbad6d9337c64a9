/**
 * The exceljs streaming writer that wrote results.xlsx until issue 24, kept as the reference the
 * direct writer (src/batch/xlsx-writer.ts) is compared with: what a reader sees must not change.
 */
import { PassThrough } from 'node:stream';
import type { WorksheetView } from 'exceljs';
import { columnName } from '../../src/batch/xlsx-writer.js';
import type { Table } from '../../src/batch/table-schema.js';
import { cleanText } from '../../src/text/safe-text.js';

/**
 * The tables as sheets of one workbook, with a header row frozen and filters on, as a stream of
 * bytes to write as they come (writeFileAtomic takes it). Written with exceljs' streaming writer,
 * row by row: the answers table of a large batch has a hundred thousand rows or more (about 260
 * per department), and the in-memory workbook model costs about 10 KB per row (measured on 165 000
 * rows: 1.5 GB and 17.5 s; streamed, 0.1 GB and 6 s). The writer pauses every few hundred rows so
 * that what it has compressed is written out rather than piling up.
 */
export function exceljsXlsxStream(
  tables: readonly Table[],
  options: { activeSheet?: number } = {},
): AsyncIterable<Uint8Array> {
  const active = options.activeSheet ?? 0;
  const stream = new PassThrough();
  const write = async () => {
    // Loaded here, not at the top: the batch's main thread needs exceljs only at the very end.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    wb.creator = 'dgx-maturity';
    // The sheet it opens on (the heat map in a batch's results.xlsx).
    wb.views = [
      { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: 'visible' },
    ];
    for (const [index, t] of tables.entries()) {
      const frozen = t.layout?.frozenColumns ?? 0;
      // exceljs writes `tabSelected` (the sheet shown first) but its types do not declare it.
      const view = { state: 'frozen', ySplit: 1, xSplit: frozen, tabSelected: index === active } as const;
      const ws = wb.addWorksheet(t.name, { views: [view as Partial<WorksheetView>] });
      // Column widths come before the rows in the sheet's XML: set them before the first commit.
      t.header.forEach((h, i) => {
        ws.getColumn(i + 1).width = t.layout?.widths[i] ?? Math.min(60, Math.max(10, h.length + 2));
      });
      const header = ws.addRow(t.header);
      header.font = { bold: true };
      if (t.layout) header.alignment = { wrapText: true, vertical: 'top' };
      header.commit();
      let n = 0;
      for (const r of t.rows) {
        // Text is stored as text: cleanText removes control characters, and exceljs writes strings
        // as strings, so "=cmd" stays the literal text it was typed as.
        ws.addRow(r.map((v) => (typeof v === 'string' ? cleanText(v) : v))).commit();
        if (++n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
      const fills = t.layout?.fills;
      if (fills && n > 0 && t.header.length >= fills.fromColumn)
        ws.addConditionalFormatting({
          ref: `${columnName(fills.fromColumn)}2:${columnName(t.header.length)}${n + 1}`,
          rules: fills.rules.map((rule, i) => ({
            type: 'cellIs',
            operator: 'equal',
            priority: i + 1,
            formulae: [`"${rule.text.replace(/"/g, '""')}"`],
            style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${rule.fill}` } } },
          })),
        });
      ws.commit();
    }
    await wb.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return stream;
}
