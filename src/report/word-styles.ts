/**
 * The Word styles of the report: typography in the GOV.UK manner (Arial, 11pt body, bold headings,
 * black text, blue links) written as real Word styles, so a reader can restyle the document and
 * Word's navigation pane and accessibility checker see real headings.
 *
 * Templates reach these styles by id through their style map (`style-map.json`); `REPORT_STYLE_IDS`
 * is the list a style map is checked against.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  type IParagraphPropertiesOptions,
  type IStylesOptions,
} from 'docx';

/**
 * Fonts for each script. Arial is the GOV.UK document font; for Chinese, Japanese and Korean text
 * Word uses the East Asian font, and for Arabic and Hebrew the complex-script font (Arial has both
 * scripts on Windows and macOS). Where a font is missing (e.g. on Linux), LibreOffice and Word fall
 * back to a font that has the glyphs, so no text becomes boxes.
 */
export const REPORT_FONT = {
  ascii: 'Arial',
  hAnsi: 'Arial',
  cs: 'Arial',
  eastAsia: 'Microsoft YaHei',
} as const;

/** Colours (GOV.UK palette). Meaning is never carried by colour alone: every coloured thing has words. */
export const COLOURS = {
  text: '0B0C0C',
  secondaryText: '505A5F',
  link: '1D70B8',
  border: 'B1B4B6',
  lightFill: 'F3F2F1',
  brand: '1D70B8',
} as const;

const pt = (n: number) => n * 2; // half-points
const twip = (n: number) => n * 20; // points → twentieths of a point
/** Line spacing as a multiple of single; the rule is explicit because LibreOffice reads a missing one as exact. */
const lines = (n: number) => ({ line: Math.round(n * 240), lineRule: LineRuleType.AUTO });

export { REPORT_STYLE_IDS, type ReportStyleId } from './style-ids.js';

/** docx writes `widowControl` for a style's paragraphs (w:widowControl), though its style type leaves it out. */
const NO_WIDOW_CONTROL: Pick<IParagraphPropertiesOptions, 'widowControl'> = { widowControl: false };

