/**
 * "Start here": what the workbook is for, the respondent's details, how to answer (the rating
 * scale from the framework), how levels are computed (the rule in words, from the parameters).
 */
import type { Framework } from '../../framework/index.js';
import { characteristicsOf } from '../../framework/index.js';
import { describeRule } from '../../scoring/index.js';
import { DEFAULT_MARKING, FIELDS, HEADER, SHEET, SpecialId, type FieldName } from '../contract.js';
import { printSetup, protection } from './layout.js';
import { PROBLEM_HELP } from './element-sheet.js';
import { SheetBuilder } from './sheet-builder.js';
import { fitText } from './text.js';
import type { CellStyle, SheetPlan, StyleName } from './types.js';

const percent = (v: number) => `${Math.round(v * 100)}%`;

export function startSheet(
  framework: Framework,
  styles: Record<StyleName, CellStyle>,
  fields: Partial<Record<FieldName, string>>,
  footer: string,
): SheetPlan {
  const s = new SheetBuilder(
    SHEET.start,
    [
      { column: 1, width: 13, hidden: true },
      { column: 2, width: 30, hidden: false },
      { column: 3, width: 100, hidden: false },
    ],
    styles,
  );
  const { ratings } = framework.scoring;
  const characteristics = framework.elements.reduce((n, e) => n + characteristicsOf(e).length, 0);
  const paragraph = (text: string) => s.line([null, null, [text, 'body']]);

  s.line([null, [`${framework.title}: self-assessment`, 'title']]);
  s.line([null, [`${framework.publisher}, ${framework.published}. ${framework.licence}.`, 'subtitle']]);
  s.gap();
  s.line([null, ['Purpose', 'heading']]);
  paragraph(
    `This workbook assesses the digital maturity of your organisation against the ${framework.title}. ` +
      `It has one sheet for each of its ${framework.elements.length} elements, with ${characteristics} ` +
      `characteristics to rate in all. From your ratings the workbook computes a maturity level for each ` +
      `element; the ${SHEET.summary} sheet shows them together.`,
  );
  paragraph(
    'Answer as your organisation is today, not as it plans to be. Where you are unsure, say so: a rating ' +
      'you cannot give is better left as "Don\'t know" than guessed.' +
      // Appended to a paragraph rather than added as a row, so no row of the sheet moves.
      (framework.reading &&
      Object.values(framework.reading.characteristics).some((r) => r.polarity === 'weakness')
        ? ` ${PROBLEM_HELP}`
        : ''),
  );
  s.gap();

  s.line([null, ['About you', 'heading']]);
  s.line([
    [HEADER.id, 'tableHeader'],
    [HEADER.field, 'tableHeader'],
    [HEADER.response, 'tableHeader'],
  ]);
  for (const f of FIELDS) {
    const value = fields[f.name] ?? (f.name === 'marking' ? DEFAULT_MARKING : undefined);
    s.line([
      [SpecialId.field(f.name), 'id'],
      [f.label, 'cell'],
      [fitText(value), 'input'],
    ]);
  }
  s.gap();

  s.line([null, ['How to answer', 'heading']]);
  const steps = [
    'Fill in the "About you" table above.',
    `On each element sheet, pick a rating for every characteristic from the dropdown in the ${HEADER.rating} column, and add evidence or a comment beside it.`,
    `Answer the questions in the ${HEADER.response} column and give your own judgement of the level.`,
    'Save the workbook (keep it as .xlsx) and return it.',
  ];
  steps.forEach((step, i) => s.line([null, [`Step ${i + 1}`, 'cell'], [step, 'cell']]));
  s.gap();
  paragraph(
    'Cells for your answers have a thick border and a pale yellow background; everything else is locked. ' +
      'You can type a rating instead of picking it: capitals and spaces do not matter.',
  );
  s.line([null, [HEADER.rating, 'tableHeader'], ['Meaning', 'tableHeader']]);
  for (const r of ratings) {
    const counts =
      r.kind === 'scored'
        ? ` Counts as ${percent(r.value!)}.`
        : r.kind === 'excluded'
          ? ' Left out of the averages.'
          : ' Counts as not answered.';
    const meaning =
      r.meaning.includes('Counts as') || r.meaning.includes('Left out') ? r.meaning : r.meaning + counts;
    s.line([null, [r.label, 'cell'], [meaning, 'cell']]);
  }
  s.gap();

  s.line([null, ['How the level is computed', 'heading']]);
  for (const p of describeRule(framework)) paragraph(p);
  s.gap();

  s.line([null, ['The sheets', 'heading']]);
  for (const e of framework.elements) {
    const n = characteristicsOf(e).length;
    s.line([
      null,
      [e.shortTitle, 'cell'],
      [`${e.title}: ${n} characteristics, ${e.questions.length} questions.`, 'cell'],
    ]);
  }
  s.line([
    null,
    [SHEET.summary, 'cell'],
    ['The computed level of every element, and your own judgement.', 'cell'],
  ]);

  return s.build({
    role: 'start',
    elementId: null,
    visibility: 'visible',
    tabColor: 'FF1F3864',
    freeze: { rows: 0, columns: 0 },
    print: { ...printSetup(null, footer), orientation: 'portrait' },
    protection: protection(),
  });
}
