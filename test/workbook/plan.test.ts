/** The workbook plan: structure, contract, formulas generated from the parameters, serialisable. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtInFramework,
  characteristicsOf,
  parseFramework,
  type Framework,
} from '../../src/framework/index.js';
import {
  buildPlan,
  FIELDS,
  HEADER,
  officeFormulas,
  PlanError,
  SHEET,
  type CellContent,
  type SheetPlan,
  type WorkbookPlan,
} from '../../src/workbook/plan/index.js';
import { FIXED_TIME } from './helpers.js';
import { SUMMARY_NOTE } from '../../src/workbook/plan/summary-sheet.js';

const framework = builtInFramework();
const plan = buildPlan(framework, { createdAt: FIXED_TIME, department: 'Ministry of Examples' });

/** The content of a sheet as a map "row:col" → content, from its blocks. */
function contents(sheet: SheetPlan): Map<string, Exclude<CellContent, null>> {
  const map = new Map<string, Exclude<CellContent, null>>();
  for (const b of sheet.blocks) {
    b.cells.forEach((line, r) =>
      line.forEach((c, i) => {
        if (c !== null) map.set(`${b.row + r}:${b.column + i}`, c);
      }),
    );
  }
  return map;
}

function styleAt(sheet: SheetPlan, row: number, column: number) {
  let style: string | undefined;
  for (const s of sheet.styles) {
    const r = s.range;
    if (row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns)
      style = s.style;
  }
  return style;
}

function rowsWithId(sheet: SheetPlan): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [key, c] of contents(sheet)) {
    const [row, col] = key.split(':').map(Number) as [number, number];
    if (col === 1 && typeof c === 'string' && c !== HEADER.id) ids.set(c, row);
  }
  return ids;
}

const allFormulas = (p: WorkbookPlan) =>
  p.sheets.flatMap((s) =>
    [...contents(s).values()].flatMap((c) => (typeof c === 'object' ? [c.formula] : [])),
  );

