/**
 * The rating scale: labels, values and the tolerant matching of what respondents type.
 */
import type { Framework, Rating } from '../framework/index.js';

/**
 * Canonical form of a typed answer for matching: case-folded, spaces collapsed, typographic
 * apostrophes made straight ("DON’T  know " matches "Don't know").
 */
export function normaliseLabel(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * What each typed text meant, per scale: a return repeats a handful of texts hundreds of times, and
 * every report looks up each characteristic's rating several times (score, advice, rows). Keyed by
 * the scale's array, as `itemIndex` is by framework: a validated framework is never changed.
 */
const matches = new WeakMap<readonly Rating[], ScaleMatches>();

interface ScaleMatches {
  /** The first rating of each normalised label, as `find` in scale order gives it. */
  byLabel: Map<string, Rating>;
  /** Typed texts already matched (undefined: not on the scale); bounded, since the texts are the workbook's. */
  byRaw: Map<string, Rating | undefined>;
}

/** Typed texts remembered per scale; beyond this, texts are still matched, only not remembered. */
const RAW_TEXTS_REMEMBERED = 512;

function scaleMatches(ratings: readonly Rating[]): ScaleMatches {
  let m = matches.get(ratings);
  if (!m) {
    const byLabel = new Map<string, Rating>();
    for (const r of ratings) {
      const key = normaliseLabel(r.label);
      if (!byLabel.has(key)) byLabel.set(key, r);
    }
    m = { byLabel, byRaw: new Map() };
    matches.set(ratings, m);
  }
  return m;
}

/** Finds the rating a typed answer means, or undefined when it is not on the scale. */
export function matchRating(framework: Framework, raw: string): Rating | undefined {
  const m = scaleMatches(framework.scoring.ratings);
  if (m.byRaw.has(raw)) return m.byRaw.get(raw);
  const rating = m.byLabel.get(normaliseLabel(raw));
  if (m.byRaw.size < RAW_TEXTS_REMEMBERED) m.byRaw.set(raw, rating);
  return rating;
}

/** The labels of the scale in order, exactly as the workbook's dropdown lists them. */
export function ratingLabels(framework: Framework): string[] {
  return framework.scoring.ratings.map((r) => r.label);
}

/** The highest value on the scale ("Fully"). */
export function topValue(framework: Framework): number {
  return Math.max(...framework.scoring.ratings.flatMap((r) => (r.value === undefined ? [] : [r.value])));
}
