/**
 * Reader results for report tests, built by hand (the report depends on the `ReadResult` contract,
 * not on the xlsx reader): a realistic department, a hostile one, and an imperfect workbook.
 */
import { builtInFramework, characteristicsOf, type Framework } from '../../src/framework/index.js';
import { emptyAnswers } from '../../src/scoring/index.js';
import type { Diagnostic, ReadResult } from '../../src/workbook/read-result.js';
import { seededRandom } from '../../src/demo/fictional-government.js';

/** The demo's seeded generator (mulberry32), so that every run makes the same data. */
const random = seededRandom;

const EVIDENCE = [
  'Our service standard assessments since 2023 cover this; see the annual digital report.',
  'Partly: two of five departments have teams in place. A cross-government plan is due next spring.',
  'The spending review settlement funds this for three years.',
  'Evidence from the 2024 staff survey (62% agree).',
  'Not yet. A pilot runs in the benefits service until March.',
];

const RESPONSES = [
  'Yes. The digital strategy published last year commits every department to it, and the central digital agency runs a network of senior sponsors who meet monthly.',
  'In part. Larger departments have the tools and people; smaller ones rely on shared contracts, which are slow to use.',
  'We are working on it: a design system exists for the central portal and is being extended.',
];

/**
 * A department's answers: each element gets a profile that falls off towards the higher levels,
 * with `strength` (0–1) per element setting how far up it reaches.
 */
export function sampleResult(
  options: { seed?: number; framework?: Framework; strengths?: number[] } = {},
): ReadResult {
  const framework = options.framework ?? builtInFramework();
  const rnd = random(options.seed ?? 7);
  const answers = emptyAnswers(framework);
  const strengths = options.strengths ?? [0.8, 0.55, 0.3, 0.65, 0.9, 0.4, 0.6];
  framework.elements.forEach((element, ei) => {
    const strength = strengths[ei % strengths.length]!;
    for (const level of element.levels) {
      for (const c of level.characteristics) {
        const r = rnd();
        if (r < 0.04) continue; // unanswered
        if (r < 0.07) {
          answers.ratings[c.id] = "Don't know";
          continue;
        }
        if (r < 0.09) {
          answers.ratings[c.id] = 'Not applicable';
          continue;
        }
        // Lower levels describe a less mature state: a strong element rates them low.
        const lower = level.rank < framework.scoring.stagedFrom;
        const target = lower ? 1 - strength : strength - (level.rank - framework.scoring.stagedFrom) * 0.25;
        const v = Math.max(0, Math.min(3, Math.round(target * 3 + (rnd() - 0.5) * 1.6)));
        answers.ratings[c.id] = ['Not at all', 'Partly', 'Largely', 'Fully'][v]!;
        if (rnd() < 0.35) answers.evidence[c.id] = EVIDENCE[Math.floor(rnd() * EVIDENCE.length)]!;
      }
    }
    for (const q of element.questions) {
      if (rnd() < 0.8) answers.responses[q.id] = RESPONSES[Math.floor(rnd() * RESPONSES.length)]!;
      for (const s of q.subQuestions) {
        if (rnd() < 0.5) answers.responses[s.id] = RESPONSES[Math.floor(rnd() * RESPONSES.length)]!;
      }
    }
    if (ei % 3 !== 2) {
      answers.judgements[element.id] = {
        level: Math.max(1, Math.min(element.levels.length, Math.round(1 + strength * 3 + (ei % 2 ? 1 : 0)))),
        rationale: ei % 2 ? 'We have made strong progress since the last spending review.' : '',
      };
    }
  });
  return {
    meta: {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      contractVersion: '1',
      department: 'Ministry of Digital Services',
      respondent: 'Alex Morgan',
      role: 'Chief Digital Officer',
      contact: 'alex.morgan@example.gov',
      date: '2026-03-12',
      marking: 'OFFICIAL',
    },
    answers,
    diagnostics: [],
  };
}

/** Text that must come out of the report exactly as typed. */
export const HOSTILE = {
  script: '<script>alert("x")</script>',
  amp: 'Fish & chips &amp; more',
  mustache: '{{x}} and {{{y}}} and {{> partial}}',
  emoji: 'Progress 🚀👍🏽 and a family 👨‍👩‍👧',
  arabic: 'التحول الرقمي في الحكومة',
  cjk: '数字化转型 デジタル 디지털',
  control: 'bell\u0007 and escape\u001b[31m red',
  loneSurrogate: 'broken \ud800 pair',
};

/** A result whose free text is hostile, with diagnostics pointing at sheets and cells. */
export function hostileResult(): ReadResult {
  const result = sampleResult({ seed: 11 });
  const framework = builtInFramework();
  const ucd = framework.elements[0]!;
  const ids = characteristicsOf(ucd).map((c) => c.id);
  result.meta.department = `Department of ${HOSTILE.script} ${HOSTILE.amp}`;
  result.meta.respondent = `${HOSTILE.arabic} / ${HOSTILE.cjk}`;
  result.meta.role = HOSTILE.control;
  Object.assign(result.answers.evidence, {
    [ids[0]!]: HOSTILE.script,
    [ids[1]!]: HOSTILE.amp,
    [ids[2]!]: HOSTILE.mustache,
    [ids[3]!]: HOSTILE.emoji,
    [ids[4]!]: HOSTILE.arabic,
    [ids[5]!]: HOSTILE.cjk,
    [ids[6]!]: HOSTILE.control,
    [ids[7]!]: HOSTILE.loneSurrogate,
  });
  for (const id of ids.slice(0, 8)) result.answers.ratings[id] ??= 'Partly';
  result.answers.responses[ucd.questions[0]!.id] =
    `Line one\nLine two ${HOSTILE.mustache}\n${HOSTILE.arabic}`;
  result.diagnostics = imperfectDiagnostics();
  return result;
}

export function imperfectDiagnostics(): Diagnostic[] {
  return [
    {
      severity: 'warning',
      code: 'unanswered',
      message: '12 characteristics of Data driven are unanswered.',
      sheet: 'Data driven',
      elementId: 'data',
    },
    {
      severity: 'error',
      code: 'rating-off-scale',
      message: '"Mostly" is not on the rating scale.',
      fix: 'Choose one of the ratings from the dropdown list.',
      sheet: 'User centered design',
      cell: 'D14',
      itemId: 'ucd.l2.03',
      elementId: 'ucd',
    },
    {
      severity: 'error',
      code: 'duplicate-id',
      message: 'The characteristic id "culture.l3.02" appears twice; the second row was ignored.',
      fix: 'Delete the copied row.',
      sheet: 'Culture of digital by design',
      cell: 'A22',
      itemId: 'culture.l3.02',
      elementId: 'culture',
    },
    {
      severity: 'info',
      code: 'edited-formula',
      message: 'A summary formula was changed; the report recomputes all levels.',
      sheet: 'Summary',
      cell: 'C5',
    },
  ];
}

/** A workbook with an element sheet missing: that element is not assessed. */
export function imperfectResult(): ReadResult {
  const result = sampleResult({ seed: 3 });
  const framework = builtInFramework();
  const funding = framework.elements.find((e) => e.id === 'funding')!;
  for (const c of characteristicsOf(funding)) delete result.answers.ratings[c.id];
  result.diagnostics = [
    ...imperfectDiagnostics(),
    {
      severity: 'error',
      code: 'sheet-missing',
      message: 'The sheet "Funding and capacity" is missing.',
      fix: 'Send the workbook again with all element sheets.',
      sheet: 'Funding and capacity',
      elementId: 'funding',
    },
  ];
  return result;
}
