/**
 * What the add-in did not read of the workbook (sheets beside the assessment, rows and columns
 * beyond what its tables use), said wherever the pane shows a result built from the reading:
 * the levels and the Word report. "Check answers" lists them with the workbook's other problems.
 */
import type { ReadResult } from '../../workbook/read-result.js';
import { h } from './dom.js';

const NOT_READ = new Set(['sheet-skipped', 'cells-not-read']);

/** The notes' messages, warnings first. */
export function notReadMessages(read: ReadResult): string[] {
  return read.diagnostics
    .filter((d) => NOT_READ.has(d.code))
    .sort((a, b) => (a.severity === 'warning' ? 0 : 1) - (b.severity === 'warning' ? 0 : 1))
    .map((d) => d.message);
}

/** A short "Not read" section, or null when everything was read. */
export function notReadSection(read: ReadResult): HTMLElement | null {
  const messages = notReadMessages(read);
  if (!messages.length) return null;
  return h(
    'div',
    { class: 'inset' },
    h('p', { class: 'subheading' }, 'Not read'),
    h('ul', { class: 'reasons' }, ...messages.map((m) => h('li', {}, m))),
  );
}
