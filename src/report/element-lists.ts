/**
 * The run-on lists of an element's page in the brief ("Rated below “in place” at level 3: …",
 * "Not yet assessed …", "Move away from: …", the ratings that decide a borderline level), made from
 * the rows the view model holds, naming items within a width budget (`listEm`, ems by `widthEm`).
 *
 * `buildViewModel` makes them at `BRIEF_LIST_EM`. Each list alone is capped so that it takes two
 * lines; an element page holds up to five of them beside other parts at their own caps (a title on
 * two lines, a long reason quoted), and all of them at their caps together can run past the page.
 * So the page has a budget as a whole, kept by the fit check rather than by a sum of worst cases
 * that would cut every brief's lists: when an element page is not proved to fit, the renderer makes
 * that page's lists again with a smaller budget (`ELEMENT_LIST_EM_STEPS`: one short name, then none,
 * the items counted and "listed in the full record") and checks again (render-report.ts). Pages
 * that fit keep their lists as they are.
 */
import { BRIEF_LIST_EM, briefRunOn } from './brief-caps.js';
import { cleanText } from '../text/safe-text.js';
import type { CharacteristicRow, ElementSection, ReportViewModel } from './view-model.js';

/** Items named at most in one of the brief's run-on lists; the rest are counted (the full record names them all). */
export const BRIEF_LIST_MAX = 2;
/** Problems named at most in a brief's "Move away from" line, the worst first; the rest are counted (the full record lists them all). */
export const AWAY_LIST_MAX = 1;
/** The budgets an element page's lists are made again with, in turn, when the page is not proved to fit. */
export const ELEMENT_LIST_EM_STEPS = [BRIEF_LIST_EM / 2, 0] as const;

type Row = Pick<
  CharacteristicRow,
  'shortText' | 'ratingText' | 'decidesBorderline' | 'polarity' | 'levelRank'
>;

/** The characteristics that decide a borderline level first (kept in framework order otherwise). */
export const decidingFirst = <T extends { decidesBorderline: boolean }>(items: readonly T[]): T[] => [
  ...items.filter((c) => c.decidesBorderline),
  ...items.filter((c) => !c.decidesBorderline),
];

/** The level reached's characteristics rated below "in place": strengths only (a weakness rated low is not missing). */
export const notInPlaceList = (rows: readonly Row[], listEm = BRIEF_LIST_EM): string =>
  briefRunOn(
    decidingFirst(rows.filter((c) => c.polarity !== 'weakness')).map(
      (c) => `${c.shortText} (${c.ratingText}${c.decidesBorderline ? ', decides the level' : ''})`,
    ),
    BRIEF_LIST_MAX,
    'characteristic',
    listEm,
  );

/** The level reached's characteristics not yet assessed, those that decide the level first. */
export const notAssessedList = (rows: readonly Row[], listEm = BRIEF_LIST_EM): string =>
  briefRunOn(
    decidingFirst(rows).map((c) => `${c.shortText}${c.decidesBorderline ? ' (decides the level)' : ''}`),
    BRIEF_LIST_MAX,
    'characteristic',
    listEm,
  );

/** After the confidence reasons of a borderline level: the ratings that decide it; '' when not borderline. */
export const borderlineList = (borderline: boolean, rows: readonly Row[], listEm = BRIEF_LIST_EM): string =>
  borderline
    ? `${rows.length === 1 ? 'The rating that decides' : 'The ratings that decide'} it: ${briefRunOn(
        rows.map((c) => `${c.shortText} (level ${c.levelRank}, ${c.ratingText})`),
        BRIEF_LIST_MAX,
        'characteristic',
        listEm,
      )}`
    : '';

/** The weaknesses that describe the department, the first named with its rating. */
export const moveAwayList = (rows: readonly Row[], listEm = BRIEF_LIST_EM): string =>
  briefRunOn(
    rows.map((c) => `${c.shortText} (describes us ${c.ratingText.toLowerCase()})`),
    AWAY_LIST_MAX,
    'problem',
    listEm,
  );

/** The next level's strengths not yet assessed (never a step). */
export const notYetAssessedList = (rows: readonly Row[], listEm = BRIEF_LIST_EM): string =>
  briefRunOn(
    rows.map((c) => c.shortText),
    BRIEF_LIST_MAX,
    'characteristic',
    listEm,
  );

/** An element section whose lists are made again within `listEm` (every other field as it was). */
export function shortenElementLists(element: ElementSection, listEm: number): ElementSection {
  // The rows are the view model's, cleaned already; a list joins them with plain ASCII, so cleaning
  // the joined text again changes nothing but keeps the one rule (every string of the model clean).
  return {
    ...element,
    borderlineBriefText: cleanText(borderlineList(element.borderline, element.borderlineItems, listEm)),
    moveAwayFromText: cleanText(moveAwayList(element.moveAwayFrom, listEm)),
    restsOn: element.restsOn.map((level) => ({
      ...level,
      notInPlaceText: cleanText(notInPlaceList(level.notInPlace, listEm)),
      notAssessedText: cleanText(notAssessedList(level.notAssessed, listEm)),
    })),
    nextSteps: element.nextSteps && {
      ...element.nextSteps,
      notYetAssessedText: cleanText(notYetAssessedList(element.nextSteps.notYetAssessed, listEm)),
    },
  };
}

/** The view model with the lists of the element pages of `anchors` made within `listEm`. */
export function withShorterElementLists(
  vm: ReportViewModel,
  anchors: ReadonlySet<string>,
  listEm: number,
): ReportViewModel {
  return {
    ...vm,
    elements: vm.elements.map((e) => (anchors.has(e.anchor) ? shortenElementLists(e, listEm) : e)),
  };
}
