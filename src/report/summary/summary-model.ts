/**
 * The cross-government picture: what `summary.docx` shows, as plain data built from every
 * department's scores (documented in docs/templates.md; the rules in docs/comparisons.md). Pure
 * and browser-safe, like the report's view model; every string from workbooks goes through
 * `cleanText`.
 *
 * Levels are ordinal: they are counted and their median taken (src/report/peers.ts), never
 * averaged. Departments that answered less than the framework's low-coverage threshold are shown
 * in the heat map and the data-quality section but left out of every figure about the group.
 */
import { levelNames, type Framework } from '../../framework/index.js';
import type { Answers, Grade, ScoreResult } from '../../scoring/index.js';
import { attributionOf, cleanDeep, DEFAULT_MARKING } from '../build-view-model.js';
import { percent, plural } from '../format.js';
import { shadeIndex } from '../level-shades.js';
import { countsInGroupFigures, levelCounts, medianLevel } from '../peers.js';
import { bottomLine, type LevelCount } from './bottom-line.js';
import { challengeReasons } from './challenges.js';
import { closeToNextLevel, levelOfItems } from './close.js';
import { commonGaps } from './common-gaps.js';
import { responseRate, type ResponseRate } from './expected.js';
import { forCentre, gapTable, type CommonGap, type GapTable } from './gaps-table.js';
import { compareGroups, type GroupRow } from './groups.js';
import {
  evidenceShare,
  moderationStatus,
  type EvidenceShare,
  type ModerationStatus,
  type RespondentsInfo,
} from './round-facts.js';

export type { LevelCount } from './bottom-line.js';
export type { CommonGap, GapTable } from './gaps-table.js';
export { MIN_GAP_BASE } from './gaps-table.js';
export type { GroupRow } from './groups.js';
export type { EvidenceShare, ModerationRow, ModerationStatus, RespondentsInfo } from './round-facts.js';

/** One department that was read and scored. */
export interface SummaryEntry {
  department: string;
  file: string;
  scores: ScoreResult;
  /** The answers, for the checks that need ratings and evidence (returns to challenge); optional. */
  answers?: Answers;
  /** Number of error diagnostics (item-level problems the report's data-quality section lists). */
  errorCount: number;
  /** Set when another workbook in the batch is for the same department. */
  duplicateDepartment: boolean;
  /** Several respondents consolidated into this result (the batch's consolidation data); absent for one. */
  respondents?: RespondentsInfo;
  /** The register's group of the department (ministerial department, agency, region…), when it gives one. */
  group?: string | null;
}

/** One file the batch could not read. */
export interface SummaryFailure {
  file: string;
  reason: string;
}

export interface HeatCell {
  elementId: string;
  level: number | null;
  /** "3" or "–" (not assessed); meaning never rests on colour alone. */
  text: string;
  /** CSS class of the cell's fill: "l0" (not assessed) to "l4" (darkest), see src/report/level-shades.ts. */
  shade: string;
  /**
   * The graded confidence (`confidence.grade`, as each department's report gives it) is low: the
   * cell is marked "*". Since issue 22 this follows the grade, not the coverage-only flag.
   */
  lowConfidence: boolean;
  /** The graded confidence; null when not assessed. */
  confidence: Grade | null;
  /** Where the level could move with the open answers: "(1–4)", or "" when it cannot move. */
  rangeText: string;
  /** The same range as numbers (the level itself at both ends when it cannot move); null when not assessed. */
  range: { low: number; high: number } | null;
  /** One answered rating moved one step would raise the level (src/report/summary/close.ts): marked "+". */
  close: boolean;
  /** Change since the previous round: +1, -1, 0, or null when not comparable. */
  change: number | null;
}

export interface HeatRow {
  department: string;
  file: string;
  coverage: number;
  /** e.g. "85%". */
  coverageText: string;
  /** Median of the department's element levels (its overall level); null when nothing was assessed. */
  median: number | null;
  medianText: string;
  /** False when the department answered too little and is left out of the figures about the group. */
  counted: boolean;
  /** The register's group, or null. */
  group: string | null;
  cells: HeatCell[];
}

