/**
 * "Calculate levels" in the pane: one line per element with its level, a picture of the level,
 * how much was answered and how far to trust it. A list rather than a table: the pane is narrow,
 * and each entry reads as one sentence to a screen reader.
 */
import type { Place } from '../assessment/check-answers.js';
import type { Calculation } from '../assessment/operations.js';
import { layout } from '../assessment/plan-cache.js';
import {
  advise,
  needsCentre,
  CENTRE_WORDS,
  type AdviceItem,
  type ElementAdvice,
} from '../../advice/index.js';
import { readingOf } from '../../framework/index.js';
import { validateAnswers, type ElementResult } from '../../scoring/index.js';
import { h, plural, show } from './dom.js';
import { notReadSection } from './read-notes.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Filled segments, one per level: a picture for sighted readers (the text says the same). */
function meter(level: number | null, levels: number): HTMLElement {
  return h(
    'span',
    { class: 'meter', attrs: { 'aria-hidden': 'true' } },
    ...Array.from({ length: levels }, (_, i) =>
      h('span', { class: level !== null && i < level ? 'meter__on' : '' }),
    ),
  );
}

const GRADE = {
  high: { text: 'High confidence', tag: 'tag--green' },
  medium: { text: 'Medium confidence', tag: 'tag--amber' },
  low: { text: 'Low confidence', tag: 'tag--red' },
} as const;

/** "Level 3 (could be 2–3)": the range only when it is wider than the level. */
export function rangeText(e: ElementResult): string | null {
  const { low, high } = e.range;
  if (!e.assessed || low === null || high === null || low === high) return null;
  return `could be ${low}–${high} with the open answers`;
}

/** Reference ("2.03") and text of each characteristic, and where its rating is. */
function itemsById(): Map<string, { ref: string; text: string; place?: Place }> {
  const { framework, answerCells } = layout();
  const items = new Map<string, { ref: string; text: string; place?: Place }>();
  for (const element of framework.elements)
    for (const level of element.levels)
      level.characteristics.forEach((c, i) => {
        const cell = answerCells.get(c.id);
        items.set(c.id, {
          ref: `${level.rank}.${String(i + 1).padStart(2, '0')}`,
          // The reading's label (a complete clause) where there is one, never text cut mid-phrase.
          text:
            readingOf(framework, c.id)?.label ??
            (c.text.length > 80 ? `${c.text.slice(0, 79).trimEnd()}…` : c.text),
          ...(cell ? { place: { sheet: cell.sheet, cell: cell.address } } : {}),
        });
      });
  return items;
}

/** How sure the level is: the grade as a tag (the words say it, not the colour) and its reasons. */
function confidenceNote(e: ElementResult): HTMLElement | null {
  if (!e.assessed) return null;
  const grade = GRADE[e.confidence.grade];
  const reasons = e.confidence.reasons;
  return h(
    'div',
    { class: 'profile__note' },
    h('span', { class: `tag ${grade.tag}` }, grade.text),
    reasons.length
      ? h(
          'details',
          { class: 'details details--nested', open: e.confidence.grade !== 'high' },
          h('summary', { class: 'details__summary' }, 'Why'),
          h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', {}, r))),
        )
      : null,
  );
}

/** The ratings that decide a borderline level, each a link to its cell. */
function borderlineNote(
  e: ElementResult,
  items: Map<string, { ref: string; text: string; place?: Place }>,
  goTo: (place: Place) => void,
): HTMLElement | null {
  if (!e.assessed || !e.borderline) return null;
  return h(
    'div',
    { class: 'profile__note' },
    h(
      'p',
      {},
      `Borderline: moving ${e.borderlineItems.length === 1 ? 'this rating' : `any one of these ${plural(e.borderlineItems.length, 'rating')}`} by one step would change the level.`,
    ),
    h(
      'ul',
      { class: 'item-list' },
      ...e.borderlineItems.map((id) => {
        const item = items.get(id);
        const body = [
          item ? h('span', { class: 'item__ref' }, item.ref) : null,
          h('span', { class: 'item__text' }, item?.text ?? id),
        ];
        const place = item?.place;
        return h(
          'li',
          {},
          place
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  attrs: {
                    'aria-label': `${item.ref}: ${item.text}. Go to ${place.sheet}, cell ${place.cell}.`,
                  },
                  onClick: () => goTo(place),
                },
                ...body,
              )
            : h('div', { class: 'link-button' }, ...body),
        );
      }),
    ),
  );
}

