/**
 * One sheet per element: introduction, characteristics by level (rating + evidence), questions
 * (response), the respondent's own judgement, and the computed result as formulas.
 */
import type { Element, Framework } from '../../framework/index.js';
import { levelNames, readingOf } from '../../framework/index.js';
import { ratingLabels, type Answers, type ElementResult } from '../../scoring/index.js';
import { HEADER, NOT_ASSESSED, SpecialId } from '../contract.js';
import { absoluteAddress, columnRange } from './address.js';
import {
  bestLowerFormula,
  climbFormula,
  coverageFormula,
  fitFormula,
  fitOrZeroFormula,
  levelFormula,
  levelNameFormula,
  ratingCountsFormula,
  ratingKeyFormula,
  ratingValueFormula,
} from './formulas.js';
import { ELEMENT_COL as C, listValidation, printSetup, protection } from './layout.js';
import { SheetBuilder, cellRange } from './sheet-builder.js';
import { characteristicRef, JUDGEMENT_ROW, questionRef, RATIONALE_ROW } from './row-labels.js';
import { PROBLEM_MARK } from './styles.js';
import { fitText } from './text.js';
import type { CellContent, CellStyle, FormulaCell, SheetPlan, StyleName } from './types.js';

/** Where the computed cells of an element sheet are, for the Summary's references. */
export interface ElementCells {
  sheetName: string;
  level: string;
  levelName: string;
  coverage: string;
  judgement: string;
}

const formula = (text: string, result: CellContent | undefined): FormulaCell =>
  result === undefined || result === null || typeof result === 'object'
    ? { formula: text }
    : { formula: text, result };

/** Header of a table of prompts with a free answer (questions, own judgement); column D stays empty. */
function freeTextHeader(s: SheetBuilder): void {
  s.line([
    [HEADER.id, 'tableHeader'],
    [HEADER.ref, 'tableHeader'],
    [HEADER.question, 'tableHeader'],
    ['', 'tableHeader'],
    [HEADER.response, 'tableHeader'],
  ]);
}

/** One prompt and its answer cell, under freeTextHeader; returns the row. */
function freeTextRow(
  s: SheetBuilder,
  id: string,
  ref: string,
  prompt: [string, StyleName],
  answer: [string | null, StyleName],
): number {
  return s.line([[id, 'id'], [ref, 'ref'], prompt, ['', 'cell'], answer]);
}

/**
 * What the problem mark means, on every element sheet and on "Start here": respondents rate problems
 * and strengths on one scale, and one who reads "Fully" as "we do this well" would rate a problem
 * backwards.
 */
export const PROBLEM_HELP =
  `Some characteristics describe problems (their text starts "${PROBLEM_MARK}"): rate how far each is true ` +
  'of your organisation today, good or bad. "Fully" on a problem means you have it.';

const cellStyle = (indented: boolean, problem: boolean): StyleName =>
  indented ? (problem ? 'cellIndentedProblem' : 'cellIndented') : problem ? 'cellProblem' : 'cell';

