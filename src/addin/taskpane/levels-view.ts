/**
 * "Calculate levels" in the pane: one line per element with its level, a picture of the level,
 * how much was answered and how far to trust it. A list rather than a table: the pane is narrow,
 * and each entry reads as one sentence to a screen reader.
 */
import type { Place } from '../assessment/check-answers.js';
import type { Calculation } from '../assessment/operations.js';
import { h, show } from './dom.js';

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

export function renderLevels(container: HTMLElement, calc: Calculation, goTo: (place: Place) => void): void {
  const levels = calc.result.elements[0]?.fits.length ?? 4;
  const items = calc.result.elements.map((e) =>
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
        `${percent(e.coverage)} answered`,
      ),
      e.assessed && e.confidence.rating === 'low'
        ? h(
            'p',
            { class: 'profile__note' },
            h('span', { class: 'tag tag--amber' }, 'Low confidence'),
            ' ',
            e.confidence.reasons.join(' '),
          )
        : null,
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
  );
}
