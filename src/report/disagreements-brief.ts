/**
 * Where the respondents disagreed, short enough for the brief's annex (about one page): how many
 * disagreements each element has and how many of them sit at the levels its result rests on, then
 * the first few, those at those levels first (a different rating there is the likeliest to move the
 * result; the brief does not claim the others cannot). The full record (template "full") lists
 * every one from `consolidation.disagreements`. Pure.
 *
 * The levels a result rests on are the ones `elements[].restsOn` shows (the level reached and the
 * next one), read from there so the rule is written once.
 */
import type { ConsolidationSummary, DisagreementRow } from '../moderation/summary.js';
import {
  briefText,
  capList,
  FILE_MAX,
  RESPONDENT_HEADING_MAX,
  RESPONDENT_LABEL_MAX,
  RESPONDENTS_NAMED_MAX,
} from './brief-caps.js';
import { listText, plural } from './format.js';
import type {
  BriefDisagreement,
  ConsolidationBrief,
  ElementDisagreements,
  ElementSection,
} from './view-model.js';

/** At most this many disagreements are named in the brief; the rest are counted. */
export const BRIEF_DISAGREEMENTS_MAX = 3;

/**
 * The brief's view of the disagreements, or null for one respondent. `shortText` is the rule that
 * makes `CharacteristicRow.shortText`, so a characteristic reads the same in every table.
 */
export function consolidationBrief(
  consolidation: ConsolidationSummary | null,
  elements: readonly ElementSection[],
  shortText: (id: string, text: string) => string,
  max = BRIEF_DISAGREEMENTS_MAX,
): ConsolidationBrief | null {
  if (!consolidation) return null;
  const restsOnLevels = new Map(elements.map((e) => [e.id, e.restsOn.map((l) => l.rank)]));
  const atRestsOn = (d: DisagreementRow) => restsOnLevels.get(d.elementId)?.includes(d.level) ?? false;
  const byId = new Map(elements.map((e) => [e.id, e]));

  // Framework order: elements, then levels, then characteristics as the framework lists them.
  const frameworkOrder = new Map(elements.map((e, i) => [e.id, i]));
  const all = consolidation.disagreements
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (frameworkOrder.get(a.d.elementId) ?? elements.length) -
          (frameworkOrder.get(b.d.elementId) ?? elements.length) ||
        a.d.level - b.d.level ||
        a.i - b.i,
    )
    .map(({ d }) => d);
  const row = (d: DisagreementRow): BriefDisagreement => {
    const e = byId.get(d.elementId);
    return {
      elementId: d.elementId,
      element: d.element,
      shortTitle: e?.shortTitle ?? d.element,
      anchor: e?.anchor ?? `element-${d.elementId}`,
      characteristicId: d.characteristicId,
      level: d.level,
      shortText: shortText(d.characteristicId, d.characteristic),
      ratings: d.ratings.map((r) => r.rating),
      ratingsText: d.ratings.map((r) => r.rating).join('; '),
      used: d.used,
      atRestsOnLevel: atRestsOn(d),
    };
  };
  const rows = all.map(row);
  // Those at the levels a result rests on first, each group in framework order.
  const ranked = [...rows.filter((r) => r.atRestsOnLevel), ...rows.filter((r) => !r.atRestsOnLevel)];
  const shown = ranked.slice(0, Math.max(0, max));
  const total = rows.length;
  const restsOn = rows.filter((r) => r.atRestsOnLevel).length;
  const notShown = total - shown.length;

  const byElement: ElementDisagreements[] = elements.map((e) => {
    const mine = rows.filter((r) => r.elementId === e.id);
    const levels = restsOnLevels.get(e.id) ?? [];
    return {
      id: e.id,
      anchor: e.anchor,
      title: e.title,
      shortTitle: e.shortTitle,
      restsOnLevels: levels,
      restsOnLevelsText: levels.length
        ? `level${levels.length > 1 ? 's' : ''} ${listText(levels.map(String))}`
        : '',
      count: mine.length,
      atRestsOnLevel: mine.filter((r) => r.atRestsOnLevel).length,
    };
  });

  const shownAtRestsOn = shown.filter((r) => r.atRestsOnLevel).length;
  const named = capList(consolidation.respondents, RESPONDENTS_NAMED_MAX);
  return {
    total,
    atRestsOnLevel: restsOn,
    byElement,
    shown,
    notShown,
    text: total === 0 ? 'The respondents disagreed on no characteristic.' : overview(total, restsOn),
    caption: total === 0 ? '' : caption(total, shown.length, shownAtRestsOn),
    fullRecordText:
      notShown === 0
        ? 'The full record of this assessment keeps every respondent’s evidence, with their name.'
        : `This annex lists ${shown.length === 1 ? 'the first' : `the first ${shown.length}`}; the full record of this ` +
          `assessment lists all ${total}, with every respondent’s rating and evidence.`,
    respondents: named.shown.map((r) => ({
      label: briefText(r.label, RESPONDENT_LABEL_MAX),
      heading: briefText(r.label, RESPONDENT_HEADING_MAX),
      file: briefText(r.file, FILE_MAX),
    })),
    respondentsMoreText: named.moreText,
  };
}

/** "The respondents disagreed on 19 characteristics: 11 at the levels a result rests on." */
function overview(total: number, restsOn: number): string {
  const which =
    total === 1
      ? restsOn
        ? ', at a level its element’s result rests on'
        : ', not at a level its element’s result rests on'
      : restsOn === 0
        ? ', none at the levels a result rests on'
        : restsOn === total
          ? ', all at the levels a result rests on'
          : `: ${restsOn} at the levels a result rests on`;
  return `The respondents disagreed on ${plural(total, 'characteristic')}${which}.`;
}

/** "The first 8 of the 19 disagreements: the first 3 at a level the result rests on, then the others in framework order" */
function caption(total: number, shown: number, shownAtRestsOn: number): string {
  const which =
    shown === total
      ? total === 1
        ? 'The disagreement'
        : `All ${total} disagreements`
      : `The first ${shown} of the ${total} disagreements`;
  const order =
    shownAtRestsOn === 0
      ? shown === 1
        ? ''
        : ', in framework order'
      : shownAtRestsOn === shown
        ? shown === 1
          ? ', at a level the result rests on'
          : ', all at a level the result rests on'
        : `: first the ${shownAtRestsOn === 1 ? 'one' : shownAtRestsOn} at a level the result rests on, then the others in framework order`;
  return which + order;
}
