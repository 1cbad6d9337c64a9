/**
 * The produced .docx, checked from its XML: Word's heading styles, the contents with page numbers,
 * "Page X of Y", alt text, repeating header rows, document properties, fonts, and untrusted text
 * exactly as typed. Also read back with mammoth, a reader nobody here wrote.
 */
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, renderReport, type ReportViewModel } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { decodeXml, paragraphTexts, unzipDocx, type DocxParts } from './docx-xml.js';
import { HOSTILE, hostileResult, imperfectResult, sampleResult } from './fixtures.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const framework = builtInFramework();

let hostileVm: ReportViewModel;
let hostileBytes: Uint8Array;
let docx: DocxParts;
let body: string;
let texts: string[];

beforeAll(async () => {
  hostileVm = buildViewModel({
    framework,
    current: hostileResult(),
    options: { now: NOW, sourceName: 'returned <1>.xlsx' },
  });
  hostileBytes = await renderReport(hostileVm, await loadTemplate());
  docx = unzipDocx(hostileBytes);
  body = docx.part('word/document.xml');
  texts = paragraphTexts(body);
});

describe('Word structure', () => {
  it('uses the built-in heading styles, so the navigation pane shows the outline', () => {
    for (const h of ['Heading1', 'Heading2', 'Heading3']) expect(body).toContain(`<w:pStyle w:val="${h}"/>`);
    const styles = docx.part('word/styles.xml');
    expect(styles).toMatch(/w:styleId="Heading1"><w:name w:val="heading 1"\/>/i);
    const h1s = [...body.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) =>
      paragraphTexts(`<w:p>${m[0]}`).join(''),
    );
    expect(h1s).toEqual([
      'Executive summary',
      ...framework.elements.map((e, i) => `${i + 1}. ${e.title}`),
      'Data quality',
      'Annex A: How the levels were computed',
      'Annex B: About the framework',
    ]);
  });

  it('has a table of contents whose page numbers are written, without asking Word to update fields', () => {
    const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(body)?.[0] ?? '';
    expect(toc).toContain('Table of Contents');
    expect(toc).toContain('TOC \\h \\o &quot;1-1&quot;');
    const entries = paragraphTexts(toc).filter((t) => t.includes('\t'));
    expect(entries.length).toBe(framework.elements.length + 4);
    const pages = entries.map((e) => Number(e.split('\t').pop()));
    for (const p of pages) expect(p).toBeGreaterThanOrEqual(3);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(toc).not.toContain('w:dirty="true"');
    expect(docx.part('word/settings.xml')).not.toContain('updateFields');
  });

  it('prints the marking in every header and footer and "Page X of Y" in the footer', () => {
    const headers = docx.matching(/^word\/header\d+\.xml$/);
    const footers = docx.matching(/^word\/footer\d+\.xml$/);
    expect(headers.length).toBe(2);
    expect(footers.length).toBe(2);
    for (const part of [...headers, ...footers]) expect(paragraphTexts(part)).toContain('OFFICIAL');
    const withPages = footers.filter((f) => f.includes('PAGE'));
    expect(withPages.length).toBe(1);
    const footer = withPages[0]!;
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    // PAGE is worked out by Word when it draws each page; the number of pages is written in the file.
    expect(paragraphTexts(footer).join('\n')).toMatch(/Page \d* of \d+/);
    expect(body).toContain('<w:titlePg/>');
  });

  it('gives every drawing alt text and puts the chart data in a table too', () => {
    const docPrs = [...body.matchAll(/<wp:docPr [^>]*>/g)].map((m) => m[0]);
    expect(docPrs.length).toBeGreaterThan(0);
    for (const d of docPrs) expect(d).toMatch(/descr="[^"]{40,}"/);
    expect(decodeXml(docPrs[0]!)).toContain('User centered design: level');
    expect(docx.matching(/^word\/charts\/chart\d+\.xml$/).length).toBe(1);
    expect(texts).toContain('Table 1: Maturity level, coverage and confidence by element');
  });

  it('repeats the header row of every table on each page and keeps rows whole', () => {
    const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBeGreaterThan(20);
    for (const t of tables) {
      const firstRow = /<w:tr>[\s\S]*?<\/w:tr>/.exec(t)![0];
      expect(firstRow).toContain('<w:tblHeader/>');
      expect(firstRow).toContain('<w:cantSplit/>');
    }
  });

  it('sets the document properties', () => {
    const core = decodeXml(docx.part('docProps/core.xml'));
    expect(core).toContain(`<dc:title>${hostileVm.document.title}</dc:title>`);
    expect(core).toContain(
      '<dc:subject>Self-assessment against the Digital Maturity Framework MVP (February 2022)</dc:subject>',
    );
    expect(core).toMatch(/<dc:creator>Department of <script>/);
  });

  it('sets Arial 11pt with East Asian and complex-script fonts', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(docx.part('word/styles.xml'))![0];
    expect(defaults).toMatch(/<w:rFonts [^>]*w:ascii="Arial"/);
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
    expect(defaults).toMatch(/<w:rFonts [^>]*w:cs="Arial"/);
    expect(defaults).toContain('<w:sz w:val="22"/>');
  });
});

