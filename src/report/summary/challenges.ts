/**
 * Returns that deserve a challenge before their levels are believed: patterns that real answers
 * rarely make. Each is a reason in plain words; none changes a level. The rules (documented in
 * docs/comparisons.md):
 *
 * - every element at the top level while evidence is given for fewer than a quarter of the
 *   characteristics rated as in place;
 * - the respondent's own view two or more levels above the computed level, in any element;
 * - the same rating for every characteristic of a whole element sheet.
 *
 * Pure and browser-safe.
 */
import { characteristicsOf, type Framework } from '../../framework/index.js';
import { matchRating, type Answers, type ScoreResult } from '../../scoring/index.js';
import { listText, plural } from '../format.js';

/** Below this share of in-place characteristics with evidence, an all-top return has "little evidence". */
export const LITTLE_EVIDENCE = 0.25;
/** Own view this many levels or more above the computed level is challenged. */
export const OWN_VIEW_GAP = 2;

/** The reasons to challenge one department's return; empty when nothing looks implausible. */
export function challengeReasons(framework: Framework, scores: ScoreResult, answers?: Answers): string[] {
  const reasons: string[] = [];
  const top = framework.elements[0]!.levels.length;
  const { threshold, epsilon } = framework.scoring;

  if (answers && scores.elements.length && scores.elements.every((e) => e.level === top)) {
    let inPlace = 0;
    let withEvidence = 0;
    for (const element of framework.elements)
      for (const c of characteristicsOf(element)) {
        const label = answers.ratings[c.id];
        const r = label === undefined ? undefined : matchRating(framework, label);
        if (r?.kind !== 'scored' || r.value! < threshold - epsilon) continue;
        inPlace++;
        if (answers.evidence[c.id]?.trim()) withEvidence++;
      }
    if (inPlace === 0 || withEvidence / inPlace < LITTLE_EVIDENCE)
      reasons.push(
        `every element is at level ${top} (the top), with evidence for only ${withEvidence} of the ` +
          `${plural(inPlace, 'characteristic')} rated as in place`,
      );
  }

  const farAbove = scores.elements.filter(
    (e) => e.ownJudgement.differsBy !== null && e.ownJudgement.differsBy >= OWN_VIEW_GAP,
  );
  if (farAbove.length)
    reasons.push(
      `the respondent’s own view is two or more levels above the computed level in ${listText(farAbove.map((e) => e.title))}`,
    );

  if (answers) {
    const sameEverywhere = framework.elements.flatMap((element) => {
      const labels = characteristicsOf(element).map((c) => answers.ratings[c.id]);
      const first = labels[0];
      const scored = first !== undefined && matchRating(framework, first)?.kind === 'scored';
      return scored && labels.every((l) => l === first) ? [{ title: element.title, label: first }] : [];
    });
    if (sameEverywhere.length)
      reasons.push(
        `the same rating is given to every characteristic of ${listText(
          sameEverywhere.map((s) => `${s.title} (“${s.label}”)`),
        )}`,
      );
  }
  return reasons;
}
