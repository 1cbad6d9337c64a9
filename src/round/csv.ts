/**
 * The CSV files a central team keeps by hand (the register of departments, last round's
 * results.csv): RFC 4180 fields, a UTF-8 byte order mark, CRLF or LF line ends, and semicolons or
 * tabs instead of commas (as some spreadsheets save). Pure and browser-safe.
 */

/** A CSV file that cannot be read; the message is one line that names the file and says what to do. */
export class CsvError extends Error {
  override name = 'CsvError';
}

/** One row of fields, with the line of the file it starts on (1-based) for messages. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * The rows of `text`, the delimiter guessed from the first line (comma, then semicolon, then tab).
 * Quoted fields may hold delimiters, doubled quotes and line breaks. Blank rows are kept (the
 * caller decides); a byte order mark is removed.
 */
export function parseCsvRows(text: string, file: string): CsvRow[] {
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(',')
    ? ','
    : firstLine.includes(';')
      ? ';'
      : firstLine.includes('\t')
        ? '\t'
        : ',';
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let rowLine = 1;
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ line: rowLine, fields: row });
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted)
    throw new CsvError(
      `${file}, line ${quoteLine}: a quoted name is never closed; add the closing quote (")`,
    );
  if (field !== '' || row.length) {
    row.push(field);
    rows.push({ line: rowLine, fields: row });
  }
  return rows;
}

/** One CSV field: quoted when it holds a delimiter, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
