/**
 * Turning a cell into what a respondent meant, for every kind of cell a returned workbook can
 * hold: text, rich text (already flattened), numbers, booleans, dates, error values and formulas.
 */
import { cleanLine, cleanText } from '../../text/safe-text.js';
import { isError, isFormula, type CellData } from './grid.js';

export type CellReading =
  | { kind: 'empty' }
  | { kind: 'text'; text: string; from: 'text' | 'number' | 'boolean' | 'date' }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; code: string };

/** A date as a respondent would write it: the day alone when there is no time of day. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** What a cell says, without trusting any cached formula result. */
export function readCell(cell: CellData | undefined): CellReading {
  if (cell === null || cell === undefined) return { kind: 'empty' };
  if (typeof cell === 'string') {
    const text = cleanText(cell);
    return text.trim() ? { kind: 'text', text, from: 'text' } : { kind: 'empty' };
  }
  if (typeof cell === 'number') return { kind: 'text', text: String(cell), from: 'number' };
  if (typeof cell === 'boolean') return { kind: 'text', text: cell ? 'TRUE' : 'FALSE', from: 'boolean' };
  if (cell instanceof Date) return { kind: 'text', text: dateText(cell), from: 'date' };
  if (isFormula(cell)) return { kind: 'formula', formula: cleanLine(cell.formula) };
  if (isError(cell)) return { kind: 'error', code: cleanLine(cell.error) };
  return { kind: 'empty' };
}

/** Plain text of a cell for ids, headers and metadata: strings and numbers only, trimmed. */
export function plainText(cell: CellData | undefined): string {
  if (typeof cell === 'string') return cleanLine(cell).trim();
  if (typeof cell === 'number') return String(cell);
  return '';
}

/** A short, safe quotation of what a cell holds, for diagnostics. */
export function quote(reading: CellReading): string {
  const clip = (s: string) => {
    const line = cleanLine(s).trim();
    return line.length > 60 ? `${line.slice(0, 57)}…` : line;
  };
  switch (reading.kind) {
    case 'empty':
      return 'nothing';
    case 'text':
      return reading.from === 'text'
        ? `"${clip(reading.text)}"`
        : `the ${reading.from} ${clip(reading.text)}`;
    case 'formula':
      return `the formula =${clip(reading.formula)}`;
    case 'error':
      return `the error ${clip(reading.code)}`;
  }
}
