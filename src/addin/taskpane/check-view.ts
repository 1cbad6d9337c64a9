/**
 * "Check answers" in the pane: a line of totals, problems with the workbook as a whole, then one
 * expandable group per element. Every item with a place is a button that takes you there.
 */
import type { CheckItem, CheckReport, ElementCheck, Place } from '../assessment/check-answers.js';
import { h, plural, show } from './dom.js';

type GoTo = (place: Place) => void;

function itemButton(item: CheckItem, goTo: GoTo): HTMLElement {
  const problem = h(
    'span',
    { class: `item__problem${item.severity === 'error' ? ' item__problem--error' : ''}` },
    item.problem,
  );
  const fix = item.fix ? h('span', { class: 'item__problem' }, item.fix) : null;
  const body = [
    item.ref ? h('span', { class: 'item__ref' }, item.ref) : null,
    h('span', { class: 'item__text' }, item.text || item.problem),
  ];
  const place = item.place;
  if (!place)
    return h('li', {}, h('div', { class: 'link-button' }, ...body, item.text ? problem : null, fix));
  const where = place.cell ? `${place.sheet}, cell ${place.cell}` : `sheet ${place.sheet}`;
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        attrs: {
          'aria-label': `${item.ref ? `${item.ref}: ` : ''}${item.text || item.problem}. ${item.text ? `${item.problem} ` : ''}${item.fix ?? ''} Go to ${where}.`,
        },
        onClick: () => goTo(place),
      },
      ...body,
      item.text ? problem : null,
      fix,
    ),
  );
}

function elementGroup(e: ElementCheck, goTo: GoTo): HTMLElement {
  const errors = e.problems.filter((p) => p.severity === 'error').length;
  const missing = e.unrated.filter((i) => i.severity === 'warning').length;
  const tag =
    errors > 0
      ? h('span', { class: 'tag tag--red' }, plural(errors, 'problem'))
      : missing > 0
        ? h('span', { class: 'tag tag--amber' }, `${missing} to rate`)
        : h('span', { class: 'tag tag--green' }, 'Complete');
  const list = (title: string, items: CheckItem[]) =>
    items.length
      ? [
          h('p', { class: 'subheading' }, title),
          h('ul', { class: 'item-list' }, ...items.map((i) => itemButton(i, goTo))),
        ]
      : [];
  // Questions are not scored: keep them folded away so ratings come first.
  const questions = e.noResponse.length
    ? h(
        'details',
        { class: 'details details--nested' },
        h(
          'summary',
          { class: 'details__summary' },
          `${plural(e.noResponse.length, 'question')} without a response`,
        ),
        h('ul', { class: 'item-list' }, ...e.noResponse.map((i) => itemButton(i, goTo))),
      )
    : null;
  return h(
    'details',
    { class: 'check-element', open: errors > 0 },
    h(
      'summary',
      {},
      h(
        'span',
        { class: 'summary__title' },
        e.title,
        h('span', { class: 'item__problem' }, `${e.rated} of ${e.total} rated`),
      ),
      tag,
    ),
    ...list('Answers to fix', e.problems),
    ...list('Not rated yet', e.unrated),
    questions,
    e.problems.length + e.unrated.length + e.noResponse.length === 0
      ? h('p', { class: 'hint' }, 'Everything is answered.')
      : null,
  );
}

export function renderCheck(container: HTMLElement, report: CheckReport, goTo: GoTo): void {
  if (report.kind === 'unreadable') {
    show(
      container,
      h(
        'div',
        { class: 'panel panel--warning' },
        h('h3', {}, 'This workbook cannot be checked'),
        report.problem.place
          ? h('ul', { class: 'item-list' }, itemButton(report.problem, goTo))
          : h('p', {}, report.problem.problem),
      ),
    );
    return;
  }
  const summary =
    report.errorCount === 0 && report.unratedCount === 0
      ? 'Every characteristic has a rating on the scale.'
      : [
          report.errorCount ? `${plural(report.errorCount, 'answer')} to fix` : '',
          report.unratedCount ? `${plural(report.unratedCount, 'characteristic')} not rated yet` : '',
        ]
          .filter(Boolean)
          .join(', ') + '.';
  show(
    container,
    h('h3', {}, 'Check results'),
    h('p', {}, summary),
    report.workbook.length
      ? h(
          'div',
          { class: 'panel panel--warning' },
          h('p', { class: 'subheading' }, 'About the workbook'),
          h('ul', { class: 'item-list' }, ...report.workbook.map((i) => itemButton(i, goTo))),
        )
      : null,
    ...report.elements.map((e) => elementGroup(e, goTo)),
  );
}
