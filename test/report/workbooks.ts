/** Real .xlsx files for report tests and the benchmark: written by the workbook module, filled with answers. */
import ExcelJS from 'exceljs';
import { builtInFramework } from '../../src/framework/index.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import { buildPlan, writeWorkbook } from '../../src/workbook/index.js';

/** A returned workbook holding the answers and Start here fields of a reader result. */
export async function workbookOf(result: ReadResult): Promise<Buffer> {
  const { department, respondent, role, contact, date, marking } = result.meta;
  const fields = Object.fromEntries(
    Object.entries({ department, respondent, role, contact, date, marking }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return writeWorkbook(
    buildPlan(builtInFramework(), { answers: result.answers, fields, createdAt: '2026-03-01T09:00:00Z' }),
  );
}

/** The same workbook with one rating typed off the scale ("Mostly"): an error diagnostic. */
export async function withOffScaleRating(xlsx: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  let done = false;
  // The rating of the first characteristic row (its id in some cell, e.g. "ucd.l1.01") rated "Largely".
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const cells: ExcelJS.Cell[] = [];
      row.eachCell((cell) => cells.push(cell));
      if (done || !cells.some((c) => typeof c.value === 'string' && /^[a-z]+\.l\d\.\d+$/.test(c.value)))
        return;
      const rating = cells.find((c) => c.value === 'Largely');
      if (rating) {
        rating.value = 'Mostly';
        done = true;
      }
    }),
  );
  if (!done) throw new Error('no "Largely" rating to change');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
