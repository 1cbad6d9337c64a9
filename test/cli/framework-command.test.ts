import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInFramework, parseFramework } from '../../src/framework/index.js';
import { runDmf } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dmf-cli-'));

describe('dmf --help', () => {
  it('lists the commands', () => {
    const r = runDmf(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: dmf/);
    expect(r.stdout).toMatch(/framework/);
    expect(r.stdout).toMatch(/score/);
  });

  it('exits 2 on an unknown command', () => {
    expect(runDmf(['frobnicate']).code).toBe(2);
  });
});

describe('dmf framework', () => {
  it('prints counts per element and level', () => {
    const r = runDmf(['framework']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Digital Maturity Framework MVP \(dgx-dmf-mvp 1\.0\.0\)/);
    expect(r.stdout).toMatch(/User centered design\s+4\s+9\s+6\s+7\s+8\s+14/);
    expect(r.stdout).toMatch(/Total\s+43\s+70\s+60\s+71\s+45\s+75/);
  });

  it('--json prints the whole framework in the documented shape', () => {
    const r = runDmf(['framework', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      id: 'dgx-dmf-mvp',
      version: '1.0.0',
      title: 'Digital Maturity Framework MVP',
    });
    // Each characteristic also carries its reading; the JSON loads back as the same framework.
    expect(parseFramework(json)).toEqual(builtInFramework());
    const e = json.elements[0];
    expect(Object.keys(e)).toEqual(expect.arrayContaining(['id', 'title', 'levels', 'questions']));
    expect(Object.keys(e.levels[0])).toEqual(expect.arrayContaining(['id', 'name', 'characteristics']));
    expect(Object.keys(e.levels[0].characteristics[0])).toEqual(expect.arrayContaining(['id', 'text']));
    expect(Object.keys(e.questions[0])).toEqual(expect.arrayContaining(['id', 'text', 'subQuestions']));
    expect(Object.keys(e.questions[0].subQuestions[0])).toEqual(expect.arrayContaining(['id', 'text']));
  });

  it('--framework takes a user file, and explains in one line per problem what is wrong', () => {
    const good = join(dir, 'good.json');
    const f = structuredClone(builtInFramework());
    delete f.reading; // it covers all seven elements; test/framework/reading.test.ts tests readings
    f.elements = f.elements.slice(0, 3);
    writeFileSync(good, JSON.stringify(f));
    expect(runDmf(['framework', '--framework', good]).stdout).toMatch(/Total\s+16\s+27\s+27\s+27\s+23\s+20/);

    const bad = join(dir, 'bad.json');
    f.elements[1]!.levels[0]!.characteristics[0]!.text = '';
    writeFileSync(bad, JSON.stringify(f));
    const r = runDmf(['framework', '--framework', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json is not a valid framework \(1 problem\)/);
    expect(r.stderr).toMatch(/elements\[1\]\.levels\[0\]\.characteristics\[0\]\.text: must not be empty/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace without --debug
  });

  it('says clearly when the framework file is missing or not JSON', () => {
    expect(runDmf(['framework', '--framework', join(dir, 'missing.json')]).stderr).toMatch(
      /missing\.json: cannot read the framework file \(ENOENT\)/,
    );
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, '{ nope');
    expect(runDmf(['framework', '--framework', notJson]).stderr).toMatch(
      /x\.json: the framework file is not valid JSON/,
    );
  });
});

describe('dmf score (answers JSON)', () => {
  it('prints levels, and --json gives the documented fields', () => {
    const answers = join(dir, 'answers.json');
    const ratings: Record<string, string> = {};
    for (const l of builtInFramework().elements[0]!.levels)
      for (const c of l.characteristics) ratings[c.id] = l.rank >= 3 ? 'Fully' : 'Not at all';
    writeFileSync(
      answers,
      JSON.stringify({ frameworkId: 'dgx-dmf-mvp', frameworkVersion: '1.0.0', ratings }),
    );
    const text = runDmf(['score', answers]);
    expect(text.stdout).toMatch(/User centered design\s+4 Digitally mature \/ proactive\s+100%/);
    expect(text.stdout).toMatch(/Data Driven\s+Not assessed/);
    const json = JSON.parse(runDmf(['score', answers, '--json']).stdout);
    expect(json.elements[0]).toMatchObject({
      id: 'ucd',
      title: 'User centered design',
      level: 4,
      coverage: 1,
    });
    expect(json.elements[0].levelName).toBe('Digitally mature / proactive');
  });
});
