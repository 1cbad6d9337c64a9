/**
 * From what a workbook said to what the report shows: validates the answers, scores them with the
 * engine, and arranges the results, the framework's words and the workbook's diagnostics into the
 * report view model. Pure and browser-safe; the only clock is `options.now`.
 */
import type { Framework, Level } from '../framework/index.js';
import { characteristicsOf } from '../framework/lookup.js';
import type { Answers, ElementResult, ScoreResult } from '../scoring/index.js';
// The scoring modules themselves, not its index, which also brings the answers' zod schema: the
// answers here are typed (read, consolidated or validated already), so they are checked against
// the framework without zod (docs/performance.md, issue 24 session 7).
import { AnswersError, checkAnswers } from '../scoring/answers-check.js';
import { describeConfidence, describeRule } from '../scoring/describe-rule.js';
import { matchRating } from '../scoring/ratings.js';
import { score } from '../scoring/score.js';
import type { ConsolidationSummary } from '../moderation/summary.js';
import { cleanText } from '../text/safe-text.js';
import type { ReadResult } from '../workbook/read-result.js';
import {
  advise,
  adviceRule,
  TOP_STEPS,
  type Advice,
  type AdviceItem,
  type ElementAdvice,
  type PutInPlace,
} from '../advice/index.js';
import {
  asks,
  completeFirst,
  firmness,
  moveAwayFrom,
  rangesText,
  respondentsText,
  topPriorities,
  verdict,
} from './brief.js';
import {
  RULE_PARAGRAPHS_BRIEF,
  briefTextOrNull,
  checkMarking,
  isShortened,
  previousWarningBrief,
  RATIONALE_MAX,
  coverBrief,
  problemsBriefOf,
  topStepsBrief,
} from './brief-caps.js';
import { characteristicRows, shortTextOf } from './characteristic-row.js';
import { fitPlainText, restsOn } from './rests-on.js';
import { borderlineList, moveAwayList, notYetAssessedList } from './element-lists.js';
import { compareElement } from './compare-rounds.js';
import { comparePeers, type PeerCohort } from './peers.js';
import { dataQuality, diagnosticRows, elementProblemsEffect } from './data-quality.js';
import { consolidationBrief } from './disagreements-brief.js';
import {
  govDate,
  levelText,
  listText,
  numberWord,
  percent,
  plural,
  pluralWords,
  workbookDate,
} from './format.js';
import {
  VIEW_MODEL_VERSION,
  type Change,
  type CharacteristicRow,
  type Completeness,
  type DiagnosticRow,
  type ElementRef,
  type ElementSection,
  type JudgementDifference,
  type LevelRange,
  type NextSteps,
  type Priority,
  type ProfileEnd,
  type ProfileRow,
  type ReportViewModel,
  type Summary,
} from './view-model.js';
import { levelSummary } from './level-summary.js';

export interface ReportOptions {
  /** Protective marking for headers and footers; default: the workbook's, else "OFFICIAL". Give '' for none. */
  marking?: string;
  /** Cover title; default "Digital maturity assessment". */
  title?: string;
  /** Author document property; default the department, else "dgx-maturity". */
  author?: string;
  /** Name of the file the answers came from, shown on the cover. */
  sourceName?: string;
  /** Name of the previous round's file. */
  previousSourceName?: string;
  /** The report date; default now. */
  now?: Date;
}

export interface ReportInput {
  framework: Framework;
  /** What the workbook reader returned for this round. */
  current: ReadResult;
  /** The previous round, to show the change per element; optional. */
  previous?: ReadResult | null;
  /** The previous round's levels alone (from its results.csv), used when `previous` is not given. */
  previousLevels?: PreviousLevels | null;
  /**
   * Said beside the comparison when it is not with the department's own previous round (accepted
   * with `dmf report --force`); null or absent: it is.
   */
  previousWarning?: string | null;
  /** The batch's departments (`buildPeerCohort`), for "How you compare"; none for a report alone. */
  peers?: PeerCohort | null;
  options?: ReportOptions;
  /** Several respondents consolidated into `current` (src/moderation); null or absent: one. */
  consolidation?: ConsolidationSummary | null;
}

