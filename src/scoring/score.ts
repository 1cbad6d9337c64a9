/**
 * The scoring engine: a pure function from answers to a level per element.
 *
 * The rule ("staged threshold", documented in docs/scoring.md) and all its numbers come from the
 * framework's `scoring` parameters; the workbook's own formulas are generated from the same
 * parameters (src/workbook), so Excel, LibreOffice, the add-in and the CLI agree.
 */
import type { Element, Framework, Level, Rating } from '../framework/index.js';
import type { Answers } from './answers.js';
import { gradeConfidence, type ConflictingLevel, type Grade } from './confidence.js';
import { decideLevel, decideRank } from './decide-level.js';
import { fitBounds, reachableLevels } from './level-range.js';
import { topValue } from './ratings.js';

export { decideLevel } from './decide-level.js';
export type { ConflictingLevel, Grade } from './confidence.js';

/** How one level of an element fits the answers. */
export interface LevelFit {
  rank: number;
  levelId: string;
  name: string;
  /** Mean value of the answered, applicable characteristics; null when there are none. */
  fit: number | null;
  total: number;
  /** Answered, including "Not applicable". */
  answered: number;
  /** Answered with a scored rating (what the mean is taken over). */
  scored: number;
  /** Answered "Not applicable" (or another excluded rating). */
  notApplicable: number;
  /** Scored at or above the threshold ("in place"). */
  inPlace: number;
}

export interface Progress {
  /** The level being worked towards (current level + 1). */
  towardsRank: number;
  towardsName: string;
  inPlace: number;
  /** Characteristics of that level that are not "Not applicable". */
  applicable: number;
  /** inPlace / applicable, 0 when nothing applies. */
  share: number;
}

export interface Confidence {
  /**
   * The original two-way flag, kept for existing readers: `low` when coverage is low or a
   * lowest-level characteristic is rated at the top although a staged level is reached.
   */
  rating: 'high' | 'low';
  /**
   * How sure the result is, from the framework's `scoring.confidence` parameters
   * (docs/scoring.md, "Confidence"). Never above `rating`.
   */
  grade: Grade;
  /**
   * Plain-English reasons for the grade, always at least one: what lowered it, or, when high,
   * what supports it.
   */
  reasons: string[];
  lowCoverage: boolean;
  /** Ids of characteristics whose rating contradicts the level (lowest level rated at the top). */
  contradictions: string[];
  /**
   * Levels the answers describe strongly (fit ≥ θ) although the result is two or more levels
   * away: level 1 when level 3 or above is reached, or any level two or more above the result.
   */
  conflictingLevels: ConflictingLevel[];
}

/** Levels; both null when the element is not assessed. */
export interface LevelRange {
  low: number | null;
  high: number | null;
}

/** Evidence behind the "in place" ratings (at or above θ, i.e. Largely or Fully). */
export interface EvidenceStrength {
  inPlace: number;
  /** In-place ratings with evidence text that is not blank. */
  withEvidence: number;
  /** withEvidence / inPlace; null when nothing is in place. */
  share: number | null;
}

export interface Trace {
  /** The rule in one sentence, with this element's numbers. */
  explanation: string;
  /** Characteristics whose ratings decided the level. */
  decidedBy: string[];
  /** Characteristics of the next level that are not yet in place (unanswered included). */
  gaps: string[];
}

export interface OwnJudgement {
  rank: number | null;
  name: string | null;
  rationale: string;
  /** Respondent's level minus the computed level; null when either is missing. */
  differsBy: number | null;
}

interface ResultCommon {
  /** The element id. */
  id: string;
  title: string;
  shortTitle: string;
  fits: LevelFit[];
  /** Share of characteristics answered (Not applicable counts as answered). */
  coverage: number;
  answered: number;
  total: number;
  confidence: Confidence;
  trace: Trace;
  ownJudgement: OwnJudgement;
  /**
   * Lowest and highest level if every open characteristic (unanswered or "Don't know") were
   * answered, by the same rule; any rating, "Not applicable" included, counts as a possible answer.
   */
  range: LevelRange;
  /** True when one answered rating moved one step on the scale would change the level. */
  borderline: boolean;
  /** The characteristics whose one-step move would change the level (empty when not borderline). */
  borderlineItems: string[];
  evidence: EvidenceStrength;
}

