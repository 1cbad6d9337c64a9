/**
 * A pretend respondent: ratings that put each element near a chosen level (the lower levels of
 * the framework describe immature organisations, so a mature one rates them "Not at all"), typed
 * into the cells where the plan put the rating dropdowns.
 */
import type { AnswerCell } from '../../../src/addin/excel/answer-cells.js';
import type { Framework } from '../../../src/framework/index.js';

/** [sheet, cell, text] for each rating typed. */
export type Typing = [string, string, string][];

/**
 * `targets[i]`: the level element i should land near, or null to leave it unanswered;
 * `answerShare`: how much of each answered element to fill in.
 */
export function respondent(
  framework: Framework,
  cells: ReadonlyMap<string, AnswerCell>,
  targets: readonly (number | null)[],
  answerShare = 1,
): Typing {
  const typing: Typing = [];
  framework.elements.forEach((element, i) => {
    const target = targets[i % targets.length] ?? null;
    if (target === null) return;
    for (const level of element.levels) {
      const count = Math.ceil(level.characteristics.length * answerShare);
      level.characteristics.slice(0, count).forEach((c, j) => {
        const label =
          level.rank === 1
            ? target === 1
              ? 'Fully'
              : 'Not at all'
            : level.rank <= target
              ? j % 3 === 2
                ? 'Largely'
                : 'Fully'
              : level.rank === target + 1
                ? 'Partly'
                : 'Not at all';
        const cell = cells.get(c.id)!;
        typing.push([cell.sheet, cell.address, label]);
      });
    }
  });
  return typing;
}
