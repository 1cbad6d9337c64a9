/** Shared helpers of the workbook tests: answers generators and workbook surgery with exceljs. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Framework } from '../../src/framework/index.js';
import { characteristicsOf, levelNames } from '../../src/framework/index.js';
import { seededRandom } from '../../src/demo/fictional-government.js';
import { emptyAnswers, type Answers } from '../../src/scoring/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan, type PlanOptions } from '../../src/workbook/plan/index.js';

export const FIXED_TIME = '2026-01-02T03:04:05.000Z';

/** A workbook file for the answers (reproducible: fixed creation time). */
export async function workbookFor(framework: Framework, answers?: Answers, options: PlanOptions = {}) {
  return writeWorkbook(
    buildPlan(framework, { createdAt: FIXED_TIME, ...(answers ? { answers } : {}), ...options }),
  );
}

/** Loads a workbook, lets `change` edit it, and returns the saved bytes. */
export async function mutate(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void | Promise<void>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  await change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The row holding `id` in column A of a sheet. */
export function rowOf(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === id) found = row;
  });
  if (!found) throw new Error(`no row with id ${id} on ${ws.name}`);
  return found;
}

/** A small deterministic PRNG (mulberry32), so failures can be replayed from the seed. */
export const prng = seededRandom;

/** Random answers, each characteristic rated with probability `density`. */
export function randomAnswers(framework: Framework, rnd: () => number, density = 0.8): Answers {
  const answers = emptyAnswers(framework);
  const labels = framework.scoring.ratings.map((r) => r.label);
  const names = levelNames(framework);
  for (const e of framework.elements) {
    const style = rnd();
    for (const c of characteristicsOf(e)) {
      if (rnd() >= density) continue;
      // Some elements lean to the top of the scale, some to the bottom, to reach every level.
      const i =
        style < 0.3
          ? Math.floor(rnd() * 2)
          : style < 0.5
            ? 2 + Math.floor(rnd() * 2)
            : Math.floor(rnd() * labels.length);
      answers.ratings[c.id] = labels[i]!;
    }
    if (rnd() < 0.5)
      answers.judgements[e.id] = { level: 1 + Math.floor(rnd() * names.length), rationale: 'why' };
  }
  return answers;
}

/** fast-check arbitrary of answers, text included (any Unicode, formula-like starts). */
export function answersArbitrary(framework: Framework): fc.Arbitrary<Answers> {
  const labels = framework.scoring.ratings.map((r) => r.label);
  const ids = framework.elements.flatMap((e) => characteristicsOf(e).map((c) => c.id));
  const questions = framework.elements.flatMap((e) =>
    e.questions.flatMap((q) => [q.id, ...q.subQuestions.map((s) => s.id)]),
  );
  const text = fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
      fc.constantFrom(
        '=SUM(A1:A3)',
        '+44 20 7946 0000',
        '-5',
        '@here',
        "'quoted",
        'line one\nline two',
        '  padded  ',
      ),
    )
    .filter((s) => s.trim().length > 0);
  return fc
    .record({
      ratings: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...labels), { maxKeys: 60 }),
      evidence: fc.dictionary(fc.constantFrom(...ids), text, { maxKeys: 10 }),
      responses: fc.dictionary(fc.constantFrom(...questions), text, { maxKeys: 10 }),
      judgements: fc.dictionary(
        fc.constantFrom(...framework.elements.map((e) => e.id)),
        fc.record({ level: fc.integer({ min: 1, max: levelNames(framework).length }), rationale: text }),
        { maxKeys: 3 },
      ),
    })
    .map((r) => ({ ...emptyAnswers(framework), ...r }));
}

/**
 * The answers of issue 14's edits: random answers (seeded), with level 2 of User centered design as
 * the issue describes it (9 rows, mixed ratings, an evidence text each) and its level 3 all "Fully".
 */
export function rowEditAnswers(framework: Framework, seed: number): Answers {
  const ucd = framework.elements.find((e) => e.id === 'ucd')!;
  const answers = randomAnswers(framework, prng(seed), 0.9);
  const labels = [
    'Partly',
    'Fully',
    'Not at all',
    'Largely',
    'Fully',
    'Partly',
    'Largely',
    'Fully',
    'Partly',
  ];
  ucd.levels[1]!.characteristics.forEach((c, i) => {
    answers.ratings[c.id] = labels[i]!;
    answers.evidence[c.id] = `Evidence ${i + 1} for ${c.id}`;
  });
  for (const c of ucd.levels[2]!.characteristics) answers.ratings[c.id] = 'Fully';
  return answers;
}
