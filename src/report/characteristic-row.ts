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

/** A function that builds the row of any characteristic of the framework, for one return. */
export function characteristicRows(
  framework: Framework,
  answers: Answers,
  borderlineIds: ReadonlySet<string> = new Set(),
): (id: string) => CharacteristicRow {
  const { threshold, epsilon } = framework.scoring;
  const items = itemIndex(framework);
  return (id) => {
    const found = items.get(id);
    if (found?.kind !== 'characteristic') throw new Error(`not a characteristic: ${id}`);
    const rating = answers.ratings[id] ?? null;
    const matched = rating === null ? undefined : matchRating(framework, rating);
    // "In place" as the engine counts it (LevelFit.inPlace): a scored rating at or above the threshold.
    const inPlace = matched?.kind === 'scored' && matched.value! >= threshold - epsilon;
    const reading = readingOf(framework, id);
    const shortText = shortTextOf(framework, id, found.item.text);
    return {
      id,
      levelRank: found.level.rank,
      levelName: found.level.name,
      text: found.item.text,
      shortText,
      shortTextBrief: briefLabel(shortText),
      rating,
      ratingText: rating ?? 'Not answered',
      evidence: answers.evidence[id]?.trim() || null,
      isSubPoint: found.item.parentId !== undefined,
      inPlace,
      assessed: matched?.kind === 'scored' || matched?.kind === 'excluded',
      decidesBorderline: borderlineIds.has(id),
      polarity: reading?.polarity ?? null,
      actor: reading?.actor ?? null,
      describesUs: inPlace && reading?.polarity === 'weakness',
      actorText: reading?.actor === 'centre' ? CENTRE_WORDS : '',
    };
  };
}
