/**
 * The batch's dataset is a Frictionless Data Package an analyst can recompute the summary from:
 * datapackage.json is valid against the standard's JSON Schemas (vendored), every CSV fits its
 * Table Schema (header, types, keys), the summary's heat map and common gaps come back from the
 * CSVs alone, and a department of two respondents (Ministry of Finance, in the demo) gets its
 * levels back from the ratings used with the scoring engine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchResult } from '../../src/batch/run-batch.js';
import { writeDemoWorkbooks } from '../../src/demo/write-demo-workbooks.js';
import { builtInFramework } from '../../src/framework/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';
import { csvRecords } from './csv.js';
import { checkTables, type ResourceDescriptor } from './table-check.js';

const f = builtInFramework();
const vendored = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../vendor/schemas/frictionless-data/${name}`, import.meta.url), 'utf8'),
  ) as object;

const root = mkdtempSync(join(tmpdir(), 'dmf-datapackage-'));
const out = join(root, 'out');
let result: BatchResult;
const read = (name: string) => readFileSync(join(out, name), 'utf8');
const table = (name: string) => csvRecords(read(name)).records;
let descriptor: { resources: ResourceDescriptor[] } & Record<string, unknown>;

beforeAll(async () => {
  // The demo's returned workbooks: 12 fictional departments, Ministry of Finance from two respondents.
  await writeDemoWorkbooks(f, {
    dir: join(root, 'returned'),
    count: 12,
    seed: 2026,
    createdAt: '2026-03-02T09:00:00.000Z',
    secondRespondents: 1,
  });
  result = await runBatch({
    inputs: [join(root, 'returned')],
    outDir: out,
    framework: f,
    templateName: 'ministerial',
    templateFiles: await loadTemplate('ministerial'),
    summaryTemplateFiles: await loadTemplate('summary'),
    jobs: 2,
    now: new Date('2026-04-01T10:00:00Z'),
    round: 'Spring 2026',
  });
  descriptor = JSON.parse(read('datapackage.json')) as typeof descriptor;
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('datapackage.json', () => {
  it('is a valid Data Package, each resource schema a valid Table Schema (the standard’s JSON Schemas)', () => {
    // "textarea" is a form-editor hint in the standard's schemas (descriptions), not a check.
    const ajv = new Ajv({ allErrors: true, unknownFormats: ['textarea'] });
    const validPackage = ajv.compile(vendored('datapackage.json'));
    expect(validPackage(descriptor), ajv.errorsText(validPackage.errors)).toBe(true);
    const validSchema = ajv.compile(vendored('tableschema.json'));
    for (const r of descriptor.resources)
      expect(validSchema(r.schema), `${r.name}: ${ajv.errorsText(validSchema.errors)}`).toBe(true);
    // The validator can fail: a type the standard does not have, a field without a name.
    const broken = structuredClone(descriptor.resources[0]!.schema) as unknown as {
      fields: Record<string, unknown>[];
    };
    broken.fields[0]!.type = 'text';
    delete broken.fields[1]!.name;
    expect(validSchema(broken)).toBe(false);
  });

  it('names the round, its date, the framework and its licence, and the tool', () => {
    expect(descriptor).toMatchObject({
      name: 'dmf-spring-2026',
      round: 'Spring 2026',
      created: '2026-04-01T10:00:00.000Z',
      framework: { id: f.id, version: f.version, title: f.title, licence: f.licence },
      tool: { name: 'dgx-maturity', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      licenses: [{ path: expect.stringMatching(/open-government-licence/) }],
    });
    expect(descriptor.resources.map((r) => r.path)).toEqual([
      'results.csv',
      'answers.csv',
      'ratings.csv',
      'departments.csv',
      'framework.csv',
      'common-gaps.csv',
    ]);
    expect(result.log.outputs).toEqual(
      expect.arrayContaining(['datapackage.json', 'ratings.csv', 'results.xlsx']),
    );
    for (const r of descriptor.resources)
      for (const field of r.schema.fields)
        expect((field as { description?: string }).description, `${r.name}.${field.name}`).toMatch(
          /\w{3,}.*\w/,
        );
  });

  it('describes every CSV as it is: header, types, constraints, primary and foreign keys', () => {
    expect(checkTables(descriptor.resources, read)).toEqual([]);
    // The check can fail: a level that is not an integer, a rating off the scale, a dangling id.
    const tampered = (path: string) =>
      path === 'results.csv'
        ? read(path).replace(/,Technology driven \/ reactive,/, ',Technology driven / reactive,x')
        : path === 'ratings.csv'
          ? read(path).replace(',Largely,', ',Mostly,').replace(',ucd.l1.01,', ',ucd.l9.99,')
          : read(path);
    const problems = checkTables(descriptor.resources, tampered);
    expect(problems.join('\n')).toMatch(/results\.csv row \d+: Fit L1 "x0\.\d+" is not a number/);
    expect(problems.join('\n')).toMatch(/ratings\.csv row 2: Rating "Mostly" is not one of/);
    expect(problems.join('\n')).toMatch(/ratings\.csv: \["ucd\.l9\.99"\] has no row in framework/);
  });
});

describe('the summary, recomputed from the CSVs alone', () => {
  it('gives the heat map: each department’s level per element, its median and whether it is counted', () => {
    const results = table('results.csv');
    const departments = table('departments.csv');
    const level = (v: string) => (v === 'Not assessed' ? null : Number(v));
    const model = result.summary!;
    expect(model.heatMap).toHaveLength(departments.length);
    for (const row of model.heatMap) {
      const mine = results.filter((r) => r.Department === row.department);
      expect(mine.map((r) => [r['Element ID'], level(r['Computed level']!)])).toEqual(
        row.cells.map((c) => [c.elementId, c.level]),
      );
      const d = departments.find((x) => x.Department === row.department)!;
      expect(d['Median level'] === '' ? null : Number(d['Median level'])).toBe(row.median);
      expect(d['Counted in summary figures']).toBe(row.counted ? 'yes' : 'no');
      expect(
        mine.every((r) => r['Counted in summary figures'] === (row.counted ? 'yes' : 'no (low coverage)')),
      ).toBe(true);
    }
  });

  it('gives the common gaps: rated items only, Don’t know and blanks apart, from the ratings used', () => {
    const results = table('results.csv');
    const ratings = table('ratings.csv');
    const frameworkRows = table('framework.csv');
    const counted = new Set(
      table('departments.csv')
        .filter((d) => d['Counted in summary figures'] === 'yes')
        .map((d) => d.Department),
    );
    const levelOf = new Map(results.map((r) => [`${r.Department} ${r['Element ID']}`, r['Computed level']]));
    // The rating used, once per department and characteristic (respondents' rows repeat it).
    const used = new Map(ratings.map((r) => [`${r.Department} ${r['Characteristic ID']}`, r]));
    const kindOf = new Map(f.scoring.ratings.map((r) => [r.label, r.kind]));
    const expected: string[][] = [];
    for (const c of frameworkRows.filter((x) => x.Kind === 'characteristic')) {
      if (c['Reading polarity'] === 'weakness') continue;
      const below = [...counted].filter(
        (d) => levelOf.get(`${d} ${c['Element ID']}`) === String(Number(c.Level) - 1),
      );
      if (!below.length) continue;
      const count = { rated: 0, lacking: 0, na: 0, dk: 0, blank: 0 };
      for (const d of below) {
        const r = used.get(`${d} ${c['Item ID']}`)!;
        const kind = r['Rating used'] ? kindOf.get(r['Rating used']) : undefined;
        if (kind === 'scored') {
          count.rated++;
          if (Number(r['Value used']) < f.scoring.threshold - 1e-9) count.lacking++;
        } else if (kind === 'excluded') count.na++;
        else if (kind === 'unanswered') count.dk++;
        else count.blank++;
      }
      expected.push(
        [
          c['Item ID']!,
          c.Level!,
          below.length,
          count.rated,
          count.lacking,
          count.na,
          count.dk,
          count.blank,
        ].map(String),
      );
    }
    const gaps = table('common-gaps.csv').map((g) =>
      [
        'Characteristic ID',
        'Level',
        'Departments one level below',
        'Departments that rated it',
        'Departments lacking it',
        'Not applicable',
        "Don't know",
        'Blank',
      ].map((k) => g[k]!),
    );
    expect(gaps).toEqual(expected);
    expect(
      gaps.some((g) => g[6] !== '0' || g[7] !== '0'),
      'the demo has unanswered items among the gaps',
    ).toBe(true);
    // Every gap the summary lists is a row of the table, at the same level.
    const byId = new Map(gaps.map((g) => [g[0], g]));
    for (const g of result.summary!.commonGaps) expect(byId.get(g.itemId)?.[1]).toBe(String(g.rank));
  });
});

describe('a department of two respondents', () => {
  it('gets its levels back from ratings.csv’s ratings used, with the scoring engine', () => {
    const ratings = table('ratings.csv').filter((r) => r.Department?.startsWith('Ministry of Finance'));
    const respondents = new Set(ratings.map((r) => r['Respondent file']));
    expect(respondents.size).toBe(2);
    expect(new Set(ratings.map((r) => r.Respondent)).size).toBe(2);
    const answers = emptyAnswers(f);
    for (const r of ratings)
      if (r['Rating used']) answers.ratings[r['Characteristic ID']!] = r['Rating used'];
    // The respondents disagree somewhere, so the rating used is not simply one respondent's.
    const firstFile = [...respondents][0];
    expect(ratings.some((r) => r['Respondent file'] === firstFile && r.Rating !== r['Rating used'])).toBe(
      true,
    );
    const scores = score(f, answers);
    const results = table('results.csv').filter((r) => r.Department?.startsWith('Ministry of Finance'));
    expect(results.map((r) => r['Computed level'])).toEqual(
      scores.elements.map((e) => (e.level === null ? 'Not assessed' : String(e.level))),
    );
    expect(results[0]!.File!.split('; ')).toEqual([...respondents].sort());
    // Paths are relative to the output folder, where the package is (not to where the command ran).
    expect(results[0]!.File).toMatch(/^\.\.\/returned\/Ministry of Finance \(fictional\)/);
    expect(
      table('departments.csv').find((d) => d.Department?.startsWith('Ministry of Finance')),
    ).toMatchObject({
      Respondents: '2',
      'Moderation status': 'several respondents, consolidated by rule',
      'Consolidation rule': 'median',
    });
  });
});

describe('results.xlsx', () => {
  it('carries the same tables and opens on a characteristic-by-department heat map of the ratings used', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(join(out, 'results.xlsx'))).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Results',
      'Answers',
      'Heat map',
      'Ratings',
      'Departments',
      'Framework',
      'Common gaps',
    ]);
    const heat = wb.getWorksheet('Heat map')!;
    const departments = table('departments.csv').map((d) => d.Department);
    expect(heat.getRow(1).values).toEqual([
      undefined,
      'Characteristic ID',
      'Element',
      'Level',
      'Characteristic',
      ...departments,
    ]);
    expect(heat.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
    expect(wb.views[0]?.activeTab).toBe(2);
    const characteristics = table('framework.csv').filter((r) => r.Kind === 'characteristic');
    expect(heat.rowCount).toBe(characteristics.length + 1);
    const used = new Map(
      table('ratings.csv').map((r) => [`${r.Department} ${r['Characteristic ID']}`, r['Rating used']]),
    );
    heat.eachRow((row, n) => {
      if (n === 1) return;
      const id = row.getCell(1).value as string;
      departments.forEach((d, i) => expect(row.getCell(5 + i).value ?? '').toBe(used.get(`${d} ${id}`)));
    });
    const rules = (
      heat as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }
    ).conditionalFormattings;
    expect(rules[0]!.ref).toBe(`E2:P${characteristics.length + 1}`);
    expect(rules[0]!.rules.map((r) => r.formulae[0])).toEqual(f.scoring.ratings.map((r) => `"${r.label}"`));
    for (const name of ['Ratings', 'Departments', 'Framework', 'Common gaps'])
      expect(wb.getWorksheet(name)!.rowCount - 1).toBe(
        table(descriptor.resources.find((r) => r.name === name.toLowerCase().replace(' ', '-'))!.path).length,
      );
  });
});
