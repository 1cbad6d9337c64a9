/**
 * The summary's bottom line: the picture first, then how firm it is. It admits ties (elements with
 * the same median are named together, with what separates them), and says what a head of digital
 * will ask: how sure the results are (the graded confidence, as each department's report gives
 * it), how much is evidenced, whether returns were moderated, who is close to the next level.
 * Pure and browser-safe.
 */
import { listText } from '../format.js';
import { counted as plural, type EvidenceShare, type ModerationStatus } from './round-facts.js';

export interface LevelCount {
  rank: number;
  name: string;
  count: number;
}

/** The shape of an element's distribution the bottom line needs. */
export interface WeakElement {
  title: string;
  median: number | null;
  assessed: number;
  counts: LevelCount[];
}

export interface BottomLineInput {
  counted: number;
  overall: LevelCount[];
  /** Every element at the lowest median, weakest first (ties kept). */
  weakest: WeakElement[];
  /** Elements assessed by at least one counted department. */
  elementsAssessed: number;
  needHelpFirst: { department: string; median: number; atLowest: number; assessed: number }[];
  /** Counted departments at the lowest overall level with as many elements at level 1 as the last one named, not named. */
  needHelpTied: number;
  /** Counted results (department × element) and how many are graded low and medium. */
  confidence: { results: number; low: number; medium: number };
  /** Counted departments one rating step from the next level in at least one element, and those results. */
  close: { departments: number; results: number };
  evidence: EvidenceShare;
  moderation: ModerationStatus;
  lowCoverage: number;
  lowCoverageText: string;
}

const atLevelOne = (w: WeakElement) => `${w.counts[0]?.count ?? 0} of ${w.assessed}`;

/** The weakest elements, ties named together with what separates them. */
export function weakestText(weakest: readonly WeakElement[], elementsAssessed: number): string[] {
  if (!weakest.length) return [];
  const m = weakest[0]!.median!;
  if (weakest.length === 1) {
    const w = weakest[0]!;
    return [
      `The weakest element is ${w.title}: median level ${m}, with ${atLevelOne(w)} departments at level 1.`,
    ];
  }
  const lines = [
    weakest.length === elementsAssessed
      ? `All ${elementsAssessed} elements have the same median, level ${m}, so the median does not tell them apart.`
      : `${weakest.length} elements share the lowest median, level ${m}: ${listText(weakest.map((w) => w.title))}.`,
  ];
  const shares = weakest.map((w) => `${w.title} (${atLevelOne(w)})`);
  const first = weakest.filter(
    (w) =>
      (w.counts[0]?.count ?? 0) * weakest[0]!.assessed === (weakest[0]!.counts[0]?.count ?? 0) * w.assessed,
  );
  lines.push(
    `What separates them is the share of departments at level 1: ${listText(shares)}.` +
      (first.length > 1
        ? ` ${listText(first.map((w) => w.title))} are level on this too${first.length === weakest.length ? ': the answers do not single out a weakest element' : ''}.`
        : ''),
  );
  return lines;
}

export function bottomLine(p: BottomLineInput): string[] {
  if (p.counted === 0)
    return [
      p.lowCoverage
        ? `No department answered enough of its workbook (${p.lowCoverageText} or more) to be counted, so there is no picture across government yet.`
        : 'No department’s workbook could be read, so there is no picture across government yet.',
    ];
  const [first, ...others] = p.overall;
  const at = (c: LevelCount) => `${c.count || 'none'} at level ${c.rank}`;
  const lines = [
    `Of the ${plural(p.counted, 'department')} counted, ` +
      listText([
        `${first!.count || 'none'} ${first!.count === 1 ? 'is' : 'are'} at level ${first!.rank} overall`,
        ...others.map(at),
      ]) +
      '.',
    ...weakestText(p.weakest, p.elementsAssessed),
  ];
  if (p.needHelpFirst.length) {
    const lead = p.needHelpFirst[0]!;
    const names = listText(p.needHelpFirst.map((d) => d.department));
    const atLowestLevel = p.overall[lead.median - 1]!.count;
    const tied = p.needHelpTied
      ? ` ${plural(p.needHelpTied, 'more department')} ${p.needHelpTied === 1 ? 'has' : 'have'} as large a share of ${p.needHelpTied === 1 ? 'its' : 'their'} elements at level 1 as the last one named; the heat map lists ${p.needHelpTied === 1 ? 'it' : 'them'}.`
      : '';
    lines.push(
      (atLowestLevel > p.needHelpFirst.length
        ? `${atLowestLevel} departments are at overall level ${lead.median}, the lowest; those with the most ` +
          `elements at level 1, who need help first, are ${names}.`
        : p.needHelpFirst.length === 1
          ? `The department that needs help first is ${names}: overall level ${lead.median}, the lowest` +
            (lead.atLowest
              ? `, with ${lead.atLowest} of ${plural(lead.assessed, 'element')} at level 1.`
              : '.')
          : `The departments that need help first are ${names}: overall level ${lead.median}, the lowest.`) +
        tied,
    );
  }
  if (p.close.departments)
    lines.push(
      `${plural(p.close.departments, 'department')} ${p.close.departments === 1 ? 'is' : 'are'} one rating step from the next level ` +
        `in at least one element (${plural(p.close.results, 'result')} in all; see “Close to the next level”).`,
    );
  const c = p.confidence;
  lines.push(
    c.low || c.medium
      ? `Of the ${plural(c.results, 'result')} counted (department by element), ${c.low.toLocaleString('en-GB')} ${c.low === 1 ? 'has' : 'have'} low confidence ` +
          `and ${c.medium.toLocaleString('en-GB')} medium, for the reasons each department’s report gives; low ones are marked * in the heat map.`
      : `All ${plural(c.results, 'result')} counted (department by element) have high confidence.`,
  );
  lines.push(p.evidence.text);
  lines.push(p.moderation.text);
  if (p.lowCoverage)
    lines.push(
      `${plural(p.lowCoverage, 'department')} answered less than ${p.lowCoverageText} of ${p.lowCoverage === 1 ? 'its' : 'their'} workbook: ` +
        `${p.lowCoverage === 1 ? 'it is' : 'they are'} shown in the heat map but left out of these figures.`,
    );
  return lines;
}
