/**
 * A fictional government for the demo and the benchmarks: departments with plausible, varied
 * answers, generated from a seed so every run gives the same workbooks.
 *
 * Everything here is invented and says so: the country is "Examplia (fictional)", and every
 * department carries "(fictional)" in its name so no demo report can be mistaken for a real one.
 */
import type { Framework } from '../framework/index.js';
import { emptyAnswers, type Answers } from '../scoring/index.js';

export interface FictionalDepartment {
  department: string;
  respondent: string;
  role: string;
  contact: string;
  /** Underlying maturity per element id (1 = non-digital … top level), before noise. */
  profile: Record<string, number>;
  answers: Answers;
}

/** mulberry32: a tiny, well-known seeded PRNG; good enough for test data, and reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = [
  'Ministry of Finance',
  'Department of Health and Social Care',
  'Ministry of Education',
  'Department for Transport',
  'Tax and Customs Authority',
  'Ministry of Justice',
  'Department for Work and Pensions',
  'Ministry of Agriculture and Fisheries',
  'Department for Environment',
  'Ministry of Foreign Affairs',
  'National Statistics Office',
  'Department for Business and Trade',
  'Ministry of Culture and Sport',
  'Land Registry',
  'Department for Housing',
  'Ministry of Interior',
];
const GIVEN = [
  'Alex',
  'Sam',
  'Priya',
  'Jonas',
  'Amara',
  'Mei',
  'Tomás',
  'Fatima',
  'Olu',
  'Ingrid',
  'Kenji',
  'Rosa',
];
const FAMILY = [
  'Okafor',
  'Lindqvist',
  'Nakamura',
  'Haddad',
  'Moreau',
  'Singh',
  'Kowalski',
  'Mensah',
  'Ortega',
  'Byrne',
];
const ROLES = [
  'Chief Digital Officer',
  'Head of Digital Transformation',
  'Director of Technology',
  'Digital Strategy Lead',
];
const EVIDENCE = [
  'Confirmed in the 2025 digital strategy and its delivery plan.',
  'Seen in two of our largest services; not yet consistent across the department.',
  'Internal audit report (March 2026) found gaps here.',
  'Piloted in one programme; funding for wider roll-out is not agreed.',
  'Discussed at the digital board; no formal decision yet.',
  'Our service assessments record this for every new service.',
];
const RESPONSES = [
  'Partly. The central digital team leads on this, but departments vary widely in how far they follow it.',
  'Yes, for new services. Legacy services are reviewed when their contracts come up for renewal.',
  'Not yet. A proposal goes to the executive committee next quarter.',
  'We rely on suppliers for most of this and are building in-house capability over the next two years.',
  'There is a cross-government forum that meets monthly; attendance from smaller bodies is low.',
];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * How likely a characteristic of level `rank` describes an organisation of maturity `m`.
 * Lower levels describe kinds of organisation (fit is highest near m); staged upper levels are
 * in place once the organisation has reached them.
 */
function describes(rank: number, m: number, stagedFrom: number): number {
  if (rank >= stagedFrom) return sigmoid((m - rank + 0.5) * 3);
  return clamp(1 - Math.abs(m - rank) * 0.45, 0.03, 0.97);
}

