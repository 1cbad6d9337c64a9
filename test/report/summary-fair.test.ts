/**
 * A fair cross-government picture (issue 13): medians and counts, never averages; departments with
 * low coverage shown but not counted; the heat map's order, colours and column labels; common gaps
 * as shares of the departments that could close them; returns to challenge; the response rate.
 * Judged on hand-made batches whose levels are known.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework, characteristicsOf } from '../../src/framework/index.js';
import { LEVEL_SHADES } from '../../src/report/level-shades.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { medianLevel } from '../../src/report/peers.js';
import {
  buildSummaryModel,
  renderSummary,
  type SummaryEntry,
  type SummaryViewModel,
} from '../../src/report/summary/index.js';
import {
  departmentMatchKey,
  ExpectedListError,
  parseExpectedCsv,
  responseRate,
} from '../../src/report/summary/expected.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { paragraphTexts, unzipDocx } from './docx-xml.js';
import { department, flat, type HandMade } from './hand-made-batch.js';

const f = builtInFramework();
const entry = (d: HandMade, i = 0): SummaryEntry => ({
  department: d.department,
  file: `${i}.xlsx`,
  scores: d.scores,
  answers: d.answers,
  errorCount: 0,
  duplicateDepartment: false,
});

/**
 * Six counted departments and one with low coverage, whose levels (all 4) would lift every figure
 * if it were counted. Element 0 (User centered design): levels 1,1,2,2,2,3 → median 2.
 */
function batch(): HandMade[] {
  return [
    department(f, 'Zeta Office', [1, 1, 1, 2, 1, 1, 2]),
    department(f, 'Alpha Agency', [1, 1, 2, 1, 1, 2, 1]),
    department(f, 'Beta Board', [2, 2, 2, 2, 2, 2, 2]),
    department(f, 'Gamma Group', [2, 3, 2, 3, 2, 3, 3]),
    department(f, 'Delta Department', [2, 2, 3, 2, 2, 2, 2]),
    department(f, 'Epsilon Executive', [3, 3, 3, 3, 3, 3, 3]),
    department(f, 'Omega Office', flat(f, 4), { answered: 0.45 }),
  ];
}
const build = (ds: HandMade[] = batch(), expected?: string[]): SummaryViewModel =>
  buildSummaryModel(f, ds.map(entry), [], {
    generatedOn: '29 November 2026',
    ...(expected ? { expected } : {}),
  });

