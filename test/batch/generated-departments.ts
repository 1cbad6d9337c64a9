/**
 * Departments of random ratings, responses and judgements (seeded, so every run makes the same),
 * for the dataset writer's tests and bench/dataset-write.ts: the shape a batch hands to
 * writeDataPackage, without reading workbooks.
 */
import type { DepartmentRecord } from '../../src/batch/package-tables.js';
import type { Framework } from '../../src/framework/index.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';
import { seededRandom } from '../../src/demo/fictional-government.js';

/** The demo's seeded generator (mulberry32), so that every run makes the same data. */
const random = seededRandom;

export function generatedDepartments(framework: Framework, count: number, seed = 2026): DepartmentRecord[] {
  const next = random(seed);
  const labels = framework.scoring.ratings.map((r) => r.label);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const answers = emptyAnswers(framework);
    for (const e of framework.elements) {
      for (const l of e.levels)
        for (const c of l.characteristics) if (next() < 0.95) answers.ratings[c.id] = pick(labels);
      for (const q of e.questions) {
        answers.responses[q.id] =
          `Answer ${i} to ${q.id}: ${'some words of reply '.repeat(1 + Math.floor(next() * 6))}`;
        for (const s of q.subQuestions) answers.responses[s.id] = `Sub-answer ${i}, "${s.id}"`;
      }
      answers.judgements[e.id] = { level: 1 + Math.floor(next() * 4), rationale: `Because ${i}, ${e.id}` };
    }
    const department = `Department of Generated Things ${i + 1}`;
    const file = `returned/dept-${i + 1}.xlsx`;
    return {
      department,
      file,
      scores: score(framework, answers),
      answers,
      respondent: `Respondent ${i + 1}, Head of Digital`,
      respondents: [{ label: `Respondent ${i + 1}, Head of Digital`, file, answers }],
      consolidation: null,
      report: `reports/dept-${i + 1}.docx`,
    };
  });
}
