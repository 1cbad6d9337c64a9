/**
 * The data-quality part of the view model: the workbook's diagnostics as rows, and precisely which
 * answers were not counted because of them, so the report never claims a problem changed nothing
 * when an answer was dropped. Pure.
 */
import type { Framework } from '../framework/index.js';
import { itemIndex } from '../framework/lookup.js';
import type { Diagnostic } from '../workbook/read-result.js';
import { briefLocation, briefText, capList, NOT_COUNTED_MAX, NOT_COUNTED_WHAT_MAX } from './brief-caps.js';
import { shortTextOf } from './characteristic-row.js';
import { plural } from './format.js';
import type { DataQuality, DiagnosticRow, NotCountedRow } from './view-model.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_TEXT = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** The reader starts messages with where they are ('Sheet "Data", cell B4: …'), which the table shows apart. */
const LOCATION_PREFIX = /^Sheet "[^"]*"(?:, cells? [A-Z]{1,3}\d+(?:[:-][A-Z]{1,3}\d+)?)?: /;

export function diagnosticRows(diagnostics: readonly Diagnostic[]): DiagnosticRow[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
    .map(({ d }) => ({
      severity: d.severity,
      severityText: SEVERITY_TEXT[d.severity],
      code: d.code,
      message: d.message,
      problem: d.sheet ? d.message.replace(LOCATION_PREFIX, '') : d.message,
      fix: d.fix?.trim() || null,
      sheet: d.sheet ?? null,
      cell: d.cell ?? null,
      location: d.sheet
        ? d.cell
          ? `${d.sheet}, cell ${d.cell}`
          : `Sheet ${d.sheet}`
        : d.cell
          ? `Cell ${d.cell}`
          : 'Whole workbook',
      elementId: d.elementId ?? null,
      itemId: d.itemId ?? null,
      notCounted: notCountedEffect(d),
    }));
}

/**
 * What a diagnostic took out of the answers the levels rest on, in plain English, or null when it
 * took nothing out (a note on unanswered items, a level shown differently in the workbook, …).
 * The reader's contract (docs/workbook-contract.md) says what each code does to the answer. The
 * one place that decides it: the brief's and the full record's data-quality sections, the full
 * record's element pages and the summary's "Workbooks with problems" all ask this.
 */
export function notCountedEffect(d: Pick<Diagnostic, 'code' | 'severity'>): string | null {
  const rating = d.severity === 'error';
  switch (d.code) {
    case 'rating-in-wrong-column':
      return 'Not counted: the rating was typed outside the Rating column, so the characteristic counts as unanswered.';
    case 'row-mismatch':
      // A warning only when the text alone differs in a workbook of another framework version: read.
      return rating ? 'Not counted: the row is not its ID’s, so its answers were not used.' : null;
    case 'row-without-id':
      return 'Not counted: the answers in this row have no ID, so they were not used.';
    case 'moderation-unsettled':
      return 'Not yet agreed in moderation: these ratings count as unanswered.';
    case 'rating-off-scale':
    case 'duplicate-id':
      return 'Not counted: the characteristic counts as unanswered.';
    case 'formula-in-answer':
      return rating ? 'Not counted: the characteristic counts as unanswered.' : null;
    case 'cell-error':
      return rating
        ? 'Not counted: the characteristic counts as unanswered.'
        : 'The text answer was left out.';
    case 'sheet-missing':
      return 'No answer of this element could be read: it is not assessed.';
    case 'items-missing':
      return 'The deleted rows count as unanswered.';
    case 'unknown-id':
      return 'These rows were left out.';
    case 'column-missing':
      return rating
        ? 'The ratings of this table could not be read: they count as unanswered.'
        : 'The answers in this column could not be read.';
    case 'judgement-off-scale':
      return 'The respondent’s own judgement of the level was not counted.';
    default:
      return null;
  }
}

export function dataQuality(framework: Framework, problems: DiagnosticRow[]): DataQuality {
  const count = (s: DiagnosticRow['severity']) => problems.filter((p) => p.severity === s).length;
  const [errorCount, warningCount, infoCount] = [count('error'), count('warning'), count('info')];
  const items = itemIndex(framework);
  // Where each row came from, for the brief's location (the sheet shortened, the cell kept).
  const source = new Map<NotCountedRow, DiagnosticRow>();
  const notCounted: NotCountedRow[] = problems.flatMap((p) => {
    const effect = p.notCounted;
    if (effect === null) return [];
    const item = p.itemId ? items.get(p.itemId) : undefined;
    const element = framework.elements.find((e) => e.id === p.elementId);
    const row: NotCountedRow = {
      location: p.location,
      itemId: p.itemId,
      what: item?.kind === 'characteristic' ? item.item.text : (element?.title ?? p.problem),
      effect,
      problem: p.problem,
    };
    source.set(row, p);
    return [row];
  });
  // The brief's table: the first few, each characteristic in its short form (the full record has them all).
  const brief = capList(notCounted, NOT_COUNTED_MAX);
  const found =
    `Reading the workbook found ${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')} and ` +
    `${plural(infoCount, 'note')}.`;
  return {
    hasProblems: problems.length > 0,
    errorCount,
    warningCount,
    infoCount,
    text: problems.length
      ? found +
        (notCounted.length
          ? ` ${notCounted.length === 1 ? 'One of them means' : `${notCounted.length} of them mean`} that ` +
            'answers were not counted (listed below), so the levels rest only on the answers that could be read.'
          : ' None of them left an answer out: every rating given was counted.')
      : 'Reading the workbook found no problems: every answer was on the scale and in its place.',
    problems,
    notCounted,
    // Unanswered items are shown on each element's page; a minister's copy needs this section only
    // for answers left out or problems of another kind.
    worthReporting:
      notCounted.length > 0 || problems.some((p) => p.severity !== 'info' && p.code !== 'unanswered'),
    notCountedBrief: brief.shown.map((r) => {
      const item = r.itemId ? items.get(r.itemId) : undefined;
      return {
        ...r,
        location: briefLocation(source.get(r)!),
        what: briefText(
          item?.kind === 'characteristic' ? shortTextOf(framework, r.itemId!, item.item.text) : r.what,
          NOT_COUNTED_WHAT_MAX,
        ),
      };
    }),
    notCountedMoreText: brief.moreText,
  };
}

/** How many of these diagnostics left an answer out (the summary's count of problems per workbook). */
export function answersNotCounted(diagnostics: readonly Pick<Diagnostic, 'code' | 'severity'>[]): number {
  return diagnostics.filter((d) => notCountedEffect(d) !== null).length;
}

/**
 * What an element page says about its problems, agreeing with the data-quality annex: how many
 * left an answer out (those count as unanswered), or that none did. null when there are none.
 */
export function elementProblemsEffect(problems: readonly DiagnosticRow[]): string | null {
  if (!problems.length) return null;
  const dropped = problems.filter((p) => p.notCounted !== null).length;
  if (!dropped) return 'None of them left an answer out.';
  return dropped === problems.length
    ? `${dropped === 1 ? 'It' : 'Each of them'} left an answer out: the items concerned count as unanswered.`
    : `${dropped} of them left an answer out: the items concerned count as unanswered.`;
}
