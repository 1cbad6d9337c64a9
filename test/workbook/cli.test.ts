/** `dmf template`, `dmf score FILE.xlsx` and `dmf validate` as a user runs them (bin/dmf.js → lib/). */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { score } from '../../src/scoring/index.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { runDmf } from '../helpers/run-cli.js';
import { mutate, prng, randomAnswers, rowOf, workbookFor } from './helpers.js';
import { sortRows, tableRows } from './row-edits.js';

const framework = builtInFramework();
const dir = mkdtempSync(join(tmpdir(), 'dmf-workbook-cli-'));
const filledPath = join(dir, 'filled.xlsx');
const answers = randomAnswers(framework, prng(11));

beforeAll(async () => {
  writeFileSync(filledPath, await workbookFor(framework, answers, { department: 'Home Office' }));
});

describe('dmf template', () => {
  it('writes a blank workbook that reads back as this framework, department filled in', async () => {
    const out = join(dir, 'blank.xlsx');
    const r = runDmf(['template', '-o', out, '--department', 'Ministry of Tests']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Wrote .*blank\.xlsx: 7 element sheets, 244 characteristics/);
    const read = await readWorkbook(framework, readFileSync(out));
    expect(read.meta).toMatchObject({
      frameworkId: 'dgx-dmf-mvp',
      department: 'Ministry of Tests',
      createdBy: 'dmf template',
    });
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses to overwrite a file unless --force, and leaves no temporary file', () => {
    const out = join(dir, 'exists.xlsx');
    writeFileSync(out, 'keep me');
    const refused = runDmf(['template', '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = runDmf(['template', '-o', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is a usage error to write anything but .xlsx', () => {
    const r = runDmf(['template', '-o', join(dir, 'x.xls')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/must be an \.xlsx file/);
  });
});

describe('dmf score FILE.xlsx', () => {
  it('prints the levels of the engine', () => {
    const r = runDmf(['score', filledPath]);
    expect(r.code, r.stderr).toBe(0);
    const result = score(framework, answers);
    for (const e of result.elements) {
      expect(r.stdout).toContain(e.title);
      if (e.assessed) expect(r.stdout).toContain(`${e.level} ${e.levelName}`);
    }
  });

  it('gives JSON with elements, meta and diagnostics', () => {
    const r = runDmf(['score', filledPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const result = score(framework, answers);
    expect(
      json.elements.map(
        (e: {
          id: string;
          title: string;
          level: number | null;
          levelName: string | null;
          coverage: number;
        }) => [e.id, e.title, e.level, e.levelName, e.coverage],
      ),
    ).toEqual(result.elements.map((e) => [e.id, e.title, e.level, e.levelName, e.coverage]));
    expect(json.meta).toMatchObject({
      frameworkId: 'dgx-dmf-mvp',
      department: 'Home Office',
      contractVersion: '1.0.0',
    });
    expect(Array.isArray(json.diagnostics)).toBe(true);
  });

  it('says in one line, without a stack trace, that a file is not a workbook', () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'this is text');
    const r = runDmf(['score', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dmf: .*bad\.xlsx/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('says in one line that a workbook is not an assessment', async () => {
    const other = join(dir, 'other.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget').addRow(['a', 1]);
    writeFileSync(other, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = runDmf(['score', other]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is not a .* assessment workbook/);
  });
});

describe('dmf validate', () => {
  it('lists every problem of every file and exits 1 when one has an error', async () => {
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(
      broken,
      await mutate(readFileSync(filledPath), (wb) => {
        rowOf(wb.getWorksheet('User centered design')!, 'ucd.l1.01').getCell(4).value = 'Mostly';
        wb.removeWorksheet(wb.getWorksheet('Data driven')!.id);
      }),
    );
    const missing = join(dir, 'missing.xlsx');
    const r = runDmf(['validate', filledPath, broken, missing]);
    expect(r.code).toBe(1);
    const [good, bad, none] = r.stdout.split('\n\n');
    expect(good).toMatch(/filled\.xlsx: (ok|\d+ notes?)/);
    expect(bad).toMatch(/broken\.xlsx: 2 errors/);
    expect(bad).toMatch(/error +\[rating-off-scale\] Sheet "User centered design", cell D\d+: "Mostly"/);
    expect(bad).toMatch(/error +\[sheet-missing\] The sheet "Data driven"/);
    expect(bad).toMatch(/Fix: /);
    expect(none).toMatch(/missing\.xlsx: 1 error/);
    expect(existsSync(missing)).toBe(false);
  });

  it('exits 1 on a table sorted without its IDs, a rating in the Evidence column and an answered row without an id', async () => {
    const edited = join(dir, 'edited.xlsx');
    const ucd = framework.elements[0]!;
    const l2 = ucd.levels[1]!.characteristics.map((c) => c.id);
    const l3 = ucd.levels[2]!.characteristics[0]!.id;
    writeFileSync(
      edited,
      await mutate(
        await workbookFor(framework, {
          ...answers,
          ratings: { ...answers.ratings, [l2[0]!]: 'Partly', [l2[1]!]: 'Fully', [l3]: 'Largely' },
        }),
        (wb) => {
          const ws = wb.getWorksheet(ucd.shortTitle)!;
          sortRows(ws, tableRows(ws, l2[0]!), 4);
          const row = rowOf(ws, l3);
          row.getCell(5).value = row.getCell(4).value;
          row.getCell(4).value = null;
          ws.spliceRows(rowOf(ws, ucd.levels[0]!.characteristics[1]!.id).number, 0, ['', '', '', 'Fully']);
        },
      ),
    );
    const r = runDmf(['validate', edited]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error +\[row-mismatch\] Sheet "User centered design", cell B\d+: the row shows 2\.\d\d /,
    );
    expect(r.stdout).toMatch(
      /error +\[rating-in-wrong-column\] Sheet "User centered design", cell E\d+: "Largely" is a rating/,
    );
    expect(r.stdout).toMatch(/error +\[row-without-id\] Sheet "User centered design", row \d+ has answers/);
    // The report's data-quality section carries the same diagnostics.
    const data = runDmf(['report', edited, '--data']);
    expect(data.code, data.stderr).toBe(0);
    for (const code of ['row-mismatch', 'rating-in-wrong-column', 'row-without-id'])
      expect(data.stdout).toContain(code);
  });

  it('exits 0 when no file has an error, and gives JSON on request', () => {
    const r = runDmf(['validate', filledPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [entry] = JSON.parse(r.stdout);
    expect(entry).toMatchObject({ file: filledPath, ok: true, counts: { error: 0 } });
  });
});
