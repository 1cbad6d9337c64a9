/**
 * The workbook's own formulas give the engine's result, proved with an independent spreadsheet:
 * LibreOffice recalculates ≥ 200 randomly filled workbooks on load (no cached results stored, so
 * nothing is shown unless it calculated) and the levels, level names, coverage, fits and own
 * judgements it shows must equal `score()`. Includes edge cases (all N/A, all Don't know, ties,
 * fits exactly at θ), answers typed in odd case and spacing, and frameworks with other parameters.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework, parseFramework, type Framework } from '../../src/framework/index.js';
import { emptyAnswers, score, type Answers } from '../../src/scoring/index.js';
import { applyPlan } from '../../src/workbook/exceljs/index.js';
import { buildPlan, type WorkbookPlan } from '../../src/workbook/plan/index.js';
import { recalculateToCsv, soffice, type RecalculatedSheets } from '../helpers/libreoffice-recalc.js';
import { skipWithout } from '../helpers/tools.js';
import { FIXED_TIME, prng, randomAnswers } from './helpers.js';

const skip = skipWithout(soffice, 'LibreOffice', 'the check that workbook formulas equal the engine');

/** The built-in framework with other parameters, to prove nothing is hard-coded. */
function variant(kind: 'five-levels' | 'staged-from-2' | 'other-epsilon'): Framework {
  const data = structuredClone(builtInFramework()) as Framework;
  if (kind === 'five-levels') {
    delete data.reading; // the built-in reading does not cover the added level
    for (const e of data.elements) {
      e.levels.push({
        id: `${e.id}.l5`,
        rank: 5,
        name: 'Leading',
        description: 'Beyond mature.',
        characteristics: [1, 2, 3].map((i) => ({ id: `${e.id}.l5.0${i}`, text: `leads ${i}` })),
      });
    }
    data.scoring.stagedFrom = 4;
    data.scoring.threshold = 0.5;
  } else if (kind === 'staged-from-2') {
    data.scoring.stagedFrom = 2;
    data.scoring.threshold = 0.75;
    data.scoring.ratings[1]!.value = 0.75;
  } else {
    // Not 0: with no tolerance, a fit exactly at θ depends on the order of floating-point
    // additions, which differs between spreadsheets and JavaScript (see docs/workbook-contract.md).
    data.scoring.epsilon = 1e-7;
    data.scoring.threshold = 0.6;
  }
  return parseFramework(data, kind);
}

/** Answer sets that sit on the edges of the rule. */
function edgeCases(f: Framework): Answers[] {
  const all = (label: string | ((levelRank: number, i: number) => string | undefined)) => {
    const a = emptyAnswers(f);
    for (const e of f.elements) {
      for (const l of e.levels) {
        l.characteristics.forEach((c, i) => {
          const v = typeof label === 'string' ? label : label(l.rank, i);
          if (v) a.ratings[c.id] = v;
        });
      }
    }
    return a;
  };
  return [
    emptyAnswers(f),
    all('Not applicable'),
    all("Don't know"),
    all('Fully'),
    all('Not at all'),
    all('Largely'),
    // Lower levels tie (both Partly), nothing above: the tie goes up.
    all((rank) => (rank <= 2 ? 'Partly' : undefined)),
    // Exactly θ at level 3 (Fully + Partly averages 2/3), level 4 just below.
    all((rank, i) =>
      rank <= 2 ? 'Fully' : rank === 3 ? (i % 2 ? 'Partly' : 'Fully') : i === 0 ? 'Partly' : 'Largely',
    ),
    // Level 3 all Largely (exactly θ), level 4 all Largely: the top.
    all((rank) => (rank >= 3 ? 'Largely' : 'Not at all')),
    // Level 4 would be reached but level 3 is not: staged, so level 3 is not skipped.
    all((rank) => (rank === 4 ? 'Fully' : rank === 3 ? 'Partly' : rank === 2 ? 'Largely' : 'Partly')),
    // Only one characteristic rated in the whole element.
    all((rank, i) => (rank === 2 && i === 0 ? 'Partly' : undefined)),
    // Everything Not applicable except level 1 Not at all: assessed at level 1 with fit 0.
    all((rank) => (rank === 1 ? 'Not at all' : 'Not applicable')),
  ];
}

/** Rewrites rating cells in the plan as a respondent might type them (the formulas must cope). */
function typeLoosely(plan: WorkbookPlan, rnd: () => number): void {
  const variants: Record<string, string[]> = {
    Fully: ['fully', ' FULLY ', 'Fully  '],
    Largely: ['LARGELY', ' largely'],
    Partly: ['partly', 'PaRtLy'],
    'Not at all': ['not  at  all', 'NOT AT ALL', ' Not at all'],
    "Don't know": ['don\u2019t know', "DON'T KNOW", 'Don\u2018t  know'],
    'Not applicable': ['not applicable', 'Not Applicable '],
  };
  for (const sheet of plan.sheets.filter((s) => s.role === 'element')) {
    for (const row of sheet.blocks[0]!.cells) {
      const v = row[3];
      if (typeof v === 'string' && variants[v] && rnd() < 0.3) {
        const list = variants[v]!;
        row[3] = list[Math.floor(rnd() * list.length)]!;
      }
    }
  }
}

