/**
 * The produced .docx of each built-in template ("ministerial", the default, and "full"), checked
 * from its XML: Word's heading styles, the contents with page numbers, "Page X of Y", alt text,
 * repeating header rows, rows kept whole only where short, column headings that fit their column,
 * document properties, fonts, and untrusted text exactly as typed. Also read back with mammoth, a
 * reader nobody here wrote.
 */
import { NOT_COUNTED_MAX } from '../../src/report/brief-caps.js';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, renderReport, type ReportViewModel } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { decodeXml, paragraphTexts, unzipDocx, type DocxParts } from './docx-xml.js';
import { HOSTILE, hostileResult, imperfectResult, sampleResult } from './fixtures.js';
import { headingWordsTooWide, TEXT_WIDTH } from './column-headings.js';
import { textWidthTwips } from './text-metrics.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const framework = builtInFramework();
const TEMPLATES = ['ministerial', 'full'] as const;
type TemplateName = (typeof TEMPLATES)[number];

interface Rendered {
  vm: ReportViewModel;
  bytes: Uint8Array;
  docx: DocxParts;
  body: string;
  texts: string[];
}

const rendered = {} as Record<TemplateName, Rendered>;

beforeAll(async () => {
  const vm = buildViewModel({
    framework,
    current: hostileResult(),
    options: { now: NOW, sourceName: 'returned <1>.xlsx' },
  });
  for (const name of TEMPLATES) {
    const bytes = await renderReport(vm, await loadTemplate(name));
    const docx = unzipDocx(bytes);
    const body = docx.part('word/document.xml');
    rendered[name] = { vm, bytes, docx, body, texts: paragraphTexts(body) };
  }
}, 120_000);

const headings1 = (body: string) =>
  [...body.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) =>
    paragraphTexts(`<w:p>${m[0]}`).join(''),
  );
