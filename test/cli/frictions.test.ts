/**
 * Small frictions of issue 21: --help gives examples and exit codes; batch failure lines name the
 * file once; `dmf report -o X.pdf` and `dmf batch --pdf` write PDFs through LibreOffice, or say in
 * one line how to get it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { reasonWithoutFile } from '../../src/cli/commands/batch.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { runDmf } from '../helpers/run-cli.js';
import { findTool, skipWithout } from '../helpers/tools.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-frictions-'));
const [dept] = fictionalGovernment(f, 1, 9);
const workbook = join(root, 'in', 'returned.xlsx');
const soffice = findTool('soffice', 'libreoffice');
const pdftotext = findTool('pdftotext');

beforeAll(async () => {
  mkdirSync(join(root, 'in'));
  writeFileSync(
    workbook,
    await writeWorkbook(
      buildPlan(f, {
        department: dept!.department,
        answers: dept!.answers,
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    ),
  );
}, 120_000);

describe('--help', () => {
  it.each(['template', 'validate', 'score', 'report', 'batch', 'moderate', 'demo', 'framework'])(
    'dmf %s --help gives an example and the exit codes',
    (command) => {
      const r = runDmf([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Examples:\\n  dmf ${command}`));
      expect(r.stdout).toMatch(/Exit codes: 0 .*2 the command line was wrong/s);
    },
  );
});

describe('batch failure lines', () => {
  it('name the file once', () => {
    expect(reasonWithoutFile('broken.xlsx: not a workbook — save it as .xlsx', '/x/in/broken.xlsx')).toBe(
      'not a workbook — save it as .xlsx',
    );
    expect(reasonWithoutFile('the sheet is missing', '/x/broken.xlsx')).toBe('the sheet is missing');
    const inbox = join(root, 'failing');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'broken.xlsx'), 'this is not a workbook');
    const r = runDmf(['batch', inbox, '-o', join(root, 'failing-out')]);
    expect(r.code).toBe(1);
    // The failure lines themselves (the progress line and the end's list), not the closing PROBLEM
    // line that points to them ("see the FAILED lines").
    const lines = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .filter((l) => /^(\[\d+\/\d+\] .*: )?FAILED /.test(l));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.match(/broken\.xlsx/g), line).toHaveLength(1);
  }, 120_000);
});

describe('PDF through LibreOffice', () => {
  it('without LibreOffice: one line saying how to get it, exit 1, nothing written', () => {
    const empty = mkdtempSync(join(tmpdir(), 'dmf-nopath-'));
    const target = join(root, 'none.pdf');
    const r = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../bin/dmf.js', import.meta.url)), 'report', workbook, '-o', target],
      { encoding: 'utf8', env: { ...process.env, PATH: empty } },
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/none\.pdf: a PDF is made with LibreOffice, which was not found; install it/);
    expect(existsSync(target)).toBe(false);
  });

  it.skipIf(skipWithout(soffice, 'LibreOffice', 'the PDF tests'))(
    'dmf report -o X.pdf writes the report as a PDF',
    () => {
      const target = join(root, 'report.pdf');
      const r = runDmf(['report', workbook, '-o', target]);
      expect(r.code, r.stderr).toBe(0);
      const bytes = readFileSync(target);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      if (pdftotext) {
        const text = spawnSync(pdftotext, [target, '-'], { encoding: 'utf8' }).stdout;
        expect(text).toContain(dept!.department);
      }
      // Never over an existing file without --force.
      const again = runDmf(['report', workbook, '-o', target]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists; use --force/);
    },
    240_000,
  );

  it.skipIf(skipWithout(soffice, 'LibreOffice', 'the PDF tests'))(
    'dmf batch --pdf puts a PDF beside each report and the summary',
    () => {
      const out = join(root, 'pdf-out');
      const r = runDmf(['batch', workbook, '-o', out, '--pdf']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/2 PDF\(s\) beside the Word files/);
      const log = JSON.parse(readFileSync(join(out, 'batch-log.json'), 'utf8')) as {
        departments: { report: string }[];
      };
      const pdf = join(out, log.departments[0]!.report.replace(/\.docx$/, '.pdf'));
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(out, 'summary.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    },
    400_000,
  );
});