export function elementSheet(
  framework: Framework,
  element: Element,
  styles: Record<StyleName, CellStyle>,
  answers: Answers | null,
  /** The engine's result for these answers, stored as the formulas' cached results; null: none. */
  cached: ElementResult | null,
  footer: string,
): { sheet: SheetPlan; cells: ElementCells } {
  const s = new SheetBuilder(
    element.shortTitle,
    [
      { column: C.id, width: 13, hidden: true },
      { column: C.ref, width: 7, hidden: false },
      { column: C.text, width: 70, hidden: false },
      { column: C.rating, width: 15, hidden: false },
      { column: C.answer, width: 55, hidden: false },
      { column: C.helper1, width: 10, hidden: true },
      { column: C.helper2, width: 10, hidden: true },
      { column: C.helper3, width: 10, hidden: true },
    ],
    styles,
  );
  const isProblem = (id: string) => readingOf(framework, id)?.polarity === 'weakness';
  const labels = ratingLabels(framework);
  const names = levelNames(framework);

  s.line([null, [element.title, 'title']]);
  s.line([
    null,
    null,
    [
      `Rate each characteristic below: how well does it describe your organisation today? Pick a rating ` +
        `(${labels.join(', ')}) in the boxed cells of the ${HEADER.rating} column and add evidence or a comment ` +
        `beside it. Then answer the questions, give your own judgement, and see the computed level at the end.` +
        (element.levels.some((l) => l.characteristics.some((c) => isProblem(c.id)))
          ? ` ${PROBLEM_HELP}`
          : ''),
      'note',
    ],
  ]);
  s.gap();
  for (const paragraph of element.introduction.split(/\n\s*\n/))
    s.line([null, null, [paragraph.trim(), 'body']]);
  s.gap();

  // Characteristics, grouped by level. The helper columns turn each rating into a value.
  let firstCharacteristicRow = 0;
  let lastCharacteristicRow = 0;
  const levelRows: { from: number; to: number }[] = [];
  for (const level of element.levels) {
    s.line([
      null,
      [`Level ${level.rank}: ${level.name}${level.label ? ` (${level.label})` : ''}`, 'heading'],
    ]);
    s.line([null, null, [level.description, 'note']]);
    s.line([
      [HEADER.id, 'tableHeader'],
      [HEADER.ref, 'tableHeader'],
      [HEADER.characteristic, 'tableHeader'],
      [HEADER.rating, 'tableHeader'],
      [HEADER.evidence, 'tableHeader'],
      ['Key', 'helper'],
      ['Value', 'helper'],
      ['Counts', 'helper'],
    ]);
    const from = s.row;
    level.characteristics.forEach((c, i) => {
      const row = s.row;
      const ratingCell = absoluteAddress(row, C.rating);
      const key = absoluteAddress(row, C.helper1);
      s.line([
        [c.id, 'id'],
        [characteristicRef(level.rank, i), 'ref'],
        [c.text, cellStyle(c.parentId !== undefined, isProblem(c.id))],
        [answers?.ratings[c.id] ?? null, 'input'],
        [fitText(answers?.evidence[c.id]), 'inputLong'],
        [{ formula: ratingKeyFormula(ratingCell) }, 'helper'],
        [{ formula: ratingValueFormula(framework, key) }, 'helper'],
        [{ formula: ratingCountsFormula(framework, key) }, 'helper'],
      ]);
    });
    const to = s.row - 1;
    levelRows.push({ from, to });
    s.validate(
      listValidation(
        cellRange(from, C.rating, to - from + 1),
        labels,
        'Rating',
        {
          title: 'Rating',
          message: 'How well does this describe your organisation today? Pick from the list.',
        },
        { style: 'stop', title: 'Not on the scale', message: `Choose one of: ${labels.join(', ')}.` },
      ),
    );
    firstCharacteristicRow ||= from;
    lastCharacteristicRow = to;
    s.gap();
  }

  // Questions and sub-questions: free-text responses, not scored.
  if (element.questions.length) {
    s.line([null, ['Questions to discuss', 'heading']]);
    s.line([
      null,
      null,
      ['These questions help you describe your situation. Responses are not scored.', 'note'],
    ]);
    freeTextHeader(s);
    for (const q of element.questions) {
      freeTextRow(
        s,
        q.id,
        questionRef(q.label),
        [q.text, 'cell'],
        [fitText(answers?.responses[q.id]), 'inputLong'],
      );
      for (const sq of q.subQuestions)
        freeTextRow(
          s,
          sq.id,
          questionRef(q.label, sq.label),
          [sq.text, 'cellIndented'],
          [fitText(answers?.responses[sq.id]), 'inputLong'],
        );
    }
    s.gap();
  }

  // The respondent's own judgement.
  const judgement = answers?.judgements[element.id];
  s.line([null, ['Your own judgement', 'heading']]);
  freeTextHeader(s);
  const judgementRow = freeTextRow(
    s,
    SpecialId.judgement(element.id),
    JUDGEMENT_ROW.ref,
    [JUDGEMENT_ROW.text, 'cell'],
    [judgement?.level ? (names[judgement.level - 1] ?? null) : null, 'input'],
  );
  s.validate(
    listValidation(
      cellRange(judgementRow, C.answer),
      names,
      'Level name',
      { title: 'Your judgement', message: 'Pick the level that describes your organisation best.' },
      { style: 'stop', title: 'Not a level', message: `Choose one of: ${names.join(', ')}.` },
    ),
  );
  freeTextRow(
    s,
    SpecialId.rationale(element.id),
    RATIONALE_ROW.ref,
    [RATIONALE_ROW.text, 'cell'],
    [fitText(judgement?.rationale), 'inputLong'],
  );
  s.gap();

  // The computed result: formulas mirroring decideLevel().
  s.line([null, ['Computed result', 'heading']]);
  s.line([
    null,
    null,
    [
      'Calculated from your ratings by the rule explained on the Start here sheet (the same rule as the ' +
        'report). These cells are locked.',
      'note',
    ],
  ]);
  s.line([
    [HEADER.id, 'tableHeader'],
    [HEADER.ref, 'tableHeader'],
    [HEADER.item, 'tableHeader'],
    [HEADER.result, 'tableHeader'],
    [HEADER.levelName, 'tableHeader'],
  ]);
  const levelRow = s.row++;
  const coverageRow = s.row++;
  s.gap();
  s.line([
    [HEADER.id, 'tableHeader'],
    [HEADER.level, 'tableHeader'],
    [HEADER.levelName, 'tableHeader'],
    [HEADER.fit, 'tableHeader'],
    [HEADER.reached, 'tableHeader'],
    ['Fit or 0', 'helper'],
    ['Best lower', 'helper'],
    ['Climbed', 'helper'],
  ]);
  const fitsFrom = s.row;
  const fitsTo = fitsFrom + element.levels.length - 1;
  const { stagedFrom } = framework.scoring;
  const values = columnRange(C.helper2, firstCharacteristicRow, lastCharacteristicRow);
  const counts = columnRange(C.helper3, firstCharacteristicRow, lastCharacteristicRow);
  for (const level of element.levels) {
    const row = s.row;
    const rank = level.rank;
    const range = levelRows[rank - 1]!;
    const fit = absoluteAddress(row, C.rating);
    const fitResult = cached ? (cached.fits[rank - 1]!.fit ?? '') : undefined;
    const staged = rank >= stagedFrom;
    const reached = cached ? (cached.level !== null && cached.level >= rank ? 'Yes' : 'No') : undefined;
    s.line([
      [SpecialId.fit(level.id), 'id'],
      [rank, 'ref'],
      [level.name, 'cell'],
      [formula(fitFormula(columnRange(C.helper2, range.from, range.to)), fitResult), 'computedPercent'],
      staged
        ? [formula(`IF(${absoluteAddress(row, C.helper3)}=1,"Yes","No")`, reached), 'computed']
        : [
            `Not a step: the best fit of levels 1–${stagedFrom - 1} counts if level ${stagedFrom} is not reached`,
            'cell',
          ],
      [{ formula: fitOrZeroFormula(fit) }, 'helper'],
      staged
        ? null
        : [
            rank === 1
              ? 1
              : {
                  formula: bestLowerFormula(
                    framework,
                    rank,
                    absoluteAddress(row, C.helper1),
                    columnRange(C.helper1, fitsFrom, fitsFrom + stagedFrom - 2),
                    absoluteAddress(row - 1, C.helper2),
                  ),
                },
            'helper',
          ],
      staged
        ? [
            {
              formula: climbFormula(
                framework,
                fit,
                rank === stagedFrom ? null : absoluteAddress(row - 1, C.helper3),
              ),
            },
            'helper',
          ]
        : null,
    ]);
  }
  const level = absoluteAddress(levelRow, C.rating);
  s.set(levelRow, C.id, SpecialId.level(element.id), 'id');
  s.set(levelRow, C.ref, '', 'ref');
  s.set(levelRow, C.text, 'Computed level', 'cell');
  s.set(
    levelRow,
    C.rating,
    formula(
      levelFormula(framework, {
        values,
        firstClimb: absoluteAddress(fitsFrom + stagedFrom - 1, C.helper3),
        climbs: columnRange(C.helper3, fitsFrom + stagedFrom - 1, fitsTo),
        bestLower: absoluteAddress(fitsFrom + stagedFrom - 2, C.helper2),
        notAssessed: NOT_ASSESSED,
      }),
      cached ? (cached.level ?? NOT_ASSESSED) : undefined,
    ),
    'computed',
  );
  s.set(
    levelRow,
    C.answer,
    formula(
      levelNameFormula(level, columnRange(C.text, fitsFrom, fitsTo)),
      cached ? (cached.levelName ?? '') : undefined,
    ),
    'computed',
  );
  s.set(coverageRow, C.id, SpecialId.coverage(element.id), 'id');
  s.set(coverageRow, C.ref, '', 'ref');
  s.set(
    coverageRow,
    C.text,
    'Coverage: share of characteristics answered (Not applicable counts as answered)',
    'cell',
  );
  s.set(coverageRow, C.rating, formula(coverageFormula(counts), cached?.coverage), 'computedPercent');
  s.set(coverageRow, C.answer, '', 'computed');

  const sheet = s.build({
    role: 'element',
    elementId: element.id,
    visibility: 'visible',
    tabColor: null,
    freeze: { rows: 1, columns: 0 },
    print: printSetup({ from: 1, to: 1 }, footer),
    protection: protection(),
  });
  return {
    sheet,
    cells: {
      sheetName: element.shortTitle,
      level,
      levelName: absoluteAddress(levelRow, C.answer),
      coverage: absoluteAddress(coverageRow, C.rating),
      judgement: absoluteAddress(judgementRow, C.answer),
    },
  };
}