/** The previous round's level per element and its date, without its answers (src/round/previous-round.ts). */
export interface PreviousLevels {
  department: string | null;
  date: string | null;
  elements: readonly { id: string; level: number | null }[];
}

/** Marking used when neither the command line nor the workbook gives one: the UK baseline. */
export const DEFAULT_MARKING = 'OFFICIAL';

const BUILT_IN_ATTRIBUTION =
  'Digital Maturity Framework MVP, Digital Government Exchange Working Group on Digital Maturity, ' +
  'Government Digital Service, February 2022, used under the Open Government Licence v3.0';
const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** Builds the view model of one report. Throws AnswersError when answers do not fit the framework. */
export function buildViewModel(input: ReportInput): ReportViewModel {
  const { framework, current, options = {} } = input;
  const answers = checkAnswers(framework, current.answers);
  const previousAnswers = input.previous ? validatePrevious(framework, input.previous.answers) : null;
  const result = score(framework, answers);
  const previousResult: { elements: readonly Pick<ElementResult, 'id' | 'assessed' | 'level'>[] } | null =
    previousAnswers
      ? score(framework, previousAnswers)
      : input.previousLevels
        ? { elements: input.previousLevels.elements.map((e) => ({ ...e, assessed: e.level !== null })) }
        : null;
  const previousMeta = input.previous
    ? { date: input.previous.meta.date, department: input.previous.meta.department }
    : input.previousLevels
      ? {
          date: input.previousLevels.date ?? undefined,
          department: input.previousLevels.department ?? undefined,
        }
      : null;
  const now = options.now ?? new Date();
  const meta = current.meta;
  const nonEmpty = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s.trim() : null);

  const department = nonEmpty(meta.department);
  // Printed whole in every header and footer: a marking too long for one line is refused, never cut.
  const marking = checkMarking((options.marking ?? nonEmpty(meta.marking) ?? DEFAULT_MARKING).trim());
  const title = nonEmpty(options.title) ?? 'Digital maturity assessment';
  const subtitle = `Self-assessment against the ${framework.title} (${framework.published})`;
  const diagnostics = diagnosticRows(current.diagnostics);

  const changes = new Map<string, Change>();
  if (previousResult) {
    for (const e of result.elements) {
      changes.set(
        e.id,
        compareElement(
          e,
          previousResult.elements.find((p) => p.id === e.id),
        ),
      );
    }
  }

  const profile = result.elements.map((e) => profileRow(e, changes.get(e.id) ?? null));
  const quality = dataQuality(framework, diagnostics);
  const scale = framework.elements[0]!.levels.map((l) => ({ rank: l.rank, name: l.name }));
  const advice = advise(framework, answers, result);
  const elements = framework.elements.map((element, i) =>
    elementSection(
      framework,
      answers,
      result.elements[i]!,
      i,
      changes.get(element.id) ?? null,
      diagnostics,
      advice.elements[i]!,
    ),
  );

  const vm: ReportViewModel = {
    version: VIEW_MODEL_VERSION,
    document: {
      title: department ? `${title}: ${department}` : title,
      subject: subtitle,
      author: nonEmpty(options.author) ?? department ?? 'dgx-maturity',
    },
    marking,
    cover: {
      title,
      department,
      subtitle,
      date: nonEmpty(meta.date) ? workbookDate(meta.date!) : govDate(now),
      respondent: nonEmpty(meta.respondent),
      role: nonEmpty(meta.role),
      contact: nonEmpty(meta.contact),
      marking,
      source: nonEmpty(options.sourceName),
      generatedOn: govDate(now),
      assessmentDate: nonEmpty(meta.date) ? workbookDate(meta.date!) : null,
      ...coverBrief({
        department,
        respondent: nonEmpty(meta.respondent),
        role: nonEmpty(meta.role),
        respondentCount: input.consolidation?.respondentCount ?? 0,
      }),
    },
    scale,
    summary: brief(
      summary(framework, result, profile, diagnostics, changes, previousMeta?.date),
      elements,
      quality,
      scale,
      advice,
      input.consolidation ?? null,
    ),
    elements,
    dataQuality: quality,
    annex: annex(framework, advice.hasReading),
    previousRound: previousMeta
      ? {
          date: nonEmpty(previousMeta.date) ? workbookDate(previousMeta.date!) : 'Not recorded',
          department: nonEmpty(previousMeta.department),
          source: nonEmpty(options.previousSourceName),
          warning: nonEmpty(input.previousWarning ?? undefined),
          // Never cut mid-sentence: a long warning (it names the other department and file) is said shortly.
          warningBrief: previousWarningBrief(nonEmpty(input.previousWarning ?? undefined)),
        }
      : null,
    peers: input.peers ? comparePeers(input.peers, result, framework) : null,
    consolidation: input.consolidation ?? null,
    consolidationBrief: consolidationBrief(input.consolidation ?? null, elements, (id, text) =>
      shortTextOf(framework, id, text),
    ),
  };
  return cleanDeep(vm);
}

