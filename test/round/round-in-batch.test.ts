/**
 * The rules of a round in `dmf batch` (issue 21), a folder per case, each built from the demo's
 * fictional departments and edited with exceljs as respondents do:
 * - an identical copy ("… (1).xlsx") counts once, named as a copy;
 * - a respondent's corrected "v2 FINAL" supersedes their first return (the newer date stands),
 *   while a colleague's return is still consolidated;
 * - the register: returns matched by code, alias and a close spelling (with a warning), reported
 *   under the official name, and who has not returned listed with their contact;
 * - an empty folder fails with no summary; an output folder inside the input folder is not read.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchOptions, type BatchResult } from '../../src/batch/run-batch.js';
import { fictionalGovernment, secondRespondent } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import type { TemplateFiles } from '../../src/report/index.js';
import { parseRegister } from '../../src/round/register.js';
import { mutate, rowOf, workbookFor } from '../workbook/helpers.js';
import { runDmf } from '../helpers/run-cli.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-round-'));
const [alpha, beta, gamma] = fictionalGovernment(f, 3, 21);
let templates: { templateFiles: TemplateFiles; summaryTemplateFiles: TemplateFiles };

const batch = (inputs: string[], out: string, extra: Partial<BatchOptions> = {}): Promise<BatchResult> =>
  runBatch({
    inputs,
    outDir: join(root, out),
    framework: f,
    templateName: 'ministerial',
    jobs: 2,
    now: new Date('2026-04-01T00:00:00Z'),
    ...templates,
    ...extra,
  });

/** A department's demo return, as the respondent filled it in on `date`. */
const demoReturn = (d: typeof alpha, department = d!.department, date = '2026-03-01') =>
  workbookFor(f, d!.answers, {
    department,
    fields: { respondent: d!.respondent, role: d!.role, contact: d!.contact, date },
  });

const folder = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The first characteristic the respondent rated, and a different rating for it. */
const firstRated = () => {
  const id = Object.keys(alpha!.answers.ratings)[0]!;
  const scored = f.scoring.ratings.filter((r) => r.kind === 'scored').map((r) => r.label);
  const other = scored.find((l) => l !== alpha!.answers.ratings[id])!;
  return { id, other };
};

beforeAll(async () => {
  templates = {
    templateFiles: await loadTemplate('ministerial'),
    summaryTemplateFiles: await loadTemplate('summary'),
  };
}, 60_000);

describe('one return per respondent', { timeout: 600_000 }, () => {
  it('counts an identical copy once and names it as a copy', async () => {
    const dir = folder('copies');
    const bytes = await demoReturn(alpha);
    writeFileSync(join(dir, 'Alpha return.xlsx'), bytes);
    writeFileSync(join(dir, 'Alpha return (1).xlsx'), bytes);
    writeFileSync(join(dir, 'Beta.xlsx'), await demoReturn(beta));
    const notes: string[] = [];
    const { log, exitCode } = await batch([dir], 'copies-out', {
      onEvent: (e) => void (e.type === 'note' && notes.push(e.message)),
    });
    expect(exitCode).toBe(0);
    expect(log.departments.map((d) => d.respondents)).toEqual([1, 1]);
    const copy = log.files.find((x) => x.input.endsWith('Alpha return (1).xlsx'))!;
    expect(copy).toMatchObject({ status: 'superseded', superseded: 'copy', report: null });
    expect(copy.supersededBy).toMatch(/Alpha return\.xlsx$/);
    expect(copy.reason).toBe('Alpha return (1).xlsx: an identical copy of Alpha return.xlsx, counted once');
    const original = log.files.find((x) => x.input.endsWith('Alpha return.xlsx'))!;
    expect(original.standsFor).toEqual([{ input: copy.input, why: 'copy' }]);
    expect(notes).toContain('Alpha return (1).xlsx: an identical copy of Alpha return.xlsx, counted once');
    expect(log.totals.superseded).toBe(1);
  });

  it("takes a respondent's newer version instead of merging it with the first, and still consolidates a colleague", async () => {
    const dir = folder('resubmitted');
    const { id, other } = firstRated();
    const first = await demoReturn(alpha, alpha!.department, '2026-03-01');
    // The corrected version: one rating changed and the date moved on, as the respondent would.
    const v2 = await mutate(first, (wb) => {
      const sheet = wb.worksheets.find((ws) => {
        let found = false;
        ws.eachRow((row) => void (row.getCell(1).value === id && (found = true)));
        return found;
      })!;
      rowOf(sheet, id).getCell(4).value = other;
      rowOf(wb.getWorksheet('Start here')!, 'field:date').getCell(3).value = '2026-03-09';
    });
    // The older file is written last, so its time is newer: the date the respondent gave decides.
    writeFileSync(join(dir, 'Alpha v2 FINAL.xlsx'), v2);
    writeFileSync(join(dir, 'Alpha.xlsx'), first);
    utimesSync(join(dir, 'Alpha v2 FINAL.xlsx'), new Date('2026-03-01'), new Date('2026-03-01'));
    const colleague = secondRespondent(f, alpha!, 77);
    writeFileSync(
      join(dir, 'Alpha colleague.xlsx'),
      await workbookFor(f, colleague.answers, {
        department: alpha!.department,
        fields: { respondent: colleague.respondent, role: colleague.role, contact: colleague.contact },
      }),
    );
    const { log } = await batch([dir], 'resubmitted-out');
    expect(log.departments).toHaveLength(1);
    const d = log.departments[0]!;
    expect(d.respondents).toBe(2);
    expect(d.inputs.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      'Alpha colleague.xlsx',
      'Alpha v2 FINAL.xlsx',
    ]);
    const older = log.files.find((x) => x.input.endsWith('/Alpha.xlsx'))!;
    expect(older).toMatchObject({ status: 'superseded', superseded: 'older' });
    expect(older.reason).toMatch(
      /^Alpha\.xlsx: an earlier return by the same respondent \(.+\); superseded by Alpha v2 FINAL\.xlsx \(dated 2026-03-01, against 2026-03-09\)$/,
    );
    // The department's answers for that characteristic come from v2 and the colleague, never the first version.
    const answers = readFileSync(join(root, 'resubmitted-out', 'answers.csv'), 'utf8');
    expect(answers).not.toContain('/Alpha.xlsx');
  });
});

