/**
 * "Insert assessment" applies the same plan as `dmf template`: the Office.js adapter against the
 * Excel API double and the exceljs adapter must produce identical grids (values, formulas, number
 * formats, locks, validations, protection, visibility), in at most two round trips, with no
 * request over 5 MB — and LibreOffice must compute the same levels from it as the engine.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { insertPlan, requestBytes } from '../../src/addin/excel/apply-plan.js';
import { FakeExcel, PAYLOAD_LIMIT_BYTES, type HostApi } from './fake-excel/index.js';
import { checkHost, PAGE_LAYOUT, REQUIRED } from '../../src/addin/excel/requirements.js';
import { builtInFramework, characteristicsOf } from '../../src/framework/index.js';
import { emptyAnswers, ratingLabels, score } from '../../src/scoring/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan, HEADER, NOT_ASSESSED, SHEET } from '../../src/workbook/plan/index.js';
import { skipWithout } from '../helpers/tools.js';
import { fakeToXlsx } from './helpers/fake-to-xlsx.js';
import { recalculateBytes, soffice } from '../helpers/libreoffice-recalc.js';
import { gridOfExcelJs, gridOfFake } from './helpers/normal-grid.js';

const framework = builtInFramework();
const plan = buildPlan(framework, {
  department: 'Ministry of =Tests+',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'test',
});
/** The oldest host the manifest admits, and the first with print setup. */
const OLDEST: HostApi = { excelApi: REQUIRED.version };
const WITH_PRINT: HostApi = { excelApi: PAGE_LAYOUT.version };

/** What the pane would decide on this host (as at start-up). */
function capabilitiesOf(excel: FakeExcel) {
  const check = checkHost(excel.isSetSupported);
  if (!check.supported) throw new Error(check.reason);
  return check.capabilities;
}

async function inserted(host = OLDEST) {
  const excel = new FakeExcel(undefined, host);
  const outcome = await excel.run((ctx) => insertPlan(ctx, plan, capabilitiesOf(excel)));
  return { excel, outcome };
}

