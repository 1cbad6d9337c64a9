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
import { itemIndex, levelNames, type Framework } from '../../framework/index.js';
import type { Answers, ScoreResult } from '../../scoring/index.js';
import { attributionOf, cleanDeep, DEFAULT_MARKING } from '../build-view-model.js';
import { listText, percent, plural } from '../format.js';
import { shadeIndex } from '../level-shades.js';
import { countsInGroupFigures, levelCounts, medianLevel } from '../peers.js';
import { challengeReasons } from './challenges.js';
import { responseRate, type ResponseRate } from './expected.js';

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
  lowConfidence: boolean;
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
  cells: HeatCell[];
}

export interface LevelCount {
  rank: number;
  name: string;
  count: number;
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

export interface CommonGap {
  itemId: string;
  text: string;
  elementTitle: string;
  /** The level the characteristic belongs to (the next level of the departments counted). */
  rank: number;
  /** Counted departments one level below (`rank - 1`) in the element: those that could close the gap. */
  base: number;
  /** How many of them do not yet have it in place. */
  departments: number;
  share: number;
  /** e.g. "7 of 9 (78%)". */
  shareText: string;
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
  /** The weakest elements: lowest median, then most departments at the lowest levels (at most 3). */
  weakestElements: ElementDistribution[];
  /** Counted departments at the lowest overall level, those with most elements at level 1 first (at most 3). */
  needHelpFirst: { department: string; median: number; atLowest: number; assessed: number }[];
  /** At most two per element: the characteristics most often missing among the departments one level below. */
  commonGaps: CommonGap[];
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
  /** How many common gaps to list (at most two per element). */
  gapCount?: number;
  /** The departments asked to respond (`--expected`), as the list names them. */
  expected?: readonly string[];
}

/** At most this many common gaps come from one element, so one long element cannot fill the table. */
export const GAPS_PER_ELEMENT = 2;
/** A gap's share is only shown when at least this many departments could close it. */
export const MIN_GAP_BASE = 2;

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
  const index = itemIndex(framework);
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
      cells: d.scores.elements.map((e) => {
        const was = before?.elements.find((p) => p.id === e.id)?.level ?? null;
        return {
          elementId: e.id,
          level: e.level,
          text: e.level === null ? '–' : String(e.level),
          shade: shade(e.level),
          lowConfidence: e.confidence.rating === 'low',
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
  const weakestElements = distribution
    .filter((d) => d.median !== null)
    .sort(weaker)
    .slice(0, 3);

  const overallLevels = counted.flatMap((d) => (medianOf(d) === null ? [] : [medianOf(d)!]));
  const overall = withCounts(overallLevels);
  const lowestOverall = overallLevels.length ? Math.min(...overallLevels) : null;
  const needHelpFirst = counted
    .filter((d) => lowestOverall !== null && medianOf(d) === lowestOverall)
    .map((d) => ({
      department: d.department,
      median: lowestOverall!,
      atLowest: levelsOf(d).filter((l) => l === 1).length,
      assessed: levelsOf(d).length,
    }))
    .sort(
      (a, b) => b.atLowest / b.assessed - a.atLowest / a.assessed || a.department.localeCompare(b.department),
    )
    .slice(0, 3);

  const commonGaps = gapsOf(framework, counted, options.gapCount ?? 10, index);

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
      needHelpFirst,
      lowCoverage: lowCoverage.length,
      lowCoverageText,
      top,
    }),
    overall,
    heatMap,
    distribution,
    weakestElements,
    needHelpFirst,
    commonGaps,
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

/**
 * For each element and level, the characteristics of the next level that the counted departments
 * at that level most often lack, as a share of those departments; at most GAPS_PER_ELEMENT per
 * element, then the largest shares (ties: more departments, then framework order).
 */
function gapsOf(
  framework: Framework,
  counted: readonly SummaryEntry[],
  limit: number,
  index: ReturnType<typeof itemIndex>,
): CommonGap[] {
  const perElement = framework.elements.map((element) => {
    const candidates: CommonGap[] = [];
    for (const level of element.levels.slice(0, -1)) {
      const below = counted
        .map((d) => d.scores.elements.find((e) => e.id === element.id))
        .filter((e) => e?.level === level.rank);
      if (below.length < MIN_GAP_BASE) continue;
      const next = element.levels[level.rank]!;
      for (const c of next.characteristics) {
        const lacking = below.filter((e) => e!.trace.gaps.includes(c.id)).length;
        const item = index.get(c.id);
        if (!lacking || item?.kind !== 'characteristic') continue;
        candidates.push({
          itemId: c.id,
          text: c.text,
          elementTitle: element.title,
          rank: next.rank,
          base: below.length,
          departments: lacking,
          share: lacking / below.length,
          shareText: `${lacking} of ${below.length} (${percent(lacking / below.length)})`,
        });
      }
    }
    return candidates.sort(byShare).slice(0, GAPS_PER_ELEMENT);
  });
  return perElement.flat().sort(byShare).slice(0, limit);
}

const byShare = (a: CommonGap, b: CommonGap) => b.share - a.share || b.departments - a.departments || 0;

function bottomLine(p: {
  counted: number;
  overall: LevelCount[];
  weakest: ElementDistribution[];
  needHelpFirst: SummaryViewModel['needHelpFirst'];
  lowCoverage: number;
  lowCoverageText: string;
  top: number;
}): string[] {
  if (p.counted === 0)
    return [
      p.lowCoverage
        ? `No department answered enough of its workbook (${p.lowCoverageText} or more) to be counted, so there is no picture across government yet.`
        : 'No department’s workbook could be read, so there is no picture across government yet.',
    ];
  const [first, ...others] = p.overall;
  const at = (c: LevelCount) => `${c.count || 'none'} at level ${c.rank}`;
  const lines = [
    `Of the ${plural(p.counted, 'department')} counted, ` +
      listText([
        `${first!.count || 'none'} ${first!.count === 1 ? 'is' : 'are'} at level ${first!.rank} overall`,
        ...others.map(at),
      ]) +
      '.',
  ];
  if (p.weakest.length) {
    const groups = new Map<number, string[]>();
    for (const w of p.weakest) groups.set(w.median!, [...(groups.get(w.median!) ?? []), w.title]);
    lines.push(
      `The weakest ${p.weakest.length === 1 ? 'element is' : 'elements are'} ` +
        listText([...groups].map(([m, titles]) => `${listText(titles)} (median level ${m})`)) +
        '.',
    );
  }
  if (p.needHelpFirst.length) {
    const lead = p.needHelpFirst[0]!;
    const names = listText(p.needHelpFirst.map((d) => d.department));
    const atLowestLevel = p.overall[lead.median - 1]!.count;
    lines.push(
      atLowestLevel > p.needHelpFirst.length
        ? `${atLowestLevel} departments are at overall level ${lead.median}, the lowest; those with the most ` +
            `elements at level 1, who need help first, are ${names}.`
        : p.needHelpFirst.length === 1
          ? `The department that needs help first is ${names}: overall level ${lead.median}, the lowest` +
            (lead.atLowest
              ? `, with ${lead.atLowest} of ${plural(lead.assessed, 'element')} at level 1.`
              : '.')
          : `The departments that need help first are ${names}: overall level ${lead.median}, the lowest.`,
    );
  }
  if (p.lowCoverage)
    lines.push(
      `${plural(p.lowCoverage, 'department')} answered less than ${p.lowCoverageText} of ${p.lowCoverage === 1 ? 'its' : 'their'} workbook: ` +
        `${p.lowCoverage === 1 ? 'it is' : 'they are'} shown in the heat map but left out of these figures.`,
    );
  return lines;
}
