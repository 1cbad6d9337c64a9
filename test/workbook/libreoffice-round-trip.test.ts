/**
 * Workbooks that went through another spreadsheet program: a filled workbook opened and saved by
 * LibreOffice (the real program, headless) as .xlsx, and one saved as .ods and then back to .xlsx.
 * Read back, they give the same answers, Start here fields and levels; their dropdowns, unlocked
 * input cells and sheet protection survive (checked in the saved XML); the Summary shows the levels
 * LibreOffice calculated, equal to the engine's.
 *
 * Skips with a visible reason without LibreOffice; fails instead under CI_REQUIRE_TOOLS=1.
 */
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { score } from '../../src/scoring/index.js';
import { readWorkbook, type ReadResult } from '../../src/workbook/index.js';
import { soffice } from '../helpers/libreoffice-recalc.js';
import { sofficeConvertArgs } from '../helpers/soffice-args.js';
import { skipWithout } from '../helpers/tools.js';
import { protectionFacts, type SheetFacts } from '../helpers/xlsx-protection.js';
import { hostileResult } from '../report/fixtures.js';
import { workbookOf } from '../report/workbooks.js';

const skip = skipWithout(soffice, 'LibreOffice', 'the round trips of a workbook through LibreOffice');
const framework = builtInFramework();

/** One headless LibreOffice run converting `file` to `format` into `outDir`, with its own profile. */
async function convert(file: string, format: string, outDir: string, work: string): Promise<string> {
  const profile = mkdtempSync(join(work, 'profile-'));
  await promisify(execFile)(soffice!, sofficeConvertArgs(profile, format, outDir, [file]), {
    timeout: 170_000,
  });
  const ext = format.split(':')[0]!;
  const out = join(outDir, file.replace(/^.*\//, '').replace(/\.\w+$/, `.${ext}`));
  // soffice exits 0 even when a conversion fails: the missing file is the error.
  readFileSync(out);
  return out;
}

const XLSX = 'xlsx:Calc MS Excel 2007 XML';

/** The levels the workbook's own Summary shows (the cached results LibreOffice saved). */
async function summaryLevels(xlsx: Uint8Array): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const levels: Record<string, unknown> = {};
  wb.getWorksheet('Summary')!.eachRow((row) => {
    const id = row.getCell(1).value;
    if (typeof id !== 'string' || !id.startsWith('summary:')) return;
    const v = row.getCell(3).value;
    levels[id.slice('summary:'.length)] = v && typeof v === 'object' && 'result' in v ? v.result : v;
  });
  return levels;
}

describe.skipIf(skip)('a filled workbook saved again by LibreOffice', () => {
  let work: string;
  let original: Uint8Array;
  let expected: ReadResult;
  const trips: Record<'xlsx' | 'ods → xlsx', Uint8Array> = {} as never;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dmf-lo-trip-'));
    // Hostile, Arabic, CJK and emoji text in answers and Start here fields, to survive as well.
    original = await workbookOf(hostileResult());
    const file = join(work, 'filled.xlsx');
    writeFileSync(file, original);
    expected = await readWorkbook(framework, original);
    for (const d of ['resaved', 'ods', 'back']) mkdirSync(join(work, d));
    const [resaved, ods] = await Promise.all([
      convert(file, XLSX, join(work, 'resaved'), work),
      convert(file, 'ods', join(work, 'ods'), work),
    ]);
    trips.xlsx = readFileSync(resaved);
    trips['ods → xlsx'] = readFileSync(await convert(ods, XLSX, join(work, 'back'), work));
  }, 400_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const cases = ['xlsx', 'ods → xlsx'] as const;

  it.each(cases)('as %s: reads back the same answers, fields and levels', async (trip) => {
    const back = await readWorkbook(framework, trips[trip]);
    expect(back.answers).toEqual(expected.answers);
    expect(back.meta).toEqual(expected.meta);
    expect(back.diagnostics.map((d) => d.code)).toEqual(expected.diagnostics.map((d) => d.code));
    const levels = (r: ReadResult) => score(framework, r.answers).elements.map((e) => [e.id, e.level]);
    expect(levels(back)).toEqual(levels(expected));
    // The workbook's own formulas, as LibreOffice calculated and saved them, show the same levels.
    const engine = Object.fromEntries(
      score(framework, expected.answers).elements.map((e) => [e.id, e.level ?? 'Not assessed']),
    );
    expect(await summaryLevels(trips[trip])).toEqual(engine);
  });

  it.each(cases)('as %s: keeps the dropdowns, the unlocked input cells and sheet protection', (trip) => {
    const before = protectionFacts(original);
    const after = protectionFacts(trips[trip]);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [sheet, was] of before) {
      const now: SheetFacts = after.get(sheet)!;
      expect(now.protected, `${sheet} is protected`).toBe(true);
      // Re-saved as .xlsx, the protection options stay (columns and rows may still be resized);
      // through .ods, LibreOffice drops them, so column widths become locked too (documented).
      if (trip === 'xlsx') expect(now.protection, `protection options of ${sheet}`).toEqual(was.protection);
      expect(now.unlocked, `unlocked cells of ${sheet}`).toEqual(was.unlocked);
      expect(now.dropdowns, `dropdowns of ${sheet}`).toEqual(was.dropdowns);
      // LibreOffice has no "very hidden": _meta comes back hidden (the reader finds it either way).
      expect(now.state, `${sheet} is shown as before`).toBe(
        was.state === 'veryHidden' ? 'hidden' : was.state,
      );
    }
    const inputs = [...before.values()].reduce((n, s) => n + s.unlocked.length, 0);
    const dropdowns = [...before.values()].reduce((n, s) => n + Object.keys(s.dropdowns).length, 0);
    expect(inputs).toBeGreaterThan(244);
    expect(dropdowns).toBeGreaterThanOrEqual(244);
  });
});
