/**
 * From what a workbook said to what the report shows: validates the answers, scores them with the
 * engine, and arranges the results, the framework's words and the workbook's diagnostics into the
 * report view model. Pure and browser-safe; the only clock is `options.now`.
 */
import type { Framework, Level } from '../framework/index.js';
import { characteristicsOf, itemIndex } from '../framework/index.js';
import {
  AnswersError,
  describeConfidence,
  describeRule,
  matchRating,
  score,
  validateAnswers,
  type Answers,
  type ElementResult,
  type ScoreResult,
} from '../scoring/index.js';
import type { ConsolidationSummary } from '../moderation/summary.js';
import { cleanText } from '../text/safe-text.js';
import type { ReadResult } from '../workbook/read-result.js';
import { asks, firmness, topPriorities, verdict } from './brief.js';
import { compareElement } from './compare-rounds.js';
import { comparePeers, type PeerCohort } from './peers.js';
import { dataQuality, diagnosticRows } from './data-quality.js';
import { consolidationBrief } from './disagreements-brief.js';
import {
  govDate,
  levelText,
  listText,
  numberWord,
  percent,
  plural,
  pluralWords,
  runOn,
  shorten,
  workbookDate,
} from './format.js';
import { NEXT_STEPS_RULE, rankNextSteps, TOP_STEPS } from './next-steps.js';
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
  type RestsOnLevel,
  type RestsOnRow,
  type Priority,
  type ProfileEnd,
  type ProfileRow,
  type ReportViewModel,
  type Summary,
} from './view-model.js';

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
  const answers = validateAnswers(framework, current.answers);
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
  const marking = (options.marking ?? nonEmpty(meta.marking) ?? DEFAULT_MARKING).trim();
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
  const elements = framework.elements.map((element, i) =>
    elementSection(framework, answers, result.elements[i]!, i, changes.get(element.id) ?? null, diagnostics),
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
    },
    scale,
    summary: brief(
      summary(framework, result, profile, diagnostics, changes, previousMeta?.date),
      elements,
      quality,
      scale,
    ),
    elements,
    dataQuality: quality,
    annex: annex(framework),
    previousRound: previousMeta
      ? {
          date: nonEmpty(previousMeta.date) ? workbookDate(previousMeta.date!) : 'Not recorded',
          department: nonEmpty(previousMeta.department),
          source: nonEmpty(options.previousSourceName),
          warning: nonEmpty(input.previousWarning ?? undefined),
        }
      : null,
    peers: input.peers ? comparePeers(input.peers, result, framework) : null,
    consolidation: input.consolidation ?? null,
    consolidationBrief: consolidationBrief(input.consolidation ?? null, elements, (text) =>
      shorten(text, SHORT_TEXT),
    ),
  };
  return cleanDeep(vm);
}

