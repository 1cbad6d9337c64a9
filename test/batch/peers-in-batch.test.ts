/**
 * "How you compare" through `dmf batch`: the batch reads and scores every workbook first, builds the
 * peer cohort from all departments, then renders; each report gets the section when at least 5
 * departments are counted, names no other department, and a smaller batch has no section.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchResult } from '../../src/batch/run-batch.js';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import type { TemplateFiles } from '../../src/report/index.js';
import { paragraphTexts, unzipDocx } from '../report/docx-xml.js';
import { workbookFor } from '../workbook/helpers.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-peers-batch-'));
const documentText = (bytes: Uint8Array) =>
  paragraphTexts(unzipDocx(bytes).part('word/document.xml')).join('\n');
let templates: { templateFiles: TemplateFiles; summaryTemplateFiles: TemplateFiles };
// Seed 3 gives six departments of which at least five answer enough to be counted.
const departments = fictionalGovernment(f, 6, 3);

async function batchOf(count: number, name: string): Promise<{ result: BatchResult; out: string }> {
  const inbox = join(root, `${name}-in`);
  mkdirSync(inbox);
  for (const [i, d] of departments.slice(0, count).entries())
    writeFileSync(join(inbox, `d${i}.xlsx`), await workbookFor(f, d.answers, { department: d.department }));
  const out = join(root, `${name}-out`);
  const result = await runBatch({
    inputs: [inbox],
    outDir: out,
    framework: f,
    templateName: 'ministerial',
    jobs: 2,
    now: new Date('2026-04-01T00:00:00Z'),
    ...templates,
  });
  return { result, out };
}

beforeAll(async () => {
  templates = {
    templateFiles: await loadTemplate('ministerial'),
    summaryTemplateFiles: await loadTemplate('summary'),
  };
});

describe('How you compare in a batch', () => {
  it('is in every report of a batch of six departments, naming no other department', async () => {
    const { result, out } = await batchOf(6, 'six');
    const reports = result.log.departments.filter((d) => d.report);
    expect(reports).toHaveLength(6);
    for (const d of reports) {
      const text = documentText(readFileSync(join(out, d.report!)));
      expect(text).toContain('How you compare');
      for (const other of departments)
        if (other.department !== d.department) expect(text).not.toContain(other.department);
    }
  });

  it('is absent from the reports of a batch of four departments', async () => {
    const { result, out } = await batchOf(4, 'four');
    const reports = result.log.departments.filter((d) => d.report);
    expect(reports).toHaveLength(4);
    for (const d of reports)
      expect(documentText(readFileSync(join(out, d.report!)))).not.toContain('How you compare');
  });
});
