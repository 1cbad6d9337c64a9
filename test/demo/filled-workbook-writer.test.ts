/**
 * The demo's fast workbook writer (src/demo/filled-workbook-writer.ts) writes, for every plan of
 * the first one's shape, the workbook exceljs writes for it: the same cells (values, formulas,
 * cached results, styles), rows, columns, validations, views, print setup, protection and
 * properties, read the same by the tool's reader, and schema-valid.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment, secondRespondent } from '../../src/demo/fictional-government.js';
import { FilledWorkbookWriter } from '../../src/demo/filled-workbook-writer.js';
import { builtInFramework } from '../../src/framework/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan, type WorkbookPlan } from '../../src/workbook/plan/index.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { describeInvalid, validatePackages } from '../helpers/ooxml-validate.js';
import { findTool } from '../helpers/tools.js';

const framework = builtInFramework();
const CREATED = '2026-03-31T09:00:00.000Z';

type Department = ReturnType<typeof fictionalGovernment>[number];

function planOf(d: Department): WorkbookPlan {
  return buildPlan(framework, {
    department: d.department,
    fields: {
      respondent: d.respondent,
      role: d.role,
      contact: d.contact,
      date: '2026-03-31',
      marking: 'OFFICIAL',
    },
    createdAt: CREATED,
    createdBy: 'dmf demo (fictional data)',
    answers: d.answers,
  });
}

/** Everything a reader of the workbook sees, as plain data (exceljs' own reading of the file). */
async function seen(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheets: unknown[] = [];
  wb.eachSheet((ws) => {
    const cells: unknown[] = [];
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      rows.push([row.number, row.height, row.hidden]);
      row.eachCell({ includeEmpty: true }, (cell) =>
        cells.push([cell.address, cell.type, JSON.stringify(cell.value), JSON.stringify(cell.style)]),
      );
    });
    sheets.push({
      name: ws.name,
      state: ws.state,
      cells,
      rows,
      columns: (ws.columns ?? []).map((c) => [c.width, c.hidden]),
      validations: (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
      views: ws.views,
      pageSetup: ws.pageSetup,
      headerFooter: ws.headerFooter,
      protection: (ws as unknown as { sheetProtection: unknown }).sheetProtection,
      properties: ws.properties,
    });
  });
  return {
    sheets,
    properties: [wb.title, wb.subject, wb.creator, wb.lastModifiedBy, wb.created, wb.modified],
    calc: wb.calcProperties,
    views: wb.views,
    definedNames: (wb as unknown as { definedNames: { model: unknown } }).definedNames.model,
  };
}

describe('the demo’s filled-workbook writer', () => {
  const departments = fictionalGovernment(framework, 4, 2026);
  const colleague = secondRespondent(framework, departments[0]!, 3026);
  // Text a department might type: markup, quotes, leading and trailing spaces, a line break,
  // control characters (dropped by exceljs), CJK, an emoji, and text that looks like a formula.
  const hostile: Department = structuredClone(departments[2]!);
  const rated = Object.keys(hostile.answers.ratings);
  hostile.answers.evidence[rated[0]!] = ' <b>"Ours" & theirs\'</b> ';
  hostile.answers.evidence[rated[1]!] = 'line one\nline two\u0001\u0007 数字化转型 🚀';
  hostile.answers.evidence[rated[2]!] = '=HYPERLINK("http://example.com")';
  hostile.department = 'Ministry of <Tests> & 数字化';
  const cases: [string, Department][] = [
    ['a department', departments[1]!],
    ['another department', departments[3]!],
    ['a second respondent', { ...colleague, department: colleague.department }],
    ['hostile text', hostile],
  ];
  let writer: FilledWorkbookWriter;
  beforeAll(async () => {
    writer = await FilledWorkbookWriter.of(planOf(departments[0]!));
  });

  it.each(cases)('writes %s as exceljs does, by patching', async (_, d) => {
    const plan = planOf(d);
    const before = writer.counts.patched;
    const fast = await writer.write(plan);
    // Patched, not written by exceljs: the comparison below is of the patch.
    expect(writer.counts.patched).toBe(before + 1);
    const slow = await writeWorkbook(plan);
    expect(await seen(fast)).toEqual(await seen(slow));
    const [a, b] = await Promise.all([readWorkbook(framework, fast), readWorkbook(framework, slow)]);
    expect(a).toEqual(b);
  });

  it('is deterministic: the same plan gives the same bytes', async () => {
    const plan = planOf(departments[1]!);
    expect(Buffer.compare(await writer.write(plan), await writer.write(plan))).toBe(0);
  });

  it('writes a plan of another shape with exceljs', async () => {
    const plan = planOf(departments[1]!);
    plan.sheets[1]!.columns[0]!.width += 1;
    const before = writer.counts.exceljs;
    const bytes = await writer.write(plan);
    expect(writer.counts.exceljs).toBe(before + 1);
    expect(await seen(bytes)).toEqual(await seen(await writeWorkbook(plan)));
  });

  const xmllint = findTool('xmllint');
  it.skipIf(!xmllint)('writes schema-valid workbooks (needs xmllint)', async () => {
    const packages = await Promise.all(
      cases.map(async ([name, d]) => ({ file: `${name}.xlsx`, bytes: await writer.write(planOf(d)) })),
    );
    const { invalid, reports } = await validatePackages(xmllint!, packages);
    expect(reports.length).toBe(cases.length);
    expect(describeInvalid(invalid)).toBe('');
  });
});
