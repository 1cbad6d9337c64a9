/**
 * A comparison of respondents as plain data for the report (view-model field `consolidation`) and
 * the batch log: the headline with its base, and every disagreement with each respondent's rating.
 */
import type { Comparison, ConsolidationRule, DisagreementReason } from './consolidate.js';
import { describeConsolidationRule } from './consolidate.js';

export interface RespondentRef {
  /** Name and role as given on "Start here", or the file name. */
  label: string;
  /** The returned workbook's file name. */
  file: string;
}

export interface DisagreementRow {
  elementId: string;
  /** The element's title, as the framework titles it. */
  element: string;
  characteristicId: string;
  level: number;
  characteristic: string;
  reason: DisagreementReason;
  reasonText: string;
  /** Each respondent's rating ("Not rated" when blank), in respondent order. */
  ratings: { respondent: string; rating: string }[];
  /** The same, as one line: "Ana Silva (Digital lead): Fully; Bo Chen: Partly". */
  ratingsText: string;
  /** The rating the report used (the consolidation rule), or "None". */
  used: string;
}

export interface ConsolidationSummary {
  rule: ConsolidationRule;
  ruleText: string;
  respondents: RespondentRef[];
  respondentCount: number;
  /** Characteristics rated by two or more respondents. */
  base: number;
  agreed: number;
  /** Whole per cent, or null when base is 0. */
  agreedPercent: number | null;
  /** "Respondents: 3; they agreed on 81% of characteristics (42 of 52 rated by two or more of them)." */
  headline: string;
  disagreements: DisagreementRow[];
  hasDisagreements: boolean;
}

const REASON: Record<DisagreementReason, string> = {
  'ratings-apart': 'Ratings two or more steps apart',
  'dont-know': '"Don\'t know" beside a rating',
  'not-applicable': '"Not applicable" beside a rating',
};

/** The headline sentence, always with its base. */
export function agreementHeadline(respondents: number, agreed: number, base: number): string {
  if (base === 0)
    return `Respondents: ${respondents}; no characteristic was rated by two or more of them, so there is no agreement to measure.`;
  const percent = Math.round((agreed / base) * 100);
  return (
    `Respondents: ${respondents}; they agreed on ${percent}% of characteristics ` +
    `(${agreed} of ${base} rated by two or more of them).`
  );
}

export function summariseComparison(
  comparison: Comparison,
  respondents: readonly RespondentRef[],
): ConsolidationSummary {
  const disagreements = comparison.characteristics
    .filter((c) => c.verdict === 'disagreed')
    .map((c): DisagreementRow => {
      const ratings = c.ratings.map((r, i) => ({
        respondent: respondents[i]?.label ?? `Respondent ${i + 1}`,
        rating: r ?? 'Not rated',
      }));
      return {
        elementId: c.element.id,
        element: c.element.title,
        characteristicId: c.id,
        level: c.level,
        characteristic: c.text,
        reason: c.reason!,
        reasonText: REASON[c.reason!],
        ratings,
        ratingsText: ratings.map((r) => `${r.respondent}: ${r.rating}`).join('; '),
        used: c.consolidated ?? 'None',
      };
    });
  return {
    rule: comparison.rule,
    ruleText: describeConsolidationRule(comparison.rule),
    respondents: [...respondents],
    respondentCount: respondents.length,
    base: comparison.base,
    agreed: comparison.agreed,
    agreedPercent: comparison.base ? Math.round((comparison.agreed / comparison.base) * 100) : null,
    headline: agreementHeadline(respondents.length, comparison.agreed, comparison.base),
    disagreements,
    hasDisagreements: disagreements.length > 0,
  };
}
