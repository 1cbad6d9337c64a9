/**
 * Templates: strict variables, errors that name file and line, prototype access blocked, and a
 * broken or hostile template never crashing the program.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import {
  buildViewModel,
  compileTemplate,
  renderReport,
  TemplateError,
  type ReportViewModel,
  type TemplateFiles,
} from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { textDirection } from '../../src/report/template-helpers.js';
import { paragraphTexts, unzipDocx } from './docx-xml.js';
import { sampleResult } from './fixtures.js';

let vm: ReportViewModel;
let ministerial: TemplateFiles;

beforeAll(async () => {
  vm = buildViewModel({
    framework: builtInFramework(),
    current: sampleResult(),
    options: { now: new Date('2026-11-27T10:00:00Z') },
  });
  ministerial = await loadTemplate();
});

/** The TemplateError a template gives when compiled and rendered. */
function templateError(files: TemplateFiles, data: ReportViewModel = vm): TemplateError {
  try {
    compileTemplate(files).render(data);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw new Error(`expected a TemplateError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a TemplateError, but the template rendered');
}

describe('the default template', () => {
  it('renders the whole view model without errors', () => {
    const html = compileTemplate(ministerial).render(vm);
    expect(html).toContain('<h1 id="summary"');
    expect(html).toContain('<dmf-toc');
    expect(html).toContain('<dmf-chart');
  });
});

describe('strict mode', () => {
  it('makes a missing variable an error naming the file and line', () => {
    const e = templateError({ 'main.hbs': '<h1>{{cover.title}}</h1>\n<p>\n  {{cover.nonsense}}</p>' });
    expect(e.file).toBe('main.hbs');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^main\.hbs:3:\d+: "nonsense" is not defined here/);
  });

  it('checks the arguments of helpers and blocks too, not only what is printed', () => {
    for (const source of [
      '{{#if cover.departmnet}}x{{/if}}',
      '{{#each element}}x{{/each}}',
      '{{plural problem "x"}}',
    ]) {
      expect(templateError({ 'main.hbs': `<p>ok</p>\n${source}` }).message).toMatch(
        /^main\.hbs:2:\d+: "\w+" is not defined here/,
      );
    }
    expect(
      compileTemplate({ 'main.hbs': '{{#if cover.department}}{{cover.department}}{{/if}}' }).render(vm),
    ).toBe(vm.cover.department!);
  });

  it('names the partial, not the template that called it', () => {
    const e = templateError({
      'main.hbs': '{{#each elements}}{{> element}}{{/each}}',
      'partials/element.hbs': '<h1>{{title}}</h1>\n\n<p>{{levelTxt}}</p>',
    });
    expect(e.message).toMatch(/^partials\/element\.hbs:3:\d+: "levelTxt" is not defined here/);
  });

  it('reports syntax errors with file and line', () => {
    const e = templateError({ 'main.hbs': 'ok', 'partials/x.hbs': 'line 1\n{{#if cover}}\nno end' });
    expect(e.file).toBe('partials/x.hbs');
    expect(e.line).not.toBeNull();
    expect(e.message).toMatch(/^partials\/x\.hbs:\d+/);
    const mismatch = templateError({ 'main.hbs': '{{#if cover}}\n{{/each}}' });
    expect(mismatch.message).toMatch(/^main\.hbs:1/);
  });

  it('refuses unknown partials, helpers and markers before rendering', () => {
    expect(templateError({ 'main.hbs': 'a\n{{> nowhere}}' }).message).toMatch(
      /^main\.hbs:2:1: there is no partial "nowhere"/,
    );
    expect(templateError({ 'main.hbs': '{{shout cover.title}}' }).message).toMatch(
      /^main\.hbs:1:3: there is no helper "shout"/,
    );
    expect(templateError({ 'main.hbs': '<p>x</p>\n  <dmf-tco></dmf-tco>' }).message).toMatch(
      /^main\.hbs:2:3: unknown marker <dmf-tco>/,
    );
  });

  it('accepts pages="by-design" and pages="layout" on the contents, and refuses any other value', () => {
    expect(() =>
      compileTemplate({ 'main.hbs': '<dmf-toc levels="1-1" pages="by-design"></dmf-toc>' }),
    ).not.toThrow();
    expect(() => compileTemplate({ 'main.hbs': '<dmf-toc pages="layout"></dmf-toc>' })).not.toThrow();
    expect(templateError({ 'main.hbs': '<p>x</p>\n<dmf-toc pages="bydesign"></dmf-toc>' }).message).toMatch(
      /^main\.hbs:2:1: <dmf-toc pages="bydesign">: pages is "by-design" or "layout"/,
    );
  });

  it('asks for main.hbs', () => {
    expect(templateError({ 'partials/a.hbs': 'x' }).message).toMatch(
      /main\.hbs: the template has no main\.hbs/,
    );
  });
});

describe('hostile templates', () => {
  it.each([
    ['{{constructor}}'],
    ['{{cover.constructor.name}}'],
    ['{{#with cover}}{{__proto__}}{{/with}}'],
    ['{{lookup cover "constructor"}}'],
    ['{{#with (lookup this "__proto__")}}x{{/with}}'],
    ['{{#each elements}}{{this.constructor.constructor}}{{/each}}'],
  ])('refuses %s with file and line', (source) => {
    const e = templateError({ 'main.hbs': `<p>\n${source}</p>` });
    expect(e.message).toMatch(/^main\.hbs:2:\d+: "(constructor|__proto__)" is not allowed in templates/);
  });

  it('keeps prototype access disabled for names that come from data', () => {
    const hostile = structuredClone(vm);
    hostile.marking = 'constructor';
    const html = compileTemplate({
      'main.hbs': '[{{lookup this marking}}][{{lookup cover marking}}]',
    }).render(hostile);
    expect(html).toBe('[][]');
  });

  it('turns a partial that calls itself into an error, not a crash', () => {
    const e = templateError({ 'main.hbs': '{{> loop}}', 'partials/loop.hbs': 'again {{> loop}}' });
    expect(e.file).toBe('partials/loop.hbs');
    expect(e.message).toMatch(/partials include each other without end/);
  });

  it('turns a lookup into text into an error naming the file', () => {
    const e = templateError({ 'main.hbs': '{{cover.title.length}}' });
    expect(e.message).toMatch(/^main\.hbs(:\d+:\d+)?: "length" is looked up in a text or number value/);
  });

  it('checks the style map: JSON, and only the report’s styles', () => {
    const bad = templateError({
      'main.hbs': 'x',
      'style-map.json': '{\n  "p.lead": "Lead",\n  "p.x": Lead\n}',
    });
    expect(bad.message).toMatch(/^style-map\.json:3:\d+: not valid JSON/);
    const unknown = templateError({
      'main.hbs': 'x',
      'style-map.json': '{\n  "p.lead": "Lead",\n  "p.x": "Fancy"\n}',
    });
    expect(unknown.message).toMatch(
      /^style-map\.json:3:3: "p\.x" maps to "Fancy", which is not a style of the report/,
    );
  });

  it('cannot turn workbook text into markup, even through a partial or helper', async () => {
    const hostile = structuredClone(vm);
    hostile.cover.title = '<dmf-toc></dmf-toc><h1>Injected</h1>{{cover.marking}}';
    const bytes = await renderReport(hostile, {
      'main.hbs': '<p>{{cover.title}}</p><p>{{plural 2 cover.title}}</p>{{> t}}',
      'partials/t.hbs': '<p>{{cover.title}}</p>',
    });
    const body = unzipDocx(bytes).part('word/document.xml');
    expect(body).not.toContain('w:sdt');
    expect(body).not.toContain('Heading1');
    expect(paragraphTexts(body)).toEqual([
      hostile.cover.title,
      `2 ${hostile.cover.title}s`,
      hostile.cover.title,
    ]);
  });
});

describe('markers', () => {
  it('draw a radar chart on request, with alt text, and the contents for the levels asked', async () => {
    const bytes = await renderReport(vm, {
      'main.hbs':
        '<dmf-toc levels="1-2"></dmf-toc><h1>One</h1><h2>Two</h2><dmf-chart type="radar"></dmf-chart>',
    });
    const docx = unzipDocx(bytes);
    const body = docx.part('word/document.xml');
    expect(body).toContain('TOC \\h \\o &quot;1-2&quot;');
    expect(body).toMatch(/<wp:docPr [^>]*descr="Chart of the maturity level/);
    expect(docx.matching(/^word\/charts\/chart\d+\.xml$/)[0]).toContain('<c:radarChart>');
  });
});

describe('helpers', () => {
  it('compare, count, format and give text direction', () => {
    const html = compileTemplate({
      'main.hbs':
        '{{#if (eq version 3)}}v3{{/if}} {{#if (not elements)}}none{{else}}some{{/if}} ' +
        '{{plural elements "element"}} {{plural 1 "element"}} {{plural 2 "child" "children"}} ' +
        '{{percent summary.completeness.share}} {{inc 0}} {{dir "مرحبا"}} {{dir "Hello مرحبا"}}',
    }).render(vm);
    expect(html).toBe(
      `v3 some 7 elements 1 element 2 children ${vm.summary.completeness.shareText} 1 rtl ltr`,
    );
    expect(textDirection('  123 עברית')).toBe('rtl');
    expect(textDirection(null)).toBe('ltr');
  });
});