function validatePrevious(framework: Framework, data: Answers): Answers {
  try {
    return checkAnswers(framework, data);
  } catch (e) {
    if (e instanceof AnswersError) throw new AnswersError(e.problems.map((p) => `previous round: ${p}`));
    throw e;
  }
}

const ref = (e: { id: string; title: string; shortTitle: string }): ElementRef => ({
  id: e.id,
  anchor: `element-${e.id}`,
  title: e.title,
  shortTitle: e.shortTitle,
});

function profileRow(e: ElementResult, change: Change | null): ProfileRow {
  const range = levelRange(e);
  return {
    ...ref(e),
    assessed: e.assessed,
    level: e.level,
    levelName: e.levelName,
    levelText: levelText(e.level, e.levelName),
    coverage: e.coverage,
    coverageText: percent(e.coverage),
    confidence: e.confidence.rating,
    confidenceText: e.confidence.rating === 'high' ? 'High' : 'Low',
    ownLevel: e.ownJudgement.rank,
    ownLevelText: e.ownJudgement.rank === null ? 'Not given' : `Level ${e.ownJudgement.rank}`,
    change,
    grade: e.confidence.grade,
    gradeText: GRADE_TEXT[e.confidence.grade],
    range,
    rangeText: range.firm || !e.assessed ? '' : `${range.low}–${range.high}`,
    borderline: e.borderline,
  };
}

const GRADE_TEXT = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** The level range in words: firm, or the levels it could have if the unanswered items were answered. */
function levelRange(e: ElementResult): LevelRange {
  const { low, high } = e.range;
  if (!e.assessed || low === null || high === null) return { low, high, firm: false, text: 'Not assessed.' };
  const firm = low === e.level && high === e.level;
  return {
    low,
    high,
    firm,
    text: firm
      ? 'Firm: answering the unanswered items could not change it.'
      : `Could be anywhere from level ${low} to level ${high} if the unanswered items were answered.`,
  };
}

function profileEnd(rows: ProfileRow[], pick: (a: number, b: number) => number): ProfileEnd | null {
  const assessed = rows.filter((r) => r.level !== null);
  if (!assessed.length) return null;
  const level = assessed.map((r) => r.level!).reduce((a, b) => pick(a, b));
  const at = assessed.filter((r) => r.level === level);
  return {
    level,
    levelName: at[0]!.levelName ?? '',
    elements: at.map(({ id, anchor, title, shortTitle }) => ({ id, anchor, title, shortTitle })),
  };
}