function validatePrevious(framework: Framework, data: unknown): Answers {
  try {
    return validateAnswers(framework, data);
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

/** At most this many words in `levelSummary` when it takes two sentences. */
const LEVEL_SUMMARY_WORDS = 35;

/** Longest `shortText` of a characteristic: one line of a compact table's wide column. */
const SHORT_TEXT = 60;
/** Items named at most in one of the brief's run-on lists; the rest are counted (the full record names them all). */
const BRIEF_LIST_MAX = 3;

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
type SummaryBase = Omit<Summary, 'priorities' | 'verdict' | 'firmness' | 'topPriorities' | 'asks'>;

/** The summary with the brief: verdict, firmness, priorities and what is asked of the reader. */
function brief(
  base: SummaryBase,
  elements: ElementSection[],
  quality: ReportViewModel['dataQuality'],
  scale: ReportViewModel['scale'],
): Summary {
  const top = topPriorities(elements);
  return {
    ...base,
    priorities: priorities(elements, base.weakest),
    verdict: verdict(base.profile, scale),
    firmness: firmness(base.profile, base.completeness.shareText),
    topPriorities: top,
    asks: asks({ priorities: top, elements, differences: base.judgements.differences, dataQuality: quality }),
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
): ElementSection {
  const element = framework.elements[index]!;
  const { threshold, epsilon } = framework.scoring;
  const items = itemIndex(framework);
  const borderlineIds = new Set(e.borderlineItems);
  const ratingOf = (id: string) => {
    const label = answers.ratings[id];
    return label === undefined ? undefined : matchRating(framework, label);
  };
  // "In place" as the engine counts it (LevelFit.inPlace): a scored rating at or above the threshold.
  const inPlace = (id: string) => {
    const r = ratingOf(id);
    return r?.kind === 'scored' && r.value! >= threshold - epsilon;
  };
  const row = (id: string): CharacteristicRow => {
    const found = items.get(id);
    if (found?.kind !== 'characteristic') throw new Error(`not a characteristic: ${id}`);
    const rating = answers.ratings[id] ?? null;
    const kind = ratingOf(id)?.kind;
    return {
      id,
      levelRank: found.level.rank,
      levelName: found.level.name,
      text: found.item.text,
      shortText: shorten(found.item.text, SHORT_TEXT),
      rating,
      ratingText: rating ?? 'Not answered',
      evidence: answers.evidence[id]?.trim() || null,
      isSubPoint: found.item.parentId !== undefined,
      inPlace: inPlace(id),
      assessed: kind === 'scored' || kind === 'excluded',
      decidesBorderline: borderlineIds.has(id),
    };
  };
  const valueOf = (id: string) => {
    const r = ratingOf(id);
    return r?.kind === 'scored' ? r.value! : null;
  };
  const gaps = e.progress ? e.trace.gaps.map((id) => ({ row: row(id), value: valueOf(id) })) : [];
  const { ranked, notYetAssessed } = rankNextSteps(gaps);
  const responses = element.questions.flatMap((q) => [
    { label: q.label, id: q.id },
    ...q.subQuestions.map((sq) => ({ label: `${q.label}${sq.label}`, id: sq.id })),
  ]);
  const unansweredQuestions = responses.filter((r) => !answers.responses[r.id]?.trim()).map((r) => r.label);
  const level: Level | null = e.assessed ? element.levels[e.level - 1]! : null;
  const shown = new Set([
    ...(level ? level.characteristics.filter((c) => inPlace(c.id)).map((c) => c.id) : []),
    ...(e.progress ? e.trace.gaps : []),
  ]);
  const response = (id: string) => answers.responses[id]?.trim() || null;
  const own = e.ownJudgement;

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
    borderlineBriefText: e.borderline
      ? `${e.borderlineItems.length === 1 ? 'The rating that decides' : 'The ratings that decide'} it: ${runOn(
          e.borderlineItems.map(row).map((c) => `${c.shortText} (level ${c.levelRank}, ${c.ratingText})`),
          BRIEF_LIST_MAX,
        )}`
      : '',
    evidence: {
      ...e.evidence,
      text:
        e.evidence.inPlace === 0
          ? 'No characteristic is rated largely or fully in place, so there is no evidence to weigh.'
          : `${e.evidence.withEvidence === 0 ? 'None' : e.evidence.withEvidence} of the ${plural(e.evidence.inPlace, 'characteristic')} ` +
            `rated largely or fully in place ${e.evidence.withEvidence === 1 ? 'has' : 'have'} evidence written beside ${e.evidence.inPlace === 1 ? 'it' : 'them'}.`,
    },
    restsOn: restsOn(
      framework,
      element,
      e,
      row,
      ranked.map((g) => g.row),
    ),
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
      plainText: fitPlainText(framework, f),
    })),
    inPlace: level ? level.characteristics.filter((c) => inPlace(c.id)).map((c) => row(c.id)) : [],
    nextSteps: e.progress
      ? {
          towardsLevel: e.progress.towardsRank,
          towardsName: e.progress.towardsName,
          inPlace: e.progress.inPlace,
          applicable: e.progress.applicable,
          progressText:
            `${e.progress.inPlace} of ${plural(e.progress.applicable, 'applicable characteristic')} ` +
            `(${percent(e.progress.share)}) ${e.progress.inPlace === 1 ? 'is' : 'are'} already in place.`,
          items: gaps.map((g) => g.row),
          ranked: ranked.map((g) => g.row),
          top: ranked.slice(0, TOP_STEPS).map((g) => g.row),
          notYetAssessed: notYetAssessed.map((g) => g.row),
          notYetAssessedText: runOn(
            notYetAssessed.map((g) => g.row.shortText),
            BRIEF_LIST_MAX,
          ),
        }
      : null,
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
    },
    change,
    problems: diagnostics.filter((d) => d.elementId === e.id),
  };
}

/**
 * What a level means in one or two sentences: the framework's description without the sentence that
 * only introduces its list of characteristics ("The main characteristics of … are:").
 */
function levelSummary(description: string): string {
  const sentences = description
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .filter((x) => !x.trim().endsWith(':'));
  const words = (s: string) => s.split(' ').length;
  // The second sentence only while the two stay short (a page per element).
  return sentences.length > 1 && words(sentences[0]!) + words(sentences[1]!) <= LEVEL_SUMMARY_WORDS
    ? `${sentences[0]} ${sentences[1]}`
    : (sentences[0] ?? '');
}

/** The ratings that count as "in place", in words: "largely or fully in place". */
function inPlaceWords(framework: Framework): string {
  const { threshold, epsilon, ratings } = framework.scoring;
  const labels = ratings
    .filter((r) => r.kind === 'scored' && r.value! >= threshold - epsilon)
    .sort((a, b) => a.value! - b.value!)
    .map((r) => r.label.toLowerCase());
  return `${labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : (labels[0] ?? '')} in place`;
}

/** The rating that sits at the threshold ("Largely"), or the threshold as a share. */
function thresholdWords(framework: Framework): string {
  const { threshold, epsilon, ratings } = framework.scoring;
  const at = ratings.find((r) => r.kind === 'scored' && Math.abs(r.value! - threshold) <= epsilon);
  return at ? `“${at.label}”` : percent(threshold);
}

