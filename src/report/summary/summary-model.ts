/**
 * The cross-government picture: what `summary.docx` shows, as plain data built from every
 * department's scores (documented in docs/templates.md). Pure and browser-safe, like the report's
 * view model; every string from workbooks goes through `cleanText`.
 */
import { itemIndex, levelNames, type Framework } from '../../framework/index.js';
import type { ScoreResult } from '../../scoring/index.js';
import { attributionOf, cleanDeep, DEFAULT_MARKING } from '../build-view-model.js';
import { percent } from '../format.js';

/** One department that was read and scored. */
export interface SummaryEntry {
  department: string;
  file: string;
  scores: ScoreResult;
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
  cells: HeatCell[];
}

export interface ElementDistribution {
  elementId: string;
  title: string;
  shortTitle: string;
  /** Departments per level, lowest level first. */
  counts: { rank: number; name: string; count: number }[];
  notAssessed: number;
  /** Mean level of the assessed departments; null when none was assessed. */
  mean: number | null;
  /** e.g. "2.4", or "–" when no department was assessed. */
  meanText: string;
}

export interface CommonGap {
  itemId: string;
  text: string;
  elementTitle: string;
  /** The level the gap belongs to. */
  rank: number;
  /** How many departments have it as a gap to their next level. */
  departments: number;
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
  elements: { id: string; title: string; shortTitle: string }[];
  departmentCount: number;
  failedCount: number;
  heatMap: HeatRow[];
  distribution: ElementDistribution[];
  /** Elements by mean level, weakest first. */
  weakestElements: ElementDistribution[];
  commonGaps: CommonGap[];
  lowCoverage: { department: string; coverage: number; coverageText: string }[];
  contradictions: { department: string; element: string; count: number }[];
  duplicates: { department: string; files: string[] }[];
  withErrors: { department: string; file: string; errors: number }[];
  failures: SummaryFailure[];
  /** True when a previous round was given (`--previous`). */
  hasPrevious: boolean;
  changes: { department: string; element: string; from: number | null; to: number | null }[];
}

export interface SummaryOptions {
  title?: string;
  marking?: string;
  generatedOn: string;
  /** The previous round's scores of a department, when there is a previous round. */
  previous?: (department: string) => ScoreResult | undefined;
  /** How many common gaps to list. */
  gapCount?: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function buildSummaryModel(
  framework: Framework,
  entries: readonly SummaryEntry[],
  failures: readonly SummaryFailure[],
  options: SummaryOptions,
): SummaryViewModel {
  const names = levelNames(framework);
  const index = itemIndex(framework);
  const sorted = [...entries].sort(
    (a, b) => a.department.localeCompare(b.department) || a.file.localeCompare(b.file),
  );

  const heatMap: HeatRow[] = sorted.map((d) => {
    const before = options.previous?.(d.department);
    return {
      department: d.department,
      file: d.file,
      coverage: d.scores.coverage,
      coverageText: percent(d.scores.coverage),
      cells: d.scores.elements.map((e) => {
        const was = before?.elements.find((p) => p.id === e.id)?.level ?? null;
        return {
          elementId: e.id,
          level: e.level,
          text: e.level === null ? '–' : String(e.level),
          lowConfidence: e.confidence.rating === 'low',
          change: e.level !== null && was !== null ? Math.sign(e.level - was) : null,
        };
      }),
    };
  });

  const distribution: ElementDistribution[] = framework.elements.map((element) => {
    const levels = sorted.map((d) => d.scores.elements.find((e) => e.id === element.id)?.level ?? null);
    const assessed = levels.filter((l): l is number => l !== null);
    return {
      elementId: element.id,
      title: element.title,
      shortTitle: element.shortTitle,
      counts: names.map((name, i) => ({
        rank: i + 1,
        name,
        count: assessed.filter((l) => l === i + 1).length,
      })),
      notAssessed: levels.length - assessed.length,
      mean: mean(assessed),
      meanText: assessed.length ? mean(assessed)!.toFixed(1) : '–',
    };
  });

  const gapCounts = new Map<string, number>();
  for (const d of sorted)
    for (const e of d.scores.elements)
      for (const id of e.trace.gaps) gapCounts.set(id, (gapCounts.get(id) ?? 0) + 1);
  const commonGaps: CommonGap[] = [...gapCounts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, options.gapCount ?? 10)
    .flatMap(([id, count]) => {
      const item = index.get(id);
      return item?.kind === 'characteristic'
        ? [
            {
              itemId: id,
              text: item.item.text,
              elementTitle: item.element.title,
              rank: item.level.rank,
              departments: count,
            },
          ]
        : [];
    });

  const byDepartment = new Map<string, string[]>();
  for (const d of sorted) byDepartment.set(d.department, [...(byDepartment.get(d.department) ?? []), d.file]);

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
        `${chartTitle}. ` +
        distribution
          .map(
            (d) =>
              `${d.title}: ` +
              d.counts.map((c) => `${c.count} at level ${c.rank}`).join(', ') +
              (d.notAssessed ? `, ${d.notAssessed} not assessed` : ''),
          )
          .join('. ') +
        '.',
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
    elements: framework.elements.map((e) => ({ id: e.id, title: e.title, shortTitle: e.shortTitle })),
    departmentCount: sorted.length,
    failedCount: failures.length,
    heatMap,
    distribution,
    weakestElements: [...distribution]
      .filter((d) => d.mean !== null)
      .sort((a, b) => a.mean! - b.mean! || a.title.localeCompare(b.title))
      .slice(0, 3),
    commonGaps,
    lowCoverage: sorted
      .filter((d) => d.scores.coverage < framework.scoring.lowCoverage)
      .map((d) => ({
        department: d.department,
        coverage: d.scores.coverage,
        coverageText: percent(d.scores.coverage),
      })),
    contradictions: sorted.flatMap((d) =>
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
    withErrors: sorted
      .filter((d) => d.errorCount > 0)
      .map((d) => ({ department: d.department, file: d.file, errors: d.errorCount })),
    failures: [...failures],
    hasPrevious: options.previous !== undefined,
    changes: options.previous
      ? sorted.flatMap((d) => {
          const before = options.previous!(d.department);
          return d.scores.elements.flatMap((e) => {
            const was = before?.elements.find((p) => p.id === e.id)?.level ?? null;
            return was === e.level
              ? []
              : [{ department: d.department, element: e.title, from: was, to: e.level }];
          });
        })
      : [],
  };
  // Department and file names come from untrusted workbooks.
  return cleanDeep(model);
}