describe('inserting the assessment through Office.js', () => {
  it('gives the same workbook as the exceljs adapter', async () => {
    const { excel, outcome } = await inserted(WITH_PRINT);
    expect(outcome).toEqual({ kind: 'inserted', sheets: plan.sheets.map((s) => s.name) });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook(plan)) as unknown as ExcelJS.Buffer);
    const viaExcelJs = gridOfExcelJs(wb);
    const viaOffice = gridOfFake(excel.model).filter((s) => s.name !== 'Sheet1');
    expect(viaOffice.map((s) => s.name)).toEqual(viaExcelJs.map((s) => s.name));
    for (const [i, sheet] of viaOffice.entries()) expect(sheet, sheet.name).toEqual(viaExcelJs[i]);
    // Sanity: the comparison covers what matters.
    const start = viaOffice[0]!;
    expect(Object.values(start.cells).some((c) => c.value === 'Ministry of =Tests+' && !c.locked)).toBe(true);
    expect(viaOffice.some((s) => Object.keys(s.validations).length > 0)).toBe(true);
    expect(viaOffice.some((s) => Object.values(s.cells).some((c) => c.formula))).toBe(true);
    expect(viaOffice.find((s) => s.name === SHEET.meta)!.visibility).toBe('veryHidden');
  });

  it('uses at most two round trips, suspends calculation and stays under 5 MB', async () => {
    const { excel } = await inserted();
    const syncs = excel.lastSyncs;
    expect(syncs.length).toBeLessThanOrEqual(2);
    for (const s of syncs) {
      expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
    expect(excel.model.calculationSuspensions).toBe(1);
    console.info(
      `insert: ${syncs.length} syncs, ${syncs.map((s) => `${s.operations} ops / ${Math.round(s.requestBytes / 1024)} KB`).join(', ')}`,
    );
  });

  it('leaves the rest of the workbook alone and opens on Start here', async () => {
    const { excel } = await inserted();
    const names = excel.model.sheets.map((s) => s.name);
    expect(names.at(-1)).toBe('Sheet1');
    expect(excel.model.sheetById(excel.model.activeSheetId!)!.name).toBe(SHEET.start);
  });

  it('refuses to insert over an existing assessment and changes nothing', async () => {
    const { excel } = await inserted();
    excel.type(framework.elements[0]!.shortTitle, 'D9', 'Fully');
    const before = JSON.stringify(gridOfFake(excel.model));
    const again = await excel.run((ctx) => insertPlan(ctx, plan, capabilitiesOf(excel)));
    expect(again).toEqual({ kind: 'conflict', existing: plan.sheets.map((s) => s.name), assessment: true });
    expect(JSON.stringify(gridOfFake(excel.model))).toBe(before);
    expect(excel.syncCounts.at(-1)).toBe(1);
  });

  it('refuses when a sheet of the same name (in any case) is in the way', async () => {
    const excel = new FakeExcel();
    excel.model.addSheet('SUMMARY');
    const outcome = await excel.run((ctx) => insertPlan(ctx, plan, capabilitiesOf(excel)));
    expect(outcome).toEqual({ kind: 'conflict', existing: ['SUMMARY'], assessment: false });
    expect(excel.model.sheets.map((s) => s.name)).toEqual(['Sheet1', 'SUMMARY']);
  });

  it('reuses named styles left in the workbook', async () => {
    const excel = new FakeExcel();
    excel.model.styles.set(plan.styles.input.displayName, { 'font.bold': true });
    const outcome = await excel.run((ctx) => insertPlan(ctx, plan, capabilitiesOf(excel)));
    expect(outcome.kind).toBe('inserted');
    expect(excel.model.styles.get(plan.styles.input.displayName)!.locked).toBe(false);
  });

  it('skips print setup on hosts without ExcelApi 1.9', async () => {
    const { excel } = await inserted(OLDEST);
    expect(
      excel.model.sheets.flatMap((s) => Object.keys(s.props)).some((k) => k.startsWith('pageLayout')),
    ).toBe(false);
    const { excel: full } = await inserted(WITH_PRINT);
    const summary = full.model.sheetByName(SHEET.summary)!.props;
    expect(summary['pageLayout.orientation']).toBe('Landscape');
    // Both fit-to-pages values: Excel ignores the width set alone (office-js issue #1860).
    expect(summary['pageLayout.zoom']).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  });

  it('fails on the oldest host when the adapter uses an API newer than the manifest promises', async () => {
    // The double refuses what ExcelApi 1.8 lacks, as Office.js does (ApiNotFound at sync):
    // styles.getItemOrNullObject (ExcelApi 1.14) is what the style probe used to call.
    const excel = new FakeExcel(undefined, OLDEST);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.styles.getItemOrNullObject('DMF Input').load('name');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    // On a host that has it, the same call goes through.
    const newer = new FakeExcel(undefined, { excelApi: '1.14' });
    await newer.run(async (ctx) => {
      ctx.workbook.styles.getItemOrNullObject('DMF Input').load('name');
      await ctx.sync();
    });
  });

  it('recalculates only the sheets it wrote, precedents first, never every open workbook', async () => {
    const { excel } = await inserted();
    expect(excel.model.calculations).toBe(0);
    const sheets = excel.model.calculatedRanges.map((r) =>
      r.slice(0, r.lastIndexOf('!')).replace(/^'|'$/g, ''),
    );
    expect([...sheets].sort()).toEqual(plan.sheets.map((s) => s.name).sort());
    const at = (name: string) => sheets.indexOf(name);
    for (const element of framework.elements) expect(at(element.shortTitle)).toBeLessThan(at(SHEET.summary));
  });

  it('estimates the request it sends at no less than the double measures', async () => {
    const { excel } = await inserted(WITH_PRINT);
    const write = excel.lastSyncs.at(-1)!;
    expect(requestBytes(plan)).toBeGreaterThanOrEqual(write.requestBytes);
    console.info(
      `insert request: estimated ${Math.round(requestBytes(plan) / 1024)} KB, double measured ${Math.round(write.requestBytes / 1024)} KB`,
    );
  });

  it.skipIf(skipWithout(soffice, 'LibreOffice', 'the formula check of the add-in workbook'))(
    'computes the engine’s levels when LibreOffice recalculates the exported workbook',
    async () => {
      const { excel } = await inserted();
      const labels = ratingLabels(framework);
      const answers = emptyAnswers(framework);
      // A deterministic spread of answers: element i rates its characteristics from a shifted scale.
      framework.elements.forEach((element, i) => {
        const sheet = excel.model.sheetByName(element.shortTitle)!;
        const rowOf = new Map(
          [...sheet.cells]
            .filter(([a]) => a.startsWith('A') && /^A\d+$/.test(a))
            .map(([a, c]) => [c.value, a.slice(1)]),
        );
        characteristicsOf(element).forEach((c, j) => {
          if (i === framework.elements.length - 1) return; // one element left unanswered
          const label = labels[(i + j * (i + 1)) % labels.length]!;
          excel.type(element.shortTitle, `D${rowOf.get(c.id)}`, i % 2 ? label.toUpperCase() : label);
          answers.ratings[c.id] = label;
        });
      });
      const sheets = await recalculateBytes(await fakeToXlsx(excel.model));
      const summary = sheets.get(SHEET.summary)!;
      const header = summary.findIndex((r) => r.includes(HEADER.computedLevel));
      const levelCol = summary[header]!.indexOf(HEADER.computedLevel);
      const result = score(framework, answers);
      result.elements.forEach((e, i) => {
        expect(summary[header + 1 + i]![levelCol], e.title).toBe(
          e.level === null ? NOT_ASSESSED : String(e.level),
        );
      });
    },
  );
});