export interface ElementDistribution {
  elementId: string;
  title: string;
  shortTitle: string;
  /** Counted departments per level, lowest level first. */
  counts: LevelCount[];
  /** Counted departments assessed in the element. */
  assessed: number;
  notAssessed: number;
  /** Median level of the counted departments assessed; null when none was. */
  median: number | null;
  /** e.g. "2", or "–". */
  medianText: string;
}

/** A department's own view of its levels against the computed ones. */
export interface OwnViewRow {
  department: string;
  judged: number;
  same: number;
  higher: number;
  lower: number;
  /** e.g. "Agrees in 4 of 7; higher in 2; lower in 1", or "Not given". */
  text: string;
}

export interface SummaryViewModel {
  /** Word document properties. */
  document: { title: string; subject: string; author: string };
  title: string;
  generatedOn: string;
  marking: string;
  /** The attribution the framework's licence asks for, and the licence's address. */
  attribution: string;
  licenceUrl: string | null;
  /** Chart title and alt text (the distribution of levels per element, in words). */
  chart: { title: string; altText: string };
  framework: {
    id: string;
    version: string;
    title: string;
    publisher: string;
    published: string;
    licence: string;
  };
  scale: { rank: number; name: string }[];
  /** The heat map's colour key: each level's fill class, lightest first, with "l0" for not assessed. */
  key: { rank: number | null; text: string; name: string; shade: string }[];
  /** `width`: the element's column in the heat map, wide enough for the longest word of its short title. */
  elements: { id: string; title: string; shortTitle: string; width: string }[];
  /** Widths of the heat map's other columns: the department's takes what the others leave. */
  columns: { department: string; median: string; answered: string };
  departmentCount: number;
  /** Departments counted in the figures about the group (enough answers). */
  countedCount: number;
  /** The coverage below which a department is left out of the figures, e.g. "50%". */
  lowCoverageText: string;
  failedCount: number;
  /** The bottom line: a few short sentences, the picture first. */
  bottomLine: string[];
  /** Counted departments by overall level (the median of their elements' levels). */
  overall: LevelCount[];
  /** Every department: counted ones by median level (lowest first) then name; the others last, by name. */
  heatMap: HeatRow[];
  distribution: ElementDistribution[];
  /**
   * The weakest elements: every element at the lowest median (ties kept, since issue 22; was at
   * most three), those with more departments at the lowest levels first.
   */
  weakestElements: ElementDistribution[];
  /** Counted departments at the lowest overall level, those with most elements at level 1 first (at most 3). */
  needHelpFirst: { department: string; median: number; atLowest: number; assessed: number }[];
  /**
   * The characteristics most often lacking among the departments one level below that rated
   * them, most common gap first (most departments lacking it, then share), ties kept (./gaps-table.ts); strengths only when the framework has a
   * reading. Since issue 22 `base` is the departments that rated it (was: all one level below).
   */
  commonGaps: CommonGap[];
  /** "" or the sentence that says how many gaps are not shown and where they are. */
  commonGapsMore: string;
  /** Centre-dependent strengths most departments lack; null when the framework has no reading. */
  forCentre: GapTable | null;
  /** Per element, the counted departments one rating step from the next level. */
  close: { elementId: string; title: string; count: number; names: string[]; moreText: string }[];
  /** Counted departments close in at least one element, and the results (department × element). */
  closeDepartments: number;
  closeResults: number;
  /** Counted results by graded confidence. */
  confidenceCounts: { results: number; high: number; medium: number; low: number };
  evidence: EvidenceShare;
  moderation: ModerationStatus;
  /** Groups of the register compared (empty when no department has a group). */
  groups: GroupRow[];
  /** True when the framework brings the tool's reading of each characteristic (polarity, actor, label). */
  readingUsed: boolean;
  /** For the method annex: what the reading changes, or that there is none. */
  readingText: string;
  /** True when the heat map is short enough for the body; otherwise it is an annex. */
  heatMapInBody: boolean;
  /** The letter of each annex, in document order ("A", "B", …); null when the annex is absent. */
  annex: { heatMap: string | null; ownView: string; quality: string; changes: string | null; method: string };
  ownViews: OwnViewRow[];
  /** Returns to question before their levels are relied on (src/report/summary/challenges.ts). */
  challenges: { department: string; file: string; reasons: string[] }[];
  /** Only with a list of the departments asked (`--expected`); null otherwise. */
  response: ResponseRate | null;
  lowCoverage: { department: string; coverage: number; coverageText: string }[];
  contradictions: { department: string; element: string; count: number }[];
  duplicates: { department: string; files: string[] }[];
  withErrors: { department: string; file: string; errors: number }[];
  failures: SummaryFailure[];
  /** True when a previous round was given (`--previous`). */
  hasPrevious: boolean;
  changes: { department: string; element: string; from: number | null; to: number | null }[];
  /** With a previous round: departments that had no result in it (new this round), by name. */
  newDepartments: string[];
}