function summary(
  framework: Framework,
  result: ScoreResult,
  profile: ProfileRow[],
  diagnostics: DiagnosticRow[],
  changes: Map<string, Change>,
  previousDate: string | undefined,
): SummaryBase {
  const strongest = profileEnd(profile, Math.max);
  const weakest = profileEnd(profile, Math.min);
  const allSameLevel = strongest !== null && strongest.level === weakest!.level;
  const n = result.elements.length;
  const titles = (end: ProfileEnd) => listText(end.elements.map((e) => e.title));
  const headline =
    strongest === null
      ? `None of the ${n} elements could be assessed: no characteristic was given a rating that counts.`
      : `${result.assessedCount === n ? `All ${n}` : `${result.assessedCount} of the ${n}`} elements of the ` +
        `${framework.title} were assessed. ` +
        (allSameLevel
          ? `All of them are at level ${strongest.level} (${strongest.levelName}).`
          : `The strongest ${strongest.elements.length === 1 ? 'is' : 'are'} ${titles(strongest)} at level ` +
            `${strongest.level} (${strongest.levelName}); the weakest ${weakest!.elements.length === 1 ? 'is' : 'are'} ` +
            `${titles(weakest!)} at level ${weakest!.level} (${weakest!.levelName}).`);

  const differences: JudgementDifference[] = result.elements.flatMap((e) => {
    const d = e.ownJudgement.differsBy;
    if (!e.assessed || d === null || d === 0 || e.ownJudgement.rank === null) return [];
    const direction = d > 0 ? 'higher' : 'lower';
    return [
      {
        ...ref(e),
        computedLevel: e.level,
        computedLevelName: e.levelName,
        ownLevel: e.ownJudgement.rank,
        ownLevelName: e.ownJudgement.name ?? '',
        differsBy: d,
        direction,
        text:
          `The respondent judged level ${e.ownJudgement.rank}, ${pluralWords(Math.abs(d), 'level')} ${direction} ` +
          `than the evidence supports (level ${e.level}).`,
        rationale: e.ownJudgement.rationale.trim() || null,
      },
    ];
  });
  const given = result.elements.filter((e) => e.ownJudgement.rank !== null).length;
  const judgementText =
    given === 0
      ? 'The respondent did not give their own judgement of any element’s level.'
      : differences.length === 0
        ? `The respondent’s own judgement agrees with the evidence for all ${plural(given, 'element')} they judged.`
        : `The respondent’s own judgement differs from the evidence for ${plural(differences.length, 'element')} ` +
          `of the ${given} they judged.`;

  const answered = result.elements.reduce((s, e) => s + e.answered, 0);
  const total = result.elements.reduce((s, e) => s + e.total, 0);
  const notAssessed = result.elements.filter((e) => !e.assessed).map(ref);
  const lowConfidence = result.elements.filter((e) => e.assessed && e.confidence.rating === 'low').map(ref);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const completeness: Completeness = {
    answered,
    total,
    share: result.coverage,
    shareText: percent(result.coverage),
    assessedCount: result.assessedCount,
    elementCount: n,
    notAssessed,
    lowConfidence,
    text:
      `${answered} of ${plural(total, 'characteristic')} (${percent(result.coverage)}) were answered. ` +
      (notAssessed.length
        ? `${listText(notAssessed.map((e) => e.title))} could not be assessed. `
        : 'Every element could be assessed. ') +
      (lowConfidence.length
        ? `The result for ${listText(lowConfidence.map((e) => e.title))} has low confidence. `
        : '') +
      (errors
        ? `The workbook has ${plural(errors, 'data-quality error')}; the affected items count as unanswered (see Data quality).`
        : diagnostics.length
          ? `The workbook has ${plural(diagnostics.length, 'data-quality note')} (see Data quality).`
          : 'The workbook has no data-quality problems.'),
  };

  let change: Summary['change'] = null;
  if (changes.size) {
    const all = [...changes.values()];
    const count = (dir: Change['direction']) => all.filter((c) => c.direction === dir).length;
    const [up, down, same] = [count('up'), count('down'), count('same')];
    const since = previousDate?.trim() ? ` (${workbookDate(previousDate)})` : '';
    change = {
      up,
      down,
      same,
      text:
        `Since the previous round${since}, ${pluralWords(up, 'element')} moved up, ` +
        `${numberWord(down).replace(/^no$/, 'none')} moved down and ${numberWord(same).replace(/^no$/, 'none')} ` +
        `stayed at the same level.` +
        (count('new')
          ? ` ${plural(count('new'), 'element')} ${count('new') === 1 ? 'was' : 'were'} newly assessed.`
          : '') +
        (count('lost') ? ` ${plural(count('lost'), 'element')} could no longer be assessed.` : ''),
    };
  }

  const top = framework.elements[0]!.levels.length;
  const chartData = profile
    .map((r) => `${r.title}: ${r.level === null ? 'not assessed' : `level ${r.level}`}`)
    .join('; ');
  return {
    headline,
    profile,
    chart: {
      title: `Maturity level by element (1 to ${top})`,
      altText:
        `Chart of the maturity level of each of the ${n} elements, on a scale of 1 to ${top}. ${chartData}.` +
        (changes.size ? " The previous round's levels are drawn too, for comparison." : '') +
        ' The same data is in the table that follows.',
    },
    strongest,
    weakest,
    allSameLevel,
    judgements: { given, differences, text: judgementText },
    completeness,
    change,
  };
}