/** Evidence that a spreadsheet would take for a formula or a number if it were not text. */
const FORMULA_LIKE = {
  'ucd.l1.01': '=1+1',
  'ucd.l1.02': '+44 20 7946 0000',
  'ucd.l1.03': '-5',
  'ucd.l1.04': '@all',
};

/** The workbook without zip compression: half the time to write, and as good for LibreOffice. */
async function storedWorkbook(plan: WorkbookPlan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await applyPlan(plan, wb);
  return Buffer.from(
    await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions),
  );
}

interface Case {
  name: string;
  framework: Framework;
  answers: Answers;
  file: string;
}

const percent = (s: string | undefined): number | null => {
  if (s === undefined || s === '') return null;
  return s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
};

/** The rows of a CSV sheet by the id in column A. */
const byId = (rows: string[][] | undefined) => new Map((rows ?? []).map((r) => [r[0] ?? '', r]));

describe.skipIf(skip)('LibreOffice recalculates the same levels as the engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmf-equivalence-'));
  const cases: Case[] = [];
  let sheets: RecalculatedSheets;

  beforeAll(async () => {
    const base = builtInFramework();
    const sets: { framework: Framework; answers: Answers; loose: boolean }[] = [];
    for (const answers of edgeCases(base)) sets.push({ framework: base, answers, loose: false });
    sets[0]!.answers.evidence = { ...FORMULA_LIKE };
    const rnd = prng(20260101);
    for (let i = 0; sets.length < 200; i++) {
      sets.push({
        framework: base,
        answers: randomAnswers(base, rnd, [0.2, 0.6, 0.9, 1][i % 4]),
        loose: i % 3 === 0,
      });
    }
    for (const kind of ['five-levels', 'staged-from-2', 'other-epsilon'] as const) {
      const f = variant(kind);
      const r = prng(kind.length);
      for (const answers of edgeCases(f).slice(0, 6)) sets.push({ framework: f, answers, loose: false });
      for (let i = 0; i < 8; i++)
        sets.push({ framework: f, answers: randomAnswers(f, r, 0.85), loose: false });
    }
    await Promise.all(
      sets.map(async (set, i) => {
        const plan = buildPlan(set.framework, {
          answers: set.answers,
          cachedResults: false,
          createdAt: FIXED_TIME,
        });
        // Typed variants of the same labels: the engine's answers stay the same.
        if (set.loose) typeLoosely(plan, prng(i));
        const name = `case${String(i).padStart(4, '0')}`;
        const file = join(dir, `${name}.xlsx`);
        writeFileSync(file, await storedWorkbook(plan));
        cases[i] = { name, framework: set.framework, answers: set.answers, file };
      }),
    );
    const started = Date.now();
    sheets = await recalculateToCsv(
      cases.map((c) => c.file),
      { timeoutMs: 580_000 },
    );
    console.info(
      `LibreOffice recalculated ${cases.length} workbooks in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks at least 200 answer sets, reaching every level and Not assessed', () => {
    expect(cases.filter((c) => c.framework === builtInFramework()).length).toBeGreaterThanOrEqual(200);
    const levels = new Set(cases.flatMap((c) => score(c.framework, c.answers).elements.map((e) => e.level)));
    expect(levels).toEqual(new Set([1, 2, 3, 4, 5, null]));
  });

  it('gives every element the same level, level name, coverage, fits and own judgement', () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const result = score(c.framework, c.answers);
      const workbook = sheets.get(c.name)!;
      const summary = byId(workbook.get('Summary'));
      for (const e of result.elements) {
        const row = summary.get(`summary:${e.id}`);
        const shown = {
          level: row?.[2],
          levelName: row?.[3] ?? '',
          coverage: percent(row?.[4]),
          own: row?.[5] ?? '',
        };
        const want = {
          level: e.assessed ? String(e.level) : 'Not assessed',
          levelName: e.levelName ?? '',
          own: e.ownJudgement.name ?? '',
        };
        if (shown.level !== want.level || shown.levelName !== want.levelName || shown.own !== want.own) {
          mismatches.push(
            `${c.name} ${e.id}: LibreOffice ${JSON.stringify(shown)}, engine ${JSON.stringify(want)}`,
          );
        }
        if (Math.abs((shown.coverage ?? -1) - e.coverage) > 1e-9) {
          mismatches.push(`${c.name} ${e.id}: coverage ${shown.coverage} vs ${e.coverage}`);
        }
        const element = byId(workbook.get(e.shortTitle));
        for (const fit of e.fits) {
          const cell = percent(element.get(`fit:${fit.levelId}`)?.[3]);
          if (fit.fit === null ? cell !== null : Math.abs((cell ?? -1) - fit.fit) > 1e-9) {
            mismatches.push(`${c.name} ${fit.levelId}: fit ${cell} vs ${fit.fit}`);
          }
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('keeps text answers that look like formulas as text', () => {
    const ucd = byId(sheets.get(cases[0]!.name)!.get('User centered design'));
    for (const [id, text] of Object.entries(FORMULA_LIKE)) expect(ucd.get(id)?.[4]).toBe(text);
    const start = byId(sheets.get(cases[0]!.name)!.get('Start here'));
    expect(start.get('field:marking')?.[2]).toBe('OFFICIAL');
  });
});
