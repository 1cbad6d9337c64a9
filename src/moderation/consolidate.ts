/**
 * Several respondents for one department: where they agree, where they do not, and one set of
 * answers made from theirs by a documented rule (docs/moderation.md). Pure and browser-safe.
 *
 * Agreement, per characteristic, among the respondents who rated it (a blank is no rating):
 * - all gave scored ratings at most one step apart on the scale (e.g. Largely and Fully), or
 * - all said "Not applicable", or all said "Don't know".
 * Anything else is a disagreement: scored ratings two or more steps apart, "Don't know" beside a
 * rating, or "Not applicable" beside a rating. A characteristic rated by one respondent only is
 * carried over and is neither; the agreement share counts only characteristics that two or more
 * respondents rated, and says so.
 */
import type { Element, Framework, Rating } from '../framework/index.js';
import type { Answers } from '../scoring/index.js';
import { emptyAnswers } from '../scoring/answers-check.js';
import { matchRating } from '../scoring/ratings.js';

/** How one rating is made from several when there is no moderation meeting. */
export const CONSOLIDATION_RULES = ['median', 'lowest'] as const;
export type ConsolidationRule = (typeof CONSOLIDATION_RULES)[number];
export const DEFAULT_CONSOLIDATION_RULE: ConsolidationRule = 'median';

/** The rule in one plain sentence, for reports and help texts. */
export function describeConsolidationRule(rule: ConsolidationRule): string {
  const pick =
    rule === 'median'
      ? 'the middle rating of those given (with an even number, the lower of the two middle ones)'
      : 'the lowest rating given';
  return (
    `Each characteristic takes ${pick}. "Don't know" gives way to any rating a colleague gave; ` +
    `"Not applicable" is used only when more respondents said it than gave a rating.`
  );
}

/** One respondent: a name or role to attribute their words to, and their answers. */
export interface RespondentAnswers {
  /** e.g. "Ana Silva (Digital lead)"; see {@link respondentLabel}. */
  label: string;
  answers: Answers;
}

export type Verdict =
  /** Two or more respondents rated it and agree (see the module comment). */
  | 'agreed'
  /** One respondent only rated it: carried over. */
  | 'single'
  /** Two or more respondents rated it and disagree: for the moderation meeting. */
  | 'disagreed'
  /** Nobody rated it. */
  | 'unrated';

export type DisagreementReason = 'ratings-apart' | 'dont-know' | 'not-applicable';

export interface CharacteristicComparison {
  id: string;
  element: Element;
  /** Rank of the level the characteristic belongs to. */
  level: number;
  text: string;
  /** Each respondent's rating (canonical label) in respondent order; null: not rated. */
  ratings: (string | null)[];
  /** Each respondent's evidence in respondent order; null: none. */
  evidence: (string | null)[];
  verdict: Verdict;
  reason: DisagreementReason | null;
  /** The rating the consolidation rule gives (also for disagreements); null: none. */
  consolidated: string | null;
}

export interface Comparison {
  rule: ConsolidationRule;
  respondents: string[];
  characteristics: CharacteristicComparison[];
  /** Characteristics two or more respondents rated: the base of the agreement share. */
  base: number;
  agreed: number;
}

/** "Ana Silva (Digital lead)", or the role, or the fallback (e.g. the file name). */
export function respondentLabel(
  meta: { respondent?: string | undefined; role?: string | undefined },
  fallback: string,
): string {
  const name = meta.respondent?.trim();
  const role = meta.role?.trim();
  if (name && role) return `${name} (${role})`;
  return name || role || fallback;
}

/** A department name compared across files and rounds: case, spaces, accents' forms and punctuation folded. */
export function departmentKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Scale {
  byLabel: Map<string, Rating>;
  /** Scored ratings, least value first: index = step. */
  steps: Rating[];
  dontKnow: string | undefined;
  notApplicable: string | undefined;
}

function scaleOf(framework: Framework): Scale {
  const ratings = framework.scoring.ratings;
  return {
    byLabel: new Map(ratings.map((r) => [r.label, r])),
    steps: ratings.filter((r) => r.kind === 'scored').sort((a, b) => a.value! - b.value!),
    dontKnow: ratings.find((r) => r.kind === 'unanswered')?.label,
    notApplicable: ratings.find((r) => r.kind === 'excluded')?.label,
  };
}

/** One rating from several by the rule; null when none was given. */
function consolidateRatings(scale: Scale, given: readonly string[], rule: ConsolidationRule): string | null {
  const kinds = given.map((label) => scale.byLabel.get(label)?.kind);
  const scored = given
    .filter((_, i) => kinds[i] === 'scored')
    .map((label) => scale.steps.findIndex((r) => r.label === label))
    .sort((a, b) => a - b);
  const excluded = kinds.filter((k) => k === 'excluded').length;
  const unknown = kinds.filter((k) => k === 'unanswered').length;
  if (excluded > scored.length) return scale.notApplicable ?? null;
  if (scored.length) {
    // Even counts take the lower middle: without a meeting, the cautious reading.
    const step = rule === 'lowest' ? scored[0]! : scored[Math.floor((scored.length - 1) / 2)]!;
    return scale.steps[step]!.label;
  }
  return unknown ? (scale.dontKnow ?? null) : null;
}

