/**
 * Column headings that would break inside a word: each header cell's longest word against the
 * room its column gives (its width less the table style's cell margins), in Arial at the size of
 * the cell's paragraph style. Shared by the tests of every table a report can hold.
 */
import { paragraphTexts } from './docx-xml.js';
import { textWidthTwips } from './text-metrics.js';

/** A4 less 2.5 cm margins (src/report/page-furniture.ts), and the table styles' cell margins. */
export const TEXT_WIDTH = 9071;
const CELL_MARGINS = 160;
/** Points of the header styles: the compact tables' 9 pt, every other table's 10 pt. */
const HEADING_SIZE: Record<string, number> = { CompactTableHeading: 9, TableHeading: 10 };

/** Every heading word of the body's tables that does not fit its column, as `"word" in "heading"`; [] when all fit. */
export function headingWordsTooWide(body: string): string[] {
  const problems: string[] = [];
  for (const table of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) {
    const header = /<w:tr>[\s\S]*?<\/w:tr>/.exec(table[0])![0];
    for (const cell of header.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) {
      const pct = /<w:tcW w:type="pct" w:w="([\d.]+)%"\/>/.exec(cell[0]);
      const text = paragraphTexts(cell[0]).join(' ');
      if (!pct) {
        problems.push(`"${text}" has no width`);
        continue;
      }
      const style = /<w:pStyle w:val="(\w+)"\/>/.exec(cell[0])?.[1] ?? 'TableHeading';
      const room = (Number(pct[1]) / 100) * TEXT_WIDTH - CELL_MARGINS;
      for (const word of text.split(/\s+/).filter(Boolean)) {
        if (textWidthTwips(word, HEADING_SIZE[style] ?? 10, true) > room)
          problems.push(`"${word}" in "${text}"`);
      }
    }
  }
  return problems;
}
