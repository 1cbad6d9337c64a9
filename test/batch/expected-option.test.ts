/**
 * `dmf batch --expected FILE.csv`: the summary gives the response rate and who has not returned,
 * matching names whatever their case and punctuation; a list that cannot be used stops the run
 * with one line, before anything is read.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { paragraphTexts, unzipDocx } from '../report/docx-xml.js';
import { runDmf } from '../helpers/run-cli.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-expected-'));
const inbox = join(root, 'returned');

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  const [a, b] = fictionalGovernment(f, 2, 5);
  for (const [name, d] of [
    ['Department of Health', a!],
    ['Ministry of Fun', b!],
  ] as const)
    writeFileSync(
      join(inbox, `${name}.xlsx`),
      await writeWorkbook(
        buildPlan(f, { department: name, answers: d.answers, createdAt: '2026-01-01T00:00:00.000Z' }),
      ),
    );
}, 60_000);

describe('dmf batch --expected', () => {
  it('gives the response rate and lists who has not returned', () => {
    const list = join(root, 'asked.csv');
    writeFileSync(
      list,
      '\uFEFFDepartment,Contact\r\n"department of health.",a@x\r\nTreasury,b@x\r\n"Ministry of  FUN",c@x\r\n',
    );
    const out = join(root, 'out');
    const r = runDmf(['batch', inbox, '-o', out, '--expected', list, '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    const text = paragraphTexts(
      unzipDocx(readFileSync(join(out, 'summary.docx'))).part('word/document.xml'),
    ).join('\n');
    expect(text).toContain(
      '2 of the 3 departments asked to respond returned a workbook that could be read (67%)',
    );
    expect(text).toMatch(/These departments have not returned a workbook that could be read:\nTreasury\n/);
  }, 180_000);

  it('stops with one line when the list is missing or cannot be used', () => {
    const missing = runDmf(['batch', inbox, '-o', join(root, 'x'), '--expected', join(root, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(
      /nope\.csv: no such file; give the list of departments asked to respond as a CSV file/,
    );

    const bad = join(root, 'bad.csv');
    writeFileSync(bad, 'Code,Size\n1,2\n');
    const r = runDmf(['batch', inbox, '-o', join(root, 'y'), '--expected', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /bad\.csv: several columns and none headed "Department"; head the column of department names "Department"/,
    );
  });
});