/** The summary's parts worked out from the scores alone; `brief` adds those that need the element sections. */
type SummaryBase = Omit<
  Summary,
  | 'priorities'
  | 'verdict'
  | 'firmness'
  | 'topPriorities'
  | 'asks'
  | 'centreSteps'
  | 'moveAwayFrom'
  | 'completeFirst'
  | 'rangesText'
  | 'respondentsText'
>;

/** The summary with the brief: verdict, firmness, priorities and what is asked of the reader. */
function brief(
  base: SummaryBase,
  elements: ElementSection[],
  quality: ReportViewModel['dataQuality'],
  scale: ReportViewModel['scale'],
  advice: Advice,
  consolidation: ConsolidationSummary | null,
): Summary {
  const top = topPriorities(elements, advice.priorities);
  const centre = topPriorities(elements, advice.centre);
  const away = moveAwayFrom(elements, advice.moveAwayFrom);
  const first = completeFirst(elements);
  return {
    ...base,
    priorities: priorities(elements, base.weakest),
    verdict: verdict(base.profile, scale),
    firmness: firmness(base.profile, base.completeness.shareText),
    topPriorities: top,
    asks: asks({
      completeFirst: first,
      priorities: top,
      centre,
      moveAwayFrom: away,
      elements,
      differences: base.judgements.differences,
      dataQuality: quality,
    }),
    centreSteps: centre,
    moveAwayFrom: away,
    completeFirst: first,
    rangesText: rangesText(base.profile),
    respondentsText: respondentsText(consolidation),
  };
}

/** How many next steps the summary shows for each weakest element (the element's section has all). */
const FIRST_STEPS = TOP_STEPS;

/** The weakest elements' next steps, so the summary says where to act first. */
function priorities(elements: ElementSection[], weakest: ProfileEnd | null): Priority[] {
  if (!weakest) return [];
  const ids = new Set(weakest.elements.map((e) => e.id));
  return elements.flatMap((e) =>
    ids.has(e.id) && e.nextSteps?.items.length
      ? [
          {
            id: e.id,
            anchor: e.anchor,
            title: e.title,
            shortTitle: e.shortTitle,
            level: e.level!,
            towardsLevel: e.nextSteps.towardsLevel,
            towardsName: e.nextSteps.towardsName,
            gapCount: e.nextSteps.items.length,
            firstSteps: e.nextSteps.ranked.slice(0, FIRST_STEPS).map((c) => c.text),
          },
        ]
      : [],
  );
}

