/**
 * The workbook's own scoring formulas, generated from `framework.scoring` so that Excel and
 * LibreOffice compute the same level as `decideLevel()` in src/scoring/score.ts, for any answers.
 *
 * Only functions both compute without prefixes are used: IF, IFERROR, AND-free nesting, LOWER,
 * TRIM, SUBSTITUTE, CHAR, COUNT, SUM, AVERAGE, INDEX, ISNUMBER, OR. Text is never compared with a
 * number (in Excel `"" >= 0.6` is TRUE): every comparison of a fit is guarded by ISNUMBER inside a
 * nested IF, which both programs evaluate lazily.
 */
import type { Framework } from '../../framework/index.js';
import { normaliseLabel } from '../../scoring/index.js';

/** A text literal: `Don't "know"` → `"Don't ""know"""`. */
export function textLiteral(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A number literal without exponent notation (1e-9 → 0.000000001), which every parser reads. */
export function numberLiteral(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v
    .toFixed(20)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/**
 * What `normaliseLabel()` does to a typed answer, as far as a spreadsheet can: typographic
 * apostrophes made straight, no-break spaces, tabs and line breaks made spaces, spaces collapsed
 * and trimmed (TRIM collapses inner runs too), lower case. Errors in the cell give "" (no answer).
 * Unicode NFKC folding has no spreadsheet equivalent; the reader does it, and warns when the
 * workbook's cached level differs from the engine's.
 */
export function ratingKeyFormula(cell: string): string {
  const toApostrophe = ['\u2018', '\u2019', '\u02bc', '\u0060', '\u00b4'];
  const toSpace = ['"\u00a0"', 'CHAR(9)', 'CHAR(10)', 'CHAR(13)'];
  let expr = cell;
  for (const ch of toApostrophe) expr = `SUBSTITUTE(${expr},${textLiteral(ch)},"'")`;
  for (const ch of toSpace) expr = `SUBSTITUTE(${expr},${ch}," ")`;
  return `IFERROR(LOWER(TRIM(${expr})),"")`;
}

type Rating = Framework['scoring']['ratings'][number];

/**
 * Each rating with its label as a formula's text literal, normalised: made once per scale, as a
 * plan asks for two formulas for each of the 244 characteristics (the demo, a plan per department).
 */
const literalsOfScale = new WeakMap<readonly Rating[], { rating: Rating; literal: string }[]>();
function ratingLiterals(framework: Framework): { rating: Rating; literal: string }[] {
  const { ratings } = framework.scoring;
  let literals = literalsOfScale.get(ratings);
  if (!literals) {
    literals = ratings.map((rating) => ({ rating, literal: textLiteral(normaliseLabel(rating.label)) }));
    literalsOfScale.set(ratings, literals);
  }
  return literals;
}

/** The value of a rating key: the rating's value when it is scored, else "". */
export function ratingValueFormula(framework: Framework, key: string): string {
  const scored = ratingLiterals(framework).filter(({ rating }) => rating.kind === 'scored');
  return scored.reduceRight(
    (otherwise, { rating, literal }) => `IF(${key}=${literal},${numberLiteral(rating.value!)},${otherwise})`,
    '""',
  );
}

/** 1 when the rating key counts as answered (scored or excluded, e.g. Not applicable), else 0. */
export function ratingCountsFormula(framework: Framework, key: string): string {
  const answered = ratingLiterals(framework).filter(({ rating }) => rating.kind !== 'unanswered');
  if (!answered.length) return '0';
  const tests = answered.map(({ literal }) => `${key}=${literal}`);
  return `IF(OR(${tests.join(',')}),1,0)`;
}

/** Fit of a level: mean of its scored values, "" when none is scored (the engine's null). */
export function fitFormula(values: string): string {
  return `IF(COUNT(${values})=0,"",AVERAGE(${values}))`;
}

/** A fit with "no fit" as 0, as the best-fitting lower level rule counts it. */
export function fitOrZeroFormula(fit: string): string {
  return `IF(ISNUMBER(${fit}),${fit},0)`;
}

/** `θ − ε` as the engine compares it. */
function reachLimit(framework: Framework): string {
  const { threshold, epsilon } = framework.scoring;
  return epsilon ? `${numberLiteral(threshold)}-${numberLiteral(epsilon)}` : numberLiteral(threshold);
}

/** 1 when a fit reaches θ (and, for `previous`, the level below reached it too), else 0. */
export function climbFormula(framework: Framework, fit: string, previous: string | null): string {
  const reaches = `IF(ISNUMBER(${fit}),IF(${fit}>=${reachLimit(framework)},1,0),0)`;
  return previous === null ? reaches : `IF(${previous}=1,${reaches},0)`;
}

/**
 * The best-fitting lower level so far: rank `rank` wins over the best of the ranks below it when
 * its fit is at least that one's minus ε (ties go up), as the loop in `decideLevel()`.
 */
export function bestLowerFormula(
  framework: Framework,
  rank: number,
  fitOrZero: string,
  fitsOrZero: string,
  previousBest: string,
): string {
  const eps = framework.scoring.epsilon;
  const limit = eps
    ? `INDEX(${fitsOrZero},${previousBest})-${numberLiteral(eps)}`
    : `INDEX(${fitsOrZero},${previousBest})`;
  return `IF(${fitOrZero}>=${limit},${rank},${previousBest})`;
}

/**
 * The element's level: "Not assessed" when no rating is scored; else the staged levels climbed
 * (stagedFrom − 1 + how many reached in order) when the first of them is reached; else the best
 * lower level.
 */
export function levelFormula(
  framework: Framework,
  args: { values: string; firstClimb: string; climbs: string; bestLower: string; notAssessed: string },
): string {
  const below = framework.scoring.stagedFrom - 1;
  return (
    `IF(COUNT(${args.values})=0,${textLiteral(args.notAssessed)},` +
    `IF(${args.firstClimb}=1,${below}+SUM(${args.climbs}),${args.bestLower}))`
  );
}

/** The level's name from the level number (blank when not assessed). */
export function levelNameFormula(level: string, names: string): string {
  return `IF(ISNUMBER(${level}),INDEX(${names},${level}),"")`;
}

/** Share of characteristics answered (Not applicable counts as answered). */
export function coverageFormula(counts: string): string {
  return `IF(COUNT(${counts})=0,0,SUM(${counts})/COUNT(${counts}))`;
}

/** A reference to another cell that shows "" rather than 0 when that cell is empty. */
export function blankSafeRef(ref: string): string {
  return `IF(${ref}="","",${ref})`;
}
