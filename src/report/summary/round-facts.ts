/**
 * What a head of digital asks of a round before trusting its levels: how much of what departments
 * say is in place is evidenced, and whether returns with several respondents were moderated.
 * Counted departments only (src/report/peers.ts), every figure with its base. Pure and browser-safe.
 */
import type { ScoreResult } from '../../scoring/index.js';
import { percent } from '../format.js';

/** A count as GOV.UK writes it: "2,926" (thousands separated), with its noun: "1 rating", "2,926 ratings". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Evidence behind the "in place" ratings (Largely or Fully) of the counted departments. */
export interface EvidenceShare {
  /** Ratings at or above the threshold, across every element of every counted department. */
  inPlace: number;
  /** Of those, the ratings with evidence written down. */
  withEvidence: number;
  /** withEvidence / inPlace; null when nothing is in place. */
  share: number | null;
  /** "Evidence is written down for 202 of the 412 ratings of “in place” (Largely or Fully) given by the 11 departments counted (49%)." */
  text: string;
}

export function evidenceShare(departments: readonly { scores: ScoreResult }[]): EvidenceShare {
  let inPlace = 0;
  let withEvidence = 0;
  for (const d of departments)
    for (const e of d.scores.elements) {
      inPlace += e.evidence.inPlace;
      withEvidence += e.evidence.withEvidence;
    }
  const share = inPlace ? withEvidence / inPlace : null;
  const who = counted(departments.length, 'department');
  return {
    inPlace,
    withEvidence,
    share,
    text:
      share === null
        ? `No characteristic is rated as in place (Largely or Fully) by the ${who} counted, so there is no evidence to count.`
        : `Evidence is written down for ${withEvidence.toLocaleString('en-GB')} of the ${counted(inPlace, 'rating')} of “in place” ` +
          `(Largely or Fully) given by the ${who} counted (${percent(share)}).`,
  };
}

/** One department's respondents, as the batch consolidated them (src/moderation). */
export interface RespondentsInfo {
  /** Workbooks (respondents) that formed the department's result. */
  respondents: number;
  /** Characteristics two or more of them rated, and how many of those they agreed on. */
  base: number;
  agreed: number;
  /**
   * Disagreements that no moderation meeting has settled: the consolidation rule chose a rating
   * (docs/moderation.md), so the result stands on a rule, not on an agreed answer.
   */
  unsettled: number;
}

export interface ModerationRow extends RespondentsInfo {
  department: string;
  /** "81% (42 of 52)", or "nothing rated by two or more". */
  agreementText: string;
}

/** The moderation status of the round: departments with several respondents and their agreement. */
export interface ModerationStatus {
  rows: ModerationRow[];
  /** Departments with two or more respondents. */
  several: number;
  /** Of those, the departments with disagreements no moderation has settled. */
  withUnsettled: number;
  unsettled: number;
  /** One or two sentences for the bottom line. */
  text: string;
}

export function moderationStatus(
  departments: readonly { department: string; respondents?: RespondentsInfo | undefined }[],
  ruleText: string | null,
): ModerationStatus {
  const rows: ModerationRow[] = departments.flatMap((d) =>
    d.respondents && d.respondents.respondents > 1
      ? [
          {
            department: d.department,
            ...d.respondents,
            agreementText: d.respondents.base
              ? `${percent(d.respondents.agreed / d.respondents.base)} (${d.respondents.agreed} of ${d.respondents.base})`
              : 'nothing rated by two or more',
          },
        ]
      : [],
  );
  const withUnsettled = rows.filter((r) => r.unsettled > 0);
  const unsettled = rows.reduce((n, r) => n + r.unsettled, 0);
  let text: string;
  if (!rows.length)
    text =
      'Every department’s result comes from one respondent’s workbook: no return was compared with a colleague’s or moderated.';
  else {
    text =
      `${counted(rows.length, 'department')} sent workbooks from several respondents` +
      (rows.length <= 3
        ? ` (${rows.map((r) => `${r.department}: ${r.respondents}, agreeing on ${r.agreementText}`).join('; ')})`
        : '') +
      '. ';
    text += withUnsettled.length
      ? `${counted(unsettled, 'disagreement')} in ${counted(withUnsettled.length, 'department')} ` +
        `${unsettled === 1 ? 'is' : 'are'} not yet settled by moderation` +
        (ruleText
          ? `: the ${ruleText} rule chose the rating used until a moderation meeting agrees one.`
          : '.')
      : 'Their respondents agreed wherever two or more rated the same characteristic.';
  }
  return { rows, several: rows.length, withUnsettled: withUnsettled.length, unsettled, text };
}
