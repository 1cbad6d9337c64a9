/**
 * Reading and scoring one filled workbook against a bare exceljs load of the same file. Since
 * issue 24 session 6 the reader does not use exceljs for our workbooks (the fast reader,
 * src/workbook/read/xlsx-grid.ts): read + score must cost less than the bare load (0.82–0.85× when
 * measured under load; 1.1–1.3× before), so our workbooks falling back to exceljs fail the case.
 */
import ExcelJS from 'exceljs';
import { builtInFramework, characteristicsOf } from '../../src/framework/index.js';
import { emptyAnswers, score } from '../../src/scoring/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { readWorkbook } from '../../src/workbook/read/index.js';
import type { BenchCase } from '../harness.js';

const framework = builtInFramework();
let bytes: Buffer;

/** Every characteristic rated, evidence on a third, every question answered: a full return. */
export function fullAnswers() {
  const answers = emptyAnswers(framework);
  const labels = framework.scoring.ratings.map((r) => r.label);
  let i = 0;
  for (const e of framework.elements) {
    for (const c of characteristicsOf(e)) {
      answers.ratings[c.id] = labels[i++ % labels.length]!;
      if (i % 3 === 0)
        answers.evidence[c.id] = `Evidence for ${c.id}: ${'policy documents and service data. '.repeat(3)}`;
    }
    for (const q of e.questions) {
      answers.responses[q.id] = `Our response to ${q.id}. `.repeat(8);
      for (const s of q.subQuestions) answers.responses[s.id] = `On ${s.id}: yes, partly. `.repeat(4);
    }
    answers.judgements[e.id] = { level: 2, rationale: 'Most of level 2 is in place.' };
  }
  return answers;
}

export const workbookRead: BenchCase = {
  name: 'workbook-read',
  description: 'readWorkbook() + score() of a filled workbook vs new ExcelJS.Workbook().xlsx.load() of it',
  async setup() {
    bytes = await writeWorkbook(
      buildPlan(framework, { answers: fullAnswers(), createdAt: '2026-01-01T00:00:00Z' }),
    );
  },
  baseline: {
    label: 'exceljs load',
    run: () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer),
  },
  subject: {
    label: 'read + score',
    run: async () => score(framework, (await readWorkbook(framework, bytes)).answers),
  },
  maxRatio: 1.0,
  iterations: 40,
};