describe('levels are counted and their median taken, never averaged', () => {
  const m = build();

  it('takes the lower middle level as the median of an even number of levels', () => {
    expect(medianLevel([1, 2, 3, 4])).toBe(2);
    expect(medianLevel([3, 1, 2])).toBe(2);
    expect(medianLevel([])).toBeNull();
  });

  it('has no average anywhere in the model', () => {
    const json = JSON.stringify(m);
    expect(json).not.toMatch(/"mean|average/i);
    expect(m.distribution[0]!.median).toBe(2);
    expect(m.distribution[0]!.counts.map((c) => c.count)).toEqual([2, 3, 1, 0]);
  });

  it('opens with the picture: departments at each overall level, weakest elements, who needs help first', () => {
    // Overall (median of each department's levels): Zeta 1, Alpha 1, Beta 2, Gamma 3, Delta 2, Epsilon 3.
    expect(m.overall.map((c) => c.count)).toEqual([2, 2, 2, 0]);
    expect(m.bottomLine[0]).toBe(
      'Of the 6 departments counted, 2 are at level 1 overall, 2 at level 2, 2 at level 3 and none at level 4.',
    );
    // Issue 22: every element has median 2, and the bottom line says so instead of naming three.
    expect(m.bottomLine[1]).toBe(
      'All 7 elements have the same median, level 2, so the median does not tell them apart.',
    );
    // Alpha Agency and Zeta Office are both at level 1 overall; Zeta has 5 of 7 elements at level 1, Alpha 5 of 7 too.
    expect(m.needHelpFirst.map((d) => d.department)).toEqual(['Alpha Agency', 'Zeta Office']);
    expect(m.bottomLine).toContain(
      'The departments that need help first are Alpha Agency and Zeta Office: overall level 1, the lowest.',
    );
  });

  it('orders the weakest elements by median, then by the share of departments at the lowest levels, keeping ties', () => {
    // Every median is 2, so every element is among the weakest (issue 22: ties are kept, not cut
    // at three). Two at level 1 in UCD, Culture and Leadership; three at level 2 in UCD and
    // Leadership (which tie, so the title decides), two in Culture.
    expect(m.weakestElements).toHaveLength(7);
    expect(new Set(m.weakestElements.map((w) => w.median))).toEqual(new Set([2]));
    expect(m.weakestElements.slice(0, 3).map((w) => w.title)).toEqual([
      'Senior leadership buy-in and appropriate governance',
      'User centered design',
      'A culture of digital by design',
    ]);
    expect(m.bottomLine[2]).toMatch(
      /^What separates them is the share of departments at level 1: Senior leadership buy-in and appropriate governance \(2 of 6\), User centered design \(2 of 6\), A culture of digital by design \(2 of 6\), /,
    );
    expect(m.bottomLine[2]).toMatch(
      /Senior leadership buy-in and appropriate governance, User centered design and A culture of digital by design are level on this too\.$/,
    );
  });
});

describe('departments with low coverage are shown but not counted', () => {
  const m = build();
  const omega = m.heatMap.find((r) => r.department === 'Omega Office')!;

  it('lists them in the heat map, last and marked', () => {
    expect(omega.counted).toBe(false);
    expect(m.heatMap.at(-1)).toBe(omega);
    expect(omega.cells.every((c) => c.text === '4')).toBe(true);
  });

  it('leaves them out of the distribution, the medians, the overall counts and the common gaps', () => {
    expect(m.countedCount).toBe(6);
    for (const d of m.distribution) {
      expect(d.counts.reduce((n, c) => n + c.count, 0) + d.notAssessed).toBe(6);
      expect(d.counts[3]!.count).toBe(0);
    }
    expect(m.overall.reduce((n, c) => n + c.count, 0)).toBe(6);
    for (const g of m.commonGaps) expect(g.base).toBeLessThanOrEqual(6);
  });

  it('says so', () => {
    expect(m.bottomLine).toContain(
      '1 department answered less than 50% of its workbook: it is shown in the heat map but left out of these figures.',
    );
    expect(m.lowCoverage.map((d) => d.department)).toEqual(['Omega Office']);
  });
});

describe('the heat map', () => {
  const m = build();

  it('sorts departments by their median level, lowest first, then by name', () => {
    expect(m.heatMap.map((r) => `${r.medianText} ${r.department}`)).toEqual([
      '1 Alpha Agency',
      '1 Zeta Office',
      '2 Beta Board',
      '2 Delta Department',
      '3 Epsilon Executive',
      '3 Gamma Group',
      '4 Omega Office',
    ]);
  });

  it('puts the number in every cell and a shade that darkens with the level', () => {
    for (const row of m.heatMap)
      for (const c of row.cells) {
        expect(c.text).toBe(c.level === null ? '–' : String(c.level));
        expect(c.shade).toBe(c.level === null ? 'l0' : `l${c.level}`);
      }
    expect(m.key.map((k) => `${k.text} ${k.shade}`)).toEqual(['1 l1', '2 l2', '3 l3', '4 l4', '– l0']);
  });

  it('has fills that get darker with the level, matching the template, with text at 4.5:1 or more', () => {
    const css = readFileSync(join(__dirname, '../../templates/summary/style.css'), 'utf8');
    const rule = (cls: string) => {
      const body = new RegExp(`td\\.${cls}\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
      return {
        fill: /background-color:\s*#([0-9a-f]{6})/i.exec(body)?.[1]?.toUpperCase(),
        text: /[^-]color:\s*#([0-9a-f]{6})/i.exec(body)?.[1]?.toUpperCase(),
      };
    };
    const shades = [1, 2, 3, 4].map((l) => rule(`l${l}`));
    expect(shades).toEqual(LEVEL_SHADES.map((s) => ({ fill: s.fill, text: s.text })));
    const luminance = shades.map((s) => relativeLuminance(s.fill!));
    // Steadily darker, and far enough apart to tell in greyscale (contrast 1.4:1 or more between neighbours).
    for (let i = 1; i < luminance.length; i++) {
      expect(luminance[i]!).toBeLessThan(luminance[i - 1]!);
      expect(contrast(shades[i - 1]!.fill!, shades[i]!.fill!)).toBeGreaterThanOrEqual(1.4);
    }
    for (const s of [...shades, rule('l0')]) expect(contrast(s.fill!, s.text!)).toBeGreaterThanOrEqual(4.5);
  });

  it('makes each element column wide enough for the longest word of its short title', () => {
    const share = (w: string) => Number(w.replace('%', ''));
    const total =
      m.elements.reduce((n, e) => n + share(e.width), 0) +
      share(m.columns.department) +
      share(m.columns.median) +
      share(m.columns.answered);
    expect(total).toBeLessThanOrEqual(100);
    const tech = m.elements.find((e) => e.id === 'technology')!;
    const data = m.elements.find((e) => e.id === 'data')!;
    expect(share(tech.width)).toBeGreaterThan(share(data.width));
  });
});

describe('most common gaps', () => {
  // Issue 22 changed the meaning: the base is the departments one level below that rated the
  // characteristic (was: all of them), and the limit of two per element is gone (ties are kept).
  it('are shares of the departments one level below that rated it, widest first', () => {
    const ds = batch();
    const m = build(ds);
    expect(m.commonGaps.length).toBeGreaterThan(0);
    for (const g of m.commonGaps) {
      const element = f.elements.find((e) => e.title === g.elementTitle)!;
      const below = m.heatMap
        .filter((r) => r.counted && r.cells.find((c) => c.elementId === element.id)!.level === g.rank - 1)
        .map((r) => ds.find((d) => d.department === r.department)!);
      expect(g.departmentsBelow).toBe(below.length);
      const rated = below.filter((d) => d.answers.ratings[g.itemId] !== undefined);
      expect(g.base).toBe(rated.length);
      expect(g.departments).toBe(rated.filter((d) => d.answers.ratings[g.itemId] === 'Not at all').length);
      expect(g.share).toBeCloseTo(g.departments / g.base);
      expect(g.shareText).toBe(`${g.departments} of ${g.base} that rated it (${Math.round(g.share * 100)}%)`);
    }
    const shares = m.commonGaps.map((g) => g.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('never rest on a single department', () => {
    // Data driven has one department at level 1 (Zeta Office): its gaps to level 2 are not listed.
    for (const g of build().commonGaps) expect(g.base).toBeGreaterThanOrEqual(2);
  });
});

describe('returns to challenge and own view', () => {
  const allFully = (() => {
    const answers = emptyAnswers(f);
    for (const c of f.elements.flatMap(characteristicsOf)) answers.ratings[c.id] = 'Fully';
    return { department: 'Same Everywhere', answers, scores: score(f, answers) };
  })();
  const ds = [
    ...batch(),
    department(f, 'Top Without Evidence', flat(f, 4)),
    department(f, 'Top With Evidence', flat(f, 4), { evidence: true }),
    department(f, 'Own View High', flat(f, 2), { ownView: [4, 3, 2, 2, 2, 2, 1] }),
    allFully,
  ];
  const m = build(ds);
  const reasons = (name: string) => m.challenges.find((c) => c.department === name)?.reasons ?? [];

  it('flags every element at the top level with little evidence', () => {
    expect(reasons('Top Without Evidence')).toEqual([
      expect.stringMatching(
        /^every element is at level 4 \(the top\), with evidence for only 0 of the \d+ characteristics rated as in place$/,
      ),
    ]);
    expect(reasons('Top With Evidence')).toEqual([]);
  });

  it('flags an own view two or more levels above the computed level', () => {
    expect(reasons('Own View High')).toEqual([
      'the respondent’s own view is two or more levels above the computed level in User centered design',
    ]);
  });

  it('flags the same rating on every characteristic of a sheet', () => {
    expect(reasons('Same Everywhere').find((r) => r.startsWith('the same rating'))).toMatch(
      /^the same rating is given to every characteristic of User centered design \(“Fully”\), .* and Digital capability \(“Fully”\)$/,
    );
  });

  it('leaves ordinary returns alone', () => {
    // Omega Office (every element at level 4, no evidence) is rightly challenged.
    for (const d of batch().slice(0, 6)) expect(reasons(d.department)).toEqual([]);
    expect(reasons('Omega Office')).toHaveLength(1);
  });

  it('gives each department its own view against the computed level', () => {
    const row = m.ownViews.find((o) => o.department === 'Own View High')!;
    expect(row).toMatchObject({ judged: 7, same: 4, higher: 2, lower: 1 });
    // Level 2 everywhere; own view 1 in the last element is lower.
    expect(row.text).toBe('Agrees in 4 of 7; higher in 2; lower in 1');
    expect(m.ownViews.find((o) => o.department === 'Beta Board')!.text).toBe('Not given');
  });
});

describe('the departments asked to respond (--expected)', () => {
  it('reads a CSV with a byte order mark, a header row, quotes and other columns', () => {
    const text =
      '\uFEFFCode,"Department"\r\n1,"Zeta Office"\r\n2,"Health, Care & Justice"\r\n3,"Say ""hi"""\r\n\r\n4,zeta  office.\r\n';
    expect(parseExpectedCsv(text, 'asked.csv')).toEqual([
      'Zeta Office',
      'Health, Care & Justice',
      'Say "hi"',
    ]);
  });

  it('reads one name a line without a header, and semicolons', () => {
    expect(parseExpectedCsv('Alpha Agency\nBeta Board\n', 'a.csv')).toEqual(['Alpha Agency', 'Beta Board']);
    expect(parseExpectedCsv('Organisation;Size\nAlpha Agency;3\n', 'a.csv')).toEqual(['Alpha Agency']);
  });

  it('refuses what it cannot use with one line that says what to do', () => {
    const error = (text: string) => {
      try {
        parseExpectedCsv(text, 'asked.csv');
      } catch (e) {
        expect(e).toBeInstanceOf(ExpectedListError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(error('')).toBe(
      'asked.csv: no department names; put one department a line, or in a column headed "Department"',
    );
    expect(error('a,b\nc,d\n')).toMatch(/^asked\.csv: several columns and none headed "Department"; /);
    expect(error('Department\n"Alpha\n')).toBe(
      'asked.csv, line 2: a quoted name is never closed; add the closing quote (")',
    );
    expect(error('Department\n\n')).toMatch(/^asked\.csv: the "Department" column is empty/);
  });

  it('matches names whatever their case, spaces and punctuation', () => {
    expect(departmentMatchKey('  Department for Health & Care. ')).toBe(
      departmentMatchKey('department for health and care'),
    );
    const r = responseRate(
      ['Alpha Agency', 'beta  board', 'Nobody Home'],
      ['Alpha agency', 'Beta Board', 'Surprise Unit'],
    );
    expect(r).toEqual({
      text: '2 of the 3 departments asked to respond returned a workbook that could be read (67%). Not yet returned: Nobody Home.',
      asked: 3,
      returned: 2,
      rateText: '67%',
      missing: ['Nobody Home'],
      notOnList: ['Surprise Unit'],
    });
  });

  it('gives the response rate and who has not returned; without a list, claims nothing', () => {
    const m = build(batch(), ['Alpha Agency', 'ZETA OFFICE', 'Missing Ministry']);
    expect(m.response).toMatchObject({ asked: 3, returned: 2, missing: ['Missing Ministry'] });
    expect(build().response).toBeNull();
  });
});

describe('summary.docx of a hand-made batch', () => {
  let bytes: Uint8Array;
  let plain: Uint8Array;
  beforeAll(async () => {
    const template = await loadTemplate('summary');
    bytes = await renderSummary(build(batch(), ['Alpha Agency', 'Missing Ministry']), template);
    plain = await renderSummary(build(), template);
  }, 120_000);

  const text = (b: Uint8Array) => paragraphTexts(unzipDocx(b).part('word/document.xml')).join('\n');

  it('opens the overview with the bottom line and says who has not returned', () => {
    const t = text(bytes);
    expect(t).toMatch(/Overview\nOf the 6 departments counted, 2 are at level 1 overall/);
    expect(t).toContain('Missing Ministry');
    expect(t).toMatch(
      /1 of the 2 departments asked to respond returned a workbook that could be read \(50%\)/,
    );
    expect(t).not.toMatch(/average (level|of)/i);
  });

  it('says nothing about who was asked without a list', () => {
    expect(text(plain)).not.toMatch(/asked to respond|response rate|not returned/i);
  });

  const soffice = findWriter();
  const pdftotext = findTool('pdftotext');
  const skip =
    skipWithout(soffice, 'LibreOffice Writer', 'laying out the heat map') ||
    skipWithout(pdftotext, 'pdftotext', 'reading the heat map’s column labels');
  it.skipIf(skip)(
    'never breaks an element’s short title inside a word in the heat map (LibreOffice PDF)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'dmf-summary-fair-'));
      writeFileSync(join(dir, 'summary.docx'), plain);
      convertToPdf(soffice!, [join(dir, 'summary.docx')], dir, 180_000);
      const pdf = execFileSync(pdftotext!, ['-enc', 'UTF-8', join(dir, 'summary.pdf'), '-'], {
        encoding: 'utf8',
      });
      // The header row of the heat map: from its caption to its first department.
      const start = pdf.indexOf('Computed level by department and element');
      const header = pdf.slice(start, pdf.indexOf('Alpha Agency', start));
      expect(start).toBeGreaterThan(0);
      const tokens = new Set(header.split(/\s+/));
      for (const e of f.elements)
        for (const word of e.shortTitle.split(/\s+/))
          expect(tokens, `"${word}" of "${e.shortTitle}"`).toContain(word);
      for (const word of ['Department', 'Median', 'Answered']) expect(tokens).toContain(word);
    },
    200_000,
  );
});

/** WCAG 2 relative luminance of a hex colour. */
function relativeLuminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [relativeLuminance(a), relativeLuminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('who needs help first', () => {
  it('names one department with its count of elements at level 1', () => {
    const m = build([department(f, 'Solo', [1, 1, 1, 2, 2, 1, 1]), ...batch().slice(2, 6)]);
    expect(m.bottomLine).toContain(
      'The department that needs help first is Solo: overall level 1, the lowest, with 5 of 7 elements at level 1.',
    );
  });

  it('names at most three, those with the most elements at level 1, when more share the lowest level', () => {
    // `ones` elements at level 1, the others at 2: four or more ones make the median 1.
    const low = (name: string, ones: number) =>
      department(
        f,
        name,
        f.elements.map((_, i) => (i < ones ? 1 : 2)),
      );
    const m = build([
      low('Four Ones', 4),
      low('Five Ones', 5),
      low('Six Ones', 6),
      low('Also Four', 4),
      ...batch().slice(2, 6),
    ]);
    expect(m.needHelpFirst.map((d) => d.department)).toEqual(['Six Ones', 'Five Ones', 'Also Four']);
    expect(m.bottomLine).toContain(
      // Four Ones ties with Also Four, the last named: the limit of three is said aloud (issue 22).
      '4 departments are at overall level 1, the lowest; those with the most elements at level 1, who need help first, are Six Ones, Five Ones and Also Four.' +
        ' 1 more department has as large a share of its elements at level 1 as the last one named; the heat map lists it.',
    );
  });
});
