/**
 * An agreed workbook stands for its sources (issue 21): `dmf moderate` records them (file, content
 * hash, respondent) and what is left to agree in `_meta`; `dmf validate` warns while ratings are
 * still to agree, naming sheet and cells; a batch of the sources and the agreed workbook reports
 * the department once, from the agreed workbook, its sources listed as superseded. An agreed
 * workbook made before the record still reads. And `dmf template --departments LIST.csv -o DIR`
 * makes every department's workbook, overwriting nothing silently.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import { runDmf } from '../helpers/run-cli.js';
import { mutate, workbookFor } from '../workbook/helpers.js';
import { RESPONDENTS, respondentAnswers } from '../moderation/three-respondents.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-moderated-'));
const inbox = join(root, 'health');
const sources = RESPONDENTS.map((_, i) => join(inbox, `respondent-${i + 1}.xlsx`));
const agreed = join(inbox, 'agreed.xlsx');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  mkdirSync(inbox);
  const answers = respondentAnswers(f);
  for (const [i, who] of RESPONDENTS.entries())
    writeFileSync(
      sources[i]!,
      await workbookFor(f, answers[i], { department: 'Department of Health', fields: { ...who } }),
    );
  const r = runDmf(['moderate', ...sources, '-o', agreed]);
  if (r.code !== 0) throw new Error(r.stderr);
}, 120_000);

describe('an agreed workbook', { timeout: 600_000 }, () => {
  it('records its sources and what is left to agree in _meta', async () => {
    const read = await readWorkbook(f, readFileSync(agreed), { fileName: 'agreed.xlsx' });
    expect(read.meta.moderation?.sources).toEqual(
      sources.map((p, i) => ({
        file: `respondent-${i + 1}.xlsx`,
        sha256: sha256(p),
        respondent: RESPONDENTS[i]!.respondent,
        role: RESPONDENTS[i]!.role,
      })),
    );
    expect(read.meta.moderation?.toAgree).toHaveLength(3);
    const unsettled = read.diagnostics.filter((d) => d.code === 'moderation-unsettled');
    expect(unsettled).toHaveLength(1);
    expect(unsettled[0]).toMatchObject({ severity: 'warning', sheet: f.elements[0]!.shortTitle });
    expect(unsettled[0]!.message).toMatch(
      /: 3 ratings still to agree after moderation \(3 in the workbook\), in cells D\d+, D\d+, D\d+;/,
    );
  });

  it('is named by dmf validate while ratings are still to agree', () => {
    const r = runDmf(['validate', agreed]);
    expect(r.stdout).toMatch(/3 ratings still to agree after moderation/);
    expect(r.stdout).toMatch(/agreed\.xlsx: .*warning/);
  });

  it('stands for its sources in a batch: one respondent, the sources superseded, the unsettled ratings named', async () => {
    const notes: string[] = [];
    const { log } = await runBatch({
      inputs: [inbox],
      outDir: join(root, 'out'),
      framework: f,
      templateName: 'ministerial',
      templateFiles: await loadTemplate('ministerial'),
      summaryTemplateFiles: await loadTemplate('summary'),
      jobs: 2,
      now: new Date('2026-04-01T00:00:00Z'),
      onEvent: (e) => void (e.type === 'note' && notes.push(e.message)),
    });
    expect(log.departments).toHaveLength(1);
    expect(log.departments[0]).toMatchObject({ respondents: 1, inputs: [agreed] });
    for (const [i, p] of sources.entries()) {
      const entry = log.files.find((x) => x.input === p)!;
      expect(entry).toMatchObject({ status: 'superseded', superseded: 'moderated', supersededBy: agreed });
      expect(entry.reason).toBe(`respondent-${i + 1}.xlsx: moderated into agreed.xlsx, which stands for it`);
    }
    expect(log.files.find((x) => x.input === agreed)!.standsFor.map((s) => s.why)).toEqual([
      'moderated',
      'moderated',
      'moderated',
    ]);
    expect(notes.join('\n')).toMatch(
      /agreed\.xlsx: an agreed workbook with 3 rating\(s\) still to agree \(sheets: .+\); they count as unanswered/,
    );
  });

  it('made before the record existed still reads, as one more respondent', async () => {
    const old = await mutate(readFileSync(agreed), (wb) => {
      const meta = wb.getWorksheet('_meta')!;
      meta.eachRow((row) => {
        if (row.getCell(1).value === 'moderation') row.values = [];
      });
    });
    const read = await readWorkbook(f, old, { fileName: 'old-agreed.xlsx' });
    expect(read.meta.moderation).toBeUndefined();
    expect(read.meta.department).toBe('Department of Health');
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read.diagnostics.map((d) => d.code)).not.toContain('moderation-record-unreadable');
  });
});

describe('dmf template --departments', { timeout: 300_000 }, () => {
  it("makes every department's blank workbook, named for it, and overwrites nothing silently", async () => {
    const list = join(root, 'asked.csv');
    writeFileSync(
      list,
      'Department,Code,Contact\nHM Treasury,HMT,a@example.gov\n"Health: ""Care""/Social",DHC,\n',
    );
    const out = join(root, 'blank');
    const r = runDmf(['template', '--departments', list, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['HM Treasury.xlsx', 'Health_ _Care_Social.xlsx']);
    const read = await readWorkbook(f, readFileSync(join(out, 'HM Treasury.xlsx')), { fileName: 'x.xlsx' });
    expect(read.meta.department).toBe('HM Treasury');
    const before = readFileSync(join(out, 'HM Treasury.xlsx'));
    const again = runDmf(['template', '--departments', list, '-o', out]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/2 of the 2 workbooks already exist .*; nothing was written\. .*--force/);
    expect(readFileSync(join(out, 'HM Treasury.xlsx')).equals(before)).toBe(true);
    expect(existsSync(join(out, 'HM Treasury (2).xlsx'))).toBe(false);
  });
});
