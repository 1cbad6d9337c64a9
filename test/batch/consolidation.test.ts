/**
 * Several respondents for one department in a batch: grouped by the department named on "Start
 * here" (case, spaces and punctuation folded), consolidated into one report with the agreement
 * share and its base, the disagreements in the report's annex and in batch-log.json; one results
 * row per department; --no-consolidate keeps one report per workbook; a re-run keeps a report
 * only when every file of its group is unchanged.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchOptions, type BatchResult } from '../../src/batch/run-batch.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import type { TemplateFiles } from '../../src/report/index.js';
import { paragraphTexts, unzipDocx } from '../report/docx-xml.js';
import { workbookFor } from '../workbook/helpers.js';
import { RESPONDENTS, respondentAnswers } from '../moderation/three-respondents.js';

const f = builtInFramework();
const documentText = (bytes: Uint8Array) =>
  paragraphTexts(unzipDocx(bytes).part('word/document.xml')).join('\n');
const root = mkdtempSync(join(tmpdir(), 'dmf-consolidation-'));
const inbox = join(root, 'in');
const SPELLINGS = ['Department of Health', ' department of  HEALTH ', 'Department of Health.'];
let templates: { templateFiles: TemplateFiles; summaryTemplateFiles: TemplateFiles };

const batch = (out: string, extra: Partial<BatchOptions> = {}): Promise<BatchResult> =>
  runBatch({
    inputs: [inbox],
    outDir: join(root, out),
    framework: f,
    templateName: 'ministerial',
    jobs: 2,
    now: new Date('2026-04-01T00:00:00Z'),
    ...templates,
    ...extra,
  });

beforeAll(async () => {
  mkdirSync(inbox);
  templates = {
    templateFiles: await loadTemplate('ministerial'),
    summaryTemplateFiles: await loadTemplate('summary'),
  };
  const answers = respondentAnswers(f);
  for (const [i, who] of RESPONDENTS.entries())
    writeFileSync(
      join(inbox, `health-${i + 1}.xlsx`),
      await workbookFor(f, answers[i], {
        department: SPELLINGS[i]!,
        fields: { ...who, date: `2026-03-0${i + 1}` },
      }),
    );
  const [other] = fictionalGovernment(f, 1, 5);
  writeFileSync(
    join(inbox, 'defence.xlsx'),
    await workbookFor(f, other!.answers, { department: 'Ministry of Defence' }),
  );
}, 120_000);

describe('dmf batch with several respondents for one department', { timeout: 600_000 }, () => {
  it('reports the department once, with the agreement share and its base, and lists the disagreements', async () => {
    const { log } = await batch('out');
    expect(log.options.consolidation).toBe('median');
    expect(log.departments).toHaveLength(2);
    const health = log.departments.find((d) => d.respondents === 3)!;
    expect(health.department).toBe('Department of Health');
    expect(health.inputs.map((p) => p.slice(inbox.length + 1))).toEqual([
      'health-1.xlsx',
      'health-2.xlsx',
      'health-3.xlsx',
    ]);
    expect(health.consolidation!.headline).toBe(
      'Respondents: 3; they agreed on 50% of characteristics (3 of 6 rated by two or more of them).',
    );
    expect(health.consolidation!.disagreements.map((d) => [d.reason, d.used])).toEqual([
      ['ratings-apart', 'Fully'],
      ['dont-know', 'Largely'],
      ['not-applicable', 'Partly'],
    ]);
    // Every file of the group points at the one report and says it was consolidated.
    const files = log.files.filter((e) => e.input.includes('health-'));
    expect(new Set(files.map((e) => e.report))).toEqual(new Set([health.report]));
    for (const e of files)
      expect(e.flags.join(' ')).toMatch(/3 workbooks for this department, consolidated into one report/);
    expect(log.departments.find((d) => d.respondents === 1)!.consolidation).toBeNull();

    // The report's annex: the headline, the rule, the disagreements (all 3 fit) with each respondent's rating.
    const text = documentText(readFileSync(join(root, 'out', health.report!)));
    expect(text).toContain('Annex: who answered and where they disagreed');
    expect(text).toContain('they agreed on 50% of characteristics (3 of 6 rated by two or more of them)');
    // Three respondents: their ratings in one column, in the order they are listed.
    expect(text).toContain('All 3 disagreements');
    expect(text).toContain("Largely; Don't know; Largely");
    const single = log.departments.find((d) => d.respondents === 1)!;
    expect(documentText(readFileSync(join(root, 'out', single.report!)))).not.toContain(
      'who answered and where',
    );

    // One results row per department × element; answers keep every respondent's own.
    const results = readFileSync(join(root, 'out', 'results.csv'), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(results).toHaveLength(1 + 2 * f.elements.length);
    expect(results.filter((l) => l.startsWith('Department of Health,'))[0]).toMatch(
      /health-1\.xlsx; .*health-2\.xlsx; .*health-3\.xlsx/,
    );
    const answers = readFileSync(join(root, 'out', 'answers.csv'), 'utf8');
    for (const i of [1, 2, 3]) expect(answers).toContain(`health-${i}.xlsx`);
  });

  it('gives the round’s moderation status in the summary: several respondents, agreement, disagreements not settled', () => {
    // Issue 22: the summary was silent on it (the disagreements appeared only in the department's report).
    const text = documentText(readFileSync(join(root, 'out', 'summary.docx')));
    expect(text).toContain(
      '1 department sent workbooks from several respondents (Department of Health: 3, agreeing on 50% (3 of 6)). ' +
        '3 disagreements in 1 department are not yet settled by moderation: the median rule chose the rating used until a moderation meeting agrees one.',
    );
  });

  it('keeps a report on a re-run only when every file of its group is unchanged', async () => {
    const again = await batch('out');
    expect(again.log.departments.map((d) => d.status)).toEqual(['unchanged', 'unchanged']);
    const answers = respondentAnswers(f)[1]!;
    answers.evidence[Object.keys(answers.ratings)[0]!] = 'A new piece of evidence';
    writeFileSync(
      join(inbox, 'health-2.xlsx'),
      await workbookFor(f, answers, { department: SPELLINGS[1]!, fields: { ...RESPONDENTS[1] } }),
    );
    const changed = await batch('out');
    const byRespondents = (n: number) => changed.log.departments.find((d) => d.respondents === n)!;
    expect(byRespondents(3).status).toBe('reported');
    expect(byRespondents(1).status).toBe('unchanged');
    // The same name as before.
    expect(byRespondents(3).report).toBe(again.log.departments.find((d) => d.respondents === 3)!.report);
  });

  it('--no-consolidate keeps one report per workbook and flags the duplicates', async () => {
    const { log } = await batch('separate', { consolidate: false });
    expect(log.options.consolidation).toBeNull();
    expect(log.departments).toHaveLength(4);
    expect(new Set(log.files.map((e) => e.report)).size).toBe(4);
    for (const e of log.files.filter((x) => x.input.includes('health-')))
      expect(e.flags.join(' ')).toMatch(/^.*3 workbooks for this department: /);
  });

  it('compares each department with its previous round, consolidated the same way', async () => {
    const previous = [
      join(inbox, 'health-1.xlsx'),
      join(inbox, 'health-3.xlsx'),
      join(inbox, 'defence.xlsx'),
    ];
    const { log } = await batch('with-previous', { previous });
    expect(log.departments.map((d) => d.status)).toEqual(['reported', 'reported']);
    const health = log.departments.find((d) => d.respondents === 3)!;
    const text = documentText(readFileSync(join(root, 'with-previous', health.report!)));
    expect(text).toMatch(/compared with the round of 3 March 2026/);
  });
});
