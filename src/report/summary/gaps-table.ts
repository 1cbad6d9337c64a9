/**
 * The summary's tables of common gaps, chosen from the rows of the one rule the dataset's
 * common-gaps.csv also uses (./common-gaps.ts): "Most common gaps" and "For the centre".
 *
 * - A share is of the departments one level below that **rated** the characteristic ("7 of 9
 *   departments that rated it"); "Don't know" and blanks are counted apart, never as lacking.
 * - A share needs at least `MIN_GAP_BASE` departments that rated it, so no row rests on one.
 * - Ties are kept: rows with the same figures as the last row shown are shown too, up to a hard
 *   cap that keeps the body of the summary short; whatever is left out is counted in the text,
 *   with where to find it (common-gaps.csv), so no limit is hidden from the reader.
 * - With the tool's reading (src/framework/reading.ts) only strengths are gaps (the rule drops
 *   weaknesses), each is shown by its label, and "For the centre" lists those whose actor is the
 *   centre or both that most departments lack. Pure and browser-safe.
 */
import { readingOf, type Actor, type Framework } from '../../framework/index.js';
import { percent, plural } from '../format.js';
import { byMostLacking, gapShare, sameGap, type CommonGapRow } from './common-gaps.js';

/** A gap's share is only shown when at least this many departments rated the characteristic. */
export const MIN_GAP_BASE = 2;
/** Rows tied with the last one shown are kept up to this many rows in all. */
export const GAP_ROWS_MAX = 20;
/** Where every row is, for the reader of a capped table. */
export const GAPS_FILE = 'common-gaps.csv';

export interface CommonGap {
  itemId: string;
  /** The framework's text, in full. */
  text: string;
  /** The tool's short label for it when the framework has a reading; otherwise the full text. */
  label: string;
  elementId: string;
  elementTitle: string;
  /** The element's short title, for narrow columns. */
  elementShortTitle: string;
  /** The level the characteristic belongs to (the next level of the departments counted). */
  rank: number;
  /** Counted departments one level below that rated it (a scored rating): the share's base. */
  base: number;
  /** Of them, those that rated it below the threshold: not yet in place. */
  departments: number;
  share: number;
  /** e.g. "7 of 9 that rated it (78%)". */
  shareText: string;
  /** Counted departments one level below, whatever they answered. */
  departmentsBelow: number;
  dontKnow: number;
  blank: number;
  notApplicable: number;
  /** e.g. "2 don’t know, 1 blank, 1 not applicable", or "": the departments one level below that did not rate it. */
  unansweredText: string;
  /** Who can act, from the reading: null without one. */
  actor: Actor | null;
}

export interface GapTable {
  rows: CommonGap[];
  /** Rows with a gap that are not shown (each is in common-gaps.csv). */
  more: number;
  /** Of those, how many have the same figures as the last row shown. */
  moreTied: number;
  /** "" when nothing is left out; otherwise a sentence that says how many and where they are. */
  moreText: string;
}

function toGap(framework: Framework, row: CommonGapRow): CommonGap {
  const element = framework.elements.find((e) => e.id === row.elementId)!;
  const c = element.levels[row.rank - 1]!.characteristics.find((x) => x.id === row.characteristicId)!;
  const reading = readingOf(framework, c.id);
  const share = gapShare(row) ?? 0;
  return {
    itemId: c.id,
    text: c.text,
    label: reading?.label ?? c.text,
    elementId: element.id,
    elementTitle: element.title,
    elementShortTitle: element.shortTitle,
    rank: row.rank,
    base: row.rated,
    departments: row.lacking,
    share,
    shareText: `${row.lacking} of ${row.rated} that rated it (${percent(share)})`,
    departmentsBelow: row.departmentsBelow,
    dontKnow: row.dontKnow,
    blank: row.blank,
    notApplicable: row.notApplicable,
    unansweredText: [
      row.dontKnow ? `${row.dontKnow} don’t know` : '',
      row.blank ? `${row.blank} blank` : '',
      row.notApplicable ? `${row.notApplicable} not applicable` : '',
    ]
      .filter(Boolean)
      .join(', '),
    actor: reading?.actor ?? null,
  };
}

/**
 * The rows worth showing (something lacking, rated by at least MIN_GAP_BASE), the most common gap first
 * (most departments lacking it, then the larger share);
 * the first `limit`, then those tied with the last of them up to GAP_ROWS_MAX.
 */
export function gapTable(
  framework: Framework,
  rows: readonly CommonGapRow[],
  limit: number,
  keep: (row: CommonGapRow) => boolean = () => true,
): GapTable {
  const eligible = rows
    .filter((r) => r.lacking > 0 && r.rated >= MIN_GAP_BASE && keep(r))
    .sort(byMostLacking);
  let shown = Math.min(limit, eligible.length);
  while (
    shown > 0 &&
    shown < eligible.length &&
    shown < GAP_ROWS_MAX &&
    sameGap(eligible[shown]!, eligible[shown - 1]!)
  )
    shown++;
  const last = eligible[shown - 1];
  const rest = eligible.slice(shown);
  const moreTied = last ? rest.filter((r) => sameGap(r, last)).length : 0;
  const more = rest.length;
  const moreText = more
    ? `The table shows the ${plural(shown, 'most common gap')}; ${plural(more, 'more characteristic')} with a gap ${more === 1 ? 'is' : 'are'} not shown` +
      (moreTied ? ` (${moreTied} of them with the same figures as the last row)` : '') +
      `: every one is in ${GAPS_FILE} and results.xlsx, with its counts.`
    : '';
  return { rows: eligible.slice(0, shown).map((r) => toGap(framework, r)), more, moreTied, moreText };
}

/** Centre-dependent strengths (actor centre or both) that most departments one level below lack. */
export function forCentre(
  framework: Framework,
  rows: readonly CommonGapRow[],
  limit: number,
): GapTable | null {
  if (!framework.reading) return null;
  return gapTable(framework, rows, limit, (r) => {
    const actor = readingOf(framework, r.characteristicId)?.actor;
    return (actor === 'centre' || actor === 'both') && r.lacking * 2 > r.rated;
  });
}
