/**
 * "Check answers": what the reader found, arranged per element for the pane. Invalid answers come
 * from the reader's diagnostics (with their cells); unanswered items are the framework's items the
 * reader found no answer for, located by the plan's layout when their row still holds their id.
 */
import { characteristicsOf, type Framework } from '../../framework/index.js';
import type { Diagnostic, ReadResult } from '../../workbook/read-result.js';
import { blockingDiagnostic, type SheetGrid } from '../../workbook/read/core.js';
import type { AnswerCell } from '../excel/answer-cells.js';

/** Something the respondent can go to: a sheet, and a cell when it is known. */
export interface Place {
  sheet: string;
  cell?: string;
}

export interface CheckItem {
  /** Short reference as the sheet shows it ("2.03", "Q1a") or empty. */
  ref: string;
  /** What the item says, shortened. */
  text: string;
  /** What is wrong, in plain English. */
  problem: string;
  /** What to do about it, when the reader says. */
  fix?: string;
  severity: Diagnostic['severity'];
  place?: Place;
}

export interface ElementCheck {
  elementId: string;
  title: string;
  sheet: string;
  /** Invalid answers and other problems of this element (errors first). */
  problems: CheckItem[];
  /** Characteristics with no rating that counts. */
  unrated: CheckItem[];
  /** Questions with no response (not scored). */
  noResponse: CheckItem[];
  rated: number;
  total: number;
}

export type CheckReport =
  | { kind: 'unreadable'; problem: CheckItem }
  | {
      kind: 'checked';
      workbook: CheckItem[];
      elements: ElementCheck[];
      errorCount: number;
      unratedCount: number;
    };

const shorten = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/**
 * Where the pane can take the respondent for a diagnostic, whatever its code: the sheet as the
 * workbook spells it, and the cell when it is one cell. No link to a sheet that is gone or hidden
 * (Excel cannot select a cell there; the message still names it).
 */
function placeOf(d: Diagnostic, grids: readonly SheetGrid[]): Place | undefined {
  if (!d.sheet) return undefined;
  const grid = grids.find((g) => g.name.toLowerCase() === d.sheet!.toLowerCase());
  if (!grid || grid.visibility !== 'visible') return undefined;
  const cell =
    d.cell && /^\$?[A-Z]{1,3}\$?[1-9]\d*$/i.test(d.cell)
      ? d.cell.replace(/\$/g, '').toUpperCase()
      : undefined;
  return { sheet: grid.name, ...(cell ? { cell } : {}) };
}

/**
 * The reader's messages start with where the problem is ('Sheet "X", cell D10: …'); in the pane
 * the item's button already says that, so the prefix is dropped there.
 */
const withoutPlace = (message: string) => message.replace(/^Sheet "[^"]*", cell [A-Z]+\d+: /, '');

const fromDiagnostic = (d: Diagnostic, grids: readonly SheetGrid[], ref = '', text = ''): CheckItem => {
  const place = placeOf(d, grids);
  return {
    ref,
    text,
    problem: text && d.cell ? withoutPlace(d.message) : d.message,
    severity: d.severity,
    ...(d.fix ? { fix: d.fix } : {}),
    ...(place ? { place } : {}),
  };
};

/**
 * The answer cell of an item, if the sheet still has the item's id on the row where the plan put
 * it; otherwise the sheet alone (rows were moved: the respondent finds the row by its reference).
 */
function locate(
  id: string,
  cells: ReadonlyMap<string, AnswerCell>,
  grids: readonly SheetGrid[],
): Place | undefined {
  const cell = cells.get(id);
  if (!cell) return undefined;
  const grid = grids.find((g) => g.name.toLowerCase() === cell.sheet.toLowerCase());
  if (!grid) return undefined;
  const there = grid.rows[cell.row - 1]?.[cell.idColumn - 1];
  return there === id ? { sheet: grid.name, cell: cell.address } : { sheet: grid.name };
}

export function checkAnswers(
  framework: Framework,
  read: ReadResult,
  grids: readonly SheetGrid[],
  cells: ReadonlyMap<string, AnswerCell>,
): CheckReport {
  const blocking = blockingDiagnostic(read);
  if (blocking) return { kind: 'unreadable', problem: fromDiagnostic(blocking, grids) };

  const kindOf = new Map(framework.scoring.ratings.map((r) => [r.label, r.kind]));
  const severityRank = { error: 0, warning: 1, info: 2 } as const;
  const workbook = read.diagnostics.filter((d) => !d.elementId).map((d) => fromDiagnostic(d, grids));
  const elements = framework.elements.map((element): ElementCheck => {
    const own = read.diagnostics.filter((d) => d.elementId === element.id && d.code !== 'unanswered');
    const withItem = new Set(own.flatMap((d) => (d.itemId ? [d.itemId] : [])));
    const refs = new Map<string, { ref: string; text: string }>();
    for (const level of element.levels)
      level.characteristics.forEach((c, i) =>
        refs.set(c.id, { ref: `${level.rank}.${String(i + 1).padStart(2, '0')}`, text: c.text }),
      );
    for (const q of element.questions) {
      refs.set(q.id, { ref: `Q${q.label}`, text: q.text });
      for (const s of q.subQuestions) refs.set(s.id, { ref: `Q${q.label}${s.label}`, text: s.text });
    }
    const item = (id: string, problem: string, severity: Diagnostic['severity']): CheckItem => {
      const place = locate(id, cells, grids);
      const r = refs.get(id);
      return {
        ref: r?.ref ?? '',
        text: shorten(r?.text ?? id),
        problem,
        severity,
        ...(place ? { place } : {}),
      };
    };
    const characteristics = characteristicsOf(element);
    const unrated = characteristics
      .filter((c) => !withItem.has(c.id))
      .flatMap((c) => {
        const label = read.answers.ratings[c.id];
        if (label === undefined) return [item(c.id, 'No rating yet.', 'warning')];
        if (kindOf.get(label) === 'unanswered')
          return [item(c.id, `Rated "${label}": counts as not answered.`, 'info')];
        return [];
      });
    const questions = element.questions.flatMap((q) => [q.id, ...q.subQuestions.map((s) => s.id)]);
    const noResponse = questions
      .filter((id) => !read.answers.responses[id]?.trim() && !withItem.has(id))
      .map((id) => item(id, 'No response yet (not scored).', 'info'));
    const problems = own
      .map((d) => {
        const r = d.itemId ? refs.get(d.itemId) : undefined;
        return fromDiagnostic(d, grids, r?.ref ?? '', r ? shorten(r.text) : '');
      })
      .sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
    const rated = characteristics.filter((c) => {
      const label = read.answers.ratings[c.id];
      return label !== undefined && kindOf.get(label) !== 'unanswered';
    }).length;
    const sheet = locate(characteristics[0]!.id, cells, grids)?.sheet ?? element.shortTitle;
    return {
      elementId: element.id,
      title: element.title,
      sheet,
      problems,
      unrated,
      noResponse,
      rated,
      total: characteristics.length,
    };
  });
  const errorCount = read.diagnostics.filter((d) => d.severity === 'error').length;
  const unratedCount = elements.reduce(
    (n, e) => n + e.unrated.filter((i) => i.severity === 'warning').length,
    0,
  );
  return { kind: 'checked', workbook, elements, errorCount, unratedCount };
}
