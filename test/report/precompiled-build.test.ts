/**
 * `dmf report` takes a built-in template precompiled by the build (scripts/precompile-templates.mjs
 * writes lib/report/node/precompiled/<name>.js) instead of compiling it in every process, but only
 * while the template's files are exactly those that were precompiled: an edited template, or a
 * folder of the user's own, is compiled (and checked) as before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, compileTemplate, type TemplateFiles } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import {
  precompiledModuleSource,
  readyTemplate,
  templateFingerprint,
} from '../../src/report/node/precompiled-template.js';
import { sampleResult } from './fixtures.js';

let dir: string;
let dirUrl: URL;
let ministerial: TemplateFiles;
const vm = () =>
  buildViewModel({
    framework: builtInFramework(),
    current: sampleResult(),
    options: { now: new Date('2026-11-27T10:00:00Z') },
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dmf-precompiled-'));
  dirUrl = pathToFileURL(`${dir}/`);
  ministerial = await loadTemplate('ministerial');
  await writeFile(
    join(dir, 'ministerial.js'),
    precompiledModuleSource(ministerial, 'templates/ministerial/'),
  );
  // A module whose code is not what its fingerprint says: shows which path readyTemplate took.
  const marked = precompiledModuleSource({ ...ministerial, 'main.hbs': 'PRECOMPILED' }, 'test').replace(
    templateFingerprint({ ...ministerial, 'main.hbs': 'PRECOMPILED' }),
    templateFingerprint(ministerial),
  );
  await writeFile(join(dir, 'marked.js'), marked);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a built-in template precompiled by the build', () => {
  it('is taken from the precompiled code when the files are the ones precompiled', async () => {
    const template = await readyTemplate(ministerial, 'marked', dirUrl);
    expect(template.render(vm())).toBe('PRECOMPILED');
  });

  it('renders what the compiled template renders', async () => {
    const data = vm();
    const template = await readyTemplate(ministerial, 'ministerial', dirUrl);
    expect(template.render(data)).toBe(compileTemplate(ministerial).render(data));
    expect(template.stylesheet).toBe(ministerial['style.css']);
  });

  it('is compiled afresh when a file differs from what was precompiled', async () => {
    const edited = { ...ministerial, 'main.hbs': `EDITED ${ministerial['main.hbs']}` };
    const data = vm();
    const html = (await readyTemplate(edited, 'marked', dirUrl)).render(data);
    expect(html.startsWith('EDITED ')).toBe(true);
    expect(html).toBe(compileTemplate(edited).render(data));
  });

  it('is compiled when the build has no precompiled code for the name, or the name is a path', async () => {
    const data = vm();
    const expected = compileTemplate(ministerial).render(data);
    expect((await readyTemplate(ministerial, 'full', dirUrl)).render(data)).toBe(expected);
    expect((await readyTemplate(ministerial, '../marked', dirUrl)).render(data)).toBe(expected);
    expect((await readyTemplate(ministerial, undefined, dirUrl)).render(data)).toBe(expected);
  });

  it('fingerprints every file name and text', () => {
    const base = templateFingerprint({ 'main.hbs': 'a', 'style.css': 'b' });
    expect(templateFingerprint({ 'style.css': 'b', 'main.hbs': 'a' })).toBe(base);
    expect(templateFingerprint({ 'main.hbs': 'a', 'style.css': 'c' })).not.toBe(base);
    expect(templateFingerprint({ 'main.hbs': 'a', 'other.css': 'b' })).not.toBe(base);
    expect(templateFingerprint({ 'main.hbs': 'a' })).not.toBe(base);
  });
});
