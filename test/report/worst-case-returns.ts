/**
 * Returns that put every part of the brief (template `ministerial`) at its worst, for the test that
 * proves the brief keeps its fixed shape (test/report/worst-case-brief.test.ts): the longest labels
 * (a reading whose labels are 70 characters of wide letters), the longest free text (department,
 * respondents, roles, files, own-judgement rationale, evidence), CJK text, every list over its cap,
 * six respondents disagreeing everywhere, a previous round with a change in every element,
 * data-quality problems, elements not assessed, the longest protective marking allowed. Some worst
 * cases exclude each other (a return too incomplete to act on has no full element pages; a
 * two-respondent annex has a column per respondent), so there are several.
 */
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import {
  characteristicsOf,
  readingOf,
  withReading,
  type Framework,
  type FrameworkReading,
} from '../../src/framework/index.js';
import { mergeReturns } from '../../src/moderation/index.js';
import { MARKING_MAX } from '../../src/report/brief-caps.js';
import type { ReportInput } from '../../src/report/index.js';
import { buildPeerCohort } from '../../src/report/peers.js';
import { emptyAnswers, score, type Answers } from '../../src/scoring/index.js';
import type { Diagnostic, ReadResult } from '../../src/workbook/read-result.js';
import { frameworkWithReading } from '../helpers/framework-reading.js';

/** Text as wide as text gets in Arial: capitals W and M (about 0.94 and 0.83 em). */
function wide(length: number, seed = 0): string {
  const words = ['WMWMW', 'MWWM', 'WWMWMM', 'MMW', 'WMMWW'];
  let out = '';
  for (let i = seed; out.length < length; i++) out += (out ? ' ' : '') + words[i % words.length];
  return out.slice(0, length).trimEnd().padEnd(length, 'W');
}

/** CJK text (each character one em wide, and a taller line in the fallback font). */
function cjk(length: number): string {
  const text = '数字化转型与数据治理办公室首席数字官兼副主任负责跨部门共享平台建设';
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

/**
 * The built-in framework with a reading whose every label is `length` characters of wide letters
 * (`--reading`): 70, wider than a run-on list names (BRIEF_ITEM_EM: such items are counted), or
 * short enough that the lists name as many as their width allows (BRIEF_LIST_EM).
 */
export function wideReadingFramework(length = 70): Framework {
  const base = frameworkWithReading();
  const characteristics: FrameworkReading['characteristics'] = {};
  let i = 0;
  for (const e of base.elements)
    for (const c of characteristicsOf(e)) {
      const r = readingOf(base, c.id)!;
      // A complete clause of 70 characters: no ellipsis (the reading's rule).
      characteristics[c.id] = { polarity: r.polarity, actor: r.actor, label: wide(length, i++) };
    }
  const { reading: _, ...bare } = base;
  return withReading(
    bare as Framework,
    {
      provenance: { by: 'worst-case test', date: '2026-12-07', basis: `labels of ${length} wide letters` },
      characteristics,
    },
    'worst-case reading',
  );
}

const RATINGS = {
  fully: 'Fully',
  largely: 'Largely',
  partly: 'Partly',
  none: 'Not at all',
  dk: "Don't know",
};

/**
 * Answers that fill every list of an element page: the result level (`target`) reached with strengths
 * rated Partly and items not assessed, the next level with many ranked steps and items not yet
 * assessed, every weakness at or below the result describing the department, long evidence
 * everywhere, and the respondent's own level differing, with a long reason.
 */
function worstAnswers(framework: Framework, targets: readonly number[], variant = 0): Answers {
  const answers = emptyAnswers(framework);
  const { stagedFrom } = framework.scoring;
  framework.elements.forEach((element, ei) => {
    const target = targets[ei % targets.length]!;
    for (const level of element.levels) {
      level.characteristics.forEach((c, j) => {
        const weakness = readingOf(framework, c.id)?.polarity === 'weakness';
        const k = j + variant;
        let rating: string;
        if (level.rank < stagedFrom && level.rank <= target)
          rating = weakness ? RATINGS.fully : k % 3 === 0 ? RATINGS.dk : RATINGS.partly;
        else if (level.rank === target)
          rating = k % 4 === 1 ? RATINGS.partly : k % 4 === 3 ? RATINGS.dk : RATINGS.fully;
        else if (level.rank === target + 1)
          rating = k % 3 === 0 ? RATINGS.dk : k % 3 === 1 ? RATINGS.partly : RATINGS.none;
        else rating = RATINGS.none;
        answers.ratings[c.id] = rating;
        answers.evidence[c.id] = `${wide(120, j)} ${cjk(40)}`;
      });
    }
    for (const q of element.questions) answers.responses[q.id] = `${wide(300)} ${cjk(100)}`;
    answers.judgements[element.id] = { level: 1, rationale: `${cjk(150)} ${wide(450, ei)}` };
  });
  // The respondent's own level one away from the computed one, in every element.
  const scores = score(framework, answers);
  framework.elements.forEach((element, ei) => {
    const level = scores.elements[ei]!.level;
    if (level === null) return;
    answers.judgements[element.id]!.level = level === element.levels.length ? level - 1 : level + 1;
  });
  return answers;
}

const meta = (framework: Framework, respondent: string, role: string) => ({
  frameworkId: framework.id,
  frameworkVersion: framework.version,
  contractVersion: '1',
  department: `${cjk(40)} ${wide(160)}`,
  respondent,
  role,
  contact: `${wide(60).replace(/ /g, '.')}@example.gov`,
  date: '2026-03-31',
  marking: wide(MARKING_MAX),
});

/** Many problems that each leave an answer out, with long messages, on every element. */
function worstDiagnostics(framework: Framework, count = 24): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < count; i++) {
    const element = framework.elements[i % framework.elements.length]!;
    const all = characteristicsOf(element);
    const c = all[i % all.length]!;
    // The longest effect the brief's table shows ("Not counted: the rating was typed outside …") on every other row.
    out.push({
      severity: 'error',
      code: i % 2 ? 'rating-in-wrong-column' : 'rating-off-scale',
      message: `"${wide(90, i)} ${cjk(30)}" is not on the rating scale.`,
      fix: 'Choose one of the ratings from the dropdown list.',
      sheet: `${element.title} ${wide(40)}`,
      cell: `D${100 + i}`,
      itemId: c.id,
      elementId: element.id,
    });
  }
  return out;
}