function elementSection(
  framework: Framework,
  answers: Answers,
  e: ElementResult,
  index: number,
  change: Change | null,
  diagnostics: DiagnosticRow[],
  advice: ElementAdvice,
): ElementSection {
  const element = framework.elements[index]!;
  const row = characteristicRows(framework, answers, new Set(e.borderlineItems));
  const inPlace = (id: string) => row(id).inPlace;
  const steps = advice.putInPlace;
  const stepRows = (items: readonly AdviceItem[]) => items.map((c) => row(c.id));
  const responses = element.questions.flatMap((q) => [
    { label: q.label, id: q.id },
    ...q.subQuestions.map((sq) => ({ label: `${q.label}${sq.label}`, id: sq.id })),
  ]);
  const unansweredQuestions = responses.filter((r) => !answers.responses[r.id]?.trim()).map((r) => r.label);
  const level: Level | null = e.assessed ? element.levels[e.level - 1]! : null;
  // With a reading, "in place" lists strengths only: a weakness rated Largely or Fully describes the
  // department and is listed to move away from.
  const inPlaceRows = level
    ? level.characteristics.filter((c) => inPlace(c.id) && !row(c.id).describesUs).map((c) => row(c.id))
    : [];
  const moveAwayFrom = stepRows(advice.moveAwayFrom);
  const shown = new Set(
    [...inPlaceRows, ...moveAwayFrom, ...(steps ? stepRows(steps.items) : [])].map((c) => c.id),
  );
  const response = (id: string) => answers.responses[id]?.trim() || null;
  const own = e.ownJudgement;
  const problems = diagnostics.filter((d) => d.elementId === e.id);

  return {
    ...ref(e),
    number: index + 1,
    introduction: paragraphs(element.introduction),
    assessed: e.assessed,
    level: e.level,
    levelName: e.levelName,
    levelLabel: level?.label ?? null,
    levelText: levelText(e.level, e.levelName),
    levelDescription: level?.description ?? null,
    explanation: e.trace.explanation,
    coverage: e.coverage,
    coverageText: percent(e.coverage),
    answered: e.answered,
    total: e.total,
    confidence: {
      rating: e.confidence.rating,
      text: e.confidence.rating === 'high' ? 'High' : 'Low',
      reasons: e.confidence.reasons,
      grade: e.confidence.grade,
      gradeText: GRADE_TEXT[e.confidence.grade],
    },
    levelSummary: level ? levelSummary(level.description) : null,
    range: levelRange(e),
    borderline: e.borderline,
    borderlineItems: e.borderlineItems.map(row),
    borderlineText: e.borderline
      ? `Borderline: moving ${e.borderlineItems.length === 1 ? 'this rating' : 'one of these ratings'} by one step ` +
        `would change the level: ${listText(e.borderlineItems.map((id) => `“${row(id).text}” (${row(id).ratingText})`))}.`
      : '',
    borderlineBriefText: borderlineList(e.borderline, e.borderlineItems.map(row)),
    evidence: {
      ...e.evidence,
      text:
        e.evidence.inPlace === 0
          ? 'No characteristic is rated “Largely” or “Fully”, so there is no evidence to weigh.'
          : `${e.evidence.withEvidence === 0 ? 'None' : e.evidence.withEvidence} of the ${plural(e.evidence.inPlace, 'characteristic')} ` +
            `rated “Largely” or “Fully” ${e.evidence.withEvidence === 1 ? 'has' : 'have'} evidence written beside ${e.evidence.inPlace === 1 ? 'it' : 'them'}.`,
    },
    restsOn: restsOn(framework, element, e, row, steps ? stepRows(steps.ranked) : []),
    questionsAnswered: {
      answered: responses.length - unansweredQuestions.length,
      total: responses.length,
      unanswered: unansweredQuestions,
      text: !responses.length
        ? 'The framework asks no questions here.'
        : !unansweredQuestions.length
          ? `All ${plural(responses.length, 'question')} were answered.`
          : unansweredQuestions.length === responses.length
            ? `None of the ${plural(responses.length, 'question')} was answered.`
            : `No response to ${unansweredQuestions.length} of the ${plural(responses.length, 'question')}: ` +
              `${listText(unansweredQuestions)}.`,
    },
    fits: e.fits.map((f) => ({
      rank: f.rank,
      name: f.name,
      fitText: f.fit === null ? 'No answers' : percent(f.fit),
      inPlace: f.inPlace,
      total: f.total,
      answered: f.answered,
      notApplicable: f.notApplicable,
      isResult: f.rank === e.level,
      rated: f.scored,
      plainText: fitPlainText(framework, f, element),
    })),
    inPlace: inPlaceRows,
    nextSteps: e.progress && steps ? nextSteps(framework, element, e.progress, steps, row) : null,
    moveAwayFrom,
    moveAwayFromText: moveAwayList(moveAwayFrom),
    otherEvidence: characteristicsOf(element)
      .filter((c) => !shown.has(c.id) && answers.evidence[c.id]?.trim())
      .map((c) => row(c.id)),
    questions: element.questions.map((q) => ({
      id: q.id,
      label: q.label,
      text: q.text,
      response: response(q.id),
      subQuestions: q.subQuestions.map((s) => ({
        id: s.id,
        label: s.label,
        text: s.text,
        response: response(s.id),
      })),
      hasResponse: [q.id, ...q.subQuestions.map((sq) => sq.id)].some((id) => response(id) !== null),
    })),
    ownJudgement: {
      given: own.rank !== null,
      level: own.rank,
      levelName: own.name,
      rationale: own.rationale.trim() || null,
      differsBy: own.differsBy,
      text:
        own.rank === null
          ? 'The respondent did not give their own judgement of the level.'
          : own.differsBy === null
            ? `The respondent judged level ${own.rank} (${own.name ?? ''}).`
            : own.differsBy === 0
              ? `The respondent judged level ${own.rank} (${own.name ?? ''}), which agrees with the evidence.`
              : `The respondent judged level ${own.rank} (${own.name ?? ''}), ${pluralWords(Math.abs(own.differsBy), 'level')} ` +
                `${own.differsBy > 0 ? 'higher' : 'lower'} than the evidence supports.`,
      differs: own.differsBy !== null && own.differsBy !== 0,
      rationaleBrief: briefTextOrNull(own.rationale.trim() || null, RATIONALE_MAX),
      rationaleShortened: isShortened(own.rationale.trim() || null, RATIONALE_MAX),
    },
    change,
    problems,
    problemsEffect: elementProblemsEffect(problems),
    ...problemsBriefOf(problems),
  };
}