describe('the register of the round', { timeout: 600_000 }, () => {
  it('matches returns by code, alias and close spelling, uses the official name, and lists who has not returned', async () => {
    const dir = folder('register');
    const list = join(root, 'register.csv');
    writeFileSync(
      list,
      [
        'Department,Code,Aliases,Contact,Group',
        `${alpha!.department},ALP,,alpha.lead@example.gov,Group A`,
        `${beta!.department},BET,Beta old name,beta.lead@example.gov,Group A`,
        `${gamma!.department},GAM,,gamma.lead@example.gov,Group B`,
        'Office of the Absent,ABS,,"Ann Absent <ann@example.gov>",Group B',
      ].join('\n'),
    );
    const register = parseRegister(readFileSync(list, 'utf8'), 'register.csv');
    writeFileSync(join(dir, 'a.xlsx'), await demoReturn(alpha, 'alp'));
    writeFileSync(join(dir, 'b.xlsx'), await demoReturn(beta, 'Beta old name'));
    // One letter dropped: matched, with a warning.
    const misspelt = gamma!.department.slice(0, 5) + gamma!.department.slice(6);
    writeFileSync(join(dir, 'g.xlsx'), await demoReturn(gamma, misspelt));
    const notes: string[] = [];
    const { log } = await batch([dir], 'register-out', {
      register,
      onEvent: (e) => void (e.type === 'note' && notes.push(e.message)),
    });
    expect(log.departments.map((d) => d.department).sort()).toEqual(
      [alpha!.department, beta!.department, gamma!.department].sort(),
    );
    expect(log.files.map((x) => x.register?.how).sort()).toEqual(['alias', 'close', 'code']);
    expect(notes.join('\n')).toContain(`taken as its close spelling "${gamma!.department}"`);
    expect(log.missing).toEqual([
      {
        department: 'Office of the Absent',
        codes: ['ABS'],
        contact: 'Ann Absent <ann@example.gov>',
        group: 'Group B',
      },
    ]);
    const csv = readFileSync(join(root, 'register-out', 'not-returned.csv'), 'utf8');
    expect(csv).toBe(
      '\uFEFFDepartment,Code,Contact,Group\r\nOffice of the Absent,ABS,Ann Absent <ann@example.gov>,Group B\r\n',
    );
    const results = readFileSync(join(root, 'register-out', 'results.csv'), 'utf8');
    expect(results).toContain(alpha!.department);
    expect(results).not.toMatch(/(^|\n)"?alp"?,/);
  });

  it('prints who has not returned, with the contact, at the end of the run', () => {
    const r = runDmf([
      'batch',
      join(root, 'register'),
      '-o',
      join(root, 'register-cli-out'),
      '--expected',
      join(root, 'register.csv'),
      '--jobs',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Not returned: 1 of the 4 department(s) asked (also in not-returned.csv):');
    expect(r.stdout).toContain('  Office of the Absent — Ann Absent <ann@example.gov>');
  });
});

describe('bad runs', { timeout: 600_000 }, () => {
  it('fails an empty folder with one line and writes no summary', () => {
    const dir = folder('empty');
    const out = join(root, 'empty-out');
    const r = runDmf(['batch', dir, '-o', out, '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(existsSync(join(out, 'summary.docx'))).toBe(false);
    expect(existsSync(join(out, 'results.csv'))).toBe(false);
    expect(r.stdout).toMatch(/PROBLEM no workbooks found in .*empty, so no summary or results were written/);
  });

  it('never reads its own output folder inside the input folder', async () => {
    const dir = folder('inbox-with-out');
    writeFileSync(join(dir, 'Alpha.xlsx'), await demoReturn(alpha));
    const out = join(dir, 'out');
    const first = runDmf(['batch', dir, '-o', out, '--jobs', '1']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(existsSync(join(out, 'results.xlsx'))).toBe(true);
    const again = runDmf(['batch', dir, '-o', out, '--jobs', '1']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const log = JSON.parse(readFileSync(join(out, 'batch-log.json'), 'utf8')) as BatchResult['log'];
    expect(log.files.map((x) => x.input)).toEqual([join(dir, 'Alpha.xlsx')]);
    expect(log.skipped.map((s) => s.reason).join('\n')).toMatch(/the output folder, inside an input folder/);
  });
});