export interface SummaryOptions {
  title?: string;
  marking?: string;
  generatedOn: string;
  /**
   * A department's previous result (its level per element), when there is a previous round;
   * undefined for a department new this round, whose levels are not changes.
   */
  previous?: (
    department: string,
  ) => { elements: readonly { id: string; level: number | null }[] } | undefined;
  /** How many common gaps to list before ties (default 10). */
  gapCount?: number;
  /** The consolidation rule the batch applied to several respondents ("median", "lowest"), for the moderation text. */
  consolidationRule?: string | null;
  /** The departments asked to respond (`--expected`), as the list names them. */
  expected?: readonly string[];
}

/**
 * Above this many departments the heat map (a row each, about 24 to a page) leaves the body for an
 * annex, so the body (bottom line to common gaps) stays within 12 pages whatever the round's size.
 */
export const HEAT_MAP_BODY_MAX = 30;
/** Departments named per element as close to the next level; the rest are counted. */
export const CLOSE_NAMED = 5;

/**
 * Column widths of the heat map, as shares of the page: an element's column is as wide as the
 * longest word of its short title in the header's type (7 pt bold; 0.56 em a character is more
 * than Arial Bold's long words take: "infrastructure" 0.46 em, "Leadership" 0.53 em), so Word never breaks a word there.
 */
const HEADER_PT = 7;
const CHAR_EM = 0.56;
const CELL_PADDING_PT = 6;
/** The text is 16 cm wide (src/report/page-furniture.ts, not imported: it loads docx, which the batch's main thread avoids). */
const textWidthPt = 453.5;
const columnShare = (word: string) =>
  Math.ceil(((Math.max(word.length, 3) * CHAR_EM * HEADER_PT + CELL_PADDING_PT) / textWidthPt) * 100);
const longestWord = (s: string) => s.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');

/** Compares level distributions: more departments at the lowest levels first (shares, so unequal bases compare). */
function weaker(a: ElementDistribution, b: ElementDistribution): number {
  if (a.median !== b.median) return (a.median ?? Infinity) - (b.median ?? Infinity);
  for (let i = 0; i < a.counts.length; i++) {
    const d = b.counts[i]!.count / Math.max(1, b.assessed) - a.counts[i]!.count / Math.max(1, a.assessed);
    if (Math.abs(d) > 1e-9) return d;
  }
  return a.title.localeCompare(b.title);
}