/** The element's next steps, from the advice: strengths to put in place (every characteristic without a reading). */
function nextSteps(
  framework: Framework,
  element: Framework['elements'][number],
  progress: NonNullable<ElementResult['progress']>,
  steps: PutInPlace,
  row: (id: string) => CharacteristicRow,
): NextSteps {
  const rows = (items: readonly AdviceItem[]) => items.map((c) => row(c.id));
  const ranked = rows(steps.ranked);
  const notYetAssessed = rows(steps.notYetAssessed);
  // With a reading, progress is told in strengths (a weakness rated Fully is not progress); the
  // numbers `inPlace` and `applicable` stay the engine's, as the level and priorities use them.
  const strengths = element.levels[progress.towardsRank - 1]!.characteristics.map((c) => row(c.id)).filter(
    (c) => c.polarity === 'strength' && !(c.rating !== null && isExcluded(framework, c.rating)),
  );
  const strengthsInPlace = strengths.filter((c) => c.inPlace).length;
  return {
    towardsLevel: progress.towardsRank,
    towardsName: progress.towardsName,
    inPlace: progress.inPlace,
    applicable: progress.applicable,
    progressText: framework.reading
      ? strengths.length
        ? `${strengthsInPlace} of the ${plural(strengths.length, `strength`)} of level ${progress.towardsRank} ` +
          `${strengthsInPlace === 1 ? 'is' : 'are'} already in place.`
        : `Level ${progress.towardsRank} describes problems only: it holds no strength to put in place.`
      : `${progress.inPlace} of ${plural(progress.applicable, 'applicable characteristic')} ` +
        `(${percent(progress.share)}) ${progress.inPlace === 1 ? 'is' : 'are'} already in place.`,
    stepsLevel: steps.stepsLevel,
    stepsLevelText:
      steps.stepsLevel === progress.towardsRank
        ? ''
        : `Level ${progress.towardsRank} holds no strength still to put in place, so the steps are what level ` +
          `${steps.stepsLevel} (${element.levels[steps.stepsLevel - 1]!.name}) asks for.`,
    items: rows(steps.items),
    ranked,
    top: ranked.slice(0, TOP_STEPS),
    topBrief: topStepsBrief(ranked, TOP_STEPS),
    notYetAssessed,
    notYetAssessedText: notYetAssessedList(notYetAssessed),
  };
}

