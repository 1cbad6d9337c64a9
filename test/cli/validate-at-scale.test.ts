/**
 * `dmf validate` at scale: folders and globs as batch takes them, a tally at the end, --quiet
 * (errors only) and --json. Workbooks are the demo's, edited with exceljs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { mutate, rowOf } from '../workbook/helpers.js';
import { runDmf } from '../helpers/run-cli.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-validate-'));
const inbox = join(root, 'returns');
const ucd = f.elements[0]!;

beforeAll(async () => {
  mkdirSync(join(inbox, 'late'), { recursive: true });
  const [a, b, c] = fictionalGovernment(f, 3, 5);
  const book = (d: typeof a) =>
    writeWorkbook(
      buildPlan(f, { department: d!.department, answers: d!.answers, createdAt: '2026-01-01T00:00:00.000Z' }),
    );
  writeFileSync(join(inbox, 'clean.xlsx'), await book(a));
  // A formula typed as evidence: read as text, with a warning.
  writeFileSync(
    join(inbox, 'late', 'warned.xlsx'),
    await mutate(await book(b), (wb) => {
      rowOf(wb.getWorksheet(ucd.shortTitle)!, ucd.levels[0]!.characteristics[0]!.id).getCell(5).value = {
        formula: '1+1',
      };
    }),
  );
  // A rating that is not on the scale: an error.
  writeFileSync(
    join(inbox, 'wrong.xlsx'),
    await mutate(await book(c), (wb) => {
      rowOf(wb.getWorksheet(ucd.shortTitle)!, ucd.levels[0]!.characteristics[0]!.id).getCell(4).value =
        'Mostly';
    }),
  );
  writeFileSync(join(inbox, 'notes.txt'), 'not a workbook');
}, 120_000);

describe('dmf validate FOLDER', () => {
  it('reads every workbook in the folder and its subfolders, and ends with a tally', () => {
    const r = runDmf(['validate', inbox]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/clean\.xlsx: (ok|\d+ notes?)/);
    expect(r.stdout).toMatch(/warned\.xlsx: 1 warning/);
    expect(r.stdout).toMatch(/wrong\.xlsx: 1 error/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('3 files: 1 clean, 1 with warnings, 1 with errors');
    expect(r.stderr).toMatch(/notes\.txt: not a workbook \(\.txt\); skipped/);
  }, 120_000);

  it('--quiet prints only the files with errors and only their errors', () => {
    const r = runDmf(['validate', inbox, '--quiet']);
    expect(r.code).toBe(1);
    const body = r.stdout.trim().split('\n').slice(0, -1).join('\n');
    expect(body).not.toMatch(/clean\.xlsx|warned\.xlsx|warning|note/);
    expect(r.stdout).toMatch(/wrong\.xlsx: 1 error[\s\S]*error +\[rating-off-scale\]/);
    expect(r.stdout).toMatch(/3 files: 1 clean, 1 with warnings, 1 with errors\n$/);
    expect(r.stderr).toBe('');
  }, 120_000);

  it('takes a glob; --json keeps its array, each file with a status; exit 0 without errors', () => {
    const r = runDmf(['validate', join(inbox, '**', '[cw]*.xlsx'), '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; ok: boolean; status: string }[];
    expect(out.map((o) => [o.file.replace(/.*[\\/]/, ''), o.status]).sort()).toEqual([
      ['clean.xlsx', 'clean'],
      ['warned.xlsx', 'warnings'],
      ['wrong.xlsx', 'errors'],
    ]);
    expect(r.stderr).toMatch(/3 files: 1 clean, 1 with warnings, 1 with errors/);
    const ok = runDmf(['validate', join(inbox, 'clean.xlsx'), join(inbox, 'late')]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/2 files: 1 clean, 1 with warnings, 0 with errors\n$/);
  }, 120_000);
});
