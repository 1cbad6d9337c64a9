/**
 * A client nobody here wrote: LibreOffice Writer converts every built-in template's report to PDF,
 * and the PDF shows what the .docx holds: every table row's text (no row lost at a page end), the
 * contents' page numbers within one page of where LibreOffice puts each heading, untrusted text
 * literally, and the default report of the demo's fullest department in at most 12 pages and
 * 3,000 words. Skips with a visible reason when LibreOffice Writer is absent; fails instead under
 * CI_REQUIRE_TOOLS=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, renderReport, type ReportViewModel } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { fullestDemoDepartment as demoFullest } from './demo-departments.js';
import { unzipDocx, wordCount } from './docx-xml.js';
import { contentsEntries, withoutShortenedQuotes } from './pdf-contents.js';
import { tableCellsMissing } from './pdf-table-text.js';
import { HOSTILE, hostileResult, imperfectResult, sampleResult } from './fixtures.js';

const soffice = findWriter();
const pdftotext = findTool('pdftotext');
const skip =
  skipWithout(soffice, 'LibreOffice Writer', 'converting the generated reports to PDF') ||
  skipWithout(pdftotext, 'pdftotext (poppler-utils)', 'reading the PDFs LibreOffice makes');

const framework = builtInFramework();
const TEMPLATES = ['ministerial', 'full'] as const;

const previousRound = () => {
  const p = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
  p.meta.date = '2025-03-10';
  return p;
};

/** The department of `dmf demo` with the most characteristics answered, as `dmf report` reads it. */
function fullestDemoDepartment(): ReadResult {
  const d = demoFullest();
  return {
    meta: {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      contractVersion: '1',
      department: d.department,
      respondent: d.respondent,
      role: d.role,
      contact: d.contact,
      date: '2026-03-31',
      marking: 'OFFICIAL',
    },
    answers: d.answers,
    diagnostics: [],
  };
}

const CASES: [string, () => ReadResult, (() => ReadResult) | null][] = [
  ['sample', sampleResult, previousRound],
  ['hostile', hostileResult, null],
  ['imperfect', imperfectResult, null],
  ['demo-fullest', fullestDemoDepartment, null],
  // A random, well-filled return alone (93% answered; no previous round, no peers).
  ['well-filled', () => sampleResult({ seed: 7 }), null],
];
const DOCS = TEMPLATES.flatMap((t) => CASES.map(([c]) => `${t}-${c}`));

describe.skipIf(skip)('LibreOffice', () => {
  let dir: string;
  const models = new Map<string, ReportViewModel>();
  const pdfText = new Map<string, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dmf-lo-'));
    for (const template of TEMPLATES) {
      const files = await loadTemplate(template);
      for (const [name, current, previous] of CASES) {
        const vm = buildViewModel({
          framework,
          current: current(),
          previous: previous?.() ?? null,
          options: { now: new Date('2026-11-27T10:00:00Z') },
        });
        models.set(`${template}-${name}`, vm);
        writeFileSync(join(dir, `${template}-${name}.docx`), await renderReport(vm, files));
      }
    }
    // One LibreOffice run converts them all (each start of LibreOffice costs seconds).
    convertToPdf(
      soffice!,
      DOCS.map((d) => join(dir, `${d}.docx`)),
      dir,
      600_000,
    );
    for (const d of DOCS) {
      const pdf = join(dir, `${d}.pdf`);
      if (!existsSync(pdf)) continue;
      pdfText.set(
        d,
        execFileSync(pdftotext!, ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f'),
      );
    }
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(DOCS)('converts the %s report to PDF', (d) => {
    const pdf = join(dir, `${d}.pdf`);
    expect(existsSync(pdf), `${d}.pdf was not written`).toBe(true);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText.get(d)!.join('\n');
    expect(text).toMatch(/Page \d+ of \d+/);
    expect(text).toContain(d.startsWith('full') ? 'Annex B: About the framework' : 'About the framework');
    if (d.endsWith('hostile')) {
      expect(text).toContain(HOSTILE.script);
      expect(text).toContain('数字化转型');
      if (d.startsWith('full')) expect(text.replace(/\s+/g, ' ')).toContain('{{x}} and {{{y}}}');
    }
  });

  it.each(DOCS)('shows the text of every table row of the %s report', (d) => {
    const raw = execFileSync(pdftotext!, ['-raw', '-enc', 'UTF-8', join(dir, `${d}.pdf`), '-'], {
      encoding: 'utf8',
    });
    const vm = models.get(d)!;
    const furniture = (line: string) =>
      line === vm.marking || /Page \d+ of \d+$/.test(line) || line === vm.document.title;
    const body = unzipDocx(readFileSync(join(dir, `${d}.docx`))).part('word/document.xml');
    const { missing, checked } = tableCellsMissing(body, raw, furniture);
    expect(missing, `table cells of ${d} missing from the PDF`).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it.each(DOCS)('puts each main heading of the %s report within one page of where the contents say', (d) => {
    // pdftotext ends every page with a form feed, so the last piece is empty.
    const pages = pdfText.get(d)!.slice(0, -1);
    const entries = contentsEntries(pages);
    const body = unzipDocx(readFileSync(join(dir, `${d}.docx`))).part('word/document.xml');
    const headings = [...body.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].length;
    expect(entries.length).toBe(headings);
    for (const { title, page, found } of entries) {
      expect(page, `${title}: a page number past the last page`).toBeLessThanOrEqual(pages.length);
      expect(found, `heading "${title}" not found`).toBeGreaterThanOrEqual(1);
      expect(
        Math.abs(found - page),
        `${title}: contents say ${page}, LibreOffice ${found}`,
      ).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the licence address whole on one line', () => {
    for (const d of DOCS) {
      const url = models.get(d)!.annex.licenceUrl!;
      expect(pdfText.get(d)!.some((p) => p.split('\n').some((l) => l.trim() === url))).toBe(true);
    }
  });

  it('fits the default report of the demo’s fullest department in 12 pages and 3,000 words', () => {
    const pages = pdfText.get('ministerial-demo-fullest')!.length - 1;
    expect(pages).toBeLessThanOrEqual(12);
    const body = unzipDocx(readFileSync(join(dir, 'ministerial-demo-fullest.docx'))).part(
      'word/document.xml',
    );
    const words = wordCount(body);
    expect(words).toBeLessThanOrEqual(3000);
    expect(words).toBeGreaterThan(1000);
  });

  it('fits the brief of a well-filled random return in 12 pages and 3,000 words as pdftotext reads it, page furniture included', () => {
    const pages = pdfText.get('ministerial-well-filled')!;
    expect(pages.length - 1).toBeLessThanOrEqual(12);
    const words = pages.join('\n').split(/\s+/).filter(Boolean).length;
    expect(words).toBeLessThanOrEqual(3000);
    expect(words).toBeGreaterThan(1500);
    // No ellipsis but where the brief shortens a quoted reason and says where the whole is (src/report/brief-caps.ts).
    expect(withoutShortenedQuotes(pages.join('\n'))).not.toMatch(/…/);
  });
});
