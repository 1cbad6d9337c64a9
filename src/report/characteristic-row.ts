/**
 * One characteristic as the reports show it (`CharacteristicRow`): its text, its short form, its
 * rating, and the tool's reading of it (strength or weakness, who acts). Pure.
 */
import { CENTRE_WORDS } from '../advice/index.js';
import type { Framework } from '../framework/index.js';
import { itemIndex, readingOf } from '../framework/lookup.js';
import type { Answers } from '../scoring/index.js';
import { matchRating } from '../scoring/ratings.js';
import { briefLabel } from './brief-caps.js';
import { shorten } from './format.js';
import type { CharacteristicRow } from './view-model.js';

/** Longest `shortText` cut from a characteristic's text when the framework brings no reading (its labels are at most 70). */
export const SHORT_TEXT = 60;

/**
 * The short form of a characteristic: the reading's label (a complete clause of at most 70
 * characters) when the framework has one, else the text cut at a word boundary.
 */
export function shortTextOf(framework: Framework, id: string, text: string): string {
  return readingOf(framework, id)?.label ?? shorten(text, SHORT_TEXT);
}

/** What a row takes from the framework alone: the same for every return, so worked out once per framework. */
interface RowConstants {
  levelRank: number;
  levelName: string;
  text: string;
  shortText: string;
  shortTextBrief: string;
  isSubPoint: boolean;
  polarity: CharacteristicRow['polarity'];
  actor: CharacteristicRow['actor'];
  actorText: string;
}

const constantsByFramework = new WeakMap<Framework, Map<string, RowConstants>>();

function rowConstants(framework: Framework, id: string): RowConstants {
  let byId = constantsByFramework.get(framework);
  if (!byId) constantsByFramework.set(framework, (byId = new Map()));
  let constants = byId.get(id);
  if (!constants) {
    const found = itemIndex(framework).get(id);
    if (found?.kind !== 'characteristic') throw new Error(`not a characteristic: ${id}`);
    const reading = readingOf(framework, id);
    const shortText = shortTextOf(framework, id, found.item.text);
    constants = {
      levelRank: found.level.rank,
      levelName: found.level.name,
      text: found.item.text,
      shortText,
      shortTextBrief: briefLabel(shortText),
      isSubPoint: found.item.parentId !== undefined,
      polarity: reading?.polarity ?? null,
      actor: reading?.actor ?? null,
      actorText: reading?.actor === 'centre' ? CENTRE_WORDS : '',
    };
    byId.set(id, constants);
  }
  return constants;
}

/**
 * A function that gives the row of any characteristic of the framework, for one return. A row is
 * built once per id and the same object given each time (the report's lists share their rows; none
 * changes them).
 */
export function characteristicRows(
  framework: Framework,
  answers: Answers,
  borderlineIds: ReadonlySet<string> = new Set(),
): (id: string) => CharacteristicRow {
  const { threshold, epsilon } = framework.scoring;
  const rows = new Map<string, CharacteristicRow>();
  return (id) => {
    const known = rows.get(id);
    if (known) return known;
    const c = rowConstants(framework, id);
    const rating = answers.ratings[id] ?? null;
    const matched = rating === null ? undefined : matchRating(framework, rating);
    // "In place" as the engine counts it (LevelFit.inPlace): a scored rating at or above the threshold.
    const inPlace = matched?.kind === 'scored' && matched.value! >= threshold - epsilon;
    const row: CharacteristicRow = {
      id,
      levelRank: c.levelRank,
      levelName: c.levelName,
      text: c.text,
      shortText: c.shortText,
      shortTextBrief: c.shortTextBrief,
      rating,
      ratingText: rating ?? 'Not answered',
      evidence: answers.evidence[id]?.trim() || null,
      isSubPoint: c.isSubPoint,
      inPlace,
      assessed: matched?.kind === 'scored' || matched?.kind === 'excluded',
      decidesBorderline: borderlineIds.has(id),
      polarity: c.polarity,
      actor: c.actor,
      describesUs: inPlace && c.polarity === 'weakness',
      actorText: c.actorText,
    };
    rows.set(id, row);
    return row;
  };
}
