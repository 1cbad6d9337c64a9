/**
 * The advice of a report: what to put in place, what to move away from, who can act, and in which
 * order. One module that every front end calls (the report's view model, the add-in's pane), so the
 * Word report, the brief and the pane can never advise differently. Pure and browser-safe.
 *
 * It reads the framework's optional reading (src/framework/reading.ts):
 * - to put in place: the strengths of the next level not yet in place (ranked by ./rank.ts). A
 *   weakness is never a step, whatever its level. When the next level offers no strength to put in
 *   place, the steps come from the first level above it that does (`stepsLevel`).
 * - to move away from: the weaknesses at or below the element's level that describe the department
 *   today (rated at or above the threshold: "Largely" or "Fully"), the most fully first.
 * - who acts: each step's actor; the priorities take the department's own steps first, and the steps
 *   that need the centre of government are named as such (`CENTRE_WORDS`), never as the department's.
 * Without a reading, every characteristic counts as a strength the department can act on: the advice
 * is then exactly the ranking of earlier versions (every characteristic of the next level is a step).
 *
 * Scoring is not touched: levels, fits and progress stay the engine's.
 */
import type { Actor, Element, Framework, Polarity } from '../framework/index.js';
import { readingOf } from '../framework/lookup.js';
import type { Answers, ElementResult, ScoreResult } from '../scoring/index.js';
import { matchRating } from '../scoring/ratings.js';
import { choosePriorityElements, rankNextSteps, TOP_STEPS } from './rank.js';

/** The one wording, in every output, for a step the department cannot take alone. */
export const CENTRE_WORDS = 'needs the centre of government';

/** How many steps that need the centre the brief names (one sentence of "What we ask of you"). */
export const CENTRE_STEPS = 2;

/** What the advice knows of one characteristic. */
export interface AdviceItem {
  id: string;
  levelRank: number;
  /** null when the framework brings no reading. */
  polarity: Polarity | null;
  /** null when the framework brings no reading (the department is then assumed to act). */
  actor: Actor | null;
  /** The reading's label (at most 70 characters), or null when the framework brings none. */
  label: string | null;
  /** The scored rating's value ("Partly" = 1/3), or null: no rating, "Don't know". */
  value: number | null;
}

export interface PutInPlace {
  /** The element's next level (the engine's). */
  towardsLevel: number;
  /** The level the steps come from: `towardsLevel`, or the first level above it with a strength to put in place. */
  stepsLevel: number;
  /** Strengths of `stepsLevel` not yet in place, "Not applicable" left out, framework order. */
  items: AdviceItem[];
  /** The rated ones among `items`, ranked (./rank.ts). */
  ranked: AdviceItem[];
  /** Those among `items` with no rating or "Don't know": never a step. */
  notYetAssessed: AdviceItem[];
}

export interface ElementAdvice {
  elementId: string;
  /** null when the element is not assessed or at the top level. */
  putInPlace: PutInPlace | null;
  /** Weaknesses at or below the element's level rated "in place" (they describe the department): most fully first, then framework order. */
  moveAwayFrom: AdviceItem[];
}

/** One of the brief's priorities: a step of one element. */
export interface AdvicePriority {
  /** Index of the element in the framework. */
  element: number;
  step: AdviceItem;
}

export interface Advice {
  /** True when the framework brings its reading; false: every characteristic is treated as a strength the department can act on. */
  hasReading: boolean;
  /** One per framework element, in framework order. */
  elements: ElementAdvice[];
  /** The brief's priorities: the first step the department can take (actor department or both) of up to three elements (./rank.ts). */
  priorities: AdvicePriority[];
  /** The first step that needs the centre of government of up to two elements (`CENTRE_STEPS`), chosen as the priorities are: named as such, never as a priority. */
  centre: AdvicePriority[];
  /** The weaknesses that describe the department, across elements: the department's own first, then the most fully, then framework order. */
  moveAwayFrom: AdvicePriority[];
}

/** True when a step needs the centre of government to act (actor "centre"). */
export const needsCentre = (item: AdviceItem): boolean => item.actor === 'centre';

