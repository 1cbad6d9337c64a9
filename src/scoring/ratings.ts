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

/** Finds the rating a typed answer means, or undefined when it is not on the scale. */
export function matchRating(framework: Framework, raw: string): Rating | undefined {
  const wanted = normaliseLabel(raw);
  return framework.scoring.ratings.find((r) => normaliseLabel(r.label) === wanted);
}

/** The labels of the scale in order, exactly as the workbook's dropdown lists them. */
export function ratingLabels(framework: Framework): string[] {
  return framework.scoring.ratings.map((r) => r.label);
}

/** The highest value on the scale ("Fully"). */
export function topValue(framework: Framework): number {
  return Math.max(...framework.scoring.ratings.flatMap((r) => (r.value === undefined ? [] : [r.value])));
}