/** The result for one element: either assessed with a level, or not assessed at all. */
export type ElementResult =
  | (ResultCommon & { assessed: true; level: number; levelName: string; progress: Progress | null })
  | (ResultCommon & { assessed: false; level: null; levelName: null; progress: null });

export interface ScoreResult {
  frameworkId: string;
  frameworkVersion: string;
  elements: ElementResult[];
  /** Share of all characteristics answered across the framework. */
  coverage: number;
  assessedCount: number;
}

type RatingOf = (characteristicId: string) => Rating | undefined;

/** Scores every element. `answers` must already be validated against `framework`. */
export function score(framework: Framework, answers: Answers): ScoreResult {
  const byLabel = new Map(framework.scoring.ratings.map((r) => [r.label, r]));
  const ratingOf: RatingOf = (id) => {
    const label = answers.ratings[id];
    return label === undefined ? undefined : byLabel.get(label);
  };
  const elements = framework.elements.map((e) => scoreElement(framework, e, ratingOf, answers));
  const total = elements.reduce((n, e) => n + e.total, 0);
  const answered = elements.reduce((n, e) => n + e.answered, 0);
  return {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    elements,
    coverage: total ? answered / total : 0,
    assessedCount: elements.filter((e) => e.assessed).length,
  };
}

function levelFit(level: Level, ratingOf: RatingOf, atLeast: (v: number) => boolean): LevelFit {
  let answered = 0;
  let scored = 0;
  let sum = 0;
  let inPlace = 0;
  for (const c of level.characteristics) {
    const r = ratingOf(c.id);
    if (!r || r.kind === 'unanswered') continue;
    answered++;
    if (r.kind !== 'scored') continue;
    scored++;
    sum += r.value!;
    if (atLeast(r.value!)) inPlace++;
  }
  return {
    rank: level.rank,
    levelId: level.id,
    name: level.name,
    fit: scored ? sum / scored : null,
    total: level.characteristics.length,
    answered,
    scored,
    notApplicable: answered - scored,
    inPlace,
  };
}

