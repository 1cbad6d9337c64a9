/**
 * Comparing departments: the rules the cross-government summary and a department's "How you
 * compare" section share, and the peer cohort a batch hands to every department's report.
 *
 * - Levels are ordinal, so they are never averaged: a group of levels is described by how many
 *   are at each level and by its median. With an even number of levels the median is the lower of
 *   the two middle ones, so it is always a level of the scale and never claims more than the
 *   answers give.
 * - A department that answered less of its workbook than the framework's low-coverage threshold
 *   (`scoring.lowCoverage`) is shown where it is named, but left out of every figure about the
 *   group (distributions, medians, common gaps, peer cohorts): its levels rest on too few answers.
 * - A department's report compares it with the group only when at least `MIN_PEERS` departments
 *   are in the cohort, and never names another department: the cohort holds levels, not names.
 *
 * Pure and browser-safe.
 */
import type { Framework } from '../framework/index.js';
import type { ScoreResult } from '../scoring/index.js';
import { listText, plural } from './format.js';

/** Fewer departments than this and a comparison would say more about one neighbour than about the group. */
export const MIN_PEERS = 5;

/** True when a department answered enough of its workbook to count in figures about the group. */
export function countsInGroupFigures(scores: Pick<ScoreResult, 'coverage'>, framework: Framework): boolean {
  return scores.coverage >= framework.scoring.lowCoverage;
}

