/**
 * Entry of the lazily loaded report chunk: docx, Handlebars and the template only reach the
 * browser when someone asks for a report, keeping the task pane's first load small.
 */
import type { ReadResult } from '../../workbook/read-result.js';
import { builtInCompiledTemplate } from './template-files.js';
import { buildWordReport, DOCX_MIME, type WordReport } from './word-report.js';

export { DOCX_MIME };

export function wordReport(read: ReadResult, now = new Date()): Promise<WordReport> {
  return buildWordReport(read, builtInCompiledTemplate(), { now });
}
