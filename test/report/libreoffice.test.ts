/**
 * A client nobody here wrote: LibreOffice Writer converts every kind of generated report to PDF,
 * and the PDF has the text it should (including Arabic, Chinese and markup-like text).
 * Skips with a visible reason when LibreOffice Writer is absent; fails instead under CI_REQUIRE_TOOLS=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, renderReport } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { HOSTILE, hostileResult, imperfectResult, sampleResult } from './fixtures.js';

const soffice = findWriter();
const pdftotext = findTool('pdftotext');
if (soffice && !pdftotext) {
  console.warn(
    'SKIPPED: pdftotext (poppler-utils) is not installed: the PDFs are made but their text is not checked.',
  );
}
const skip = skipWithout(soffice, 'LibreOffice Writer', 'converting the generated reports to PDF');

const previousRound = () => {
  const p = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
  p.meta.date = '2025-03-10';
  return p;
};

const CASES: [string, () => ReadResult, (() => ReadResult) | null][] = [
  ['sample', sampleResult, previousRound],
  ['hostile', hostileResult, null],
  ['imperfect', imperfectResult, null],
];

describe.skipIf(skip)('LibreOffice', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dmf-lo-'));
    const template = await loadTemplate();
    for (const [name, current, previous] of CASES) {
      const vm = buildViewModel({
        framework: builtInFramework(),
        current: current(),
        previous: previous?.() ?? null,
        options: { now: new Date('2026-11-27T10:00:00Z') },
      });
      writeFileSync(join(dir, `${name}.docx`), await renderReport(vm, template));
    }
    // One LibreOffice run converts them all (each start of LibreOffice costs seconds).
    convertToPdf(
      soffice!,
      CASES.map(([name]) => join(dir, `${name}.docx`)),
      dir,
    );
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES.map(([name]) => [name]))('converts the %s report to PDF', (name) => {
    const pdf = join(dir, `${name}.pdf`);
    expect(existsSync(pdf), `${name}.pdf was not written`).toBe(true);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(50_000);
    if (!pdftotext) return;
    const text = execFileSync(pdftotext, ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Executive summary');
    expect(text).toContain('Annex B: About the framework');
    expect(text).toMatch(/Page \d+ of \d+/);
    if (name === 'hostile') {
      expect(text).toContain(HOSTILE.script);
      expect(text).toContain('数字化转型');
      expect(text.replace(/\s+/g, ' ')).toContain('{{x}} and {{{y}}}');
    }
    if (name === 'imperfect') expect(text).toContain('Funding and capacity');
  });

  it.skipIf(!pdftotext).each(CASES.map(([name]) => [name]))(
    'puts each main heading of the %s report on the page the contents give',
    (name) => {
      // The contents' numbers come from docx/layout's page estimate; LibreOffice lays the pages out itself.
      const pages = execFileSync(pdftotext!, ['-layout', '-enc', 'UTF-8', join(dir, `${name}.pdf`), '-'], {
        encoding: 'utf8',
      }).split('\f');
      const entries = [...pages[1]!.matchAll(/^\s*(.+?)\.{3,}\s*(\d+)\s*$/gm)].map((m) => ({
        title: m[1]!.trim(),
        page: Number(m[2]),
      }));
      expect(entries.length).toBe(11);
      for (const { title, page } of entries) {
        const first = title.slice(0, 30);
        const found = pages.findIndex(
          (p, i) => i > 1 && p.split('\n').some((l) => l.trim().startsWith(first)),
        );
        expect(found + 1, title).toBe(page);
      }
    },
  );
});
