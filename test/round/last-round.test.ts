/**
 * Last round (src/round/previous-round.ts): `--previous` takes the previous round's output folder or
 * its results.csv; departments are matched through the register; results.csv gains the previous
 * level and the change; new departments are new, not changed; nothing to compare with is an error;
 * `dmf report --previous` of another department is refused unless --force, and then says so.
 * Inputs are the demo's fictional departments, edited with exceljs.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { parseCsvRows } from '../../src/round/csv.js';
import {
  PreviousRoundError,
  RoundMatcher,
  elementChange,
  indexPreviousRound,
  parseResultsCsv,
} from '../../src/round/previous-round.js';
import { parseRegister } from '../../src/round/register.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { unzipDocx, paragraphTexts } from '../report/docx-xml.js';
import { runDmf } from '../helpers/run-cli.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-last-round-'));
const [a, b, c] = fictionalGovernment(f, 3, 77) as [
  ReturnType<typeof fictionalGovernment>[number],
  ReturnType<typeof fictionalGovernment>[number],
  ReturnType<typeof fictionalGovernment>[number],
];

async function workbook(dir: string, name: string, department: string, answers: typeof a.answers) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(
    path,
    await writeWorkbook(buildPlan(f, { department, answers, createdAt: '2026-01-01T00:00:00.000Z' })),
  );
  return path;
}

/** results.csv as rows of named cells. */
function results(dir: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(readFileSync(join(dir, 'results.csv'), 'utf8'), 'results.csv');
  return rows
    .filter((r) => r.fields.length > 1)
    .map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i] ?? ''])));
}

const last = join(root, 'last');
const lastOut = join(root, 'last-out');
const now = join(root, 'now');
const nowOut = join(root, 'now-out');
const register = join(root, 'register.csv');
let lastHealth = '';
let nowHealth = '';
let lastWork = '';

beforeAll(async () => {
  lastWork = await workbook(last, 'dwp-2025.xlsx', 'Department for Work and Pensions', a.answers);
  lastHealth = await workbook(last, 'health-2025.xlsx', 'Ministry of Health', b.answers);
  // This round: DWP names itself by its code, answered as Health did last year (so its levels move).
  await workbook(now, 'dwp.xlsx', 'DWP', b.answers);
  nowHealth = await workbook(now, 'health.xlsx', 'Ministry of Health', b.answers);
  await workbook(now, 'new.xlsx', 'Office for New Things', c.answers);
  writeFileSync(
    register,
    'Department,Code,Contact\r\nDepartment for Work and Pensions,DWP,a@example.gov\r\nMinistry of Health,MoH,b@example.gov\r\nOffice for New Things,ONT,c@example.gov\r\n',
  );
  const first = runDmf(['batch', last, '-o', lastOut, '--jobs', '2']);
  expect(first.code, first.stderr).toBe(0);
}, 300_000);

describe('dmf batch --previous LAST-ROUND-OUTPUT/', () => {
  let run: ReturnType<typeof runDmf>;
  beforeAll(() => {
    run = runDmf(['batch', now, '-o', nowOut, '--jobs', '2', '--previous', lastOut, '--expected', register]);
  }, 300_000);

  it('reads the previous results from the folder’s results.csv', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/previous round: 2 department\(s\) read from 1 file\(s\)/);
  });

  it('results.csv gains the previous level and the change, matched through the register (DWP)', () => {
    const before = results(lastOut);
    const after = results(nowOut);
    expect(Object.keys(after[0]!).slice(-3)).toEqual(['Previous level', 'Change', 'Change in levels']);
    // "DWP" this round takes the register's official name (src/round/register.ts), as last round's did.
    const dwp = after.filter((r) => r.Department === 'Department for Work and Pensions');
    expect(after.some((r) => r.Department === 'DWP')).toBe(false);
    expect(dwp).toHaveLength(f.elements.length);
    let moved = 0;
    for (const row of dwp) {
      const was = before.find(
        (r) => r.Department === 'Department for Work and Pensions' && r['Element ID'] === row['Element ID'],
      )!;
      const wasLevel = was['Computed level'] === 'Not assessed' ? '' : was['Computed level'];
      expect(row['Previous level'], row['Element ID']).toBe(wasLevel);
      if (wasLevel && row['Computed level'] !== 'Not assessed') {
        const delta = Number(row['Computed level']) - Number(wasLevel);
        expect(row['Change in levels']).toBe(String(delta));
        expect(row.Change).toBe(delta > 0 ? 'up' : delta < 0 ? 'down' : 'same');
        if (delta) moved++;
      }
    }
    expect(moved).toBeGreaterThan(0);
    for (const row of after.filter((r) => r.Department === 'Ministry of Health'))
      expect(['same', 'not assessed']).toContain(row.Change);
  });

  it('a department new this round is "new department", not a change', () => {
    const rows = results(nowOut).filter((r) => r.Department === 'Office for New Things');
    expect(rows).toHaveLength(f.elements.length);
    for (const r of rows) {
      expect(r.Change).toBe('new department');
      expect(r['Previous level']).toBe('');
    }
    const text = paragraphTexts(
      unzipDocx(readFileSync(join(nowOut, 'summary.docx'))).part('word/document.xml'),
    ).join('\n');
    expect(text).toMatch(
      /New this round, with no previous result to compare with[^\n]*Office for New Things/,
    );
  });

  it('takes results.csv itself too', () => {
    const again = runDmf([
      'batch',
      now,
      '-o',
      join(root, 'csv-out'),
      '--jobs',
      '2',
      '--previous',
      join(lastOut, 'results.csv'),
    ]);
    expect(again.code, again.stderr).toBe(0);
    // Without the register, "DWP" is not "Department for Work and Pensions": new, and said so.
    const dwp = results(join(root, 'csv-out')).filter((r) => r.Department === 'DWP');
    expect(dwp.every((r) => r.Change === 'new department')).toBe(true);
    const health = results(join(root, 'csv-out')).filter((r) => r.Department === 'Ministry of Health');
    expect(
      health.every(
        (r) => r['Previous level'] === (r['Computed level'] === 'Not assessed' ? '' : r['Computed level']),
      ),
    ).toBe(true);
  }, 300_000);
});

