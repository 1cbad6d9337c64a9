/**
 * The layout's page numbers once docx/layout is loaded (layout-page-numbers.ts registers them when
 * it is imported, lazily by `loadLayout` or by a test). Documents are packed synchronously, so the
 * estimator a document is given can only use the layout when it is already here; when it is not,
 * the estimator throws `LayoutNotLoaded` and the caller loads it and packs again (render-report.ts).
 */
import type { PageNumberEstimator } from 'docx';

let layout: PageNumberEstimator | undefined;

export function registerLayout(estimator: PageNumberEstimator): void {
  layout = estimator;
}

export function loadedLayout(): PageNumberEstimator | undefined {
  return layout;
}

/** Loads docx/layout (once) and gives its page numbers. */
export async function loadLayout(): Promise<PageNumberEstimator> {
  // Named so that the add-in's build gives docx/layout a chunk of its own, fetched only for a
  // fallback (test/addin/browser.test.ts knows it by this name).
  if (!layout) await import(/* webpackChunkName: "layout" */ './layout-page-numbers.js');
  return layout!;
}

/** Thrown by a document's estimator that needs the layout before it is loaded. */
export class LayoutNotLoaded extends Error {
  constructor() {
    super('docx/layout is not loaded yet: the document is packed again once it is');
  }
}
