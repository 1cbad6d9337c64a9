/**
 * The brief's caps (template `ministerial`): how much of a return each part of the brief shows, so
 * that every part fits the page the brief's fixed shape gives it, whatever the return holds. The
 * page budget and its worst case are in docs/performance.md ("Issue 24, session 6: the brief's page
 * budget"); the worst-case test (test/report/worst-case-brief.test.ts) proves the caps in
 * LibreOffice with text of the widest letters and CJK.
 *
 * Lists are capped where they are built (`runOn` names a few and counts the rest, "and 9 more,
 * listed in the full record"); this module holds the caps on free text from the workbook and on
 * lists of whole rows, one named constant per rule. A shortened text ends in "…", and the brief
 * says that the full record (template `full`) has the whole of it. The full record is never capped.
 */
import { MARKING_MAX_LENGTH } from '../workbook/contract.js';
import { numberWord, plural, runOn, shorten } from './format.js';

/**
 * Longest protective marking (`--marking`, or the workbook's): printed whole, centred, at the top and
 * bottom of every page, where 40 characters of the widest letters (or CJK) still fit on one line.
 * A marking is never shortened: a longer one is refused (`MarkingError`). The workbook's contract
 * holds the number, so that reading a workbook warns of it before any report is asked for.
 */
export const MARKING_MAX = MARKING_MAX_LENGTH;

/** The department as page 1's title (20 pt bold: three lines at most). */
export const DEPARTMENT_MAX = 80;
/** Who answered, on page 1's line of who and when. */
export const RESPONDENT_MAX = 80;
/** The respondent's role, on the same line. */
export const ROLE_MAX = 60;
/** The respondent's reason for their own view of a level, quoted on the element's page. */
export const RATIONALE_MAX = 120;
/** The warning that the previous round is another department's (`--force`), on page 1: longer ones are said shortly. */
export const PREVIOUS_WARNING_MAX = 100;
/** What page 1 says instead of a longer warning (the full record gives it whole). */
export const PREVIOUS_WARNING_SHORT =
  'Compared with another department’s previous round, not this department’s own: the full record names it.';
/** Rows of the brief's table of answers not counted (data quality); the rest are counted. */
export const NOT_COUNTED_MAX = 2;
/** The sheet of a problem's location in the brief's tables and lists (the cell is always kept whole). */
export const LOCATION_MAX = 24;
/** What was not counted (a characteristic's short form, or an element), in the brief's data-quality table. */
export const NOT_COUNTED_WHAT_MAX = 36;
/** A problem's description, in a not-assessed element's list. */
export const PROBLEM_MAX = 100;
/** Problems listed on the page of an element that could not be assessed; the rest are counted. */
export const ELEMENT_PROBLEMS_MAX = 3;
/** Respondents named in the brief's annex; the rest are counted. */
export const RESPONDENTS_NAMED_MAX = 6;
/** A respondent's name and role in the annex's list. */
export const RESPONDENT_LABEL_MAX = 44;
/** A respondent's name and role as a column heading (two respondents: a column each). */
export const RESPONDENT_HEADING_MAX = 44;
/** A respondent's file name in the annex's list. */
export const FILE_MAX = 28;

/**
 * The brief's run-on lists ("Not yet assessed at level 3: …; and 2 more, listed in the full
 * record.") name their items while the named ones stay within this many ems (`widthEm`): two short
 * labels of the reading, or one long one with its note, so a list takes two lines, three at most.
 * (130 until session 7: two long labels made each of an element page's five lists three lines,
 * and 5 of the 500 briefs of `dmf demo --departments 500` ran past their element page in
 * LibreOffice — docs/performance.md, "Issue 24, session 7: every brief proved".)
 */
export const BRIEF_LIST_EM = 60;
/**
 * An item wider than this (`widthEm`; a line of body text is about 41 ems) is not named in a run-on
 * list but counted: a label of the built-in reading (at most 37 ems) with its note ("(describes us
 * largely)", the element's short title: at most 21) fits; a label of 70 wide letters (a user's
 * `--reading`, about 61 ems) does not, even alone, and is counted instead of named.
 */
export const BRIEF_ITEM_EM = 58;
/**
 * A characteristic's short form where the brief names it in a list of its own (priorities, next
 * steps; `CharacteristicRow.shortTextBrief`): whole when at most this many ems, about a line of body
 * text (the reading's labels in plain words are at most 37 by `widthEm`, so never cut); a wider
 * one (70 wide letters of a user's `--reading`) is cut with "…" to `BRIEF_LABEL_CUT_EM`, so that a
 * priority takes two lines, not three (the full record has the whole label).
 */
export const BRIEF_LABEL_EM = 45;
export const BRIEF_LABEL_CUT_EM = 30;

