/**
 * From what a workbook said to what the report shows: validates the answers, scores them with the
 * engine, and arranges the results, the framework's words and the workbook's diagnostics into the
 * report view model. Pure and browser-safe; the only clock is `options.now`.
 */
import type { Framework, Level } from '../framework/index.js';
import { characteristicsOf, itemIndex } from '../framework/index.js';
import {
  AnswersError,
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
import type { Diagnostic, ReadResult } from '../workbook/read-result.js';
import { compareElement } from './compare-rounds.js';
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
  options?: ReportOptions;
  /** Several respondents consolidated into `current` (src/moderation); null or absent: one. */
  consolidation?: ConsolidationSummary | null;
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
  const previousResult = previousAnswers ? score(framework, previousAnswers) : null;
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
    },
    scale: framework.elements[0]!.levels.map((l) => ({ rank: l.rank, name: l.name })),
    summary: {
      ...summary(framework, result, profile, diagnostics, changes, input.previous?.meta.date),
      priorities: priorities(elements, profileEnd(profile, Math.min)),
    },
    elements,
    dataQuality: dataQuality(diagnostics),
    annex: annex(framework),
    previousRound: input.previous
      ? {
          date: nonEmpty(input.previous.meta.date) ? workbookDate(input.previous.meta.date!) : 'Not recorded',
          department: nonEmpty(input.previous.meta.department),
          source: nonEmpty(options.previousSourceName),
        }
      : null,
    consolidation: input.consolidation ?? null,
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
): Omit<Summary, 'priorities'> {
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
    .map((r) => `${r.shortTitle}: ${r.level === null ? 'not assessed' : `level ${r.level}`}`)
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

/** How many next steps the summary shows for each weakest element (the element's section has all). */
const FIRST_STEPS = 3;

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
            firstSteps: e.nextSteps.items.slice(0, FIRST_STEPS).map((c) => c.text),
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
  const row = (id: string): CharacteristicRow => {
    const found = items.get(id);
    if (found?.kind !== 'characteristic') throw new Error(`not a characteristic: ${id}`);
    const rating = answers.ratings[id] ?? null;
    return {
      id,
      levelRank: found.level.rank,
      levelName: found.level.name,
      text: found.item.text,
      rating,
      ratingText: rating ?? 'Not answered',
      evidence: answers.evidence[id]?.trim() || null,
      isSubPoint: found.item.parentId !== undefined,
    };
  };
  // "In place" as the engine counts it (LevelFit.inPlace): a scored rating at or above the threshold.
  const inPlace = (id: string) => {
    const label = answers.ratings[id];
    const r = label === undefined ? undefined : matchRating(framework, label);
    return r?.kind === 'scored' && r.value! >= threshold - epsilon;
  };
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
          items: e.trace.gaps.map(row),
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
    },
    change,
    problems: diagnostics.filter((d) => d.elementId === e.id),
  };
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_TEXT = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** The reader starts messages with where they are ('Sheet "Data", cell B4: …'), which the table shows apart. */
const LOCATION_PREFIX = /^Sheet "[^"]*"(?:, cells? [A-Z]{1,3}\d+(?:[:-][A-Z]{1,3}\d+)?)?: /;

function diagnosticRows(diagnostics: readonly Diagnostic[]): DiagnosticRow[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
    .map(({ d }) => ({
      severity: d.severity,
      severityText: SEVERITY_TEXT[d.severity],
      code: d.code,
      message: d.message,
      problem: d.sheet ? d.message.replace(LOCATION_PREFIX, '') : d.message,
      fix: d.fix?.trim() || null,
      sheet: d.sheet ?? null,
      cell: d.cell ?? null,
      location: d.sheet
        ? d.cell
          ? `${d.sheet}, cell ${d.cell}`
          : `Sheet ${d.sheet}`
        : d.cell
          ? `Cell ${d.cell}`
          : 'Whole workbook',
      elementId: d.elementId ?? null,
      itemId: d.itemId ?? null,
    }));
}

function dataQuality(problems: DiagnosticRow[]): ReportViewModel['dataQuality'] {
  const count = (s: DiagnosticRow['severity']) => problems.filter((p) => p.severity === s).length;
  const [errorCount, warningCount, infoCount] = [count('error'), count('warning'), count('info')];
  return {
    hasProblems: problems.length > 0,
    errorCount,
    warningCount,
    infoCount,
    text: problems.length
      ? `Reading the workbook found ${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')} and ` +
        `${plural(infoCount, 'note')}.` +
        (errorCount
          ? ' Items with errors count as unanswered, so the levels rest only on the answers that could be read.'
          : ' None of them changes how the answers were read.')
      : 'Reading the workbook found no problems: every answer was on the scale and in its place.',
    problems,
  };
}

function annex(framework: Framework): ReportViewModel['annex'] {
  return {
    rule: describeRule(framework),
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