/** The median of levels (the lower middle one when their number is even); null for none. */
export function medianLevel(levels: readonly number[]): number | null {
  if (!levels.length) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** How many of `levels` are at each level of a scale of `top` levels, lowest first. */
export function levelCounts(levels: readonly number[], top: number): number[] {
  const counts = Array.from({ length: top }, () => 0);
  for (const l of levels) if (l >= 1 && l <= top) counts[l - 1]!++;
  return counts;
}

/** The levels of the departments in a batch, per element; no department's name is kept. */
export interface PeerCohort {
  frameworkId: string;
  frameworkVersion: string;
  /** Departments in the batch that answered enough to count. */
  departmentCount: number;
  /** Departments in the batch left out because they answered too little. */
  excludedCount: number;
  /** In framework order: the levels of the counted departments assessed in the element, lowest first. */
  elements: { id: string; levels: number[] }[];
  /** The register's group these departments share (e.g. "Agencies"); absent for the whole round. */
  group?: string;
}

/**
 * The cohort of a batch, built once after every workbook is scored and given to every report
 * (`buildViewModel({ …, peers })`). `results`: the scores of every department read in the batch,
 * one each (a department's own scores included; those with low coverage are left out here).
 */
export function buildPeerCohort(results: readonly ScoreResult[], framework: Framework): PeerCohort {
  const counted = results.filter((r) => countsInGroupFigures(r, framework));
  return {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    departmentCount: counted.length,
    excludedCount: results.length - counted.length,
    elements: framework.elements.map((element) => ({
      id: element.id,
      levels: counted
        .map((r) => r.elements.find((e) => e.id === element.id)?.level ?? null)
        .filter((l): l is number => l !== null)
        .sort((a, b) => a - b),
    })),
  };
}

/**
 * One cohort per group of the register (ministerial departments, agencies, regions…), built the
 * same way as the round's. `results`: each department's scores with its group (none: no group).
 */
export function buildGroupCohorts(
  results: readonly { scores: ScoreResult; group?: string | null | undefined }[],
  framework: Framework,
): Map<string, PeerCohort> {
  const byGroup = new Map<string, ScoreResult[]>();
  for (const r of results) {
    const group = r.group?.trim();
    if (group) byGroup.set(group, [...(byGroup.get(group) ?? []), r.scores]);
  }
  return new Map(
    [...byGroup].map(([group, scores]) => [group, { ...buildPeerCohort(scores, framework), group }]),
  );
}

/**
 * The cohort a department is compared with: its own group's when that group has at least
 * `MIN_PEERS` counted departments (departments of one type compare best with each other, as the
 * NHS assessment compares trusts of one type), otherwise the whole round's.
 */
export function cohortFor(
  group: string | null | undefined,
  groups: ReadonlyMap<string, PeerCohort>,
  round: PeerCohort,
): PeerCohort {
  const own = group?.trim() ? groups.get(group.trim()) : undefined;
  return own && own.departmentCount >= MIN_PEERS ? own : round;
}

/** Where a department stands in one element. */
export type PeerPosition = 'above' | 'at' | 'below' | 'not-assessed' | 'no-peers';

export interface PeerRow {
  id: string;
  anchor: string;
  title: string;
  shortTitle: string;
  /** This department's level; null when not assessed. */
  level: number | null;
  /** e.g. "2", or "–". */
  levelText: string;
  /** Median level of the departments assessed in the element; null when none was. */
  median: number | null;
  medianText: string;
  /** Departments at each level, lowest first (this department included when it counts). */
  counts: { rank: number; count: number }[];
  /** Departments of the cohort assessed in this element. */
  assessed: number;
  position: PeerPosition;
  /** e.g. "Above the median", "At the median", "Below the median", "Not assessed". */
  positionText: string;
  /** e.g. "3 of 12 departments are at a higher level". */
  higherText: string;
}

/** The "How you compare" section of a department's report. */
export interface PeerComparison {
  /** Departments in the comparison (this one included when it counts). */
  departmentCount: number;
  /** Departments of the batch left out for answering too little. */
  excludedCount: number;
  /** False when this department answered too little to count in the group's figures itself. */
  includesThisDepartment: boolean;
  /** The bottom line, one or two sentences. */
  headline: string;
  /** Who is compared, and how (median, left-out departments). */
  basis: string;
  rows: PeerRow[];
  /** Caption and alt text of the comparison chart (drawn from `rows` by the renderer). */
  chart: { title: string; altText: string };
}

const POSITION_TEXT: Record<PeerPosition, string> = {
  above: 'Above the median',
  at: 'At the median',
  below: 'Below the median',
  'not-assessed': 'Not assessed',
  'no-peers': 'No other department assessed',
};

/**
 * One department's place in the cohort, or null when the cohort is too small to compare with (or
 * was built for another framework). Names no other department: the cohort has no names.
 */
export function comparePeers(
  cohort: PeerCohort,
  own: ScoreResult,
  framework: Framework,
): PeerComparison | null {
  if (cohort.frameworkId !== framework.id || cohort.frameworkVersion !== framework.version) return null;
  if (cohort.departmentCount < MIN_PEERS) return null;
  const top = framework.elements[0]!.levels.length;
  const rows: PeerRow[] = framework.elements.map((element, i) => {
    const levels = cohort.elements[i]?.levels ?? [];
    const mine = own.elements.find((e) => e.id === element.id)?.level ?? null;
    const median = medianLevel(levels);
    const position: PeerPosition =
      mine === null
        ? 'not-assessed'
        : median === null
          ? 'no-peers'
          : mine > median
            ? 'above'
            : mine < median
              ? 'below'
              : 'at';
    const higher = mine === null ? 0 : levels.filter((l) => l > mine).length;
    return {
      id: element.id,
      anchor: `element-${element.id}`,
      title: element.title,
      shortTitle: element.shortTitle,
      level: mine,
      levelText: mine === null ? '–' : String(mine),
      median,
      medianText: median === null ? '–' : String(median),
      counts: levelCounts(levels, top).map((count, r) => ({ rank: r + 1, count })),
      assessed: levels.length,
      position,
      positionText: POSITION_TEXT[position],
      higherText:
        mine === null
          ? ''
          : `${higher} of ${plural(levels.length, 'department')} ${higher === 1 ? 'is' : 'are'} at a higher level`,
    };
  });
  const n = cohort.departmentCount;
  const includes = countsInGroupFigures(own, framework);
  const who = cohort.group
    ? `the ${plural(n, 'department')} of its group (${cohort.group}) in this round`
    : `the ${plural(n, 'department')} in this round`;
  const basis =
    `The comparison is with ${who} that answered enough of their workbook` +
    (includes
      ? ', this one included'
      : '; this department answered too little to count in the figures itself') +
    '. The median is the level of the middle department when all are lined up from lowest to highest. ' +
    (cohort.excludedCount
      ? `${plural(cohort.excludedCount, 'department')} answered too little to be counted and ${cohort.excludedCount === 1 ? 'is' : 'are'} left out. `
      : '') +
    'No other department is named.';
  const chartTitle = 'Departments at each level, by element, and this department’s level';
  return {
    departmentCount: n,
    excludedCount: cohort.excludedCount,
    includesThisDepartment: includes,
    headline: headlineText(rows, n),
    basis,
    rows,
    chart: {
      title: chartTitle,
      altText:
        `Chart of how many of the ${n} departments are at each level in each element, with this ` +
        `department’s level. ` +
        rows
          .map(
            (r) =>
              `${r.title}: this department ${r.level === null ? 'not assessed' : `level ${r.level}`}, ` +
              `median ${r.median === null ? 'none' : `level ${r.median}`}; ` +
              r.counts.map((c) => `${c.count} at level ${c.rank}`).join(', '),
          )
          .join('. ') +
        '. The same data is in the table that follows.',
    },
  };
}

/** e.g. "Among the 12 departments compared, this department is above the median in A. It is at the median in the other 6 elements." */
function headlineText(rows: readonly PeerRow[], n: number): string {
  // Short titles: the headline names up to every element, and the brief's page has a budget (issue 24).
  const titles = (p: PeerPosition) => rows.filter((r) => r.position === p).map((r) => r.shortTitle);
  const [above, at, below] = [titles('above'), titles('at'), titles('below')];
  if (!above.length && !at.length && !below.length) return 'No element of this department could be compared.';
  if (!above.length && !below.length)
    return `Among the ${n} departments compared, this department is at the median in every element assessed.`;
  const sentences: string[] = [];
  const other = (count: number) => (count === 1 ? 'one other element' : `the other ${count} elements`);
  // Seven names said once each are no headline: when one side holds every element compared, say so.
  const compared = above.length + at.length + below.length;
  const named = (titles: string[]) =>
    titles.length === compared && compared > 1 ? 'every element assessed' : listText(titles);
  if (above.length) sentences.push(`above the median in ${named(above)}`);
  if (below.length) sentences.push(`below the median in ${named(below)}`);
  if (at.length) sentences.push(`at the median in ${other(at.length)}`);
  const [first, ...rest] = sentences;
  return [
    `Among the ${n} departments compared, this department is ${first!}.`,
    ...rest.map((s) => `It is ${s}.`),
  ].join(' ');
}