const tables = (body: string) => [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const rows = (table: string) => [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);

describe.each(TEMPLATES)('the %s template', (name) => {
  const r = () => rendered[name];

  it('uses the built-in heading styles, so the navigation pane shows the outline', () => {
    const { body, docx } = r();
    for (const h of ['Heading1', 'Heading2']) expect(body).toContain(`<w:pStyle w:val="${h}"/>`);
    expect(docx.part('word/styles.xml')).toMatch(/w:styleId="Heading1"><w:name w:val="heading 1"\/>/i);
    const elements = framework.elements.map((e, i) => `${i + 1}. ${e.title}`);
    expect(headings1(body)).toEqual(
      name === 'full'
        ? [
            'Executive summary',
            ...elements,
            'Data quality',
            'Annex A: How the levels were computed',
            'Annex B: About the framework',
          ]
        : [
            'Summary',
            ...elements,
            // Data quality shares the method annex's page (the brief's fixed shape).
            'Annex: how the levels were worked out',
            'Data quality: answers that could not be used',
          ],
    );
  });

  it('has a table of contents whose page numbers are written, without asking Word to update fields', () => {
    const { body, docx } = r();
    const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(body)?.[0] ?? '';
    expect(toc).toContain('TOC \\h \\o &quot;1-1&quot;');
    const entries = paragraphTexts(toc).filter((t) => t.includes('\t'));
    expect(entries.map((e) => e.split('\t')[0])).toEqual(headings1(body));
    const pages = entries.map((e) => Number(e.split('\t').pop()));
    for (const p of pages) expect(p).toBeGreaterThanOrEqual(1);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(toc).not.toContain('w:dirty="true"');
    expect(docx.part('word/settings.xml')).not.toContain('updateFields');
  });

  it('prints the marking in every header and footer and "Page X of Y" in the footer', () => {
    const { docx, body } = r();
    const headers = docx.matching(/^word\/header\d+\.xml$/);
    const footers = docx.matching(/^word\/footer\d+\.xml$/);
    expect(headers.length).toBe(2);
    expect(footers.length).toBe(2);
    for (const part of [...headers, ...footers]) expect(paragraphTexts(part)).toContain('OFFICIAL');
    const footer = footers.filter((f) => f.includes('PAGE'))[0]!;
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(paragraphTexts(footer).join('\n')).toMatch(/Page \d* of \d+/);
    expect(body).toContain('<w:titlePg/>');
  });

  it('gives every drawing alt text and puts the chart data in a table too', () => {
    const { body, docx, texts } = r();
    const docPrs = [...body.matchAll(/<wp:docPr [^>]*>/g)].map((m) => m[0]);
    expect(docPrs.length).toBeGreaterThan(0);
    for (const d of docPrs) expect(d).toMatch(/descr="[^"]{40,}"/);
    // Element names exactly as the framework titles them, in the chart too.
    for (const e of framework.elements) expect(decodeXml(docPrs[0]!)).toContain(`${e.title}: level`);
    const chart = docx.matching(/^word\/charts\/chart\d+\.xml$/);
    expect(chart.length).toBe(1);
    for (const e of framework.elements) expect(decodeXml(chart[0]!)).toContain(e.title);
    expect(texts).toContain(
      name === 'full'
        ? 'Table 1: Maturity level, coverage and confidence by element'
        : 'Table 1: Level, range and confidence by element',
    );
  });

  it('repeats the header row of every table on each page, and keeps rows whole only where they are short', () => {
    const all = tables(r().body);
    expect(all.length).toBeGreaterThan(name === 'full' ? 20 : 1);
    let split = 0;
    for (const t of all) {
      const [header, ...bodyRows] = rows(t);
      expect(header).toContain('<w:tblHeader/>');
      expect(header).toContain('<w:cantSplit/>');
      for (const row of bodyRows) {
        const text = paragraphTexts(row).join(' ');
        // A row that may not split must be short, or LibreOffice drops rows after it at a page end.
        if (row.includes('<w:cantSplit/>')) expect(text.length, text).toBeLessThan(400);
        else split++;
      }
    }
    if (name === 'full') {
      // Rows with evidence (free text of any length) may split: the hostile evidence is in them.
      expect(split).toBeGreaterThan(0);
      const withEvidence = all.flatMap(rows).filter((row) => decodeXml(row).includes(HOSTILE.cjk));
      expect(withEvidence.length).toBeGreaterThan(0);
      for (const row of withEvidence) expect(row).not.toContain('<w:cantSplit/>');
    }
  });

  it('gives every column heading room for its longest word, so no heading breaks inside a word', () => {
    expect(tables(r().body).length).toBeGreaterThan(1);
    expect(headingWordsTooWide(r().body)).toEqual([]);
  });

  it('puts the licence address on a line of its own that it fits, so it never breaks mid-word', () => {
    const url = r().vm.annex.licenceUrl!;
    const paragraph = [...r().body.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)]
      .map((m) => m[0])
      .find((p) => paragraphTexts(p).join('') === url);
    expect(paragraph).toBeDefined();
    expect(paragraph).toContain('<w:pStyle w:val="Small"/>');
    expect(textWidthTwips(url, 9)).toBeLessThan(TEXT_WIDTH);
  });

  it('sets the document properties', () => {
    const core = decodeXml(r().docx.part('docProps/core.xml'));
    expect(core).toContain(`<dc:title>${r().vm.document.title}</dc:title>`);
    expect(core).toContain(
      '<dc:subject>Self-assessment against the Digital Maturity Framework MVP (February 2022)</dc:subject>',
    );
    expect(core).toMatch(/<dc:creator>Department of <script>/);
  });

  it('sets Arial 11pt with East Asian and complex-script fonts', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(r().docx.part('word/styles.xml'))![0];
    expect(defaults).toMatch(/<w:rFonts [^>]*w:ascii="Arial"/);
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
    expect(defaults).toMatch(/<w:rFonts [^>]*w:cs="Arial"/);
    expect(defaults).toContain('<w:sz w:val="22"/>');
  });

  it('shows untrusted text literally: markup, entities, Arabic, Chinese, Japanese, Korean', () => {
    const all = r().texts.join('\n');
    // The department, respondent and role are in both templates; evidence and responses only in the full record.
    for (const s of [HOSTILE.script, HOSTILE.amp, HOSTILE.arabic, HOSTILE.cjk]) expect(all).toContain(s);
    expect(all).toContain('bell and escape[31m red');
    // Escaped once in the XML, never twice and never raw.
    expect(r().body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r().body).not.toContain('<script>');
    for (const part of Object.values(r().docx.parts)) {
      // eslint-disable-next-line no-control-regex
      expect(part).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
  });

  it('is read by mammoth without errors; its only warnings are about styles it has no HTML for', async () => {
    const { value, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(r().bytes) });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const substantive = messages.filter((m) => !/^Unrecognised (paragraph|run) style/.test(m.message));
    expect(substantive).toEqual([]);
    expect(value).toContain('<h1>');
    expect(value).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
  });
});

