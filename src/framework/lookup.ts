/** Lookups over a framework: every item by id, with where it sits. */
import type { Characteristic, Element, Framework, Level, Question, SubQuestion } from './schema.js';
import type { CharacteristicReading } from './reading.js';

export type FrameworkItem =
  | { kind: 'characteristic'; element: Element; level: Level; item: Characteristic }
  | { kind: 'question'; element: Element; item: Question }
  | { kind: 'subQuestion'; element: Element; question: Question; item: SubQuestion };

const indexes = new WeakMap<Framework, Map<string, FrameworkItem>>();

/** Every answerable item of the framework by id (built once per framework object). */
export function itemIndex(framework: Framework): ReadonlyMap<string, FrameworkItem> {
  let index = indexes.get(framework);
  if (!index) {
    index = new Map();
    for (const element of framework.elements) {
      for (const level of element.levels) {
        for (const item of level.characteristics)
          index.set(item.id, { kind: 'characteristic', element, level, item });
      }
      for (const question of element.questions) {
        index.set(question.id, { kind: 'question', element, item: question });
        for (const item of question.subQuestions)
          index.set(item.id, { kind: 'subQuestion', element, question, item });
      }
    }
    indexes.set(framework, index);
  }
  return index;
}

/** The generic level names of the framework (taken from its first element), in rank order. */
export function levelNames(framework: Framework): string[] {
  return framework.elements[0]!.levels.map((l) => l.name);
}

/** All characteristics of an element, in source order. */
export function characteristicsOf(element: Element): Characteristic[] {
  return element.levels.flatMap((l) => l.characteristics);
}

/**
 * The tool's reading of a characteristic (polarity, actor, label), or undefined when the framework
 * brings no reading: callers then fall back to treating every characteristic as a strength.
 */
export function readingOf(framework: Framework, characteristicId: string): CharacteristicReading | undefined {
  return framework.reading?.characteristics[characteristicId];
}
