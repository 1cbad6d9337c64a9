/**
 * Groups of the register (ministerial departments, agencies, regions…): when the list of
 * departments asked gives each one a group, the summary compares groups instead of asking the
 * reader to compare hundreds of rows. Counted departments only, medians never averages
 * (src/report/peers.ts). Pure and browser-safe.
 */
import { levelCounts, medianLevel } from '../peers.js';

export interface GroupRow {
  group: string;
  /** Counted departments of the group. */
  counted: number;
  /** Departments of the group left out for answering too little. */
  notCounted: number;
  /** Median level per element, in framework order: "2", or "–" when none was assessed. */
  medians: { elementId: string; median: number | null; text: string }[];
  /** Median of the counted departments' overall levels. */
  overall: number | null;
  overallText: string;
  /** Counted departments at level 1 overall, e.g. "3 of 8". */
  atLevelOneText: string;
}

export interface GroupInput {
  group: string | null;
  counted: boolean;
  /** Element levels in framework order (null: not assessed). */
  levels: (number | null)[];
  overall: number | null;
}

/** One row per group, by name; departments without a group form "No group" (last) when others have one. */
export function compareGroups(departments: readonly GroupInput[], elementIds: readonly string[]): GroupRow[] {
  if (!departments.some((d) => d.group)) return [];
  const NONE = 'No group given';
  const byGroup = new Map<string, GroupInput[]>();
  for (const d of departments) {
    const g = d.group ?? NONE;
    byGroup.set(g, [...(byGroup.get(g) ?? []), d]);
  }
  const names = [...byGroup.keys()].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)));
  return names.map((group) => {
    const members = byGroup.get(group)!;
    const counted = members.filter((d) => d.counted);
    const overallLevels = counted.flatMap((d) => (d.overall === null ? [] : [d.overall]));
    const overall = medianLevel(overallLevels);
    const atOne = levelCounts(overallLevels, Math.max(1, ...overallLevels))[0] ?? 0;
    return {
      group,
      counted: counted.length,
      notCounted: members.length - counted.length,
      medians: elementIds.map((elementId, i) => {
        const median = medianLevel(counted.flatMap((d) => (d.levels[i] == null ? [] : [d.levels[i]!])));
        return { elementId, median, text: median === null ? '–' : String(median) };
      }),
      overall,
      overallText: overall === null ? '–' : String(overall),
      atLevelOneText: `${atOne} of ${counted.length}`,
    };
  });
}
