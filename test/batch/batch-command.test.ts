import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const root = mkdtempSync(join(tmpdir(), 'dmf-batch-'));
const inbox = join(root, 'returned');
const out = join(root, 'out');

async function workbook(department: string, seed: number): Promise<Buffer> {
  const [d] = fictionalGovernment(f, 1, seed);
  return writeWorkbook(
    buildPlan(f, { department, answers: d!.answers, createdAt: '2026-01-01T00:00:00.000Z' }),
  );
}

interface Log {
  files: {
    input: string;
    status: string;
    department: string | null;
    report: string | null;
    reason: string | null;
    flags: string[];
  }[];
  skipped: { path: string; reason: string }[];
  outputs: string[];
}
const readLog = (): Log => JSON.parse(readFileSync(join(out, 'batch-log.json'), 'utf8'));
const entry = (log: Log, name: string) => log.files.find((e) => e.input.endsWith(name))!;

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  writeFileSync(join(inbox, 'health.xlsx'), await workbook('Department of Health', 1));
  writeFileSync(join(inbox, 'health-again.xlsx'), await workbook('department of health ', 2));
  writeFileSync(join(inbox, 'evil.xlsx'), await workbook('=../../HYPERLINK("x")\u0007', 3));
  // A workbook with a typed answer that is not on the scale: reported, with a data-quality problem.
  writeFileSync(
    join(inbox, 'typo.xlsx'),
    await mutate(await workbook('Ministry of Typos', 4), (wb) => {
      const ws = wb.getWorksheet(f.elements[0]!.shortTitle)!;
      const row = rowOf(ws, 'ucd.l1.01');
      let ratingColumn = 0;
      ws.eachRow((r) =>
        r.eachCell((c, col) => {
          if (c.value === 'Rating') ratingColumn = col;
        }),
      );
      row.getCell(ratingColumn).value = 'Mostly';
    }),
  );
  writeFileSync(join(inbox, 'broken.xlsx'), 'this is not a workbook');
  writeFileSync(join(inbox, '~$health.xlsx'), 'lock');
  writeFileSync(join(inbox, 'notes.txt'), 'notes');
  // A file already in the output folder that the batch did not write must survive.
  mkdirSync(join(out, 'reports'), { recursive: true });
  writeFileSync(join(out, 'reports', 'Ministry of Typos.docx'), 'somebody else’s file');
}, 120_000);

// Each case runs the real command on several workbooks; a loaded machine needs minutes, not seconds.
describe('dmf batch', { timeout: 300_000 }, () => {
  it('reports every readable workbook, lists the rest with reasons, and exits 1', () => {
    // Today's one-report-per-file behaviour (consolidation is tested in test/batch/consolidation.test.ts).
    const r = runDmf(['batch', inbox, '-o', out, '--jobs', '2', '--no-consolidate']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /Reports: 4 written \(1 with data-quality problems\), 0 unchanged, 1 failed, 2 skipped/,
    );
    expect(r.stdout).toMatch(/FAILED .*broken\.xlsx: .*not/);

    const log = readLog();
    expect(log.files.map((e) => e.status).sort()).toEqual([
      'failed',
      'reported',
      'reported',
      'reported',
      'reported-with-problems',
    ]);
    expect(log.skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/lock file/), expect.stringMatching(/not a workbook/)]),
    );
    expect(entry(log, 'broken.xlsx').reason).toMatch(/broken\.xlsx/);

    // Two workbooks for one department: both reported, both flagged, no file overwritten.
    const health = [entry(log, 'health.xlsx'), entry(log, 'health-again.xlsx')];
    // Names follow the input order (health-again.xlsx sorts first), not which worker finished first.
    expect(health.map((e) => e.report)).toEqual([
      'reports/Department of Health (2).docx',
      'reports/department of health.docx',
    ]);
    for (const e of health) expect(e.flags.join(' ')).toMatch(/2 workbooks for this department/);

    // Hostile department names stay inside the output folder.
    const evil = entry(log, 'evil.xlsx');
    expect(evil.report).toMatch(/^reports\/[^/\\]+\.docx$/);
    expect(existsSync(join(out, evil.report!))).toBe(true);

    // Somebody else's file is kept; our report takes another name.
    expect(readFileSync(join(out, 'reports', 'Ministry of Typos.docx'), 'utf8')).toBe('somebody else’s file');
    expect(entry(log, 'typo.xlsx').report).toBe('reports/Ministry of Typos (2).docx');

    for (const name of ['summary.docx', 'results.csv', 'answers.csv', 'results.xlsx']) {
      expect(existsSync(join(out, name)), name).toBe(true);
    }
    expect(readdirSync(join(out, 'reports')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a dataset with one row per department × element, formula injection neutralised', () => {
    const csv = readFileSync(join(out, 'results.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4 * 7);
    expect(lines[0]).toMatch(/^\ufeffDepartment,File,Element ID,Element,Computed level,Level name,Fit L1/);
    expect(csv).not.toMatch(/(^|,)"?=/m);
    expect(csv).toContain(`"'=../../HYPERLINK(""x"")"`);
    expect(csv).not.toContain('\u0007');
  });

  it('skips unchanged inputs on a re-run, and rebuilds them with --force', () => {
    const again = runDmf(['batch', inbox, '-o', out, '--jobs', '2', '--no-consolidate']);
    expect(again.stdout).toMatch(/Reports: 0 written .*4 unchanged, 1 failed/);
    expect(readLog().files.filter((e) => e.status === 'unchanged')).toHaveLength(4);
    const forced = runDmf(['batch', inbox, '-o', out, '--jobs', '2', '--force', '--no-consolidate']);
    expect(forced.stdout).toMatch(/Reports: 4 written/);
    // The same names as before: a re-run does not pile up "(2)" copies of its own reports.
    expect(entry(readLog(), 'typo.xlsx').report).toBe('reports/Ministry of Typos (2).docx');
  });

  it('exits 2 on a usage error and 0 when every file succeeds', () => {
    expect(runDmf(['batch', inbox]).code).toBe(2);
    const clean = join(root, 'clean');
    const r = runDmf(['batch', join(inbox, 'health.xlsx'), '-o', clean, '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('refuses a broken template before reading anything, naming its file and line', () => {
    const own = join(root, 'own-template');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'main.hbs'), '<h1>{{cover.title}}</h1>\n<p>{{cover.titel}}</p>');
    const target = join(root, 'with-own-template');
    const r = runDmf(['batch', inbox, '-o', target, '--template', own]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`template error in ${own}/main.hbs:2:`);
    expect(existsSync(join(target, 'batch-log.json'))).toBe(false);
  });
});
