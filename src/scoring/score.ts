/**
 * The scoring engine: a pure function from answers to a level per element.
 *
 * The rule ("staged threshold", documented in docs/scoring.md) and all its numbers come from the
 * framework's `scoring` parameters; the workbook's own formulas are generated from the same
 * parameters (src/workbook), so Excel, LibreOffice, the add-in and the CLI agree.
 */
import type { Element, Framework, Level, Rating } from '../framework/index.js';
import type { Answers } from './answers.js';
import { topValue } from './ratings.js';

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
  /** `low` when coverage is low or answers contradict the level reached. */
  rating: 'high' | 'low';
  /** Plain-English reasons, empty when confidence is high. */
  reasons: string[];
  lowCoverage: boolean;
  /** Ids of characteristics whose rating contradicts the level (lowest level rated at the top). */
  contradictions: string[];
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

/**
 * The staged-threshold decision. Levels from `stagedFrom` up are climbed in order while each fit
 * reaches θ; if not even the first of them does, the best-fitting lower level wins, ties going
 * to the higher level and a missing fit counting as 0. Returns the rank and the ranks that decided it.
 */
export function decideLevel(
  fits: readonly (number | null)[],
  params: { threshold: number; stagedFrom: number; epsilon: number },
): { rank: number; decisive: number[] } {
  const { threshold, stagedFrom, epsilon } = params;
  const reaches = (f: number | null) => f !== null && f >= threshold - epsilon;
  let rank = 0;
  for (let r = stagedFrom; r <= fits.length && reaches(fits[r - 1]!); r++) rank = r;
  if (rank) return { rank, decisive: range(stagedFrom, rank) };
  let best = 1;
  for (let r = 2; r < stagedFrom; r++) {
    if ((fits[r - 1] ?? 0) >= (fits[best - 1] ?? 0) - epsilon) best = r;
  }
  return { rank: best, decisive: range(1, stagedFrom - 1) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

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
  const common = {
    id: element.id,
    title: element.title,
    shortTitle: element.shortTitle,
    fits,
    coverage,
    answered,
    total,
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
        reasons: ['No characteristic was rated, so no level can be given.'],
        lowCoverage: true,
        contradictions: [],
      },
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
  const reasons = [
    ...(isLowCoverage
      ? [
          `Only ${Math.round(coverage * 100)}% of the characteristics were answered (below ${Math.round(lowCoverage * 100)}%).`,
        ]
      : []),
    ...(contradictions.length
      ? [
          `${contradictions.length} characteristic${contradictions.length === 1 ? '' : 's'} of "${element.levels[0]!.name}" ` +
            `${contradictions.length === 1 ? 'is' : 'are'} rated "${framework.scoring.ratings.find((r) => r.value === top)?.label}" although level ${rank} is reached.`,
        ]
      : []),
  ];

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
      rating: reasons.length ? 'low' : 'high',
      reasons,
      lowCoverage: isLowCoverage,
      contradictions,
    },
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