/** `shortText` for the brief's lists of priorities and next steps (`BRIEF_LABEL_EM`). */
export const briefLabel = (shortText: string): string =>
  widthEm(shortText) <= BRIEF_LABEL_EM ? shortText : fitWidth(shortText, BRIEF_LABEL_CUT_EM);
/** The element page's next steps (`nextSteps.topBrief`): the first three, while they stay within this many ems (at least one). */
export const BRIEF_STEPS_EM = 130;
/** Who answered, on page 1's line of who and when (9 pt: 50 ems a line). */
export const RESPONDENT_EM = 28;
/** The respondent's role, on the same line. */
export const ROLE_EM = 24;

/** The department as page 1's title: two lines of 20 pt bold (16 cm is 22.7 ems), with room for the wrap. */
export const DEPARTMENT_EM = 40;

/** Paragraphs of the scoring rule (`annex.rule`) the brief's method annex prints (`annex.ruleBrief`); the full record prints them all. */
export const RULE_PARAGRAPHS_BRIEF = 3;

/** The asks' list of elements ("Ask for the unanswered characteristics of …"): longer than this many ems, the elements are counted. */
export const ASK_ELEMENTS_EM = 60;

/** A protective marking the reports cannot print as given (too long for one line of the header). */
export class MarkingError extends Error {
  constructor(marking: string) {
    super(
      `The protective marking is ${marking.length} characters long; reports print it whole on one line at the ` +
        `top and bottom of every page, so it can be at most ${MARKING_MAX} characters. Give a shorter one with ` +
        `--marking (the workbook's own is used otherwise), e.g. "OFFICIAL-SENSITIVE".`,
    );
    this.name = 'MarkingError';
  }
}

/** The marking as given, or a `MarkingError` when it is too long to print whole. Never shortened. */
export function checkMarking(marking: string): string {
  if ([...marking].length > MARKING_MAX) throw new MarkingError(marking);
  return marking;
}

/**
 * Free text shortened for the brief: at most `max` characters, cut at a word boundary (or anywhere,
 * for text without spaces such as CJK) and ending in "…" when cut.
 */
export function briefText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if ([...t].length <= max) return t;
  const cut = shorten(t, max);
  // `shorten` keeps a run without spaces whole up to `max`: make room for the ellipsis.
  return [...cut].length <= max ? cut : `${[...t].slice(0, max - 1).join('')}…`;
}

/** Like `briefText` for a text that may be absent. */
export const briefTextOrNull = (text: string | null, max: number): string | null =>
  text === null ? null : briefText(text, max);

/** True when `briefText` would shorten the text. */
export const isShortened = (text: string | null, max: number): boolean =>
  text !== null && [...text.replace(/\s+/g, ' ').trim()].length > max;

/** The first `max` of `items`, and a sentence on where the rest are ("21 more are listed in the full record."; '' when none). */
export function capList<T>(items: readonly T[], max: number): { shown: T[]; more: number; moreText: string } {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const moreText =
    more === 0
      ? ''
      : more === 1
        ? 'One more is listed in the full record.'
        : `${more} more are listed in the full record.`;
  return { shown, more, moreText };
}

/**
 * The width of a text in ems of Arial, from above (bold or regular: Arial Bold's advance widths,
 * rounded up by class): CJK and other wide characters, W, M and @ 1 em; m 0.89, w 0.78; other
 * capitals 0.78; i, j, l 0.28, f, t 0.34, r 0.39, other small letters 0.62; digits 0.56; space,
 * full stop, comma and apostrophes 0.28; colon, semicolon, brackets and hyphen 0.34; anything else
 * 0.62. For lines that must not wrap (the footer's title) and lists that must stay short.
 */
export function widthEm(text: string): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) em += ASCII_EM[unit]!;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A pair: a code point above U+FFFF, counted once, as `for…of` would see it.
      em += 1;
      i++;
    } else em += WIDE.test(text[i]!) ? 1 : unit === 0x2018 || unit === 0x2019 ? 0.28 : 0.62;
  }
  return em;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * `widthEm`'s classes for the ASCII characters, looked up by code (every label and list of the
 * brief is measured, and a regular expression per character cost more than the rest of the caps).
 */
