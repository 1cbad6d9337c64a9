/**
 * Summary view model + template → summary.docx, with the same machinery as a department's report:
 * Handlebars (strict, escaped) → HTML → Word paragraphs and tables (docx/html) in the report's
 * Word styles, page furniture with the marking and "Page X of Y", contents with page numbers.
 */
import { Document, Packer, TableOfContents, type Paragraph, type Table } from 'docx';
import { htmlToContent } from 'docx/html';
import { estimatePageNumbersWith } from 'docx/layout';
import {
  compileTemplate,
  STYLESHEET_FILE,
  type CompiledTemplate,
  type TemplateFiles,
} from '../compile-template.js';
import { splitAtMarkers } from '../html-blocks.js';
import { sectionProperties } from '../page-furniture.js';
import { TemplateError } from '../template-error.js';
import { reportStyles } from '../word-styles.js';
import { distributionChart } from './distribution-chart.js';
import type { SummaryViewModel } from './summary-model.js';

const pageNumbers = estimatePageNumbersWith({ guess: true });

export function buildSummaryDocument(
  model: SummaryViewModel,
  template: CompiledTemplate<SummaryViewModel>,
): Document {
  const children: (Paragraph | Table | TableOfContents)[] = [];
  for (const block of splitAtMarkers(template.render(model))) {
    if (block.kind === 'toc')
      children.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }));
    else if (block.kind === 'chart') children.push(distributionChart(model));
    else {
      try {
        children.push(
          ...htmlToContent(block.html, { stylesheet: template.stylesheet, styleMap: template.styleMap }),
        );
      } catch (e) {
        throw new TemplateError(
          STYLESHEET_FILE,
          null,
          null,
          `the HTML import failed: ${(e as Error).message}`,
        );
      }
    }
  }
  return new Document({
    title: model.document.title,
    subject: model.document.subject,
    creator: model.document.author,
    lastModifiedBy: model.document.author,
    styles: reportStyles(),
    pageNumbers,
    sections: [{ ...sectionProperties(model), children }],
  });
}

/** Renders summary.docx. `template`: the files of templates/summary (or a user's own). */
export async function renderSummary(
  model: SummaryViewModel,
  template: TemplateFiles | CompiledTemplate<SummaryViewModel>,
): Promise<Uint8Array> {
  const compiled =
    typeof (template as CompiledTemplate<SummaryViewModel>).render === 'function'
      ? (template as CompiledTemplate<SummaryViewModel>)
      : compileTemplate<SummaryViewModel>(template as TemplateFiles);
  return Packer.pack(buildSummaryDocument(model, compiled), 'uint8array');
}
