/** Text going into cells. */

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32767;

/** A respondent's text as a cell value: null when absent or empty, clipped to what a cell holds. */
export function fitText(text: string | undefined): string | null {
  if (!text) return null;
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}