/** The round before: a different level in every element (up, down, newly assessed, no longer assessed). */
function previousLevels(framework: Framework, current: Answers): ReportInput['previousLevels'] {
  const now = score(framework, current);
  return {
    department: null,
    date: '2025-03-10',
    elements: now.elements.map((e, i) => ({
      id: e.id,
      level: i % 4 === 3 ? null : e.level === null ? 2 : e.level === 1 ? 2 : e.level - 1,
    })),
  };
}

function peers(framework: Framework): NonNullable<ReportInput['peers']> {
  return buildPeerCohort(
    fictionalGovernment(framework, 12, 2026).map((d) => score(framework, d.answers)),
    framework,
  );
}

/** Respondents with long names and roles, half of them in CJK. */
function respondent(i: number): { name: string; role: string; file: string } {
  return i % 2
    ? { name: cjk(24), role: cjk(40), file: `${cjk(30)} ${i}.xlsx` }
    : {
        name: `${wide(40, i)} ${i}`,
        role: `Deputy Director ${wide(60, i)}`,
        file: `${wide(70, i)} ${i}.xlsx`,
      };
}

/** Several respondents disagreeing on nearly every characteristic: each says "Don't know" where the others rate. */
function consolidated(framework: Framework, count: number, targets: readonly number[]) {
  const base = worstAnswers(framework, targets);
  const ids = framework.elements.flatMap((e) => characteristicsOf(e).map((c) => c.id));
  const returns = Array.from({ length: count }, (_, i) => {
    const r = respondent(i);
    const answers: Answers = structuredClone(base);
    ids.forEach((id, j) => {
      if (j % count === i && answers.ratings[id] !== RATINGS.dk) answers.ratings[id] = RATINGS.dk;
    });
    for (const e of framework.elements)
      answers.judgements[e.id] = { ...base.judgements[e.id]!, rationale: `${cjk(100)} ${wide(300, i)}` };
    const read: ReadResult = {
      meta: meta(framework, r.name, r.role),
      answers,
      diagnostics: i === 0 ? worstDiagnostics(framework) : [],
    };
    return { file: r.file, read };
  });
  return mergeReturns(framework, returns, 'median', 'apply-rule');
}

export interface WorstCase {
  name: string;
  input: ReportInput;
}