/** Works out the advice for one return. */
export function advise(framework: Framework, answers: Answers, result: ScoreResult): Advice {
  const { threshold, epsilon } = framework.scoring;
  const rating = (id: string) => {
    const label = answers.ratings[id];
    return label === undefined ? undefined : matchRating(framework, label);
  };
  const item = (id: string, levelRank: number): AdviceItem => {
    const reading = readingOf(framework, id);
    const r = rating(id);
    return {
      id,
      levelRank,
      polarity: reading?.polarity ?? null,
      actor: reading?.actor ?? null,
      label: reading?.label ?? null,
      value: r?.kind === 'scored' ? r.value! : null,
    };
  };
  const inPlace = (id: string) => {
    const r = rating(id);
    return r?.kind === 'scored' && r.value! >= threshold - epsilon;
  };
  const isWeakness = (id: string) => readingOf(framework, id)?.polarity === 'weakness';

  const elements = framework.elements.map((element, i) =>
    elementAdvice(element, result.elements[i]!, item, inPlace, isWeakness, (id) => rating(id)?.kind),
  );

  const firstOf = (e: ElementAdvice, pick: (s: AdviceItem) => boolean) => e.putInPlace?.ranked.find(pick);
  const order = (pick: (s: AdviceItem) => boolean) =>
    choosePriorityElements(
      elements.map((e, i) => {
        const r = result.elements[i]!;
        return r.assessed && r.progress
          ? { level: r.level, progress: r.progress.share, hasStep: firstOf(e, pick) !== undefined }
          : null;
      }),
      TOP_STEPS,
    ).map((i) => ({ element: i, step: firstOf(elements[i]!, pick)! }));

  const own = (s: AdviceItem) => !needsCentre(s);
  const moveAwayFrom = elements
    .flatMap((e, element) => e.moveAwayFrom.map((step, rank) => ({ element, step, rank })))
    .sort(
      (a, b) =>
        Number(needsCentre(a.step)) - Number(needsCentre(b.step)) ||
        b.step.value! - a.step.value! ||
        a.rank - b.rank ||
        a.element - b.element,
    )
    .map(({ element, step }) => ({ element, step }));
  return {
    hasReading: framework.reading !== undefined,
    elements,
    priorities: order(own),
    centre: order(needsCentre).slice(0, CENTRE_STEPS),
    moveAwayFrom,
  };
}

function elementAdvice(
  element: Element,
  e: ElementResult,
  item: (id: string, levelRank: number) => AdviceItem,
  inPlace: (id: string) => boolean,
  isWeakness: (id: string) => boolean,
  kindOf: (id: string) => string | undefined,
): ElementAdvice {
  if (!e.assessed) return { elementId: element.id, putInPlace: null, moveAwayFrom: [] };
  const moveAwayFrom = element.levels
    .filter((l) => l.rank <= e.level)
    .flatMap((l) =>
      l.characteristics.filter((c) => isWeakness(c.id) && inPlace(c.id)).map((c) => item(c.id, l.rank)),
    );
  // Stable sort: the most fully first, framework order for equal ratings.
  moveAwayFrom.sort((a, b) => b.value! - a.value!);
  if (!e.progress) return { elementId: element.id, putInPlace: null, moveAwayFrom };

  // The strengths of a level not yet in place ("Not applicable" left out, as the engine's gaps).
  const open = (rank: number) =>
    element.levels[rank - 1]!.characteristics.filter(
      (c) => !isWeakness(c.id) && kindOf(c.id) !== 'excluded' && !inPlace(c.id),
    );
  const towardsLevel = e.progress.towardsRank;
  let stepsLevel = towardsLevel;
  while (open(stepsLevel).length === 0 && stepsLevel < element.levels.length) stepsLevel++;
  if (open(stepsLevel).length === 0) stepsLevel = towardsLevel;
  const items = open(stepsLevel).map((c) => item(c.id, stepsLevel));
  const { ranked, notYetAssessed } = rankNextSteps(items);
  return {
    elementId: element.id,
    putInPlace: { towardsLevel, stepsLevel, items, ranked, notYetAssessed },
    moveAwayFrom,
  };
}
