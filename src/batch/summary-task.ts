/**
 * summary.docx, built inside a guarded worker (`exportName: 'renderSummaryTask'`). Laying out a
 * summary of hundreds of departments takes a few hundred MB of short-lived objects; in a worker
 * with capped heaps that memory is bounded and handed back when the worker ends, instead of
 * staying in the batch's main thread, and a summary that runs away costs the summary, not the log.
 */
import type { TemplateFiles } from '../report/index.js';
import { renderSummary, type SummaryViewModel } from '../report/summary/index.js';
import { zipPackage } from '../report/node/zip-package.js';

export interface SummaryTask {
  model: SummaryViewModel;
  templateFiles: TemplateFiles;
}

export function renderSummaryTask(task: SummaryTask): Promise<Uint8Array> {
  return renderSummary(task.model, task.templateFiles, { zip: zipPackage });
}
