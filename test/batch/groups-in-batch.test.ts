/**
 * Issue 22: with the register's groups (`groupOf`), the batch's summary compares groups and each
 * report's "How you compare" uses the department's own group when it has at least 5 counted
 * members; a department of a smaller group is compared with the whole round.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { countsInGroupFigures } from '../../src/report/peers.js';
import { score } from '../../src/scoring/index.js';
import { paragraphTexts, unzipDocx } from '../report/docx-xml.js';
import { workbookFor } from '../workbook/helpers.js';

const f = builtInFramework();
const documentText = (bytes: Uint8Array) =>
  paragraphTexts(unzipDocx(bytes).part('word/document.xml')).join('\n');

it(
  'compares groups in the summary and each department with its own group of 5 or more',
  { timeout: 600_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'dmf-groups-batch-'));
    const inbox = join(root, 'in');
    mkdirSync(inbox);
    // Seven departments: the counted ones but one are "Agencies" (5 or more), the rest "Ministries".
    const departments = fictionalGovernment(f, 7, 3);
    const counted = departments.filter((d) => countsInGroupFigures(score(f, d.answers), f));
    expect(counted.length).toBeGreaterThanOrEqual(6);
    const agencies = new Set(counted.slice(0, counted.length - 1).map((d) => d.department));
    for (const [i, d] of departments.entries())
      writeFileSync(join(inbox, `d${i}.xlsx`), await workbookFor(f, d.answers, { department: d.department }));
    const out = join(root, 'out');
    const result = await runBatch({
      inputs: [inbox],
      outDir: out,
      framework: f,
      templateName: 'ministerial',
      jobs: 2,
      now: new Date('2026-04-01T00:00:00Z'),
      templateFiles: await loadTemplate('ministerial'),
      summaryTemplateFiles: await loadTemplate('summary'),
      groupOf: (name) => (agencies.has(name) ? 'Agencies' : 'Ministries'),
    });
    expect(result.exitCode).toBe(0);
    for (const d of result.log.departments) {
      const text = documentText(readFileSync(join(out, d.report!)));
      if (agencies.has(d.department))
        expect(text).toContain(
          `The comparison is with the ${agencies.size} departments of its group (Agencies) in this round`,
        );
      else expect(text).toContain(`The comparison is with the ${counted.length} departments in this round`);
    }
    const summary = documentText(readFileSync(join(out, 'summary.docx')));
    expect(summary).toContain('Groups compared');
    expect(summary).toContain('Median level by group and element');
    expect(summary).toMatch(/\nAgencies\n/);
    expect(summary).toMatch(/\nMinistries\n/);
  },
);
