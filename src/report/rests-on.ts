/**
 * What a result rests on: the level reached and the next one, every characteristic with its rating,
 * in plain English (the element pages of both report templates). Pure.
 */
import type { Framework } from '../framework/index.js';
import { readingOf } from '../framework/lookup.js';
import type { ElementResult } from '../scoring/index.js';
import { matchRating } from '../scoring/ratings.js';
import { notAssessedList, notInPlaceList } from './element-lists.js';
import { percent, plural } from './format.js';
import type { CharacteristicRow, RestsOnLevel, RestsOnRow } from './view-model.js';

/**
 * The ratings that count as "in place", in words: "largely or fully in place"; for a level that holds
 * weaknesses (the tool's reading), "largely or fully true of the department", since a weakness rated
 * so is a problem the department has, not something in place.
 */
function inPlaceWords(framework: Framework, holdsWeakness: boolean): string {
  const { threshold, epsilon, ratings } = framework.scoring;
  const labels = ratings
    .filter((r) => r.kind === 'scored' && r.value! >= threshold - epsilon)
    .sort((a, b) => a.value! - b.value!)
    .map((r) => r.label.toLowerCase());
  const words =
    labels.length > 1
      ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`
      : (labels[0] ?? '');
  return `${words} ${holdsWeakness ? 'true of the department' : 'in place'}`;
}

/** The rating that sits at the threshold ("Largely"), or the threshold as a share. */
function thresholdWords(framework: Framework): string {
  const { threshold, epsilon, ratings } = framework.scoring;
  const at = ratings.find((r) => r.kind === 'scored' && Math.abs(r.value! - threshold) <= epsilon);
  return at ? `“${at.label}”` : percent(threshold);
}

/** "3 of the 4 level-3 characteristics rated are largely or fully in place; 2 not yet assessed." */
export function fitPlainText(
  framework: Framework,
  f: ElementResult['fits'][number],
  element?: Framework['elements'][number],
): string {
  const holdsWeakness =
    element?.levels[f.rank - 1]?.characteristics.some(
      (c) => readingOf(framework, c.id)?.polarity === 'weakness',
    ) ?? false;
  const open = f.total - f.answered;
  const extra =
    (open ? `; ${open} not yet assessed` : '') +
    (f.notApplicable ? `; ${f.notApplicable} not applicable` : '');
  if (f.scored === 0)
    return `None of the ${plural(f.total, `level-${f.rank} characteristic`)} has a rating that counts${extra}.`;
  const count =
    f.scored === 1
      ? `The one level-${f.rank} characteristic rated ${f.inPlace ? 'is' : 'is not'}`
      : f.inPlace === f.scored
        ? `All ${f.scored} level-${f.rank} characteristics rated are`
        : f.inPlace === 0
          ? `None of the ${f.scored} level-${f.rank} characteristics rated is`
          : `${f.inPlace} of the ${f.scored} level-${f.rank} characteristics rated ${f.inPlace === 1 ? 'is' : 'are'}`;
  return `${count} ${inPlaceWords(framework, holdsWeakness)}${extra}.`;
}

/**
 * What the level rests on: the level reached and the next, every characteristic with its rating;
 * `steps` (the element's ranked next steps) are marked with their rank in the compact table's rows.
 */
export function restsOn(
  framework: Framework,
  element: Framework['elements'][number],
  e: ElementResult,
  row: (id: string) => CharacteristicRow,
  steps: readonly CharacteristicRow[],
): RestsOnLevel[] {
  if (!e.assessed) return [];
  const stepOf = new Map(steps.map((c, i) => [c.id, i + 1]));
  const { stagedFrom } = framework.scoring;
  const average = thresholdWords(framework);
  const isExcluded = (label: string) => matchRating(framework, label)?.kind === 'excluded';
  return element.levels
    .filter((l) => l.rank === e.level || l.rank === e.level + 1)
    .map((l) => {
      const role = l.rank === e.level ? ('result' as const) : ('next' as const);
      const fit = e.fits[l.rank - 1]!;
      const headline =
        role === 'result'
          ? l.rank >= stagedFrom
            ? `Level ${l.rank} is reached: its ratings average at least ${average}.`
            : `Level ${l.rank} fits best of the levels below level ${stagedFrom}, which is not reached.`
          : l.rank >= stagedFrom
            ? `Level ${l.rank} is not reached: its ratings average less than ${average}.`
            : `Level ${l.rank} fits less well than level ${e.level}.`;
      const items = l.characteristics.map((c) => row(c.id));
      const notApplicable = fit.notApplicable;
      const notInPlace = items.filter((c) => c.assessed && !c.inPlace && !isExcluded(c.rating!));
      const notAssessed = items.filter((c) => !c.assessed);
      return {
        rank: l.rank,
        name: l.name,
        role,
        text: `${headline} ${fitPlainText(framework, fit, element)}`,
        items,
        counts: {
          inPlace: fit.inPlace,
          notInPlace: fit.scored - fit.inPlace,
          notApplicable,
          notAssessed: notAssessed.length,
          total: fit.total,
        },
        notInPlace,
        notAssessed,
        // Strengths only: a weakness rated below "Largely" is not something missing.
        notInPlaceText: notInPlaceList(notInPlace),
        notAssessedText: notAssessedList(notAssessed),
        rows: items.map((c) => restsOnRow(c, stepOf.get(c.id) ?? null)),
      };
    });
}

function restsOnRow(c: CharacteristicRow, step: number | null): RestsOnRow {
  const notes = [
    ...(c.describesUs ? ['describes us'] : []),
    ...(step === null ? [] : [`step ${step}${c.actorText ? ` (${c.actorText})` : ''}`]),
    ...(c.decidesBorderline ? ['decides the level'] : []),
  ];
  return {
    id: c.id,
    shortText: c.shortText,
    ratingText: c.ratingText,
    step,
    decidesBorderline: c.decidesBorderline,
    ratingCell: [c.ratingText, ...notes].join('; '),
  };
}
