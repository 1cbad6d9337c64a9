/** The change of an element's level between the previous assessment round and this one. */
import type { ElementResult } from '../scoring/index.js';
import { pluralWords } from './format.js';
import type { Change } from './view-model.js';

/** Compares one element's results; `previous` is undefined when that round lacks the element. */
export function compareElement(
  current: ElementResult,
  previous: Pick<ElementResult, 'assessed' | 'level'> | undefined,
): Change {
  const before = previous?.assessed ? previous.level : null;
  const previousLevelText = before === null ? 'Not assessed' : `Level ${before}`;
  const now = current.assessed ? current.level : null;
  if (before === null && now === null) {
    return { direction: 'none', previousLevel: null, previousLevelText, delta: null, text: 'Not assessed' };
  }
  if (before === null) {
    return { direction: 'new', previousLevel: null, previousLevelText, delta: null, text: 'Newly assessed' };
  }
  if (now === null) {
    return {
      direction: 'lost',
      previousLevel: before,
      previousLevelText,
      delta: null,
      text: 'No longer assessed',
    };
  }
  const delta = now - before;
  const text =
    delta === 0 ? 'No change' : `${delta > 0 ? 'Up' : 'Down'} ${pluralWords(Math.abs(delta), 'level')}`;
  return {
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same',
    previousLevel: before,
    previousLevelText,
    delta,
    text,
  };
}
