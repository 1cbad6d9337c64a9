/** `dmf report` as a user runs it: real workbooks in, a .docx out, and the refusals around it. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDmf } from '../helpers/run-cli.js';
import { paragraphTexts, unzipDocx } from './docx-xml.js';
import { sampleResult } from './fixtures.js';
import { withOffScaleRating, workbookOf } from './workbooks.js';

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dmf-report-'));
  const current = await workbookOf(sampleResult());
  writeFileSync(at('returned.xlsx'), current);
  writeFileSync(at('broken.xlsx'), await withOffScaleRating(current));
  const previous = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
  previous.meta.date = '2025-03-10';
  writeFileSync(at('previous.xlsx'), await workbookOf(previous));
  writeFileSync(at('answers.json'), JSON.stringify(sampleResult().answers));
});

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('dmf report', () => {
  it('writes the report from a returned workbook, with the previous round and a marking', () => {
    const r = runDmf([
      'report',
      at('returned.xlsx'),
      '-o',
      at('report.docx'),
      '--previous',
      at('previous.xlsx'),
      '--marking',
      'OFFICIAL-SENSITIVE',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote');
    const docx = unzipDocx(readFileSync(at('report.docx')));
    const body = paragraphTexts(docx.part('word/document.xml'));
    expect(body).toContain('Ministry of Digital Services');
    expect(body.join('\n')).toContain('Since the previous round (10 March 2025)');
    for (const h of docx.matching(/^word\/header\d+\.xml$/))
      expect(paragraphTexts(h)).toContain('OFFICIAL-SENSITIVE');
    expect(leftovers()).toEqual([]);
  });

  it('writes the full record with --template full, and names both built-in templates when one is unknown', () => {
    const r = runDmf(['report', at('returned.xlsx'), '-o', at('full.docx'), '--template', 'full']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const body = paragraphTexts(unzipDocx(readFileSync(at('full.docx'))).part('word/document.xml'));
    expect(body).toContain('Responses to the framework’s questions');
    expect(body).toContain('Annex B: About the framework');
    const missing = runDmf(['report', at('returned.xlsx'), '-o', at('none.docx'), '--template', 'fancy']);
    expect(missing.stderr).toContain('built in: ministerial, full');
  });

  it('never overwrites silently, and replaces with --force', () => {
    writeFileSync(at('existing.docx'), 'keep me');
    const refused = runDmf(['report', at('returned.xlsx'), '-o', at('existing.docx')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/existing\.docx already exists; use --force to replace it/);
    expect(readFileSync(at('existing.docx'), 'utf8')).toBe('keep me');
    const forced = runDmf(['report', at('answers.json'), '-o', at('existing.docx'), '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(at('existing.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(leftovers()).toEqual([]);
  });

  it('prints the view model with --data', () => {
    const r = runDmf(['report', at('broken.xlsx'), '--data']);
    expect(r.code).toBe(0);
    const vm = JSON.parse(r.stdout);
    expect(vm.version).toBe(3);
    expect(vm.cover.source).toBe('broken.xlsx');
    const problem = vm.dataQuality.problems.find((p: { code: string }) => p.code === 'rating-off-scale');
    expect(problem.sheet).toBe('User centered design');
    expect(problem.cell).toMatch(/^D\d+$/);
    expect(problem.location).toBe(`User centered design, cell ${problem.cell}`);
    expect(problem.problem).not.toContain('Sheet "User centered design"');
  });

  it('refuses a workbook with errors under --strict, and writes nothing', () => {
    const r = runDmf(['report', at('broken.xlsx'), '-o', at('strict.docx'), '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^dmf: .*broken\.xlsx: refused by --strict: 1 error in the workbook, the first: .*"Mostly"/,
    );
    expect(existsSync(at('strict.docx'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('names the template file and line of a template error', () => {
    const own = at('own-template');
    mkdirSync(join(own, 'partials'), { recursive: true });
    writeFileSync(join(own, 'main.hbs'), '<h1>{{cover.title}}</h1>\n{{> bit}}');
    writeFileSync(join(own, 'partials', 'bit.hbs'), '<p>ok</p>\n<p>{{cover.titel}}</p>');
    const r = runDmf(['report', at('answers.json'), '-o', at('own.docx'), '--template', own]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`template error in ${own}/partials/bit.hbs:2:`);
    expect(r.stderr).toContain('"titel" is not defined here');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(at('own.docx'))).toBe(false);
    const missing = runDmf(['report', at('answers.json'), '-o', at('own.docx'), '--template', 'fancy']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no built-in template "fancy"');
  });

  it('explains a missing output and a wrong extension', () => {
    expect(runDmf(['report', at('answers.json')]).stderr).toContain('-o OUT.docx');
    // .pdf is a report too now (through LibreOffice: test/cli/frictions.test.ts); other extensions are not.
    const wrong = runDmf(['report', at('answers.json'), '-o', at('report.txt')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('give a file name ending in .docx or .pdf');
  });
});
