/**
 * The brief as a central team gets it: `dmf demo` runs the batch on the fictional government (one
 * department returned by two respondents, "How you compare" in every report), and LibreOffice
 * Writer converts every report to PDF. Each brief fits 12 A4 pages, with no blank page, its
 * contents within one page of where each heading lands (none past the end), every table row's
 * text in the PDF, and the fullest department's in 3,000 words. Skips with a visible reason when
 * LibreOffice Writer or pdftotext is absent; fails instead under CI_REQUIRE_TOOLS=1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { runDmf } from '../helpers/run-cli.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { fullestDemoDepartment } from './demo-departments.js';
import { paragraphTexts, unzipDocx, wordCount } from './docx-xml.js';
import { contentsEntries, withoutShortenedQuotes } from './pdf-contents.js';
import { tableCellsMissing } from './pdf-table-text.js';

const soffice = findWriter();
const pdftotext = findTool('pdftotext');
const skip =
  skipWithout(soffice, 'LibreOffice Writer', 'laying out the demo’s briefs') ||
  skipWithout(pdftotext, 'pdftotext (poppler-utils)', 'reading the PDFs LibreOffice makes');

describe.skipIf(skip)('the briefs of the demo’s batch, laid out by LibreOffice', () => {
  let dir: string;
  let reports: string[];
  const pages = new Map<string, string[]>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dmf-demo-brief-'));
    const run = runDmf(['demo', '-o', join(dir, 'demo'), '--jobs', '2']);
    expect(run.code, run.stderr).toBe(0);
    const reportDir = join(dir, 'demo', 'reports');
    reports = readdirSync(reportDir).filter((f) => f.endsWith('.docx'));
    convertToPdf(
      soffice!,
      reports.map((f) => join(reportDir, f)),
      dir,
      600_000,
    );
    for (const f of reports) {
      const pdf = join(dir, f.replace(/\.docx$/, '.pdf'));
      const text = execFileSync(pdftotext!, ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      // pdftotext ends every page with a form feed, so the last piece is empty.
      pages.set(f, text.split('\f').slice(0, -1));
    }
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a report for every department, one of them from two respondents', () => {
    expect(reports).toHaveLength(12);
    const consolidated = reports.filter((f) =>
      paragraphTexts(
        unzipDocx(readFileSync(join(dir, 'demo', 'reports', f))).part('word/document.xml'),
      ).includes('Annex: who answered and where they disagreed'),
    );
    expect(consolidated).toHaveLength(1);
  });

  it('fits every brief in 12 pages, none of them blank', () => {
    for (const f of reports) {
      const p = pages.get(f)!;
      expect(p.length, `${f}: ${p.length} pages`).toBeLessThanOrEqual(12);
      p.forEach((page, i) => {
        // A page with only its header and footer (marking, title, "Page n of m") is blank.
        expect(page.split(/\s+/).filter(Boolean).length, `${f}: page ${i + 1} is blank`).toBeGreaterThan(25);
      });
    }
  });

  it('shows the text of every table row, the respondents’ and How you compare’s included', () => {
    for (const f of reports) {
      const docx = readFileSync(join(dir, 'demo', 'reports', f));
      const body = unzipDocx(docx).part('word/document.xml');
      const raw = execFileSync(
        pdftotext!,
        ['-raw', '-enc', 'UTF-8', join(dir, f.replace(/\.docx$/, '.pdf')), '-'],
        {
          encoding: 'utf8',
        },
      );
      const title = `Digital maturity assessment: ${f.replace(/\.docx$/, '')}`;
      const furniture = (line: string) =>
        line === 'OFFICIAL' || /Page \d+ of \d+$/.test(line) || line === title;
      const { missing, checked } = tableCellsMissing(body, raw, furniture);
      expect(missing, `table cells of ${f} missing from the PDF`).toEqual([]);
      expect(checked, f).toBeGreaterThan(50);
    }
  });

  it('puts every heading within one page of where the contents say, and none past the end', () => {
    for (const f of reports) {
      const p = pages.get(f)!;
      const entries = contentsEntries(p);
      expect(entries.length, f).toBeGreaterThanOrEqual(10);
      for (const { title, page, found } of entries) {
        expect(page, `${f}: ${title} past the last page`).toBeLessThanOrEqual(p.length);
        expect(found, `${f}: heading "${title}" not found`).toBeGreaterThanOrEqual(1);
        expect(
          Math.abs(found - page),
          `${f}: ${title}: contents say ${page}, LibreOffice ${found}`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps the fullest department’s brief to 3,000 words', () => {
    const fullest = reports.find((f) => f.startsWith(fullestDemoDepartment().department))!;
    expect(fullest).toBeDefined();
    const body = unzipDocx(readFileSync(join(dir, 'demo', 'reports', fullest))).part('word/document.xml');
    const words = wordCount(body);
    expect(words).toBeLessThanOrEqual(3000);
    expect(words).toBeGreaterThan(1000);
  });

  it('quotes no characteristic cut off: no ellipsis anywhere in a brief, but in a reason it says is shortened', () => {
    for (const f of reports) {
      // A respondent's reason longer than the brief's cap is quoted shortened, saying so (src/report/brief-caps.ts).
      const text = withoutShortenedQuotes(pages.get(f)!.join('\n'));
      // Three dots alone, not the contents' dot leaders.
      expect(text, f).not.toMatch(/…|(?<!\.)\.\.\.(?!\.)/);
    }
  });

  it('leads the briefs of the returns too incomplete to act on with completing the return, before any priority', () => {
    const low = reports.filter((f) => pages.get(f)![0]!.includes('Ask for the return to be completed'));
    // The demo has two departments that answered well under half of what decides their levels.
    expect(low.length).toBeGreaterThanOrEqual(2);
    for (const f of low) {
      const page1 = pages.get(f)![0]!;
      const asks = page1.indexOf('What we ask of you');
      expect(asks, f).toBeGreaterThan(-1);
      const firstAsk = page1
        .slice(asks)
        .split('\n')
        .find((l) => /\S/.test(l) && !l.includes('What we ask'))!;
      expect(firstAsk.trim(), f).toMatch(/^•?\s*Ask for the return to be completed/);
      const priorities = page1.search(/(Three|Two) priorities|The priority/);
      if (priorities >= 0) expect(priorities, f).toBeGreaterThan(asks);
      // The range beside each level.
      expect(page1.replace(/\s+/g, ' '), f).toMatch(/level \d \((could be \d–\d|firm)\)/);
    }
    // A well-filled return's brief does not.
    expect(low.length).toBeLessThan(reports.length);
  });

  it('says on page 1 how many respondents formed a result and how far they agreed', () => {
    const mof = reports.find((f) => f.startsWith('Ministry of Finance'))!;
    const page1 = pages.get(mof)![0]!.replace(/\s+/g, ' ');
    expect(page1).toMatch(
      /Two respondents formed this result\. They agreed on \d+% of the characteristics both rated \(\d+ of \d+\)/,
    );
    expect(page1).toMatch(/no moderation has settled the other \d+/);
    for (const f of reports.filter((x) => x !== mof))
      expect(pages.get(f)![0]!, f).not.toContain('respondents formed this result');
  });
});