function scoreElement(
  framework: Framework,
  element: Element,
  ratingOf: RatingOf,
  answers: Answers,
): ElementResult {
  const { threshold, epsilon, lowCoverage } = framework.scoring;
  const atLeast = (v: number) => v >= threshold - epsilon;
  const fits = element.levels.map((l) => levelFit(l, ratingOf, atLeast));
  const total = fits.reduce((n, f) => n + f.total, 0);
  const answered = fits.reduce((n, f) => n + f.answered, 0);
  const coverage = total ? answered / total : 0;
  const judgement = answers.judgements[element.id];
  const ownRank = judgement?.level ?? null;
  const evidence = evidenceStrength(element, ratingOf, atLeast, answers);
  const common = {
    id: element.id,
    title: element.title,
    shortTitle: element.shortTitle,
    fits,
    coverage,
    answered,
    total,
    evidence,
  };
  const own = (computed: number | null): OwnJudgement => ({
    rank: ownRank,
    name: ownRank === null ? null : (element.levels[ownRank - 1]?.name ?? null),
    rationale: judgement?.rationale ?? '',
    differsBy: ownRank === null || computed === null ? null : ownRank - computed,
  });

  // Not assessed: nothing scored at all (no evidence to place the element on the scale).
  if (fits.every((f) => f.scored === 0)) {
    return {
      ...common,
      assessed: false,
      level: null,
      levelName: null,
      progress: null,
      confidence: {
        rating: 'low',
        grade: 'low',
        reasons: ['No characteristic was rated, so no level can be given.'],
        lowCoverage: true,
        contradictions: [],
        conflictingLevels: [],
      },
      range: { low: null, high: null },
      borderline: false,
      borderlineItems: [],
      trace: {
        explanation: 'Not assessed: no characteristic of this element has a rating that counts.',
        decidedBy: [],
        gaps: [],
      },
      ownJudgement: own(null),
    };
  }

  const { rank, decisive } = decideLevel(
    fits.map((f) => f.fit),
    framework.scoring,
  );
  const level = element.levels[rank - 1]!;
  const next = element.levels[rank];
  const isInPlace = (id: string) => {
    const r = ratingOf(id);
    return r?.kind === 'scored' && atLeast(r.value!);
  };

  const top = topValue(framework);
  const contradictions =
    rank >= framework.scoring.stagedFrom
      ? element.levels[0]!.characteristics.filter((c) => ratingOf(c.id)?.value === top).map((c) => c.id)
      : [];
  const isLowCoverage = coverage < lowCoverage;
  // The original two-way flag (`confidence.rating`), unchanged for existing readers.
  const flaggedLow = isLowCoverage || contradictions.length > 0;

  const scale = scaleOf(framework);
  const levelRange = rangeOf(framework, element, ratingOf, scale);
  const borderlineItems = borderlineOf(
    framework,
    element,
    ratingOf,
    fits.map((f) => f.fit),
    rank,
    scale,
  );
  const conflictingLevels = conflicting(framework, element, fits, rank);
  const decidingRanks = rank < element.levels.length ? [rank, rank + 1] : [rank];
  const decidingFits = decidingRanks.map((r) => fits[r - 1]!);
  const { grade, reasons } = gradeConfidence(
    {
      rank,
      decidingRanks,
      decidingAnswered: decidingFits.reduce((n, f) => n + f.answered, 0),
      decidingTotal: decidingFits.reduce((n, f) => n + f.total, 0),
      lowCoverage: isLowCoverage,
      answered,
      total,
      topRatedLowest: contradictions.length,
      lowestLevelName: element.levels[0]!.name,
      topLabel: framework.scoring.ratings.find((r) => r.value === top)?.label ?? '',
      atLeastLabels: atLeastLabels(framework),
      conflicting: conflictingLevels,
      evidence,
      range: levelRange,
      open: total - answered,
      borderlineItems: borderlineItems.length,
      stepExample: stepExample(scale),
    },
    framework.scoring.confidence,
    epsilon,
  );

  const decidedBy = decisive.flatMap((r) =>
    element.levels[r - 1]!.characteristics.filter((c) => ratingOf(c.id)?.kind === 'scored').map((c) => c.id),
  );
  const gaps = next
    ? next.characteristics
        .filter((c) => ratingOf(c.id)?.kind !== 'excluded' && !isInPlace(c.id))
        .map((c) => c.id)
    : [];
  const nextFit = fits[rank];
  const applicable = nextFit ? nextFit.total - nextFit.notApplicable : 0;
  const progress: Progress | null =
    next && nextFit
      ? {
          towardsRank: next.rank,
          towardsName: next.name,
          inPlace: nextFit.inPlace,
          applicable,
          share: applicable ? nextFit.inPlace / applicable : 0,
        }
      : null;

  return {
    ...common,
    assessed: true,
    level: rank,
    levelName: level.name,
    progress,
    confidence: {
      rating: flaggedLow ? 'low' : 'high',
      grade,
      reasons,
      lowCoverage: isLowCoverage,
      contradictions,
      conflictingLevels,
    },
    range: levelRange,
    borderline: borderlineItems.length > 0,
    borderlineItems,
    trace: { explanation: explain(framework, fits, rank), decidedBy, gaps },
    ownJudgement: own(rank),
  };
}

const pct = (f: number | null) => (f === null ? 'no answers' : `${Math.round(f * 100)}%`);

/** One sentence saying why this level was given, with the element's own fits. */
function explain(framework: Framework, fits: LevelFit[], rank: number): string {
  const { threshold, stagedFrom } = framework.scoring;
  const t = `${Math.round(threshold * 100)}%`;
  if (rank >= stagedFrom) {
    const reached = fits.slice(stagedFrom - 1, rank).map((f) => `level ${f.rank} fits ${pct(f.fit)}`);
    const stop = fits[rank];
    return (
      `Level ${rank}: ${reached.join(' and ')}, each at least ${t}` +
      (stop ? `; level ${stop.rank} fits ${pct(stop.fit)}, below ${t}.` : '.')
    );
  }
  const lower = fits.slice(0, stagedFrom - 1).map((f) => `level ${f.rank} fits ${pct(f.fit)}`);
  return (
    `Level ${rank}: level ${stagedFrom} fits ${pct(fits[stagedFrom - 1]!.fit)}, below ${t}, ` +
    `so the best-fitting lower level is taken (${lower.join(', ')}).`
  );
}

/** The scored ratings in scale order, lowest value first (one step = one place in this list). */
function scaleOf(framework: Framework): Rating[] {
  return framework.scoring.ratings.filter((r) => r.kind === 'scored').sort((a, b) => a.value! - b.value!);
}