describe('the full record', () => {
  const all = () => rendered.full.texts.join('\n');

  it('holds every piece of untrusted evidence and response text literally', () => {
    for (const s of [HOSTILE.mustache, HOSTILE.emoji, HOSTILE.loneSurrogate.replace('\ud800', '\ufffd')]) {
      expect(all()).toContain(s);
    }
    expect(all()).toContain('returned <1>.xlsx');
  });

  it('shows what each level rests on: every characteristic of the level and the next, with its rating', () => {
    const { vm, body } = rendered.full;
    const compact = tables(body).filter((t) => t.includes('<w:tblStyle w:val="CompactTable"/>'));
    const assessed = vm.elements.filter((e) => e.assessed);
    expect(compact.length).toBe(assessed.length);
    assessed.forEach((e, i) => {
      const cells = rows(compact[i]!).map((row) => paragraphTexts(row));
      const expected = [
        ['Characteristic', 'Rating'],
        ...e.restsOn.flatMap((l) => [
          [`Level ${l.rank}: ${l.name} (${l.role === 'result' ? 'this element’s level' : 'the next level'})`],
          ...l.rows.map((r) => [r.shortText, r.ratingCell]),
        ]),
      ];
      expect(cells).toEqual(expected);
    });
    expect(body).toContain('Not answered');
  });

  it('sets right-to-left paragraphs for Arabic responses and keeps their line breaks', () => {
    const { body } = rendered.full;
    const arabic = [
      ...body.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?التحول(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g),
    ].map((m) => m[0]);
    expect(arabic.some((p) => p.includes('<w:bidi/>'))).toBe(true);
    expect(body).toMatch(/Line one<\/w:t><\/w:r><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:br\/>/);
  });

  it('summarises the unanswered questions of each element in one line instead of one per question', () => {
    const { vm, texts } = rendered.full;
    expect(texts).not.toContain('No response given.');
    for (const e of vm.elements) expect(texts).toContain(e.questionsAnswered.text);
    const unanswered = vm.elements.flatMap((e) => e.questions).filter((q) => !q.hasResponse);
    expect(unanswered.length).toBeGreaterThan(0);
    // Descriptive headings: each question's heading is the question, never "Question n" alone.
    const answered = vm.elements.flatMap((e) => e.questions).filter((q) => q.hasResponse);
    const headings3 = [...rendered.full.body.matchAll(/<w:pStyle w:val="Heading3"\/>[\s\S]*?<\/w:p>/g)].map(
      (m) => paragraphTexts(`<w:p>${m[0]}`).join(''),
    );
    expect(headings3).toEqual(answered.map((q) => `Question ${q.label}: ${q.text}`));
  });
});

