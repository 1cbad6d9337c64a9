/**
 * Whether a PDF shows every table cell of the .docx it was made from: LibreOffice once dropped
 * rows of tables from its PDF at a page end (rows that may not split, pushed whole to the next
 * page). Cells are compared without spaces (line wraps differ) and without what PDF text
 * extraction cannot keep (right-to-left letters, emoji, joiners, U+FFFD).
 */
import { paragraphTexts } from './docx-xml.js';

const UNSTABLE =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\ufffd]|\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]|\p{Extended_Pictographic}/gu;
const comparable = (s: string) => s.normalize('NFC').replace(UNSTABLE, '').replace(/\s+/g, '');

/**
 * True when the text holds the cell's text, whole or in two parts in order: a row split across
 * pages has the repeated header row between its halves.
 */
function shows(text: string, cell: string): boolean {
  if (text.includes(cell)) return true;
  for (let cut = 1; cut < cell.length; cut++) {
    const at = text.indexOf(cell.slice(0, cut));
    if (at >= 0 && text.indexOf(cell.slice(cut), at + cut) >= 0) return true;
  }
  return false;
}

/**
 * The table cells of `body` (word/document.xml) that `pdfText` (pdftotext -raw) does not show,
 * and how many cells were checked. `furniture` are the header and footer lines, left out so that
 * a row split across pages still reads as one.
 */
export function tableCellsMissing(
  body: string,
  pdfText: string,
  furniture: (line: string) => boolean,
): { missing: string[]; checked: number } {
  const text = comparable(
    pdfText
      .split(/\n|\f/)
      .filter((l) => !furniture(l.trim()))
      .join('\n'),
  );
  const missing: string[] = [];
  let checked = 0;
  for (const row of body.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)) {
    for (const cell of row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) {
      const cellText = comparable(paragraphTexts(cell[0]).join(' '));
      if (!cellText) continue;
      checked++;
      if (!shows(text, cellText)) missing.push(paragraphTexts(cell[0]).join(' '));
    }
  }
  return { missing, checked };
}
