/**
 * The documents are given the layout's page numbers without its `listNumbers` (one read of the
 * body fewer, src/report/render-report.ts): that must change nothing, because the templates type
 * heading numbers into the headings' text. For every built-in template, the .docx made that way is
 * the same, part for part, as the one made with `listNumbers`, once the random relationship ids,
 * bookmark numbers and creation dates are normalised.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Packer, type Document } from 'docx';
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
import { unzipDocx } from './docx-xml.js';
import { imperfectResult, sampleResult } from './fixtures.js';

const framework = builtInFramework();
const NOW = new Date('2026-11-27T10:00:00Z');
const TEMPLATES = readdirSync(fileURLToPath(new URL('../../templates/', import.meta.url)), {
  withFileTypes: true,
})
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/**
 * Every XML part of a .docx, with what differs from one packing to the next made stable: random
 * relationship ids, bookmark (`_Toc`, `w:id`) and drawing (`wp:docPr`) numbers renumbered in order of first appearance, dates of
 * creation and change blanked.
 */
async function normalisedParts(document: Document): Promise<Record<string, string>> {
  const { parts } = unzipDocx(await Packer.pack(document, 'uint8array'));
  const names = new Map<string, string>();
  const stable = (token: string, kind: string) => {
    const key = `${kind}:${token}`;
    if (!names.has(key)) names.set(key, `${kind}${names.size}`);
    return names.get(key)!;
  };
  const out: Record<string, string> = {};
  for (const name of Object.keys(parts).sort()) {
    out[name] = parts[name]!.replace(/\brId[\w-]+/g, (t) => stable(t, 'rId'))
      .replace(/\b_Toc\d+/g, (t) => stable(t, '_Toc'))
      .replace(
        /(<w:bookmark(?:Start|End)\b[^>]*? w:id=")(\d+)/g,
        (_, tag: string, id: string) => tag + stable(id, 'b'),
      )
      .replace(/(<wp:docPr id=")(\d+)/g, (_, tag: string, id: string) => tag + stable(id, 'docPr'))
      .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1');
  }
  return out;
}

function expectSameDocuments(fast: Record<string, string>, full: Record<string, string>): void {
  expect(Object.keys(fast)).toEqual(Object.keys(full));
  for (const name of Object.keys(full)) expect(firstDifference(fast[name]!, full[name]!), name).toBe('');
  // The contents were filled in with page numbers, so the comparison covers them.
  expect(full['word/document.xml']).toMatch(
    /PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>\d+<\/w:t>/,
  );
}

/** Where two texts first differ, with some context; '' when they are the same (short failure messages). */
function firstDifference(a: string, b: string): string {
  if (a === b) return '';
  let i = 0;
  while (a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 120), i + 80)}… ≠ …${b.slice(Math.max(0, i - 120), i + 80)}…`;
}

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