/** Two labels one step apart, the upper first ("Largely" → "Partly" on the DMF scale). */
/** The ratings that count as at or above the threshold, lowest first, quoted: '"Largely" or "Fully"'. */
function atLeastLabels(framework: Framework): string {
  const { threshold, epsilon, ratings } = framework.scoring;
  const labels = ratings
    .filter((r) => r.kind === 'scored' && r.value! >= threshold - epsilon)
    .sort((a, b) => a.value! - b.value!)
    .map((r) => `"${r.label}"`);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : (labels[0] ?? '');
}

function stepExample(scale: Rating[]): [string, string] {
  const i = Math.max(1, scale.length - 2);
  return [scale[i]!.label, scale[i - 1]!.label];
}

const isOpen = (r: Rating | undefined) => !r || r.kind === 'unanswered';

/** Evidence behind the element's in-place ratings. */
function evidenceStrength(
  element: Element,
  ratingOf: RatingOf,
  atLeast: (v: number) => boolean,
  answers: Answers,
): EvidenceStrength {
  let inPlace = 0;
  let withEvidence = 0;
  for (const c of element.levels.flatMap((l) => l.characteristics)) {
    const r = ratingOf(c.id);
    if (r?.kind !== 'scored' || !atLeast(r.value!)) continue;
    inPlace++;
    if ((answers.evidence[c.id] ?? '').trim()) withEvidence++;
  }
  return { inPlace, withEvidence, share: inPlace ? withEvidence / inPlace : null };
}

/** The level range over every completion of the open characteristics (see level-range.ts). */
function rangeOf(
  framework: Framework,
  element: Element,
  ratingOf: RatingOf,
  scale: Rating[],
): { low: number; high: number } {
  const ends = { bottom: scale[0]!.value!, top: scale.at(-1)!.value! };
  const bounds = element.levels.map((l) => {
    const ratings = l.characteristics.map((c) => ratingOf(c.id));
    const values = ratings.flatMap((r) => (r?.kind === 'scored' ? [r.value!] : []));
    return fitBounds(values, ratings.filter(isOpen).length, ends);
  });
  const levels = reachableLevels(bounds, framework.scoring);
  return { low: levels[0]!, high: levels.at(-1)! };
}

/** Answered characteristics whose rating moved one step on the scale would change the level. */
function borderlineOf(
  framework: Framework,
  element: Element,
  ratingOf: RatingOf,
  fits: readonly (number | null)[],
  rank: number,
  scale: Rating[],
): string[] {
  const { threshold, epsilon } = framework.scoring;
  const atLeast = (v: number) => v >= threshold - epsilon;
  const ids: string[] = [];
  // Loops in this function rather than callbacks made for each element: V8 keeps a function's
  // optimised code only while one of its closures lives, so closures made per report are compiled
  // again after every full collection (docs/performance.md, "Issue 24, session 11").
  for (let li = 0; li < element.levels.length; li++) {
    const l = element.levels[li]!;
    for (const c of l.characteristics) {
      const r = ratingOf(c.id);
      if (r?.kind !== 'scored') continue;
      const at = scale.indexOf(r);
      for (const m of [scale[at - 1], scale[at + 1]]) {
        if (m === undefined) continue;
        const changed = (id: string) => (id === c.id ? m : ratingOf(id));
        const trial = fits.slice();
        trial[li] = levelFit(l, changed, atLeast).fit;
        if (decideRank(trial, framework.scoring) !== rank) {
          ids.push(c.id);
          break;
        }
      }
    }
  }
  return ids;
}

/**
 * Levels the answers describe strongly although the result is two or more levels away: level 1
 * when the result is 3 or above, and any level two or more above the result. (A neighbouring
 * level fitting well is normal: the staged rule stops just below a level that nearly fits.)
 */
function conflicting(
  framework: Framework,
  element: Element,
  fits: LevelFit[],
  rank: number,
): ConflictingLevel[] {
  const { threshold, epsilon } = framework.scoring;
  const strong = (f: LevelFit) => f.fit !== null && f.fit >= threshold - epsilon;
  return fits
    .filter((f) => (f.rank === 1 && rank >= 3) || f.rank >= rank + 2)
    .filter(strong)
    .map((f) => ({
      rank: f.rank,
      name: element.levels[f.rank - 1]!.name,
      inPlace: f.inPlace,
      scored: f.scored,
    }));
}