const isExcluded = (framework: Framework, label: string) =>
  matchRating(framework, label)?.kind === 'excluded';

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function annex(framework: Framework, hasReading: boolean): ReportViewModel['annex'] {
  return {
    rule: describeRule(framework, { confidenceFlag: false }),
    ratings: framework.scoring.ratings.map((r) => ({
      label: r.label,
      meaning: r.meaning,
      valueText:
        r.kind === 'scored'
          ? percent(r.value!)
          : r.kind === 'excluded'
            ? 'Left out of the averages'
            : 'Counts as not answered',
    })),
    framework: {
      id: framework.id,
      version: framework.version,
      title: framework.title,
      publisher: framework.publisher,
      published: framework.published,
      licence: framework.licence,
      source: framework.source ?? null,
    },
    ...attributionOf(framework),
    methodNote:
      `The scoring rule is this tool’s method (dgx-maturity), applied to the ${framework.title}. ` +
      'It is not part of the framework itself: the framework describes the levels, but does not say how to ' +
      'compute a level from ratings.',
    rankingRule: adviceRule(hasReading),
    confidenceRule: describeConfidence(framework),
    ruleBrief: describeRule(framework, { confidenceFlag: false }).slice(0, RULE_PARAGRAPHS_BRIEF),
  };
}

/** The attribution the framework's licence asks for, in every report and summary. */
export function attributionOf(framework: Framework): { attribution: string; licenceUrl: string | null } {
  return {
    attribution:
      framework.id === 'dgx-dmf-mvp'
        ? BUILT_IN_ATTRIBUTION
        : `${framework.title}, ${framework.publisher}, ${framework.published}, used under the ${framework.licence}`,
    licenceUrl: /open government licence v(ersion )?3/i.test(framework.licence) ? OGL_URL : null,
  };
}

/**
 * Every string of the view model through `cleanText`, in one place, so no field can be forgotten:
 * workbook text (and a user's framework file) is untrusted. Copies only what changes: an object or
 * array none of whose strings needs cleaning is given back as it is (almost every one: the text of
 * a return rarely holds a control character), so a clean view model costs a walk, not a copy.
 */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const clean = cleanDeep(v);
      if (clean !== v) (copy ??= value.slice())[i] = clean;
    }
    return (copy ?? value) as T;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(object)) {
      const v = object[key];
      const clean = cleanDeep(v);
      if (clean !== v) (copy ??= { ...object })[key] = clean;
    }
    return (copy ?? value) as T;
  }
  return value;
}