/** How many steps the pane names per element (the Word report lists them all). */
const PANE_STEPS = 3;

/**
 * What to do next for one element, from the advice every front end shares (src/advice): the
 * strengths to put in place (those that need the centre named as such) and the problems the
 * answers say describe the organisation. Labels, not cut-off text.
 */
function adviceNote(
  e: ElementResult,
  advice: ElementAdvice,
  items: Map<string, { ref: string; text: string; place?: Place }>,
): HTMLElement | null {
  if (!e.assessed) return null;
  const label = (c: AdviceItem) => items.get(c.id)?.text ?? c.id;
  const steps = advice.putInPlace?.ranked.slice(0, PANE_STEPS) ?? [];
  const away = advice.moveAwayFrom;
  if (!steps.length && !away.length) return null;
  return h(
    'div',
    { class: 'profile__note' },
    steps.length
      ? h(
          'p',
          {},
          `Next steps towards level ${advice.putInPlace!.towardsLevel}` +
            (advice.putInPlace!.stepsLevel !== advice.putInPlace!.towardsLevel
              ? ` (from level ${advice.putInPlace!.stepsLevel}: level ${advice.putInPlace!.towardsLevel} has no strength left to put in place)`
              : '') +
            ':',
        )
      : null,
    steps.length
      ? h(
          'ul',
          { class: 'reasons' },
          ...steps.map((c) => h('li', {}, label(c) + (needsCentre(c) ? ` (${CENTRE_WORDS})` : ''))),
        )
      : null,
    away.length
      ? h(
          'p',
          {},
          `Move away from (${away.length === 1 ? 'a problem your answers say describes' : `${away.length} problems your answers say describe`} you): ` +
            away.slice(0, PANE_STEPS).map(label).join('; ') +
            (away.length > PANE_STEPS ? `; and ${away.length - PANE_STEPS} more.` : '.'),
        )
      : null,
  );
}

export function renderLevels(container: HTMLElement, calc: Calculation, goTo: (place: Place) => void): void {
  const levels = calc.result.elements[0]?.fits.length ?? 4;
  const characteristics = itemsById();
  const { framework } = layout();
  const advice = advise(framework, validateAnswers(framework, calc.read.answers), calc.result);
  const items = calc.result.elements.map((e, i) =>
    h(
      'li',
      { class: 'profile__item' },
      h(
        'p',
        { class: 'profile__head' },
        h('span', { class: 'profile__title' }, e.title),
        e.assessed
          ? h(
              'span',
              { class: 'profile__level' },
              `Level ${e.level}`,
              h('span', { class: 'visually-hidden' }, ` of ${levels}`),
            )
          : h('span', { class: 'tag tag--grey' }, 'Not assessed'),
      ),
      meter(e.level, levels),
      h(
        'p',
        { class: 'profile__meta' },
        e.assessed ? `${e.levelName} · ` : '',
        rangeText(e) ? `${rangeText(e)} · ` : '',
        `${percent(e.coverage)} answered`,
        e.assessed && e.evidence.share !== null
          ? ` · evidence for ${e.evidence.withEvidence} of ${e.evidence.inPlace} ratings of Largely or Fully`
          : '',
      ),
      confidenceNote(e),
      borderlineNote(e, characteristics, goTo),
      adviceNote(e, advice.elements[i]!, characteristics),
    ),
  );
  const write = calc.write;
  show(
    container,
    h('h3', {}, 'Computed levels'),
    h(
      'p',
      {},
      `${calc.result.assessedCount} of ${calc.result.elements.length} elements assessed; ` +
        `${percent(calc.result.coverage)} of characteristics answered.`,
    ),
    h(
      'ul',
      { class: 'profile', attrs: { 'aria-label': `Computed level of each element, out of ${levels}` } },
      ...items,
    ),
    write.written
      ? h(
          'p',
          { class: 'inset' },
          `The results and a chart were added to the ${write.sheet} sheet. `,
          h(
            'button',
            {
              type: 'button',
              class: 'link-button link-inline',
              onClick: () => goTo({ sheet: write.sheet, cell: write.address }),
            },
            h('span', { class: 'item__text' }, `Go to ${write.sheet}`),
          ),
        )
      : h('div', { class: 'panel panel--warning' }, h('p', {}, write.reason)),
    notReadSection(calc.read),
  );
}