describe('untrusted text', () => {
  const all = () => texts.join('\n');

  it('appears literally: markup, entities, mustaches, emoji, Arabic, Chinese, Japanese, Korean', () => {
    for (const s of [
      HOSTILE.script,
      HOSTILE.amp,
      HOSTILE.mustache,
      HOSTILE.emoji,
      HOSTILE.arabic,
      HOSTILE.cjk,
    ]) {
      expect(all()).toContain(s);
    }
    expect(all()).toContain('returned <1>.xlsx');
    // Escaped once in the XML, never twice and never raw.
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
  });

  it('loses control characters and gets U+FFFD for a lone surrogate', () => {
    for (const part of Object.values(docx.parts)) {
      // eslint-disable-next-line no-control-regex
      expect(part).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
    expect(all()).toContain('bell and escape[31m red');
    expect(all()).toContain('broken \ufffd pair');
  });

  it('sets right-to-left paragraphs for Arabic responses', () => {
    const arabic = [
      ...body.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?التحول(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g),
    ].map((m) => m[0]);
    expect(arabic.some((p) => p.includes('<w:bidi/>'))).toBe(true);
  });

  it('keeps line breaks of multi-line responses', () => {
    expect(body).toMatch(/Line one<\/w:t><\/w:r><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:br\/>/);
  });
});

describe('imperfect workbooks', () => {
  it('still get a report, with every problem listed by sheet and cell', async () => {
    const result = imperfectResult();
    const vm = buildViewModel({ framework, current: result, options: { now: NOW } });
    const bytes = await renderReport(vm, await loadTemplate());
    const t = paragraphTexts(unzipDocx(bytes).part('word/document.xml'));
    const joined = t.join('\n');
    expect(joined).toContain('Data quality');
    for (const d of result.diagnostics) {
      expect(t).toContain(d.message);
      if (d.cell) expect(t).toContain(`${d.sheet}, cell ${d.cell}`);
      else if (d.sheet) expect(t).toContain(`Sheet ${d.sheet}`);
    }
    expect(t.filter((x) => x === 'Level: Not assessed' || x === 'Not assessed').length).toBeGreaterThan(0);
  });
});

describe('mammoth', () => {
  it('reads the report without errors; its only warnings are about styles it has no HTML for', async () => {
    const { value, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(hostileBytes) });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const substantive = messages.filter((m) => !/^Unrecognised (paragraph|run) style/.test(m.message));
    expect(substantive).toEqual([]);
    expect(value).toContain('<h1>');
    expect(value).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
    expect(value).toContain(HOSTILE.mustache.replace('>', '&gt;'));
  });
});

describe('with a previous round', () => {
  it('adds the change per element', async () => {
    const previous = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
    previous.meta.date = '2025-03-10';
    const vm = buildViewModel({ framework, current: sampleResult(), previous, options: { now: NOW } });
    const bytes = await renderReport(vm, await loadTemplate());
    const d = unzipDocx(bytes);
    const t = paragraphTexts(d.part('word/document.xml'));
    expect(t).toContain('Change');
    expect(t.some((x) => /^(Up|Down) (one|two|three) levels?$|^No change$/.test(x))).toBe(true);
    expect(t.join('\n')).toContain('Since the previous round (10 March 2025)');
    const chart = d.matching(/^word\/charts\/chart\d+\.xml$/)[0]!;
    expect(chart).toContain('Previous round');
  });
});
