/**
 * The Excel add-in renders the report from templates precompiled at build time (its Content
 * Security Policy forbids the eval that `Handlebars.compile` needs). A precompiled template must
 * render exactly what the compiled one does, fail the same way, and be checked the same way.
 */
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import {
  buildViewModel,
  compileTemplate,
  precompileTemplate,
  TemplateError,
  templateFromPrecompiled,
  type PrecompiledSpecs,
  type ReportViewModel,
  type TemplateFiles,
} from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { hostileResult, imperfectResult, sampleResult } from './fixtures.js';

let ministerial: TemplateFiles;
const model = (current = sampleResult()): ReportViewModel =>
  buildViewModel({
    framework: builtInFramework(),
    current,
    options: { now: new Date('2026-11-27T10:00:00Z') },
  });

/** What the build does with `precompileTemplate`'s output: the code becomes objects (here by vm). */
function asCode(specs: Record<string, string>): PrecompiledSpecs {
  return Object.fromEntries(
    Object.entries(specs).map(([file, code]) => [file, vm.runInNewContext(`(${code})`) as never]),
  );
}

beforeAll(async () => {
  ministerial = await loadTemplate();
});

describe('a precompiled template', () => {
  it('renders exactly what the compiled template renders', () => {
    const specs = precompileTemplate(ministerial);
    expect(Object.keys(specs).sort()).toEqual(
      Object.keys(ministerial)
        .filter((f) => f.endsWith('.hbs'))
        .sort(),
    );
    const precompiled = templateFromPrecompiled(ministerial, asCode(specs));
    const compiled = compileTemplate(ministerial);
    for (const current of [sampleResult(), imperfectResult(), hostileResult()]) {
      const data = model(current);
      expect(precompiled.render(data)).toBe(compiled.render(data));
    }
    expect(precompiled.stylesheet).toBe(compiled.stylesheet);
    expect(precompiled.styleMap).toEqual(compiled.styleMap);
  });

  it('is checked like a compiled one before it is precompiled', () => {
    const files = { ...ministerial, 'main.hbs': '{{constructor}}' };
    expect(() => precompileTemplate(files)).toThrow(TemplateError);
    expect(() => precompileTemplate({ 'partials/x.hbs': 'x' })).toThrow(/no main\.hbs/);
  });

  it('keeps strict mode: a missing name is a TemplateError naming the file', () => {
    const files = { 'main.hbs': '<p>{{> element}}</p>', 'partials/element.hbs': '{{notAField}}' };
    const template = templateFromPrecompiled<object>(files, asCode(precompileTemplate(files)));
    expect(() => template.render({})).toThrow(TemplateError);
    try {
      template.render({});
    } catch (e) {
      expect((e as TemplateError).message).toContain('partials/element.hbs');
    }
  });

  it('refuses a file that was not precompiled', () => {
    const files = { 'main.hbs': '<p>x</p>' };
    expect(() => templateFromPrecompiled(files, {})).toThrow(/was not precompiled/);
  });
});
