/**
 * The ministerial template, still asking for its page numbers by design, with a first page that
 * runs over onto a page of its own: the renderer must fall back to the layout and say so.
 */
import { loadTemplate } from '../../../src/report/node/load-template.js';
import type { TemplateFiles } from '../../../src/report/index.js';

/** The warning the over-full first page gives. */
export const OVERFULL_WARNING =
  "Page 1 (Summary) could not be proved to fit its page, so the contents' page numbers were worked out by laying the pages out (right, but slower).";

export async function overfullMinisterial(): Promise<TemplateFiles> {
  const files = await loadTemplate('ministerial');
  const padding = Array.from(
    { length: 25 },
    () => '<p>Padding that makes the first page run over onto a second page of its own.</p>',
  ).join('\n');
  return { ...files, 'main.hbs': files['main.hbs']!.replace('{{> brief}}', `{{> brief}}\n${padding}`) };
}
