/** Text going into cells. */
import { cleanText } from '../../text/safe-text.js';

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32767;

/** Characters XML 1.0 cannot hold at all (cleanText already removes the control characters). */
const NOT_XML = /[\ufffe\uffff]/g;

/**
 * A respondent's text as a cell value: null when absent or blank; control characters removed (an
 * .xlsx cannot hold them), clipped to what a cell holds.
 */
export function fitText(text: string | undefined): string | null {
  if (!text) return null;
  const clean = cleanText(text).replace(NOT_XML, '');
  if (!clean.trim()) return null;
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
}