describe('nothing to compare with is an error', () => {
  it('an empty folder', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = runDmf(['batch', now, '-o', join(root, 'never'), '--previous', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /--previous .*empty: no previous result read from 0 file\(s\); give the previous round’s output folder/,
    );
    expect(r.stdout).not.toMatch(/Reports:/);
  });

  it('a CSV that is not a results.csv', () => {
    const other = join(root, 'other.csv');
    writeFileSync(other, 'Name,Email\r\nSomeone,x@example.gov\r\n');
    const r = runDmf(['batch', now, '-o', join(root, 'never2'), '--previous', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/other\.csv: not the results\.csv of a dmf batch/);
  });
});

describe('dmf report --previous', () => {
  it('refuses another department’s workbook, naming both', () => {
    const r = runDmf(['report', nowHealth, '--data', '--previous', lastWork]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /health\.xlsx is Ministry of Health but dwp-2025\.xlsx is Department for Work and Pensions: .*add --force/,
    );
  });

  it('with --force compares anyway, and the report says so', () => {
    const r = runDmf(['report', nowHealth, '--data', '--force', '--previous', lastWork]);
    expect(r.code, r.stderr).toBe(0);
    const vm = JSON.parse(r.stdout) as { previousRound: { warning: string | null } };
    expect(vm.previousRound.warning).toMatch(
      /another department’s previous round: Department for Work and Pensions \(dwp-2025\.xlsx\)/,
    );
  });

  it('the department’s own workbook: no warning', () => {
    const r = runDmf(['report', nowHealth, '--data', '--previous', lastHealth]);
    expect(r.code, r.stderr).toBe(0);
    expect(
      (JSON.parse(r.stdout) as { previousRound: { warning: string | null } }).previousRound.warning,
    ).toBeNull();
  });

  it('takes the previous batch’s output folder and finds the department’s row', () => {
    const r = runDmf(['report', nowHealth, '--data', '--previous', lastOut]);
    expect(r.code, r.stderr).toBe(0);
    const vm = JSON.parse(r.stdout) as {
      previousRound: { source: string };
      elements: { id: string; change: { text: string } | null }[];
    };
    expect(vm.previousRound.source).toBe('results.csv');
    expect(vm.elements.every((e) => e.change !== null)).toBe(true);
    expect(vm.elements.filter((e) => e.change!.text === 'No change').length).toBeGreaterThan(0);
  });

  it('a folder without the department: one line naming it', () => {
    const r = runDmf(['report', join(now, 'new.xlsx'), '--data', '--previous', lastOut]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /results\.csv has no results for Office for New Things \(it has 2 department\(s\)/,
    );
  });
});

describe('previous-round rules', () => {
  const csv =
    '\ufeffDepartment,File,Element ID,Computed level\r\n' +
    `Dept A,a.xlsx,${f.elements[0]!.id},2\r\nDept A,a.xlsx,${f.elements[1]!.id},Not assessed\r\nDept A,a.xlsx,retired-element,3\r\n`;

  it('reads a results.csv, leaving out elements the framework does not have', () => {
    const [d] = parseResultsCsv(csv, 'results.csv', f);
    expect(d).toEqual({
      department: 'Dept A',
      source: 'results.csv',
      date: null,
      elements: [
        { id: f.elements[0]!.id, level: 2 },
        { id: f.elements[1]!.id, level: null },
      ],
    });
  });

  it('refuses a level that is not one, naming the line', () => {
    expect(() => parseResultsCsv(csv.replace(',2\r\n', ',7\r\n'), 'r.csv', f)).toThrow(
      /r\.csv, line 2: "7" is not a level \(1 to \d/,
    );
    expect(() => parseResultsCsv('Department,Element ID,Computed level\r\n', 'r.csv', f)).toThrow(
      PreviousRoundError,
    );
  });

  it('new is not a change; up, down, same, newly and no longer assessed', () => {
    const prev = {
      elements: [
        { id: 'x', level: 2 },
        { id: 'y', level: null },
      ],
    };
    expect(elementChange(3, null, 'x')).toEqual({
      previousLevel: null,
      change: 'new department',
      delta: null,
    });
    expect(elementChange(3, prev, 'x')).toEqual({ previousLevel: 2, change: 'up', delta: 1 });
    expect(elementChange(1, prev, 'x').change).toBe('down');
    expect(elementChange(2, prev, 'x').change).toBe('same');
    expect(elementChange(2, prev, 'y').change).toBe('newly assessed');
    expect(elementChange(null, prev, 'x').change).toBe('no longer assessed');
  });

  it('matches through the register: a code, an alias, the official name', () => {
    const reg = parseRegister(
      'Department,Code,Alias\r\nDepartment for Work and Pensions,DWP,Work and Pensions\r\n',
      'reg.csv',
    );
    const m = new RoundMatcher(reg);
    const index = indexPreviousRound(
      [{ department: 'Work and Pensions', source: 'results.csv', date: null, elements: [] }],
      m,
    );
    expect(index.get(m.key('DWP'))?.department).toBe('Work and Pensions');
    expect(index.get(m.key('Department for Work and Pensions'))).toBeDefined();
    expect(index.get(new RoundMatcher().key('DWP'))).toBeUndefined();
  });
});
