/**
 * The command line as people expect it: `dmf --version`; single-file commands that sniff what a
 * file really is, as the batch does (an .ods or a CSV export gets the batch's one-line advice, not
 * "not valid JSON"); batch progress lines that show each input as the user gave it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inputLabel } from '../../src/batch/inputs.js';
import { ROOT, runDmf } from '../helpers/run-cli.js';
import { odsFile } from '../io/fixtures/corpus.js';
import { sampleResult } from '../report/fixtures.js';
import { workbookOf } from '../report/workbooks.js';

const dir = mkdtempSync(join(tmpdir(), 'dmf-cli-expect-'));
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  writeFileSync(at('returned.ods'), odsFile());
  writeFileSync(at('export.csv'), 'ID,Characteristic,Rating\nucd.l1.01,Some text,Largely\n');
  // A CSV export saved with a spreadsheet name, and answers JSON with a name that is not .json.
  writeFileSync(at('renamed.xlsx'), 'ID,Characteristic,Rating\nucd.l1.01,Some text,Largely\n');
  writeFileSync(at('answers.txt'), `\ufeff  ${JSON.stringify(sampleResult().answers)}`);
  mkdirSync(at('returned'));
  writeFileSync(at('returned/filled.xlsx'), await workbookOf(sampleResult()));
});

describe('dmf --version', () => {
  it('prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = runDmf([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });
});

describe('single-file commands sniff the file as the batch does', () => {
  const ODS =
    /^dmf: returned\.ods: this is an OpenDocument spreadsheet \(\.ods\), not an Excel workbook — open it in LibreOffice Calc or Excel and save it as \.xlsx/;
  const CSV =
    /: this is a CSV or other plain-text export, not the Excel workbook — send the completed \.xlsx assessment workbook itself; an export loses the structure/;

  it.each([
    ['score', ['score', 'returned.ods']],
    ['report', ['report', 'returned.ods', '-o', 'r.docx']],
    ['report --previous', ['report', 'returned/filled.xlsx', '--previous', 'returned.ods', '-o', 'r.docx']],
  ])('dmf %s FILE.ods: save it as .xlsx', (_, args) => {
    const r = runDmf(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(ODS);
    expect(r.stderr).not.toMatch(/JSON/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['score', ['score', 'export.csv']],
    ['score (named .xlsx)', ['score', 'renamed.xlsx']],
    ['report', ['report', 'export.csv', '-o', 'r.docx']],
  ])('dmf %s FILE.csv: a CSV export lost the structure', (_, args) => {
    const r = runDmf(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(CSV);
    expect(r.stderr).not.toMatch(/JSON/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('dmf validate gives the same advice', () => {
    const r = runDmf(['validate', 'returned.ods', 'export.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/returned\.ods: this is an OpenDocument spreadsheet/);
    expect(r.stdout).toMatch(CSV);
  });

  it('still reads answers JSON, by its content', () => {
    const r = runDmf(['score', 'answers.txt', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).elements).toHaveLength(7);
    const bad = runDmf(['score', 'missing.json'], { cwd: dir });
    expect(bad.stderr).toMatch(/^dmf: missing\.json: the file does not exist/);
  });
});

describe('batch progress lines', () => {
  it('show each input as the user gave it, also for an absolute path', () => {
    const absolute = at('returned/filled.xlsx');
    const elsewhere = mkdtempSync(join(tmpdir(), 'dmf-cwd-'));
    // A generous time limit: what is checked is the line, not the speed of a shared machine.
    const r = runDmf(['batch', absolute, '-o', 'out', '--timeout', '600'], { cwd: elsewhere });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).toContain(`[1/1] ${absolute}: reported`);
    expect(r.stderr + r.stdout).not.toMatch(/\.\.\//);
  });

  it('name a file as typed, a file in a folder under the folder as typed, a glob match plainly', () => {
    const cwd = resolve('/srv/project');
    expect(inputLabel('/srv/project/returned/a.xlsx', ['returned/a.xlsx'], cwd)).toBe('returned/a.xlsx');
    expect(inputLabel('/srv/project/returned/a.xlsx', ['./returned/'], cwd)).toBe('returned/a.xlsx');
    expect(inputLabel('/tmp/in/a.xlsx', ['/tmp/in/a.xlsx'], cwd)).toBe('/tmp/in/a.xlsx');
    expect(inputLabel('/tmp/in/sub/a.xlsx', ['/tmp/in'], cwd)).toBe('/tmp/in/sub/a.xlsx');
    expect(inputLabel('/srv/other/a.xlsx', ['../other/a.xlsx'], cwd)).toBe('../other/a.xlsx');
    expect(inputLabel('/srv/other/a.xlsx', ['../other'], cwd)).toBe('../other/a.xlsx');
    // Glob matches: relative inside the current folder, absolute outside it.
    expect(inputLabel('/srv/project/in/a.xlsx', ['in/*.xlsx'], cwd)).toBe('in/a.xlsx');
    expect(inputLabel('/tmp/in/a.xlsx', ['/tmp/in/*.xlsx'], cwd)).toBe('/tmp/in/a.xlsx');
  });
});
