/**
 * The agreed workbook of `dmf moderate`, as plan data: the ordinary assessment plan (built from
 * the merged answers, disagreements left empty) plus a "Moderation" sheet listing every
 * disagreement with each respondent's rating and evidence, and the cells to mark for the meeting.
 *
 * The Moderation sheet has no column headed "ID", so the reader never takes its rows for answers;
 * the facilitator picks the agreed rating in the element sheet's own Rating cell.
 */
import type { Framework } from '../framework/index.js';
import { columnLetter } from '../workbook/plan/address.js';
import { ELEMENT_COL } from '../workbook/plan/layout.js';
import { printSetup } from '../workbook/plan/layout.js';
import { SheetBuilder } from '../workbook/plan/sheet-builder.js';
import { fitText } from '../workbook/plan/text.js';
import type { SheetPlan, WorkbookPlan } from '../workbook/plan/types.js';
import type { Comparison } from './consolidate.js';
import type { ConsolidationSummary } from './summary.js';

export const MODERATION_SHEET = 'Moderation';

/** A Rating cell left for the meeting: where it is, and where its row on the Moderation sheet is. */
export interface MarkedCell {
  sheet: string;
  row: number;
  column: number;
  /** Row of the Moderation sheet that lists it. */
  moderationRow: number;
  characteristicId: string;
}

export interface ModerationLayout {
  plan: WorkbookPlan;
  marked: MarkedCell[];
}

/** Where each characteristic's row is on the element sheets of a plan (found by id, as the reader does). */
export function characteristicRows(
  plan: WorkbookPlan,
): Map<string, { sheet: string; row: number; ref: string }> {
  const rows = new Map<string, { sheet: string; row: number; ref: string }>();
  for (const sheet of plan.sheets) {
    if (sheet.role !== 'element') continue;
    for (const block of sheet.blocks) {
      const idAt = ELEMENT_COL.id - block.column;
      const refAt = ELEMENT_COL.ref - block.column;
      if (idAt < 0) continue;
      block.cells.forEach((cells, r) => {
        const id = cells[idAt];
        const ref = cells[refAt];
        if (typeof id === 'string' && id && !rows.has(id))
          rows.set(id, { sheet: sheet.name, row: block.row + r, ref: typeof ref === 'string' ? ref : '' });
      });
    }
  }
  return rows;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
/** A text constant in an Excel formula. */
const excelString = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Adds the Moderation sheet (second, after "Start here") to a plan built from the merged answers,
 * and says which Rating cells to mark and which cells link to them.
 */
export function addModerationSheet(
  framework: Framework,
  plan: WorkbookPlan,
  comparison: Comparison,
  summary: ConsolidationSummary,
): ModerationLayout {
  const where = characteristicRows(plan);
  const labels = summary.respondents.map((r) => r.label);
  const n = labels.length;
  const firstRespondentColumn = 5;
  const linkColumn = firstRespondentColumn + 2 * n;
  const s = new SheetBuilder(
    MODERATION_SHEET,
    [
      { column: 1, width: 22, hidden: false },
      { column: 2, width: 7, hidden: false },
      { column: 3, width: 50, hidden: false },
      { column: 4, width: 26, hidden: false },
      ...labels.flatMap((_, i) => [
        { column: firstRespondentColumn + 2 * i, width: 14, hidden: false },
        { column: firstRespondentColumn + 2 * i + 1, width: 40, hidden: false },
      ]),
      { column: linkColumn, width: 26, hidden: false },
    ],
    plan.styles,
  );
  const disagreements = comparison.characteristics.filter((c) => c.verdict === 'disagreed');
  s.line([[`Moderation: where the respondents disagree`, 'title']]);
  // Unwrapped lines (the subtitle style) run across the empty cells to their right, so the
  // table's narrow first column does not squeeze them.
  s.line([[summary.headline, 'subtitle']]);
  s.line([
    [`Respondents: ${summary.respondents.map((r) => `${r.label} (${r.file})`).join('; ')}.`, 'subtitle'],
  ]);
  s.gap();
  s.line([['How to use this sheet', 'heading']]);
  const steps = [
    disagreements.length
      ? `${disagreements.length} characteristic${disagreements.length === 1 ? ' is' : 's are'} listed below. ` +
        `Their Rating cells on the element sheets are left empty, shaded orange with a dashed border, and carry the note "To agree".`
      : 'The respondents agree on every characteristic that two or more of them rated: there is nothing to moderate.',
    'Where respondents agree (ratings at most one step apart, or all "Not applicable", or all "Don\'t know"), the rating is already filled in; ' +
      (comparison.rule === 'median'
        ? 'for ratings one step apart it is the middle one (with an even number, the lower of the two middle ones).'
        : 'for ratings one step apart it is the lowest one.'),
    'In the meeting, follow the link in the last column, pick the agreed rating from the dropdown, and come back.',
    'Every respondent\'s evidence is in the "Evidence or comment" cells, with their name. Edit it to what the meeting agrees.',
    'When every rating is agreed, save the workbook as .xlsx: it is an ordinary returned workbook for every dmf command and the add-in.',
  ];
  steps.forEach((step, i) => s.line([[`${i + 1}. ${step}`, 'subtitle']]));
  s.gap();
  s.line([
    ['Element', 'tableHeader'],
    ['Ref', 'tableHeader'],
    ['Characteristic', 'tableHeader'],
    ['Why it is to agree', 'tableHeader'],
    ...labels.flatMap((label): [string, 'tableHeader'][] => [
      [`${label}: rating`, 'tableHeader'],
      [`${label}: evidence`, 'tableHeader'],
    ]),
    ['Agreed rating goes in', 'tableHeader'],
  ]);
  const header = s.row - 1;
  const marked: MarkedCell[] = [];
  const reasonText = new Map(summary.disagreements.map((d) => [d.characteristicId, d.reasonText]));
  for (const c of disagreements) {
    const at = where.get(c.id);
    const cell = at ? `${columnLetter(ELEMENT_COL.rating)}${at.row}` : '';
    const text = at ? `Go to ${at.sheet}, cell ${cell}` : '';
    const row = s.line([
      [c.element.shortTitle, 'cell'],
      [at?.ref ?? '', 'ref'],
      [c.text, 'cell'],
      [reasonText.get(c.id) ?? '', 'cell'],
      ...c.ratings.flatMap((rating, i): [string, 'cell'][] => [
        [rating ?? 'Not rated', 'cell'],
        [fitText(c.evidence[i] ?? undefined) ?? '', 'cell'],
      ]),
      // A HYPERLINK formula: Excel and LibreOffice both follow "#Sheet!A1" within the workbook.
      [
        at
          ? {
              formula: `HYPERLINK(${excelString(`#${quoteSheet(at.sheet)}!${cell}`)},${excelString(text)})`,
              result: text,
            }
          : '',
        'cell',
      ],
    ]);
    if (at)
      marked.push({
        sheet: at.sheet,
        row: at.row,
        column: ELEMENT_COL.rating,
        moderationRow: row,
        characteristicId: c.id,
      });
  }
  if (!disagreements.length) s.line([['None', 'cell']]);
  const sheet: SheetPlan = s.build({
    role: 'summary',
    elementId: null,
    visibility: 'visible',
    tabColor: 'FFB45F06',
    freeze: { rows: 0, columns: 0 },
    print: printSetup({ from: header, to: header }, framework.title),
    protection: null,
  });
  const [start, ...rest] = plan.sheets;
  return { plan: { ...plan, sheets: [start!, sheet, ...rest] }, marked };
}