describe('the ministerial report', () => {
  it('opens with the brief: verdict, how firm, priorities and what is asked, with both dates', () => {
    const { vm, texts } = rendered.ministerial;
    const at = (s: string) => texts.indexOf(s);
    expect(at('Summary')).toBeGreaterThan(-1);
    expect(at(vm.summary.verdict)).toBe(at('Summary') + 1);
    expect(at(vm.summary.firmness.text)).toBe(at('Summary') + 2);
    expect(texts.join('\n')).toContain(`Answers dated ${vm.cover.assessmentDate}`);
    expect(texts.join('\n')).toContain(`Report produced ${vm.cover.generatedOn}`);
    for (const ask of vm.summary.asks) expect(texts).toContain(ask);
    for (const p of vm.summary.topPriorities) {
      // The brief gives each priority by its element's short title and its label (the reading's), never cut off.
      expect(texts.some((t) => t.includes(p.shortTitle) && t.includes(p.step.shortText))).toBe(true);
      expect(p.step.shortText).not.toMatch(/…/);
    }
    // Plain English, never the fit as a percentage.
    expect(texts.join('\n')).not.toMatch(/fits \d+%/);
  });

  it('gives each assessed element its level, what it rests on, how sure it is and its top three steps', () => {
    const { vm, texts } = rendered.ministerial;
    const joined = texts.join('\n');
    for (const e of vm.elements.filter((x) => x.assessed)) {
      expect(texts).toContain(`What level ${e.level} rests on`);
      expect(joined).toContain(e.restsOn.map((l) => l.text).join(' '));
      expect(joined).toContain(`Confidence is ${e.confidence.grade}.`);
      for (const reason of e.confidence.reasons) expect(joined).toContain(reason);
      for (const step of e.nextSteps?.top ?? [])
        expect(joined).toContain(
          `“${step.ratingText}”: ${step.shortText}${step.actorText ? ` (${step.actorText})` : ''}`,
        );
      if (e.moveAwayFrom.length) expect(joined).toContain(e.moveAwayFromText);
      for (const c of e.nextSteps?.notYetAssessed ?? []) expect(joined).toContain(c.shortText);
    }
  });

  it('says precisely which answers were not counted', () => {
    const { vm, texts } = rendered.ministerial;
    expect(vm.dataQuality.notCounted.length).toBeGreaterThan(0);
    expect(texts).toContain(vm.dataQuality.text);
    // The brief lists the first few (src/report/brief-caps.ts) and says how many there are in all.
    expect(vm.dataQuality.notCountedBrief).toHaveLength(
      Math.min(NOT_COUNTED_MAX, vm.dataQuality.notCounted.length),
    );
    for (const row of vm.dataQuality.notCountedBrief) {
      expect(texts).toContain(row.location);
      expect(texts).toContain(row.effect);
    }
    if (vm.dataQuality.notCounted.length > NOT_COUNTED_MAX)
      expect(texts.join('\n')).toContain(
        `The first ${NOT_COUNTED_MAX} of the ${vm.dataQuality.notCounted.length} answers not counted`,
      );
  });

  it('leaves the data-quality section out when there is nothing to say', async () => {
    const vm = buildViewModel({ framework, current: sampleResult(), options: { now: NOW } });
    expect(vm.dataQuality.worthReporting).toBe(false);
    const texts = paragraphTexts(
      unzipDocx(await renderReport(vm, await loadTemplate())).part('word/document.xml'),
    );
    expect(texts.some((t) => t.startsWith('Data quality'))).toBe(false);
  });

  it('says plainly in the annex that the scoring rule is this tool’s method, not the framework’s', () => {
    const { vm, texts } = rendered.ministerial;
    expect(vm.annex.methodNote).toMatch(/this tool’s method.*not part of the framework/s);
    expect(texts).toContain(vm.annex.methodNote);
  });
});

describe('imperfect workbooks', () => {
  it.each(TEMPLATES)('still get a %s report, with the problems listed by sheet and cell', async (name) => {
    const result = imperfectResult();
    const vm = buildViewModel({ framework, current: result, options: { now: NOW } });
    const t = paragraphTexts(
      unzipDocx(await renderReport(vm, await loadTemplate(name))).part('word/document.xml'),
    );
    expect(t.join('\n')).toContain('Data quality');
    if (name === 'full') {
      for (const d of result.diagnostics) {
        expect(t).toContain(d.message);
        if (d.cell) expect(t).toContain(`${d.sheet}, cell ${d.cell}`);
        else if (d.sheet) expect(t).toContain(`Sheet ${d.sheet}`);
      }
    } else {
      for (const row of vm.dataQuality.notCountedBrief) expect(t).toContain(row.location);
    }
    expect(
      t.filter((x) => x === 'Not assessed' || x.startsWith('Level: Not assessed')).length,
    ).toBeGreaterThan(0);
  });
});

describe('with a previous round', () => {
  it.each(TEMPLATES)('the %s report adds the change per element', async (name) => {
    const previous = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
    previous.meta.date = '2025-03-10';
    const vm = buildViewModel({ framework, current: sampleResult(), previous, options: { now: NOW } });
    const d = unzipDocx(await renderReport(vm, await loadTemplate(name)));
    const t = paragraphTexts(d.part('word/document.xml'));
    expect(t).toContain('Change');
    expect(t.some((x) => /^(Up|Down) (one|two|three) levels?$|^No change$/.test(x))).toBe(true);
    expect(t.join('\n')).toContain('Since the previous round (10 March 2025)');
    expect(d.matching(/^word\/charts\/chart\d+\.xml$/)[0]!).toContain('Previous round');
  });
});