function judge(
  scale: Scale,
  given: readonly string[],
): { verdict: Verdict; reason: DisagreementReason | null } {
  if (given.length === 0) return { verdict: 'unrated', reason: null };
  if (given.length === 1) return { verdict: 'single', reason: null };
  const kinds = given.map((label) => scale.byLabel.get(label)?.kind);
  if (kinds.every((k) => k === kinds[0]) && kinds[0] !== 'scored') return { verdict: 'agreed', reason: null };
  if (kinds.includes('unanswered')) return { verdict: 'disagreed', reason: 'dont-know' };
  if (kinds.includes('excluded')) return { verdict: 'disagreed', reason: 'not-applicable' };
  const steps = given.map((label) => scale.steps.findIndex((r) => r.label === label));
  return Math.max(...steps) - Math.min(...steps) >= 2
    ? { verdict: 'disagreed', reason: 'ratings-apart' }
    : { verdict: 'agreed', reason: null };
}

/** Compares the respondents' ratings characteristic by characteristic. */
export function compareRespondents(
  framework: Framework,
  respondents: readonly RespondentAnswers[],
  rule: ConsolidationRule = DEFAULT_CONSOLIDATION_RULE,
): Comparison {
  const scale = scaleOf(framework);
  const characteristics: CharacteristicComparison[] = [];
  for (const element of framework.elements) {
    for (const level of element.levels) {
      for (const c of level.characteristics) {
        const ratings = respondents.map((r) => {
          const raw = r.answers.ratings[c.id];
          return raw === undefined ? null : (matchRating(framework, raw)?.label ?? null);
        });
        const evidence = respondents.map((r) => r.answers.evidence[c.id]?.trim() || null);
        const given = ratings.filter((x): x is string => x !== null);
        characteristics.push({
          id: c.id,
          element,
          level: level.rank,
          text: c.text,
          ratings,
          evidence,
          ...judge(scale, given),
          consolidated: consolidateRatings(scale, given, rule),
        });
      }
    }
  }
  const rated = characteristics.filter((c) => c.verdict === 'agreed' || c.verdict === 'disagreed');
  return {
    rule,
    respondents: respondents.map((r) => r.label),
    characteristics,
    base: rated.length,
    agreed: rated.filter((c) => c.verdict === 'agreed').length,
  };
}

/** Each respondent's text, attributed: "Ana Silva (Digital lead): …", one paragraph each. */
export function attributed(
  labels: readonly string[],
  texts: readonly (string | null | undefined)[],
): string | null {
  const parts = texts.flatMap((t, i) => (t?.trim() ? [`${labels[i]}: ${t.trim()}`] : []));
  return parts.length ? parts.join('\n\n') : null;
}

/** What to do with the ratings of disagreements. */
export type DisagreementHandling =
  /** Left unrated, for the moderation meeting (`dmf moderate`). */
  | 'leave-empty'
  /** Given the rule's rating (a report without a meeting: `dmf batch`). */
  | 'apply-rule';

/**
 * One set of answers from several: ratings by the comparison (agreements and single ratings as
 * they are, disagreements by `handling`), every respondent's evidence, responses and rationale
 * attributed, and the own judgement of each element by the same rule over the levels given.
 */
export function consolidatedAnswers(
  framework: Framework,
  respondents: readonly RespondentAnswers[],
  comparison: Comparison,
  handling: DisagreementHandling,
): Answers {
  const out = emptyAnswers(framework);
  const labels = respondents.map((r) => r.label);
  for (const c of comparison.characteristics) {
    const rating = c.verdict === 'disagreed' && handling === 'leave-empty' ? null : c.consolidated;
    if (rating) out.ratings[c.id] = rating;
    const evidence = attributed(labels, c.evidence);
    if (evidence) out.evidence[c.id] = evidence;
  }
  for (const element of framework.elements) {
    for (const q of element.questions) {
      for (const id of [q.id, ...q.subQuestions.map((s) => s.id)]) {
        const text = attributed(
          labels,
          respondents.map((r) => r.answers.responses[id]),
        );
        if (text) out.responses[id] = text;
      }
    }
    const levels = respondents
      .map((r) => r.answers.judgements[element.id]?.level)
      .filter((l): l is number => l !== undefined)
      .sort((a, b) => a - b);
    const rationale = attributed(
      labels,
      respondents.map((r) => r.answers.judgements[element.id]?.rationale),
    );
    // A meeting agrees the own judgement too, unless everyone gave the same level.
    const unanimous = levels.length > 0 && levels[0] === levels[levels.length - 1];
    const level =
      !levels.length || (handling === 'leave-empty' && !unanimous)
        ? undefined
        : comparison.rule === 'lowest'
          ? levels[0]!
          : levels[Math.floor((levels.length - 1) / 2)]!;
    if (level !== undefined || rationale)
      out.judgements[element.id] = {
        ...(level !== undefined ? { level } : {}),
        ...(rationale ? { rationale } : {}),
      };
  }
  return out;
}