export function buildSummaryModel(
  framework: Framework,
  entries: readonly SummaryEntry[],
  failures: readonly SummaryFailure[],
  options: SummaryOptions,
): SummaryViewModel {
  const names = levelNames(framework);
  const top = names.length;
  const rankOf = levelOfItems(framework);
  const byName = [...entries].sort(
    (a, b) => a.department.localeCompare(b.department) || a.file.localeCompare(b.file),
  );
  const counted = byName.filter((d) => countsInGroupFigures(d.scores, framework));
  const levelsOf = (d: SummaryEntry) => d.scores.elements.flatMap((e) => (e.level === null ? [] : [e.level]));
  const medianOf = (d: SummaryEntry) => medianLevel(levelsOf(d));
  const shade = (level: number | null) => (level === null ? 'l0' : `l${shadeIndex(level, top) + 1}`);

  // Counted departments from the lowest median level to the highest, then by name; the others last.
  const ordered = [
    ...[...counted].sort(
      (a, b) =>
        (medianOf(a) ?? Infinity) - (medianOf(b) ?? Infinity) || a.department.localeCompare(b.department),
    ),
    ...byName.filter((d) => !countsInGroupFigures(d.scores, framework)),
  ];
  const heatMap: HeatRow[] = ordered.map((d) => {
    const before = options.previous?.(d.department);
    const median = medianOf(d);
    return {
      department: d.department,
      file: d.file,
      coverage: d.scores.coverage,
      coverageText: percent(d.scores.coverage),
      median,
      medianText: median === null ? '–' : String(median),
      counted: countsInGroupFigures(d.scores, framework),
      group: d.group?.trim() || null,
      cells: d.scores.elements.map((e) => {
        const was = before?.elements.find((p) => p.id === e.id)?.level ?? null;
        const { low, high } = e.range;
        return {
          elementId: e.id,
          level: e.level,
          text: e.level === null ? '–' : String(e.level),
          shade: shade(e.level),
          lowConfidence: e.assessed && e.confidence.grade === 'low',
          confidence: e.assessed ? e.confidence.grade : null,
          rangeText: low !== null && high !== null && low < high ? `(${low}–${high})` : '',
          range: low !== null && high !== null ? { low, high } : null,
          close: closeToNextLevel(e, rankOf),
          change: e.level !== null && was !== null ? Math.sign(e.level - was) : null,
        };
      }),
    };
  });

  const withCounts = (levels: readonly number[]): LevelCount[] =>
    levelCounts(levels, top).map((count, i) => ({ rank: i + 1, name: names[i]!, count }));
  const distribution: ElementDistribution[] = framework.elements.map((element) => {
    const levels = counted.map((d) => d.scores.elements.find((e) => e.id === element.id)?.level ?? null);
    const assessed = levels.filter((l): l is number => l !== null);
    const median = medianLevel(assessed);
    return {
      elementId: element.id,
      title: element.title,
      shortTitle: element.shortTitle,
      counts: withCounts(assessed),
      assessed: assessed.length,
      notAssessed: levels.length - assessed.length,
      median,
      medianText: median === null ? '–' : String(median),
    };
  });
  // Every element at the lowest median: a tie is shown as a tie, with what separates them.
  const assessedElements = distribution.filter((d) => d.median !== null).sort(weaker);
  const weakestElements = assessedElements.filter((d) => d.median === assessedElements[0]?.median);

  const overallLevels = counted.flatMap((d) => (medianOf(d) === null ? [] : [medianOf(d)!]));
  const overall = withCounts(overallLevels);
  const lowestOverall = overallLevels.length ? Math.min(...overallLevels) : null;
  const atLowestLevel = counted
    .filter((d) => lowestOverall !== null && medianOf(d) === lowestOverall)
    .map((d) => ({
      department: d.department,
      median: lowestOverall!,
      atLowest: levelsOf(d).filter((l) => l === 1).length,
      assessed: levelsOf(d).length,
    }))
    .sort(
      (a, b) => b.atLowest / b.assessed - a.atLowest / a.assessed || a.department.localeCompare(b.department),
    );
  const needHelpFirst = atLowestLevel.slice(0, 3);
  const lastNamed = needHelpFirst.at(-1);
  // Departments as badly placed as the last one named, left out by the limit of three: counted aloud.
  const needHelpTied = lastNamed
    ? atLowestLevel
        .slice(3)
        .filter((d) => d.atLowest * lastNamed.assessed === lastNamed.atLowest * d.assessed).length
    : 0;

  const gapRows = commonGaps(
    framework,
    counted.map((d) => ({
      department: d.department,
      scores: d.scores,
      answers: d.answers ?? { ratings: {} },
    })),
  );
  const gapCount = options.gapCount ?? 10;
  const gaps = gapTable(framework, gapRows, gapCount);
  const centre = forCentre(framework, gapRows, gapCount);

  // Close to the next level, per element: counted departments only, named up to CLOSE_NAMED.
  const close = framework.elements.map((element) => {
    const names = counted
      .filter((d) => {
        const e = d.scores.elements.find((x) => x.id === element.id);
        return e !== undefined && closeToNextLevel(e, rankOf);
      })
      .map((d) => d.department);
    const rest = names.length - CLOSE_NAMED;
    return {
      elementId: element.id,
      title: element.title,
      count: names.length,
      names: names.slice(0, CLOSE_NAMED),
      moreText: rest > 0 ? `and ${rest} more (marked + in the heat map)` : '',
    };
  });
  const closeOf = (d: SummaryEntry) => d.scores.elements.filter((e) => closeToNextLevel(e, rankOf)).length;
  const closeDepartments = counted.filter((d) => closeOf(d) > 0).length;
  const closeResults = counted.reduce((n, d) => n + closeOf(d), 0);

  const countedResults = counted.flatMap((d) => d.scores.elements.filter((e) => e.assessed));
  const grades = (g: Grade) => countedResults.filter((e) => e.confidence.grade === g).length;
  const confidenceCounts = {
    results: countedResults.length,
    high: grades('high'),
    medium: grades('medium'),
    low: grades('low'),
  };
  const evidence = evidenceShare(counted);
  const moderation = moderationStatus(byName, options.consolidationRule ?? null);
  const groups = compareGroups(
    byName.map((d) => ({
      group: d.group?.trim() || null,
      counted: countsInGroupFigures(d.scores, framework),
      levels: framework.elements.map((el) => d.scores.elements.find((e) => e.id === el.id)?.level ?? null),
      overall: medianOf(d),
    })),
    framework.elements.map((e) => e.id),
  );
  const heatMapInBody = byName.length <= HEAT_MAP_BODY_MAX;
  const letters = 'ABCDEFGH';
  const annexOrder = [
    ...(heatMapInBody ? [] : ['heatMap']),
    'ownView',
    'quality',
    ...(options.previous ? ['changes'] : []),
    'method',
  ];
  const letterOf = (k: string) => (annexOrder.includes(k) ? letters[annexOrder.indexOf(k)]! : null);

  const ownViews: OwnViewRow[] = byName.map((d) => {
    const judged = d.scores.elements.filter((e) => e.assessed && e.ownJudgement.differsBy !== null);
    const count = (test: (n: number) => boolean) =>
      judged.filter((e) => test(e.ownJudgement.differsBy!)).length;
    const [same, higher, lower] = [count((n) => n === 0), count((n) => n > 0), count((n) => n < 0)];
    return {
      department: d.department,
      judged: judged.length,
      same,
      higher,
      lower,
      text: judged.length
        ? [
            `Agrees in ${same} of ${judged.length}`,
            higher ? `higher in ${higher}` : '',
            lower ? `lower in ${lower}` : '',
          ]
            .filter(Boolean)
            .join('; ')
        : 'Not given',
    };
  });

  const challenges = byName.flatMap((d) => {
    const reasons = challengeReasons(framework, d.scores, d.answers);
    return reasons.length ? [{ department: d.department, file: d.file, reasons }] : [];
  });

  const lowCoverage = byName
    .filter((d) => !countsInGroupFigures(d.scores, framework))
    .map((d) => ({
      department: d.department,
      coverage: d.scores.coverage,
      coverageText: percent(d.scores.coverage),
    }));
  const response = options.expected
    ? responseRate(
        options.expected,
        byName.map((d) => d.department),
      )
    : null;
  const lowCoverageText = percent(framework.scoring.lowCoverage);

  const byDepartment = new Map<string, string[]>();
  for (const d of byName) byDepartment.set(d.department, [...(byDepartment.get(d.department) ?? []), d.file]);

  const elementWidths = framework.elements.map((e) => columnShare(longestWord(e.shortTitle)));
  const [medianWidth, answeredWidth] = [columnShare('Median'), columnShare('Answered')];
  const departmentWidth = Math.max(
    12,
    100 - medianWidth - answeredWidth - elementWidths.reduce((a, b) => a + b, 0),
  );

  const title = options.title ?? 'Digital maturity across government';
  const chartTitle = 'Departments at each level, by element';
  const model: SummaryViewModel = {
    document: {
      title,
      subject: `Cross-government summary of self-assessments against the ${framework.title}`,
      author: 'dgx-maturity',
    },
    title,
    generatedOn: options.generatedOn,
    marking: options.marking ?? DEFAULT_MARKING,
    ...attributionOf(framework),
    chart: {
      title: chartTitle,
      altText:
        `${chartTitle}, counting the ${plural(counted.length, 'department')} that answered enough of their workbook. ` +
        distribution
          .map(
            (d) =>
              `${d.title}: ` +
              d.counts.map((c) => `${c.count} at level ${c.rank}`).join(', ') +
              (d.notAssessed ? `, ${d.notAssessed} not assessed` : ''),
          )
          .join('. ') +
        '. The same data is in the table that follows.',
    },
    framework: {
      id: framework.id,
      version: framework.version,
      title: framework.title,
      publisher: framework.publisher,
      published: framework.published,
      licence: framework.licence,
    },
    scale: names.map((name, i) => ({ rank: i + 1, name })),
    key: [
      ...names.map((name, i) => ({ rank: i + 1, text: String(i + 1), name, shade: shade(i + 1) })),
      { rank: null, text: '–', name: 'Not assessed', shade: 'l0' },
    ],
    elements: framework.elements.map((e, i) => ({
      id: e.id,
      title: e.title,
      shortTitle: e.shortTitle,
      width: `${elementWidths[i]}%`,
    })),
    columns: { department: `${departmentWidth}%`, median: `${medianWidth}%`, answered: `${answeredWidth}%` },
    departmentCount: byName.length,
    countedCount: counted.length,
    lowCoverageText,
    failedCount: failures.length,
    bottomLine: bottomLine({
      counted: counted.length,
      overall,
      weakest: weakestElements,
      elementsAssessed: assessedElements.length,
      needHelpFirst,
      needHelpTied,
      confidence: confidenceCounts,
      close: { departments: closeDepartments, results: closeResults },
      evidence,
      moderation,
      lowCoverage: lowCoverage.length,
      lowCoverageText,
    }),
    overall,
    heatMap,
    distribution,
    weakestElements,
    needHelpFirst,
    commonGaps: gaps.rows,
    commonGapsMore: gaps.moreText,
    forCentre: centre,
    close,
    closeDepartments,
    closeResults,
    confidenceCounts,
    evidence,
    moderation,
    groups,
    readingUsed: framework.reading !== undefined,
    readingText: framework.reading
      ? `Common gaps and “For the centre” use this tool’s reading of each characteristic (${framework.reading.provenance.by}, ${framework.reading.provenance.date}): ` +
        'only characteristics to put in place (strengths) are gaps, each is shown by a short label, and “For the centre” lists those that depend on the centre of government. The reading is the tool’s, not the framework’s.'
      : 'The framework in use brings no reading of its characteristics: every characteristic of a next level counts as a gap, shown by its full text, and the steps that depend on the centre cannot be told apart.',
    heatMapInBody,
    annex: {
      heatMap: letterOf('heatMap'),
      ownView: letterOf('ownView')!,
      quality: letterOf('quality')!,
      changes: letterOf('changes'),
      method: letterOf('method')!,
    },
    ownViews,
    challenges,
    response,
    lowCoverage,
    contradictions: byName.flatMap((d) =>
      d.scores.elements
        .filter((e) => e.confidence.contradictions.length)
        .map((e) => ({
          department: d.department,
          element: e.title,
          count: e.confidence.contradictions.length,
        })),
    ),
    duplicates: [...byDepartment]
      .filter(([, files]) => files.length > 1)
      .map(([department, files]) => ({ department, files })),
    withErrors: byName
      .filter((d) => d.errorCount > 0)
      .map((d) => ({ department: d.department, file: d.file, errors: d.errorCount })),
    failures: [...failures],
    hasPrevious: options.previous !== undefined,
    changes: options.previous
      ? byName.flatMap((d) => {
          const before = options.previous!(d.department);
          // New this round: listed as new (newDepartments), not as a change of every element.
          if (!before) return [];
          return d.scores.elements.flatMap((e) => {
            const was = before?.elements.find((p) => p.id === e.id)?.level ?? null;
            return was === e.level
              ? []
              : [{ department: d.department, element: e.title, from: was, to: e.level }];
          });
        })
      : [],
    newDepartments: options.previous
      ? byName.filter((d) => !options.previous!(d.department)).map((d) => d.department)
      : [],
  };
  // Department and file names come from untrusted workbooks.
  return cleanDeep(model);
}
