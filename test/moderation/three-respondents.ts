/**
 * Three fictional respondents of one department with known agreements and disagreements on the
 * first seven characteristics of the first element (everything else unrated).
 */
import { characteristicsOf, type Framework } from '../../src/framework/index.js';
import { emptyAnswers, type Answers } from '../../src/scoring/index.js';

export const RESPONDENTS = [
  { respondent: 'Ana Silva', role: 'Digital lead' },
  { respondent: 'Bo Chen', role: 'Data lead' },
  { respondent: 'Cai Jones', role: 'Finance' },
] as const;

/** Ratings per characteristic (index 0–6), one per respondent; null = left blank. */
export const RATINGS: (string | null)[][] = [
  ['Fully', 'Fully', 'Largely'], // 0 agreed (one step) → median Fully
  ['Fully', 'Partly', 'Fully'], // 1 disagreed: two steps apart
  ['Largely', "Don't know", 'Largely'], // 2 disagreed: Don't know
  ['Not applicable', 'Not applicable', 'Not applicable'], // 3 agreed: Not applicable
  ['Partly', null, null], // 4 single respondent: carried over
  ['Not applicable', 'Partly', 'Partly'], // 5 disagreed: Not applicable beside ratings
  ['Largely', 'Partly', null], // 6 agreed (one step) → lower middle: Partly
];

/** What a moderation leaves: the agreed rating, or null (left for the meeting). */
export const AGREED: (string | null)[] = ['Fully', null, null, 'Not applicable', 'Partly', null, 'Partly'];
/** What the median rule gives without a meeting. */
export const MEDIAN: (string | null)[] = [
  'Fully',
  'Fully',
  'Largely',
  'Not applicable',
  'Partly',
  'Partly',
  'Partly',
];

export const ids = (framework: Framework) =>
  characteristicsOf(framework.elements[0]!)
    .slice(0, RATINGS.length)
    .map((c) => c.id);

export function respondentAnswers(framework: Framework): Answers[] {
  const cs = ids(framework);
  return RESPONDENTS.map((_, r) => {
    const a = emptyAnswers(framework);
    RATINGS.forEach((row, i) => {
      const rating = row[r];
      if (rating) a.ratings[cs[i]!] = rating;
    });
    a.evidence[cs[1]!] = `Evidence ${r + 1} on the second characteristic`;
    if (r === 2) a.evidence[cs[0]!] = 'Only the finance view';
    a.responses[framework.elements[0]!.questions[0]!.id] = `Response of respondent ${r + 1}`;
    a.judgements[framework.elements[0]!.id] = { level: r + 1, rationale: `Rationale ${r + 1}` };
    return a;
  });
}