/** The worst cases, each a report input for `buildViewModel`. */
export function worstCases(now = new Date('2026-12-07T10:00:00Z')): WorstCase[] {
  const framework = wideReadingFramework();
  const options = { now };
  const cases: WorstCase[] = [];

  // Everything at once: six respondents, peers, a previous round, data quality, own views differing.
  {
    const targets = [3, 3, 2, 3, 3, 2, 3];
    const merged = consolidated(framework, 6, targets);
    cases.push({
      name: 'six-respondents',
      input: {
        framework,
        current: merged.read,
        previousLevels: previousLevels(framework, merged.read.answers),
        // As `dmf report --force` words it, with a long department and file.
        previousWarning:
          `Compared with another department’s previous round: ${cjk(30)} ${wide(80)} (${wide(60)}.xlsx), ` +
          'not this department’s own, as the person who made this report asked.',
        peers: peers(framework),
        consolidation: merged.summary,
        options,
      },
    });
  }
  // Two respondents: a column each, headed with their (long) names.
  {
    const merged = consolidated(framework, 2, [3, 2, 3, 2, 3, 2, 3]);
    cases.push({
      name: 'two-respondents',
      input: {
        framework,
        current: merged.read,
        previousLevels: previousLevels(framework, merged.read.answers),
        peers: peers(framework),
        consolidation: merged.summary,
        options,
      },
    });
  }
  // One respondent, every element assessed, every list full, the longest names.
  {
    const r = respondent(0);
    const answers = worstAnswers(framework, [3, 2, 3, 3, 2, 3, 3], 1);
    cases.push({
      name: 'one-respondent',
      input: {
        framework,
        current: {
          meta: meta(framework, `${r.name} ${cjk(60)}`, `${r.role} ${cjk(60)}`),
          answers,
          diagnostics: worstDiagnostics(framework, 40),
        },
        previousLevels: previousLevels(framework, answers),
        peers: peers(framework),
        options,
      },
    });
  }
  // Too incomplete to act on: the return must be completed first; three elements not assessed, with
  // problems; the rest with few answers.
  {
    const answers = worstAnswers(framework, [3, 2, 3, 2, 3, 2, 3]);
    framework.elements.forEach((e, ei) => {
      characteristicsOf(e).forEach((c, j) => {
        if (ei % 2 === 1 || j % 3 !== 0) delete answers.ratings[c.id];
      });
    });
    const diagnostics = worstDiagnostics(framework, 30).concat(
      framework.elements
        .filter((_, ei) => ei % 2 === 1)
        .map((e) => ({
          severity: 'error' as const,
          code: 'sheet-missing',
          message: `The sheet "${e.title} ${wide(60)}" is missing.`,
          fix: 'Send the workbook again with all element sheets.',
          sheet: `${e.title} ${wide(40)}`,
          elementId: e.id,
        })),
    );
    cases.push({
      name: 'incomplete',
      input: {
        framework,
        current: {
          meta: meta(framework, cjk(80), cjk(80)),
          answers,
          diagnostics,
        },
        previousLevels: previousLevels(framework, answers),
        peers: peers(framework),
        options,
      },
    });
  }
  return cases;
}

/**
 * Run-on lists that name what they can: labels of 26 wide letters (26 ems by `widthEm`), so that
 * each list of every element page names as much as BRIEF_LIST_EM lets it, with an element title on
 * two lines and the respondent's own view differing with a long CJK reason. With every list at its
 * cap at once, four of its element pages are not proved to fit as built (page 9 ran one line over
 * in LibreOffice): the renderer makes those pages' lists shorter until they are
 * (src/report/element-lists.ts). test/report/worst-case-brief.test.ts requires it with the others;
 * bench/page-slack.ts reports its slack (`--lists-em N` for the shortened lists).
 */
export function namedListsCase(now = new Date('2026-12-07T10:00:00Z')): WorstCase {
  const listed = wideReadingFramework(26);
  const answers = worstAnswers(listed, [3, 2, 3, 3, 2, 3, 3], 2);
  return {
    name: 'named-lists',
    input: {
      framework: listed,
      current: {
        meta: meta(listed, respondent(2).name, respondent(2).role),
        answers,
        diagnostics: worstDiagnostics(listed, 40),
      },
      previousLevels: previousLevels(listed, answers),
      peers: peers(listed),
      options: { now },
    },
  };
}
