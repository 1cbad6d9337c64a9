/**
 * Issue 22, at scale: with 500 departments the summary was 54 pages, 26 of them the heat map. The
 * body (cover, contents, bottom line to common gaps, For the centre, close to the next level) now
 * stays within 12 pages whatever the number of departments: tables with a row per department are
 * annexes. Checked in LibreOffice's PDF on a round of 500 generated departments, with the reading
 * (For the centre at its fullest) and groups (one more section in the body).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import {
  buildSummaryModel,
  HEAT_MAP_BODY_MAX,
  renderSummary,
  type SummaryViewModel,
} from '../../src/report/summary/index.js';
import { score } from '../../src/scoring/index.js';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { entryOf, withReading } from './summary-helpers.js';

const f = withReading();
const GROUPS = ['Ministerial departments', 'Executive agencies', 'Regions', 'Arm’s-length bodies'];

function round(count: number): SummaryViewModel {
  const departments = fictionalGovernment(f, count, 2026);
  return buildSummaryModel(
    f,
    departments.map((d, i) =>
      entryOf({ department: d.department, answers: d.answers, scores: score(f, d.answers) }, i, {
        group: GROUPS[i % GROUPS.length]!,
      }),
    ),
    [],
    { generatedOn: '6 December 2026' },
  );
}

describe('the summary’s body at any size', () => {
  it('keeps the heat map in the body of a small round and moves it to an annex in a large one', () => {
    const small = round(12);
    expect(small.heatMapInBody).toBe(true);
    expect(small.annex).toMatchObject({ heatMap: null, ownView: 'A', quality: 'B', method: 'C' });
    const large = round(HEAT_MAP_BODY_MAX + 1);
    expect(large.heatMapInBody).toBe(false);
    expect(large.annex).toMatchObject({ heatMap: 'A', ownView: 'B', quality: 'C', method: 'D' });
  });

  it('bounds every list of the body whatever the number of departments', () => {
    const m = round(500);
    expect(m.departmentCount).toBe(500);
    expect(m.needHelpFirst.length).toBeLessThanOrEqual(3);
    expect(m.commonGaps.length).toBeLessThanOrEqual(20);
    expect(m.forCentre!.rows.length).toBeLessThanOrEqual(20);
    for (const c of m.close) expect(c.names.length).toBeLessThanOrEqual(5);
    expect(m.groups).toHaveLength(GROUPS.length);
  });
});

const soffice = findWriter();
const pdftotext = findTool('pdftotext');
const skip =
  skipWithout(soffice, 'LibreOffice Writer', 'laying out a 500-department summary') ||
  skipWithout(pdftotext, 'pdftotext', 'reading its pages');

describe.skipIf(skip)('a 500-department summary in LibreOffice', { timeout: 900_000 }, () => {
  let pages: string[];
  beforeAll(async () => {
    const bytes = await renderSummary(round(500), await loadTemplate('summary'));
    const dir = mkdtempSync(join(tmpdir(), 'dmf-summary-scale-'));
    writeFileSync(join(dir, 'summary.docx'), bytes);
    convertToPdf(soffice!, [join(dir, 'summary.docx')], dir, 600_000);
    // pdftotext ends every page with a form feed.
    pages = execFileSync(pdftotext!, ['-enc', 'UTF-8', join(dir, 'summary.pdf'), '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\f')
      .slice(0, -1);
  }, 900_000);

  /** The first page, after the contents, that a heading opens. */
  const pageOf = (heading: RegExp) => pages.findIndex((p, i) => i > 1 && heading.test(p)) + 1;

  it('has a body of at most 12 pages, the heat map and the other tables by department in annexes', () => {
    const overview = pageOf(/^Overview$/m);
    const firstAnnex = pageOf(/^Annex A: Levels by department$/m);
    expect(overview).toBe(3);
    expect(firstAnnex).toBeGreaterThan(overview);
    // Cover, contents and body: everything before the first annex.
    expect(firstAnnex - 1).toBeLessThanOrEqual(12);
    for (const heading of [
      /^Groups compared$/m,
      /^Distribution of levels$/m,
      /^Most common gaps$/m,
      /^For the centre$/m,
      /^Close to the next level$/m,
    ]) {
      const page = pageOf(heading);
      expect(page, String(heading)).toBeGreaterThan(2);
      expect(page, String(heading)).toBeLessThan(firstAnnex);
    }
    // The heat map's 500 rows are all in the annex, after the body.
    const heatMapPages = pages
      .map((p, i) => (/Computed level by department and element|^Department\s*$/m.test(p) ? i + 1 : 0))
      .filter(Boolean);
    expect(Math.min(...heatMapPages)).toBeGreaterThanOrEqual(firstAnnex);
    expect(pages.length).toBeGreaterThan(firstAnnex + 10);
  });
});
