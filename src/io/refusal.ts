/**
 * Why an input file was refused before parsing, in words a respondent or analyst can act on.
 *
 * Returned workbooks arrive by email from many organisations; a refusal is an ordinary outcome, not
 * a crash. Each refusal is one line that names the file, says what is wrong and what to do, so the
 * CLI can print it without a stack trace and batch can record it next to the other results.
 */
import { basename } from 'node:path';
import { cleanLine } from '../text/safe-text.js';

/** Stable machine-readable reasons. New codes may be added; existing ones keep their meaning. */
export type InputRefusalCode =
  /** The path could not be opened or read (missing, a folder, no permission). */
  | 'unreadable'
  | 'empty-file'
  | 'file-too-large'
  /** An OLE compound file holding an encrypted (password-protected) OOXML workbook. */
  | 'encrypted-workbook'
  /** An OLE compound file holding an Excel 97–2003 workbook. */
  | 'legacy-xls'
  /** An OLE compound file we could not tell apart: .xls or password-protected. */
  | 'legacy-or-encrypted'
  | 'macro-enabled'
  | 'binary-workbook'
  | 'ods'
  /** A Word, PowerPoint, PDF or other non-spreadsheet document. */
  | 'other-document'
  | 'csv'
  /** Plain text, HTML or an XML spreadsheet saved with a spreadsheet name. */
  | 'text'
  | 'unknown-format'
  /** A zip file that is not an Excel workbook (no [Content_Types].xml or no xl/workbook.xml). */
  | 'not-a-workbook'
  | 'truncated'
  | 'corrupt'
  | 'too-many-entries'
  | 'entry-too-large'
  | 'too-large-uncompressed'
  | 'suspicious-compression'
  /** Declared sizes disagree with the data: a forged header (zip bomb) or damage. */
  | 'inconsistent-sizes'
  | 'unsafe-entry-path'
  | 'duplicate-entry'
  | 'encrypted-entry'
  | 'unsupported-compression'
  /** An XML part declares a DTD or entities (refused, never expanded). */
  | 'xml-dtd'
  /** An XML part is not UTF-8 (Excel always writes UTF-8). */
  | 'xml-encoding';

export interface InputRefusal {
  code: InputRefusalCode;
  /** The file as shown to people: its base name, control characters removed. */
  file: string;
  /** What is wrong, starting with the file name, e.g. "budget.xls: this is an Excel 97–2003 workbook". */
  message: string;
  /** What to do about it, as an instruction, e.g. "open it in Excel and save it as .xlsx". */
  fix: string;
}

/** The file name as shown in messages: base name only, one line, at most 120 characters. */
export function displayName(pathOrName: string): string {
  const name = cleanLine(basename(pathOrName)).trim() || 'the file';
  return name.length > 120 ? `${name.slice(0, 117)}...` : name;
}

/** Builds a refusal; `problem` and `fix` are plain lower-case phrases without final full stops. */
export function refusal(code: InputRefusalCode, file: string, problem: string, fix: string): InputRefusal {
  return { code, file, message: `${file}: ${problem}`, fix };
}

/**
 * The one line to print or log: "<file>: <problem> — <fix>." Anything carrying `message` and `fix`
 * (refusals, guarded-run failures) can be formatted this way.
 */
export function formatRefusal(r: { message: string; fix: string }): string {
  return cleanLine(`${r.message} — ${r.fix}.`);
}

/** An error carrying a refusal, for callers that prefer throwing to checking a result. */
export class InputRefusedError extends Error {
  constructor(readonly refusal: InputRefusal) {
    super(formatRefusal(refusal));
    this.name = 'InputRefusedError';
  }
}