const ASCII_EM: readonly number[] = Array.from({ length: 0x80 }, (_, code) => {
  const ch = String.fromCharCode(code);
  if (/[WM@]/.test(ch)) return 1;
  if (ch === 'm') return 0.89;
  if (ch === 'w') return 0.78;
  if (/[A-Z]/.test(ch)) return 0.78;
  if (/[ijl]/.test(ch)) return 0.28;
  if (/[ft]/.test(ch)) return 0.34;
  if (ch === 'r') return 0.39;
  if (/[a-z]/.test(ch)) return 0.62;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[ .,']/.test(ch)) return 0.28;
  if (/[:;()[\]-]/.test(ch)) return 0.34;
  return 0.62;
});

/** The text cut (with "…") so that `widthEm` is at most `maxEm`; the text itself when it fits. */
export function fitWidth(text: string, maxEm: number): string {
  if (widthEm(text) <= maxEm) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 0 && widthEm(`${chars.slice(0, n).join('').trimEnd()}…`) > maxEm) n--;
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}

/**
 * A run-on list for the brief (`runOn`): at most `max` items named, only while the named ones stay
 * within `listEm` (`BRIEF_LIST_EM` unless an element page needs less: element-lists.ts), and none
 * wider than `BRIEF_ITEM_EM`; the rest are counted. When not even
 * the first can be named: "3 characteristics, listed in the full record." (`what`: the items' noun).
 */
export function briefRunOn(
  items: readonly string[],
  max: number,
  what = 'characteristic',
  listEm: number = BRIEF_LIST_EM,
): string {
  const named = namedWithin(items, max, listEm, BRIEF_ITEM_EM);
  if (named === 0 && items.length) return `${plural(items.length, what)}, listed in the full record.`;
  return runOn(items, named);
}

/** How many of the first `max` items fit in `budgetEm` together, each at most `itemEm` wide. */
export function namedWithin(
  items: readonly string[],
  max: number,
  budgetEm: number,
  itemEm = Infinity,
): number {
  let named = 0;
  let em = 0;
  for (const item of items.slice(0, max)) {
    const w = widthEm(item);
    em += w;
    if (w > itemEm || em > budgetEm) break;
    named++;
  }
  return named;
}

/** The previous round's warning for page 1: itself when short, else `PREVIOUS_WARNING_SHORT`. */
export function previousWarningBrief(warning: string | null): string | null {
  if (warning === null) return null;
  return [...warning].length <= PREVIOUS_WARNING_MAX ? warning : PREVIOUS_WARNING_SHORT;
}

/** Where a problem is, for the brief: the sheet shortened (`LOCATION_MAX`), the cell whole ("User centered design, cell D14"). */
export function briefLocation(p: { sheet: string | null; cell: string | null; location: string }): string {
  if (!p.sheet) return briefText(p.location, LOCATION_MAX);
  const sheet = briefText(p.sheet, LOCATION_MAX);
  return p.cell ? `${sheet}, cell ${p.cell}` : `Sheet ${sheet}`;
}

/** `text` shortened to `max` characters, then to a line of `em`; null stays null. */
const fitOrNull = (text: string | null, max: number, em: number): string | null => {
  const cut = briefTextOrNull(text, max);
  return cut === null ? null : fitWidth(cut, em);
};

/**
 * The cover's brief fields: the department on one line of the footer's width, and who answered —
 * named when one respondent did, counted when several did (the annex names them).
 */
export function coverBrief(who: {
  department: string | null;
  respondent: string | null;
  role: string | null;
  respondentCount: number;
}): { departmentBrief: string | null; respondentBrief: string | null; roleBrief: string | null } {
  const several = who.respondentCount > 1;
  return {
    departmentBrief: fitOrNull(who.department, DEPARTMENT_MAX, DEPARTMENT_EM),
    respondentBrief: several
      ? `${numberWord(who.respondentCount)} respondents, named in the annex`
      : fitOrNull(who.respondent, RESPONDENT_MAX, RESPONDENT_EM),
    roleBrief: several ? null : fitOrNull(who.role, ROLE_MAX, ROLE_EM),
  };
}

/** An element's problems for the brief: the first `ELEMENT_PROBLEMS_MAX`, located and worded shortly, and how many more. */
export function problemsBriefOf<
  P extends { sheet: string | null; cell: string | null; location: string; problem: string },
>(problems: readonly P[]): { problemsBrief: P[]; problemsMoreText: string } {
  const capped = capList(problems, ELEMENT_PROBLEMS_MAX);
  return {
    problemsBrief: capped.shown.map((p) => ({
      ...p,
      location: briefLocation(p),
      problem: briefText(p.problem, PROBLEM_MAX),
    })),
    problemsMoreText: capped.moreText,
  };
}

/** The first of the ranked steps whose labels fit `BRIEF_STEPS_EM` together (at most `max`), and always at least one. */
export function topStepsBrief<S extends { shortText: string }>(ranked: readonly S[], max: number): S[] {
  const named = namedWithin(
    ranked.map((c) => c.shortText),
    max,
    BRIEF_STEPS_EM,
  );
  return ranked.slice(0, Math.max(Math.min(1, ranked.length), named));
}
