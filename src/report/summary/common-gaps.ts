/**
 * Common gaps: the one rule the cross-government summary and the dataset's common-gaps.csv share,
 * so that the table an analyst opens and the one a head of digital reads cannot disagree.
 *
 * For each element and each level below the top, the departments counted in the group figures
 * (src/report/peers.ts) whose result is that level are the ones that could take the next step.
 * For each characteristic of the next level, their ratings are counted apart:
 *
 * - `rated`: a scored rating (Not at all … Fully): the denominator, "departments that rated it";
 * - `lacking`: of those, rated below the threshold θ (not "in place", as the scoring engine says);
 * - `notApplicable`: an excluded rating (it is answered, but there is nothing to lack);
 * - `dontKnow`: an unanswered-kind rating ("Don't know");
 * - `blank`: no rating at all.
 *
 * "Don't know" and blanks are never counted as lacking: the answers do not say so. When the
 * framework has the tool's reading (src/framework/reading.ts), only strengths are gaps: a weakness
 * of the next level ("data is siloed") is not something to put in place. Without a reading every
 * characteristic counts, as before. Nothing is cut here: every row is returned, in framework order,
 * and ties stay ties; a reader of the rows chooses what to show and says how.
 *
 * Pure and browser-safe.
 */
import { readingOf, type Framework } from '../../framework/index.js';
import type { Answers, ScoreResult } from '../../scoring/index.js';
import { countsInGroupFigures } from '../peers.js';

/** One department as the rule needs it: its result and the ratings used for it (consolidated). */
export interface GapDepartment {
  department: string;
  scores: ScoreResult;
  answers: Pick<Answers, 'ratings'>;
}

/** One characteristic of an element's next level, for the departments one level below it. */
export interface CommonGapRow {
  elementId: string;
  characteristicId: string;
  /** The level the characteristic belongs to (2 or above). */
  rank: number;
  /** Counted departments whose element level is `rank - 1`: those that could take this step. */
  departmentsBelow: number;
  /** Of those, the departments that gave it a scored rating: the gap's denominator. */
  rated: number;
  /** Of the rated, those whose rating is below the threshold (not yet in place). */
  lacking: number;
  notApplicable: number;
  dontKnow: number;
  blank: number;
  /** The departments lacking it, by name (sorted), for tables that name them. */
  lackingDepartments: string[];
}

/** lacking / rated, or null when no department rated it (no share can be claimed). */
export function gapShare(row: Pick<CommonGapRow, 'lacking' | 'rated'>): number | null {
  return row.rated ? row.lacking / row.rated : null;
}

/**
 * Orders rows from the most common gap: more departments lacking it first, then the larger share
 * of those that rated it; equal rows keep their framework order (Array.prototype.sort is stable),
 * so ties are visible as ties. Count before share, so that a step all 4 of 4 departments lack does
 * not outrank one that 10 of 11 lack: a share on a small base says less, and the summary's question
 * is what most departments lack.
 */
export function byMostLacking(a: CommonGapRow, b: CommonGapRow): number {
  return b.lacking - a.lacking || (gapShare(b) ?? -1) - (gapShare(a) ?? -1);
}

/** True when two rows would be shown with the same figures (a tie the reader must see). */
export const sameGap = (a: CommonGapRow, b: CommonGapRow): boolean =>
  a.lacking === b.lacking && a.rated === b.rated;

/**
 * Every characteristic of each element's next level, for the counted departments one level below,
 * with the counts above; in framework order (element, level, characteristic). A level with no
 * counted department at the level below gives no rows. `departments` may include departments that
 * are not counted (low coverage): they are left out here, by the same rule as the summary's figures.
 */
export function commonGaps(framework: Framework, departments: readonly GapDepartment[]): CommonGapRow[] {
  const counted = departments.filter((d) => countsInGroupFigures(d.scores, framework));
  const { threshold, epsilon, ratings } = framework.scoring;
  const byLabel = new Map(ratings.map((r) => [r.label, r]));
  const rows: CommonGapRow[] = [];
  for (const element of framework.elements) {
    for (const level of element.levels.slice(0, -1)) {
      const below = counted.filter(
        (d) => d.scores.elements.find((e) => e.id === element.id)?.level === level.rank,
      );
      if (!below.length) continue;
      const next = element.levels[level.rank]!;
      for (const c of next.characteristics) {
        if (readingOf(framework, c.id)?.polarity === 'weakness') continue;
        const row: CommonGapRow = {
          elementId: element.id,
          characteristicId: c.id,
          rank: next.rank,
          departmentsBelow: below.length,
          rated: 0,
          lacking: 0,
          notApplicable: 0,
          dontKnow: 0,
          blank: 0,
          lackingDepartments: [],
        };
        for (const d of below) {
          const label = d.answers.ratings[c.id];
          const rating = label === undefined ? undefined : byLabel.get(label);
          if (!rating) row.blank++;
          else if (rating.kind === 'unanswered') row.dontKnow++;
          else if (rating.kind === 'excluded') row.notApplicable++;
          else {
            row.rated++;
            // The scoring engine's "in place": at or above θ, with its tolerance.
            if (rating.value! < threshold - epsilon) {
              row.lacking++;
              row.lackingDepartments.push(d.department);
            }
          }
        }
        row.lackingDepartments.sort((a, b) => a.localeCompare(b));
        rows.push(row);
      }
    }
  }
  return rows;
}