describe('the sheets', () => {
  it('are Start here, one per element named by its short title, Summary and a very hidden _meta', () => {
    expect(plan.sheets.map((s) => s.name)).toEqual([
      SHEET.start,
      ...framework.elements.map((e) => e.shortTitle),
      SHEET.summary,
      SHEET.meta,
    ]);
    expect(plan.sheets.map((s) => s.visibility)).toEqual([...Array(9).fill('visible'), 'veryHidden']);
    expect(plan.sheets.filter((s) => s.role === 'element').map((s) => s.elementId)).toEqual(
      framework.elements.map((e) => e.id),
    );
  });

  it('put every characteristic, question and sub-question on its element sheet, once, with its id in column A', () => {
    framework.elements.forEach((e, i) => {
      const ids = rowsWithId(plan.sheets[i + 1]!);
      for (const c of characteristicsOf(e)) expect(ids.has(c.id), c.id).toBe(true);
      for (const q of e.questions) {
        expect(ids.has(q.id)).toBe(true);
        for (const s of q.subQuestions) expect(ids.has(s.id)).toBe(true);
      }
      expect(ids.has(`judgement:${e.id}`) && ids.has(`rationale:${e.id}`) && ids.has(`level:${e.id}`)).toBe(
        true,
      );
    });
    const total = plan.sheets.reduce(
      (n, s) => n + [...rowsWithId(s).keys()].filter((id) => /^[a-z0-9-]+\.l\d+\.\d+$/.test(id)).length,
      0,
    );
    expect(total).toBe(244);
  });

  it('head each table with ID and the contract headers', () => {
    const ucd = plan.sheets[1]!;
    const c = contents(ucd);
    const headerRows = [...c]
      .filter(([k, v]) => k.endsWith(':1') && v === HEADER.id)
      .map(([k]) => Number(k.split(':')[0]));
    const first = headerRows[0]!;
    expect([1, 2, 3, 4, 5].map((col) => c.get(`${first}:${col}`))).toEqual([
      HEADER.id,
      HEADER.ref,
      HEADER.characteristic,
      HEADER.rating,
      HEADER.evidence,
    ]);
    expect(ucd.columns.find((col) => col.column === 1)?.hidden).toBe(true);
  });

  it('ask for the respondent details on Start here, marking OFFICIAL by default', () => {
    const start = plan.sheets[0]!;
    const ids = rowsWithId(start);
    const c = contents(start);
    expect(FIELDS.map((f) => c.get(`${ids.get(`field:${f.name}`)}:2`))).toEqual([
      'Department / organisation',
      'Respondent',
      'Role',
      'Contact (email or phone)',
      'Date',
      'Protective marking',
    ]);
    expect(c.get(`${ids.get('field:department')}:3`)).toBe('Ministry of Examples');
    expect(c.get(`${ids.get('field:marking')}:3`)).toBe('OFFICIAL');
    for (const f of FIELDS) expect(styleAt(start, ids.get(`field:${f.name}`)!, 3)).toBe('input');
    // The rating scale is explained from the framework data.
    const texts = [...c.values()].filter((v) => typeof v === 'string');
    for (const r of framework.scoring.ratings) {
      expect(texts).toContain(r.label);
      expect(texts.some((t) => t.startsWith(r.meaning))).toBe(true);
    }
  });

  it('list the elements on Summary under the headers Element and Computed level', () => {
    const summary = plan.sheets.find((s) => s.name === SHEET.summary)!;
    const c = contents(summary);
    const ids = rowsWithId(summary);
    const header = [...c].find(([k, v]) => k.endsWith(':2') && v === HEADER.element)![0].split(':')[0];
    expect([2, 3, 4, 5, 6].map((col) => c.get(`${header}:${col}`))).toEqual([
      'Element',
      'Computed level',
      'Level name',
      'Coverage',
      'Own judgement',
    ]);
    for (const e of framework.elements) {
      const row = ids.get(`summary:${e.id}`)!;
      expect(c.get(`${row}:2`)).toBe(e.title);
      for (const col of [3, 4, 5, 6]) expect(typeof c.get(`${row}:${col}`)).toBe('object');
      expect((c.get(`${row}:3`) as { formula: string }).formula).toBe(
        `'${e.shortTitle}'!${'$D$'}${rowsWithId(plan.sheets.find((s) => s.elementId === e.id)!).get(`level:${e.id}`)}`,
      );
    }
  });

  it('say on Summary, below the table, where the range, confidence grade and borderline are found', () => {
    const summary = plan.sheets.find((s) => s.name === SHEET.summary)!;
    const c = contents(summary);
    const last = Math.max(...framework.elements.map((e) => rowsWithId(summary).get(`summary:${e.id}`)!));
    const note = [...c].find(([, v]) => v === SUMMARY_NOTE)?.[0];
    expect(note, 'the note is on the sheet').toBeDefined();
    expect(Number(note!.split(':')[0])).toBeGreaterThan(last);
    expect(SUMMARY_NOTE).toMatch(/Calculate levels.*dmf score/);
  });

  it('record framework, version, contract and creation on _meta', () => {
    const c = contents(plan.sheets.at(-1)!);
    const pairs = Object.fromEntries([...Array(7)].map((_, i) => [c.get(`${i + 1}:1`), c.get(`${i + 1}:2`)]));
    expect(pairs).toMatchObject({
      workbook: 'dgx-maturity assessment',
      frameworkId: 'dgx-dmf-mvp',
      frameworkVersion: '1.0.0',
      contractVersion: '1.0.0',
      createdAt: FIXED_TIME,
      createdBy: 'dmf',
    });
  });
});

