import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { runDmf } from '../helpers/run-cli.js';
import { rowOf, workbookFor } from '../workbook/helpers.js';
import { AGREED, RESPONDENTS, ids, respondentAnswers } from './three-respondents.js';

const f = builtInFramework();
const dir = mkdtempSync(join(tmpdir(), 'dmf-moderate-'));
const inputs = RESPONDENTS.map((_, i) => join(dir, `respondent-${i + 1}.xlsx`));
const agreed = join(dir, 'agreed.xlsx');

beforeAll(async () => {
  const answers = respondentAnswers(f);
  for (const [i, who] of RESPONDENTS.entries())
    writeFileSync(
      inputs[i]!,
      await workbookFor(f, answers[i], {
        department: i === 1 ? ' department of health ' : 'Department of Health',
        fields: { ...who },
      }),
    );
}, 60_000);

describe('dmf moderate', { timeout: 300_000 }, () => {
  it('writes an agreed workbook that reads back with the agreed ratings, disagreements marked, evidence kept', async () => {
    const r = runDmf(['moderate', ...inputs, '-o', agreed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/they agreed on 50% of characteristics \(3 of 6 rated by two or more of them\)/);
    expect(r.stdout).toMatch(/3 characteristics are left empty for the moderation meeting/);

    const bytes = readFileSync(agreed);
    const read = await readWorkbook(f, bytes, { fileName: 'agreed.xlsx' });
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const cs = ids(f);
    expect(cs.map((id) => read.answers.ratings[id] ?? null)).toEqual(AGREED);
    expect(read.meta.department).toBe('Department of Health');
    expect(read.meta.respondent).toBe('Ana Silva (Digital lead); Bo Chen (Data lead); Cai Jones (Finance)');
    for (const who of RESPONDENTS)
      expect(read.answers.evidence[cs[1]!]).toContain(`${who.respondent} (${who.role}): Evidence`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const element = wb.getWorksheet(f.elements[0]!.shortTitle)!;
    // The three disagreements are marked by a note and a dashed border as well as a fill.
    for (const [i, rating] of AGREED.entries()) {
      const cell = rowOf(element, cs[i]!).getCell(4);
      if (rating === null) {
        expect(String(cell.note ?? ''), cs[i]).toMatch(/To agree/);
        expect(cell.border?.top?.style).toBe('mediumDashed');
      } else expect(cell.note).toBeUndefined();
    }
    const moderation = wb.getWorksheet('Moderation')!;
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['Start here', 'Moderation']);
    const rows: string[] = [];
    moderation.eachRow((row) =>
      rows.push((row.values as unknown[]).map((v) => JSON.stringify(v ?? '')).join('|')),
    );
    const text = rows.join('\n');
    expect(text).toContain('Ana Silva (Digital lead): rating');
    expect(text).toContain('Evidence 2 on the second characteristic');
    expect(text).toContain("Don't know");
    let links = 0;
    moderation.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string } | null;
        if (v && typeof v === 'object' && v.formula?.startsWith('HYPERLINK(')) {
          expect(v.formula).toMatch(/^HYPERLINK\("#'.+'!D\d+","Go to .+, cell D\d+"\)$/);
          links++;
        }
      }),
    );
    expect(links).toBe(3);
  });

  it('reads as an ordinary workbook once the facilitator fills in the agreed ratings', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(agreed) as unknown as ArrayBuffer);
    const element = wb.getWorksheet(f.elements[0]!.shortTitle)!;
    const cs = ids(f);
    for (const [i, rating] of AGREED.entries())
      if (rating === null) rowOf(element, cs[i]!).getCell(4).value = 'Largely';
    const filled = join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const score = runDmf(['score', filled, '--json']);
    expect(score.code, score.stderr).toBe(0);
    const validate = runDmf(['validate', filled]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
  });

  it('refuses to replace the output without --force, and different departments without --department', () => {
    const again = runDmf(['moderate', ...inputs, '-o', agreed]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; choose another name or add --force/);
    expect(runDmf(['moderate', inputs[0]!, '-o', join(dir, 'one.xlsx')]).code).toBe(2);
  });

  it('stops when the workbooks name different departments, unless --department names it', async () => {
    const other = join(dir, 'other.xlsx');
    writeFileSync(
      other,
      await workbookFor(f, respondentAnswers(f)[0], { department: 'Ministry of Defence' }),
    );
    const out = join(dir, 'mixed.xlsx');
    const r = runDmf(['moderate', inputs[0]!, other, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/name different departments .*Ministry of Defence/);
    expect(existsSync(out)).toBe(false);
    const named = runDmf(['moderate', inputs[0]!, other, '-o', out, '--department', 'Department of Health']);
    expect(named.code, named.stderr).toBe(0);
  });
});