/** Generates `count` fictional departments with answers for every element of `framework`. */
export function fictionalGovernment(framework: Framework, count = 12, seed = 2026): FictionalDepartment[] {
  const rnd = seededRandom(seed);
  // A second stream for how well each element is documented, so the ratings stay as they were.
  const evidenceRnd = seededRandom(seed ^ 0x5eed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const top = framework.elements[0]!.levels.length;
  const { stagedFrom } = framework.scoring;
  const scored = framework.scoring.ratings
    .filter((r) => r.kind === 'scored')
    .sort((a, b) => b.value! - a.value!);
  const dontKnow = framework.scoring.ratings.find((r) => r.kind === 'unanswered')?.label;
  const notApplicable = framework.scoring.ratings.find((r) => r.kind === 'excluded')?.label;

  return Array.from({ length: count }, (_, d) => {
    const name = `${DEPARTMENTS[d % DEPARTMENTS.length]}${d >= DEPARTMENTS.length ? ` ${Math.floor(d / DEPARTMENTS.length) + 1}` : ''} (fictional)`;
    const answers = emptyAnswers(framework);
    // Each department has an overall maturity and its own strengths and weaknesses.
    const overall = 1 + rnd() * (top - 1);
    // A few departments answer only part of the workbook (low coverage), as real returns do.
    const answerRate = d % 5 === 3 ? 0.35 + rnd() * 0.2 : 0.9 + rnd() * 0.1;
    const profile: Record<string, number> = {};
    for (const element of framework.elements) {
      const m = clamp(overall + (rnd() - 0.5) * 1.6, 1, top);
      profile[element.id] = m;
      // Departments document some elements well and others hardly at all, as real returns do.
      const evidenceRate = 0.1 + 0.85 * evidenceRnd();
      for (const level of element.levels) {
        for (const c of level.characteristics) {
          if (rnd() > answerRate) continue;
          const noise = rnd();
          if (dontKnow && noise < 0.04) answers.ratings[c.id] = dontKnow;
          else if (notApplicable && noise < 0.06) answers.ratings[c.id] = notApplicable;
          else {
            const p = describes(level.rank, m, stagedFrom);
            // Map the likelihood to a rating with some spread: high p → Fully/Largely.
            const x = clamp(p + (rnd() - 0.5) * 0.5, 0, 0.999);
            answers.ratings[c.id] =
              scored[Math.min(scored.length - 1, Math.floor((1 - x) * scored.length))]!.label;
          }
          // The same draws as before this rate existed (the ratings after them stay unchanged).
          const drawn = rnd() < 0.12 ? pick(EVIDENCE) : undefined;
          if (evidenceRnd() < evidenceRate)
            answers.evidence[c.id] = drawn ?? EVIDENCE[Math.floor(evidenceRnd() * EVIDENCE.length)]!;
        }
      }
      for (const q of element.questions) {
        if (rnd() < answerRate * 0.7) answers.responses[q.id] = pick(RESPONSES);
        for (const s of q.subQuestions)
          if (rnd() < answerRate * 0.4) answers.responses[s.id] = pick(RESPONSES);
      }
      if (rnd() < answerRate) {
        // Respondents tend to judge themselves a little more mature than the evidence shows.
        const own = clamp(Math.round(m + (rnd() < 0.4 ? 1 : 0) - (rnd() < 0.1 ? 1 : 0)), 1, top);
        answers.judgements[element.id] = {
          level: own,
          rationale: `Our view after a workshop with the ${pick(['digital', 'policy', 'operations', 'finance'])} teams.`,
        };
      }
    }
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    return {
      department: name,
      respondent: `${given} ${family}`,
      role: pick(ROLES),
      contact: `${given
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}.${family.toLowerCase()}@example.gov`,
      profile,
      answers,
    };
  });
}

/**
 * A colleague's return for the same department (e.g. the data lead beside the digital lead): the
 * same organisation seen by someone else, so mostly the same ratings, some one step off, a few
 * further apart or "Don't know", and their own evidence. Seeded, fictional.
 */
export function secondRespondent(
  framework: Framework,
  first: FictionalDepartment,
  seed: number,
): FictionalDepartment {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const scored = framework.scoring.ratings
    .filter((r) => r.kind === 'scored')
    .sort((a, b) => a.value! - b.value!)
    .map((r) => r.label);
  const dontKnow = framework.scoring.ratings.find((r) => r.kind === 'unanswered')?.label;
  const answers = emptyAnswers(framework);
  for (const [id, rating] of Object.entries(first.answers.ratings)) {
    const step = scored.indexOf(rating);
    const x = rnd();
    if (step < 0 || x < 0.7) answers.ratings[id] = rating;
    else if (dontKnow && x < 0.75) answers.ratings[id] = dontKnow;
    else {
      const by = (x < 0.93 ? 1 : 2) * (rnd() < 0.5 ? -1 : 1);
      answers.ratings[id] = scored[clamp(step + by, 0, scored.length - 1)]!;
    }
    if (rnd() < 0.1) answers.evidence[id] = pick(EVIDENCE);
  }
  for (const [id, response] of Object.entries(first.answers.responses))
    if (rnd() < 0.5) answers.responses[id] = response;
  for (const [id, j] of Object.entries(first.answers.judgements))
    answers.judgements[id] = {
      ...(j.level !== undefined ? { level: j.level } : {}),
      rationale: 'Our data team’s view.',
    };
  const given = pick(GIVEN);
  const family = pick(FAMILY);
  return {
    ...first,
    respondent: `${given} ${family}`,
    role: 'Chief Data Officer',
    contact: `${given
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}.${family.toLowerCase()}@example.gov`,
    answers,
  };
}
