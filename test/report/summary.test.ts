/**
 * The cross-government summary (summary.docx of `dmf batch`): its view model and the document,
 * judged from its XML, by mammoth and by LibreOffice (PDF), like the department reports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { buildSummaryModel, renderSummary, type SummaryViewModel } from '../../src/report/summary/index.js';
import { score } from '../../src/scoring/index.js';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { paragraphTexts, unzipDocx } from './docx-xml.js';

const f = builtInFramework();
const HOSTILE = '<script>alert("x")</script> & {{x}} عربي 数字化';

function model(): SummaryViewModel {
  const departments = fictionalGovernment(f, 6, 7);
  const previous = fictionalGovernment(f, 6, 8);
  const entries = departments.map((d, i) => ({
    department: i === 0 ? HOSTILE : d.department,
    file: `${i}.xlsx`,
    scores: score(f, d.answers),
    // The common gaps count ratings (issue 22), so the model needs the answers.
    answers: d.answers,
    errorCount: i === 1 ? 2 : 0,
    duplicateDepartment: false,
  }));
  const before = new Map(
    departments.map((d, i) => [i === 0 ? HOSTILE : d.department, score(f, previous[i]!.answers)]),
  );
  return buildSummaryModel(
    f,
    entries,
    [{ file: 'broken.xlsx', reason: 'broken.xlsx: not a workbook\u0007 — save it as .xlsx' }],
    {
      generatedOn: '27 November 2026',
      previous: (d) => before.get(d),
    },
  );
}

describe('the summary view model', () => {
  const m = model();

  it('has a heat-map row per department and a cell per element, numbers not colours', () => {
    expect(m.heatMap).toHaveLength(6);
    for (const row of m.heatMap) {
      expect(row.cells).toHaveLength(7);
      for (const c of row.cells) expect(c.text).toBe(c.level === null ? '–' : String(c.level));
    }
  });

  it('counts the departments counted per level for each element, and names the weakest elements by median', () => {
    for (const d of m.distribution)
      expect(d.counts.reduce((n, c) => n + c.count, 0) + d.notAssessed).toBe(m.countedCount);
    const medians = m.distribution.flatMap((d) => (d.median === null ? [] : [d.median]));
    expect(m.weakestElements[0]!.median).toBe(Math.min(...medians));
  });

  it('lists the most common gaps as shares of the departments that could close them', () => {
    expect(m.commonGaps.length).toBeGreaterThan(0);
    const shares = m.commonGaps.map((g) => g.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('carries failures, problems, change since the previous round and the attribution', () => {
    expect(m.failures).toEqual([
      { file: 'broken.xlsx', reason: 'broken.xlsx: not a workbook — save it as .xlsx' },
    ]);
    expect(m.withErrors).toHaveLength(1);
    expect(m.hasPrevious).toBe(true);
    expect(m.changes.length).toBeGreaterThan(0);
    expect(m.attribution).toMatch(/Open Government Licence v3\.0/);
  });
});

describe('summary.docx', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderSummary(model(), await loadTemplate('summary'));
  }, 120_000);

  it('uses Word headings, repeating table headers, alt text on the chart, and hostile text literally', () => {
    const parts = unzipDocx(bytes);
    const doc = parts.part('word/document.xml');
    expect(doc).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(doc).toMatch(/<w:tblHeader\/>/);
    expect(doc).toMatch(
      /<wp:docPr [^>]*descr="Departments at each level, by element, counting the \d+ departments? that answered enough/,
    );
    expect(paragraphTexts(doc).join('\n')).toContain(HOSTILE);
    expect(doc).not.toContain('<script>');
    expect(doc).toContain('Open Government Licence v3.0');
  });

  it('is read by mammoth without errors', async () => {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(result.messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(result.value).toContain('<h1');
    expect(result.value).toContain('Levels by department');
  });

  const soffice = findWriter();
  const skip = skipWithout(soffice, 'LibreOffice Writer', 'converting summary.docx to PDF');
  it.skipIf(skip)(
    'is converted to PDF by LibreOffice',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'dmf-summary-'));
      writeFileSync(join(dir, 'summary.docx'), bytes);
      convertToPdf(soffice!, [join(dir, 'summary.docx')], dir, 180_000);
      const pdf = readFileSync(join(dir, 'summary.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pdftotext = findTool('pdftotext');
      if (pdftotext) {
        const text = execFileSync(pdftotext, ['-enc', 'UTF-8', join(dir, 'summary.pdf'), '-'], {
          encoding: 'utf8',
        });
        expect(text).toContain('Levels by department');
        expect(text).toMatch(/Page \d+ of \d+/);
      }
    },
    200_000,
  );
});
