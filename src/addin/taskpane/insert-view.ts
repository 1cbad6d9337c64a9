/** What the pane says after "Insert assessment": done, or why nothing was changed. */
import type { InsertOutcome } from '../assessment/operations.js';
import { h, plural, show } from './dom.js';

export function renderInsert(container: HTMLElement, outcome: InsertOutcome, goToStart: () => void): void {
  if (outcome.kind === 'inserted') {
    const visible = outcome.sheets.filter((s) => !s.startsWith('_'));
    show(
      container,
      h(
        'div',
        { class: 'panel' },
        h('h3', {}, 'Assessment added'),
        h('p', {}, `${plural(visible.length, 'sheet')} were added, starting with "${visible[0]}".`),
        h('p', {}, 'Rate each characteristic in the boxed cells, then come back here to check your answers.'),
      ),
    );
    return;
  }
  show(
    container,
    h(
      'div',
      { class: 'panel panel--warning' },
      h(
        'h3',
        {},
        outcome.assessment ? 'This workbook already has the assessment' : 'Some sheet names are taken',
      ),
      outcome.assessment
        ? h(
            'p',
            {},
            'Nothing was changed, so your answers are safe. To start a new assessment, open a new workbook.',
          )
        : h(
            'p',
            {},
            `Nothing was changed. The assessment needs these sheet names, which are already used: ${outcome.existing.join(', ')}. ` +
              'Rename those sheets, or open a new workbook, then try again.',
          ),
      outcome.assessment
        ? h(
            'button',
            { type: 'button', class: 'button button--secondary', onClick: goToStart },
            'Go to the assessment',
          )
        : null,
    ),
  );
}