/** "3 of the 4 level-3 characteristics rated are largely or fully in place; 2 not yet assessed." */
function fitPlainText(framework: Framework, f: ElementResult['fits'][number]): string {
  const open = f.total - f.answered;
  const extra =
    (open ? `; ${open} not yet assessed` : '') +
    (f.notApplicable ? `; ${f.notApplicable} not applicable` : '');
  if (f.scored === 0)
    return `None of the ${plural(f.total, `level-${f.rank} characteristic`)} has a rating that counts${extra}.`;
  const count =
    f.scored === 1
      ? `The one level-${f.rank} characteristic rated ${f.inPlace ? 'is' : 'is not'}`
      : f.inPlace === f.scored
        ? `All ${f.scored} level-${f.rank} characteristics rated are`
        : f.inPlace === 0
          ? `None of the ${f.scored} level-${f.rank} characteristics rated is`
          : `${f.inPlace} of the ${f.scored} level-${f.rank} characteristics rated ${f.inPlace === 1 ? 'is' : 'are'}`;
  return `${count} ${inPlaceWords(framework)}${extra}.`;
}

/**
 * What the level rests on: the level reached and the next, every characteristic with its rating;
 * `steps` (the element's ranked next steps) are marked with their rank in the compact table's rows.
 */
function restsOn(
  framework: Framework,
  element: Framework['elements'][number],
  e: ElementResult,
  row: (id: string) => CharacteristicRow,
  steps: readonly CharacteristicRow[],
): RestsOnLevel[] {
  if (!e.assessed) return [];
  const stepOf = new Map(steps.map((c, i) => [c.id, i + 1]));
  const { stagedFrom } = framework.scoring;
  const average = thresholdWords(framework);
  const isExcluded = (label: string) => matchRating(framework, label)?.kind === 'excluded';
  return element.levels
    .filter((l) => l.rank === e.level || l.rank === e.level + 1)
    .map((l) => {
      const role = l.rank === e.level ? ('result' as const) : ('next' as const);
      const fit = e.fits[l.rank - 1]!;
      const headline =
        role === 'result'
          ? l.rank >= stagedFrom
            ? `Level ${l.rank} is reached: its ratings average at least ${average}.`
            : `Level ${l.rank} fits best of the levels below level ${stagedFrom}, which is not reached.`
          : l.rank >= stagedFrom
            ? `Level ${l.rank} is not reached: its ratings average less than ${average}.`
            : `Level ${l.rank} fits less well than level ${e.level}.`;
      const items = l.characteristics.map((c) => row(c.id));
      const notApplicable = fit.notApplicable;
      const notInPlace = items.filter((c) => c.assessed && !c.inPlace && !isExcluded(c.rating!));
      const notAssessed = items.filter((c) => !c.assessed);
      return {
        rank: l.rank,
        name: l.name,
        role,
        text: `${headline} ${fitPlainText(framework, fit)}`,
        items,
        counts: {
          inPlace: fit.inPlace,
          notInPlace: fit.scored - fit.inPlace,
          notApplicable,
          notAssessed: notAssessed.length,
          total: fit.total,
        },
        notInPlace,
        notAssessed,
        notInPlaceText: runOn(
          decidingFirst(notInPlace).map(
            (c) => `${c.shortText} (${c.ratingText}${c.decidesBorderline ? ', decides the level' : ''})`,
          ),
          BRIEF_LIST_MAX,
        ),
        notAssessedText: runOn(
          decidingFirst(notAssessed).map(
            (c) => `${c.shortText}${c.decidesBorderline ? ' (decides the level)' : ''}`,
          ),
          BRIEF_LIST_MAX,
        ),
        rows: items.map((c) => restsOnRow(c, stepOf.get(c.id) ?? null)),
      };
    });
}

function restsOnRow(c: CharacteristicRow, step: number | null): RestsOnRow {
  const notes = [
    ...(step === null ? [] : [`step ${step}`]),
    ...(c.decidesBorderline ? ['decides the level'] : []),
  ];
  return {
    id: c.id,
    shortText: c.shortText,
    ratingText: c.ratingText,
    step,
    decidesBorderline: c.decidesBorderline,
    ratingCell: [c.ratingText, ...notes].join('; '),
  };
}

/** The characteristics that decide a borderline level first (kept in framework order otherwise). */
const decidingFirst = <T extends { decidesBorderline: boolean }>(items: readonly T[]): T[] => [
  ...items.filter((c) => c.decidesBorderline),
  ...items.filter((c) => !c.decidesBorderline),
];

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function annex(framework: Framework): ReportViewModel['annex'] {
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
    rankingRule: [...NEXT_STEPS_RULE],
    confidenceRule: describeConfidence(framework),
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
 * workbook text (and a user's framework file) is untrusted.
 */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  }
  return value;
}
