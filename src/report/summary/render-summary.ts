/**
 * Summary view model + template → summary.docx, with the same machinery as a department's report
 * (`assembleDocument`): Handlebars (strict, escaped) → HTML → Word paragraphs and tables in the
 * report's Word styles, the marking and "Page X of Y" on every page, contents with page numbers.
 */
import type { Document } from 'docx';
import { compileTemplate, type CompiledTemplate, type TemplateFiles } from '../compile-template.js';
import { assembleDocument, packDocument, type RenderOptions } from '../render-report.js';
import { distributionChart } from './distribution-chart.js';
import type { SummaryViewModel } from './summary-model.js';

export function buildSummaryDocument(
  model: SummaryViewModel,
  template: CompiledTemplate<SummaryViewModel>,
): Document {
  return assembleDocument(model, template, () => distributionChart(model), {
    description: model.document.subject,
  });
}

/** Renders summary.docx. `template`: the files of templates/summary (or a user's own), or compiled. */
export async function renderSummary(
  model: SummaryViewModel,
  template: TemplateFiles | CompiledTemplate<SummaryViewModel>,
  options: Pick<RenderOptions, 'zip'> = {},
): Promise<Uint8Array> {
  const compiled =
    typeof (template as CompiledTemplate<SummaryViewModel>).render === 'function'
      ? (template as CompiledTemplate<SummaryViewModel>)
      : compileTemplate<SummaryViewModel>(template as TemplateFiles);
  return packDocument(() => buildSummaryDocument(model, compiled), options.zip);
}
