/**
 * The documents are given the layout's page numbers without its `listNumbers` (one read of the
 * body fewer, src/report/render-report.ts): that must change nothing, because the templates type
 * heading numbers into the headings' text. For every built-in template, the .docx made that way is
 * the same, part for part, as the one made with `listNumbers`, once the random relationship ids,
 * bookmark numbers and creation dates are normalised.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import {
  assembleDocument,
  buildDocument,
  buildViewModel,
  compileTemplate,
  type ReportViewModel,
} from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { layoutPageNumbers } from '../../src/report/pages/layout-page-numbers.js';
import { distributionChart } from '../../src/report/summary/distribution-chart.js';
import {
  buildSummaryDocument,
  buildSummaryModel,
  type SummaryViewModel,
} from '../../src/report/summary/index.js';
import { score } from '../../src/scoring/index.js';
import { expectSameDocuments, normalisedParts } from './normalised-docx.js';
import { imperfectResult, sampleResult } from './fixtures.js';

const framework = builtInFramework();
const NOW = new Date('2026-11-27T10:00:00Z');
const TEMPLATES = readdirSync(fileURLToPath(new URL('../../templates/', import.meta.url)), {
  withFileTypes: true,
})
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

function summaryModel(): SummaryViewModel {
  const departments = fictionalGovernment(framework, 6, 7);
  return buildSummaryModel(
    framework,
    departments.map((d, i) => ({
      department: d.department,
      file: `${i}.xlsx`,
      scores: score(framework, d.answers),
      errorCount: 0,
      duplicateDepartment: false,
    })),
    [],
    { generatedOn: '27 November 2026' },
  );
}

describe('page numbers without the list-number read', () => {
  it('finds the built-in templates', () => {
    expect(TEMPLATES).toContain('ministerial');
    expect(TEMPLATES).toContain('summary');
  });

  for (const name of TEMPLATES.filter((t) => t !== 'summary')) {
    it(`gives the same .docx for the '${name}' template`, async () => {
      const template = compileTemplate(await loadTemplate(name));
      for (const current of [sampleResult(), imperfectResult()]) {
        const vm: ReportViewModel = buildViewModel({ framework, current, options: { now: NOW } });
        expectSameDocuments(
          await normalisedParts(buildDocument(vm, template)),
          await normalisedParts(buildDocument(vm, template, { pageNumbers: layoutPageNumbers })),
        );
      }
    }, 600_000);
  }

  it("gives the same .docx for the 'summary' template", async () => {
    const model = summaryModel();
    const template = compileTemplate<SummaryViewModel>(await loadTemplate('summary'));
    expectSameDocuments(
      await normalisedParts(buildSummaryDocument(model, template)),
      await normalisedParts(
        assembleDocument(model, template, () => distributionChart(model), {
          description: model.document.subject,
          pageNumbers: layoutPageNumbers,
        }),
      ),
    );
  }, 600_000);
});