describe('input cells', () => {
  it('are the only unlocked style, text-formatted and boxed (not told apart by colour alone)', () => {
    for (const [name, style] of Object.entries(plan.styles)) {
      const input = name === 'input' || name === 'inputLong';
      expect(style.locked, name).toBe(!input);
      if (input) {
        expect(style.numberFormat).toBe('@');
        expect(style.border?.style).toBe('medium');
      }
    }
    expect(new Set(Object.values(plan.styles).map((s) => s.displayName)).size).toBe(
      Object.keys(plan.styles).length,
    );
  });

  it('have a dropdown of exactly the rating labels (apostrophe included), inline, on every characteristic', () => {
    framework.elements.forEach((e, i) => {
      const sheet = plan.sheets[i + 1]!;
      const ids = rowsWithId(sheet);
      const ratingLists = sheet.validations.filter((v) => v.range.column === 4);
      expect(
        ratingLists.every(
          (v) => v.list.join(',') === "Fully,Largely,Partly,Not at all,Don't know,Not applicable",
        ),
      ).toBe(true);
      for (const c of characteristicsOf(e)) {
        const row = ids.get(c.id)!;
        expect(ratingLists.some((v) => row >= v.range.row && row < v.range.row + v.range.rows)).toBe(true);
        expect(styleAt(sheet, row, 4)).toBe('input');
        expect(styleAt(sheet, row, 5)).toBe('inputLong');
      }
      const judgement = sheet.validations.find((v) => v.range.row === ids.get(`judgement:${e.id}`));
      expect(judgement?.list).toEqual(e.levels.map((l) => l.name));
    });
  });

  it('keep answers that look like formulas as text in the plan and for Office.js', () => {
    const answers = {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      ratings: {},
      evidence: { 'ucd.l1.01': '=SUM(A1)', 'ucd.l1.02': "'quoted", 'ucd.l1.03': '+44 1' },
      responses: {},
      judgements: {},
    };
    const p = buildPlan(framework, { answers, createdAt: FIXED_TIME });
    const ucd = p.sheets[1]!;
    const row = rowsWithId(ucd).get('ucd.l1.01')!;
    expect(contents(ucd).get(`${row}:5`)).toBe('=SUM(A1)');
    const { formulas } = officeFormulas(ucd.blocks[0]!);
    expect(formulas[row - 1]![4]).toBe("'=SUM(A1)");
    expect(formulas[row]![4]).toBe("''quoted");
    expect(formulas[row + 1]![4]).toBe("'+44 1");
    expect(formulas[row - 1]![6]).toMatch(/^=IF\(/);
  });
});

describe('the plan as data', () => {
  it('is JSON-serialisable and reproducible', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(buildPlan(framework, { createdAt: FIXED_TIME, department: 'Ministry of Examples' })).toEqual(plan);
  });

  it('has rectangular blocks and styles inside the sheet', () => {
    for (const s of plan.sheets) {
      for (const b of s.blocks) {
        const width = b.cells[0]!.length;
        expect(b.cells.every((line) => line.length === width)).toBe(true);
      }
      for (const { range } of s.styles) expect(range.rows >= 1 && range.columns >= 1).toBe(true);
    }
  });

  it('is applied with few ranges (Office.js batches them)', () => {
    for (const s of plan.sheets) {
      expect(s.blocks.length).toBeLessThanOrEqual(1);
      expect(s.styles.length).toBeLessThan(200);
    }
  });

  it('uses only functions Excel 2016 and LibreOffice both compute, without prefixes', () => {
    const used = new Set(
      allFormulas(plan).flatMap((f) => [...f.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]!)),
    );
    expect([...used].sort()).toEqual(
      [
        'AVERAGE',
        'CHAR',
        'COUNT',
        'IF',
        'IFERROR',
        'INDEX',
        'ISNUMBER',
        'LOWER',
        'OR',
        'SUBSTITUTE',
        'SUM',
        'TRIM',
      ].sort(),
    );
    expect(allFormulas(plan).join('\n')).not.toMatch(/_xlfn|XLOOKUP|LET\(|IFS\(/);
  });

  it('imports nothing from Node or exceljs (the add-in bundles it)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)],
      );
    const browser = [
      ...files('src/workbook/plan'),
      'src/workbook/contract.ts',
      'src/workbook/read/core.ts',
      'src/workbook/read/read-grids.ts',
      'src/workbook/read/grid.ts',
      'src/workbook/read/cell-text.ts',
      'src/workbook/read/diagnostic-codes.ts',
    ];
    for (const f of browser) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '(node:|exceljs)/);
  });
});

describe('formulas come from the scoring parameters', () => {
  /** The built-in framework with five levels, another threshold, values and staged start. */
  function variant(): Framework {
    const data = structuredClone(builtInFramework()) as Framework;
    delete data.reading; // the built-in reading does not cover the added level
    for (const e of data.elements) {
      e.levels.push({
        id: `${e.id}.l5`,
        rank: 5,
        name: 'Leading',
        description: 'Beyond mature.',
        characteristics: [{ id: `${e.id}.l5.01`, text: 'leads others' }],
      });
    }
    data.scoring.threshold = 0.55;
    data.scoring.stagedFrom = 4;
    data.scoring.ratings[1]!.value = 0.7;
    return parseFramework(data);
  }

  it('uses θ, ε, stagedFrom and the rating values of the framework', () => {
    const p = buildPlan(variant(), { createdAt: FIXED_TIME });
    const formulas = allFormulas(p).join('\n');
    expect(formulas).toContain('>=0.55-0.000000001');
    expect(formulas).toContain('="largely",0.7,');
    expect(formulas).toContain('3+SUM(');
    expect(formulas).not.toContain('0.6666666666666666-');
    const ucd = p.sheets[1]!;
    expect([...rowsWithId(ucd).keys()].filter((id) => id.startsWith('fit:'))).toHaveLength(5);
  });

  it('refuses labels a dropdown cannot hold, with a clear error', () => {
    const data = structuredClone(builtInFramework()) as Framework;
    data.scoring.ratings[0]!.label = 'Fully, always';
    expect(() => buildPlan(parseFramework(data))).toThrow(PlanError);
    expect(() => buildPlan(parseFramework(data))).toThrow(/comma/);
  });
});
