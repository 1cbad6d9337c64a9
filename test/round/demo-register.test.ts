/**
 * `dmf demo` shows the register of the round: it writes the list of departments asked (with codes,
 * contacts and groups), passes it to the batch, and one department asked has not returned — listed
 * in not-returned.csv, in batch-log.json with its contact, and at the end of the run.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_NOT_RETURNED } from '../../src/demo/demo-register.js';
import { runDmf } from '../helpers/run-cli.js';
import { paragraphTexts, unzipDocx } from '../report/docx-xml.js';

describe('dmf demo and the register', () => {
  it('lists the departments asked and the one that has not returned', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dmf-demo-register-')), 'demo');
    const r = runDmf(['demo', '-o', dir, '--departments', '3', '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    const asked = readFileSync(join(dir, 'departments-asked.csv'), 'utf8').trim().split('\n');
    expect(asked[0]).toBe('Department,Code,Contact,Group');
    expect(asked).toHaveLength(5);
    expect(readFileSync(join(dir, 'not-returned.csv'), 'utf8')).toBe(
      `\uFEFFDepartment,Code,Contact,Group\r\n${DEMO_NOT_RETURNED.department},D04,${DEMO_NOT_RETURNED.contact},Agency or office\r\n`,
    );
    const log = JSON.parse(readFileSync(join(dir, 'batch-log.json'), 'utf8')) as { missing: unknown[] };
    expect(log.missing).toEqual([
      {
        department: DEMO_NOT_RETURNED.department,
        codes: ['D04'],
        contact: DEMO_NOT_RETURNED.contact,
        group: 'Agency or office',
      },
    ]);
    expect(r.stdout).toContain('Not returned: 1 of the 4 department(s) asked (also in not-returned.csv):');
    expect(r.stdout).toContain(`  ${DEMO_NOT_RETURNED.department} — ${DEMO_NOT_RETURNED.contact}`);
    // The register's Group column reaches the summary without any other option: it compares groups.
    const groupOf = new Map(asked.slice(1).map((line) => [line.split(',')[0], line.trim().split(',')[3]]));
    const returned = (log as unknown as { departments: { department: string }[] }).departments.map(
      (d) => d.department,
    );
    const summary = paragraphTexts(
      unzipDocx(readFileSync(join(dir, 'summary.docx'))).part('word/document.xml'),
    ).join('\n');
    expect(summary).toContain('Groups compared');
    for (const department of returned) expect(summary).toContain(groupOf.get(department)!);
  }, 300_000);
});
