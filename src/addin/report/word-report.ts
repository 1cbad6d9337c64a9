/**
 * The Word report in the browser: the same pipeline as `dmf report` (src/report: view model,
 * Handlebars template, docx), fed with what the add-in read from the open workbook.
 */
import { builtInFramework } from '../../framework/index.js';
import {
  buildViewModel,
  renderReport,
  type CompiledTemplate,
  type TemplateFiles,
} from '../../report/index.js';
import { cleanLine } from '../../text/safe-text.js';
import type { ReadResult } from '../../workbook/read-result.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface WordReport {
  bytes: Uint8Array;
  fileName: string;
}

/** A file name people recognise, without characters Windows refuses. */
export function reportFileName(department: string | undefined, now: Date): string {
  const who = cleanLine(department ?? '')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `Digital maturity report${who ? ` - ${who}` : ''} ${now.toISOString().slice(0, 10)}.docx`;
}

export async function buildWordReport(
  read: ReadResult,
  template: TemplateFiles | CompiledTemplate,
  options: { now?: Date; sourceName?: string } = {},
): Promise<WordReport> {
  const now = options.now ?? new Date();
  const vm = buildViewModel({
    framework: builtInFramework(),
    current: read,
    options: { now, sourceName: options.sourceName ?? 'the open workbook' },
  });
  const bytes = await renderReport(vm, template);
  return { bytes, fileName: reportFileName(read.meta.department, now) };
}