export function reportStyles(): IStylesOptions {
  const heading = (size: number, before: number, after: number) => ({
    run: { font: REPORT_FONT, size: pt(size), bold: true, color: COLOURS.text },
    paragraph: { spacing: { before: twip(before), after: twip(after) }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        run: {
          font: REPORT_FONT,
          size: pt(11),
          color: COLOURS.text,
          language: { value: 'en-GB', bidirectional: 'ar-SA' },
        },
        paragraph: { spacing: { after: twip(8), ...lines(1.15) } },
      },
      title: {
        run: { font: REPORT_FONT, size: pt(32), bold: true, color: COLOURS.text },
        paragraph: {
          spacing: { before: twip(150), after: twip(10), ...lines(1) },
          border: { top: { style: BorderStyle.SINGLE, size: 48, color: COLOURS.brand, space: 16 } },
        },
      },
      heading1: heading(20, 12, 14),
      heading2: heading(15, 20, 8),
      heading3: heading(12, 14, 6),
      heading4: heading(11, 10, 4),
      listParagraph: { paragraph: { spacing: { after: twip(4) } } },
      caption: {
        run: { font: REPORT_FONT, size: pt(10), bold: true, italics: false, color: COLOURS.text },
        paragraph: { spacing: { before: twip(8), after: twip(6) }, keepNext: true },
      },
      hyperlink: { run: { color: COLOURS.link, underline: {} } },
    },
    paragraphStyles: [
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: pt(16), color: COLOURS.secondaryText },
        paragraph: { spacing: { after: twip(40) } },
      },
      {
        id: 'CoverDepartment',
        name: 'Cover Department',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: pt(20), bold: true },
        paragraph: { spacing: { before: 0, after: twip(12), ...lines(1) } },
      },
      {
        id: 'CoverMeta',
        name: 'Cover Details',
        basedOn: 'Normal',
        run: { size: pt(12) },
        paragraph: { spacing: { after: twip(4) } },
      },
      {
        id: 'TOCHeading',
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: pt(20), bold: true },
        paragraph: { spacing: { after: twip(14) } },
      },
      {
        id: 'Lead',
        name: 'Lead Paragraph',
        basedOn: 'Normal',
        run: { size: pt(13) },
        paragraph: { spacing: { after: twip(12), ...lines(1.2) } },
      },
      {
        // A paragraph that introduces a table or list and should not be left alone at a page foot.
        id: 'BodyKeep',
        name: 'Body Text Keep With Next',
        basedOn: 'Normal',
        paragraph: { keepNext: true },
      },
      {
        id: 'InsetText',
        name: 'Inset Text',
        basedOn: 'Normal',
        run: { size: pt(12) },
        paragraph: {
          spacing: { before: twip(6), after: twip(14) },
          indent: { left: twip(14) },
          border: { left: { style: BorderStyle.SINGLE, size: 36, color: COLOURS.border, space: 10 } },
          keepNext: true,
        },
      },
      {
        id: 'TableText',
        name: 'Table Text',
        basedOn: 'Normal',
        run: { size: pt(10) },
        // No widow or orphan control in table cells (nor keep with next in the header row, below):
        // LibreOffice applies neither there, and Word with them moves a table whose first row does
        // not fit two lines to the next page while LibreOffice splits the row: the contents' page
        // numbers, worked out as Word lays the pages out, were then a page off in LibreOffice's PDF.
        paragraph: { spacing: { before: twip(1), after: twip(1), ...lines(1) }, ...NO_WIDOW_CONTROL },
      },
      {
        // For short tables that read badly split over two pages: each row keeps with the next (the
        // last row takes TableText, or the table would also be kept with the paragraph after it).
        id: 'TableTextKeep',
        name: 'Table Text Keep',
        basedOn: 'TableText',
        paragraph: { keepNext: true },
      },
      {
        // Not kept with the next row (see TableText); the header row repeats on the next page.
        id: 'TableHeading',
        name: 'Table Heading',
        basedOn: 'TableText',
        run: { bold: true },
        paragraph: { keepNext: false },
      },
      {
        // For compact tables (class "compact"), e.g. every characteristic of two levels on an
        // element page: 9 pt, no space around the paragraph, so that the table takes one line a row.
        id: 'CompactTableText',
        name: 'Compact Table Text',
        basedOn: 'TableText',
        run: { size: pt(9) },
        paragraph: { spacing: { before: 0, after: 0, ...lines(1) } },
      },
      {
        id: 'CompactTableHeading',
        name: 'Compact Table Heading',
        basedOn: 'CompactTableText',
        run: { bold: true },
      },
      {
        // The summary's heat map (class "heat-map"): a column per element, so smaller type keeps
        // the elements' short titles readable. As styles, not as the size on every run of its
        // cells: the heat map has a row per department (docs/performance.md, issue 24 session 9).
        id: 'HeatMapText',
        name: 'Heat Map Text',
        basedOn: 'TableText',
        run: { size: pt(8) },
      },
      {
        id: 'HeatMapHeading',
        name: 'Heat Map Heading',
        basedOn: 'TableHeading',
        run: { size: pt(7) },
      },
      {
        id: 'Evidence',
        name: 'Evidence',
        basedOn: 'Normal',
        run: { size: pt(10), color: COLOURS.secondaryText },
        paragraph: { spacing: { after: twip(6) }, indent: { left: twip(14) } },
      },
      {
        id: 'Question',
        name: 'Question',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true },
        paragraph: { spacing: { before: twip(6), after: twip(3) }, keepNext: true },
      },
      {
        id: 'Small',
        name: 'Small Print',
        basedOn: 'Normal',
        run: { size: pt(9), color: COLOURS.secondaryText },
      },
      // The contents' entries: replace docx's "toc 1" to "toc 3" (found by their names) with less
      // space after each entry, so that the brief's contents fit under its table 1; each level is
      // indented by the body text's size more than the level above, as Word's own are.
      ...[1, 2, 3].map((level) => ({
        id: `TOC${level}`,
        name: `toc ${level}`,
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: { spacing: { after: twip(2) }, indent: { left: twip(11) * (level - 1) } },
      })),
      {
        id: 'Marking',
        name: 'Protective Marking',
        basedOn: 'Normal',
        run: { size: pt(10), bold: true, allCaps: false },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0, ...lines(1) } },
      },
    ],
    characterStyles: [{ id: 'Strong', name: 'Strong', run: { bold: true } }],
  };
}

/**
 * Styles docx has no API for, as a styles part for the document's `externalStyles` (docx adds its
 * default styles and `reportStyles()` to it): the table style.
 */
export function reportExternalStyles(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    tableStyle('ReportTable', 'Report Table', 40) +
    tableStyle('CompactTable', 'Compact Table', 20) +
    tableStyle('HeatMapTable', 'Heat Map Table', 40, 40) +
    '</w:styles>'
  );
}

/**
 * A table style (docx has no API for table styles, so it is written as XML): light grey grid and
 * cell margins (`verticalMargin` above and below the text, in twips). As a style rather than
 * formatting on every cell, a reader can restyle all tables at once, and the file and its page
 * layout stay lighter. "Report Table" for every table; "Compact Table" for long tables of short rows;
 * "Heat Map Table" for the summary's heat map, whose many narrow columns need less space at the
 * sides of each cell (`horizontalMargin`, in twips).
 */
function tableStyle(id: string, name: string, verticalMargin: number, horizontalMargin = 80): string {
  const border = (side: string) =>
    `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${COLOURS.border}"/>`;
  const margin = (side: string, w: number) => `<w:${side} w:w="${w}" w:type="dxa"/>`;
  return (
    `<w:style w:type="table" w:styleId="${id}">` +
    `<w:name w:val="${name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
    '<w:tblPr>' +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblCellMar>${margin('top', verticalMargin)}${margin('left', horizontalMargin)}${margin('bottom', verticalMargin)}${margin('right', horizontalMargin)}</w:tblCellMar>` +
    '</w:tblPr>' +
    '</w:style>'
  );
}
