/**
 * Page size, margins, headers and footers. The protective marking is centred at the top and the
 * bottom of every page, the cover included, as UK government documents print it; the other pages
 * also carry the report's title and "Page X of Y" (fields whose numbers are written in the file,
 * so they are right before Word or LibreOffice updates anything).
 */
import { Footer, Header, PageNumber, Paragraph, TabStopType, TextRun, type ISectionOptions } from 'docx';
import type { ReportViewModel } from './view-model.js';
import { fitWidth } from './brief-caps.js';
import { COLOURS } from './word-styles.js';

/** A4 with 2.5 cm side margins: the text is 16 cm (9071 twips) wide. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1304, bottom: 1304, left: 1417, right: 1417, header: 567, footer: 567 };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/**
 * The footer's title on one line beside "Page 99 of 99" (9 pt): at most 43 ems by `widthEm` (16 cm
 * is 50 ems at 9 pt; "Page 99 of 99" takes 6.4 and a gap), else cut with "…", so a long department
 * name never makes the footer two lines tall and the pages shorter ("Digital maturity assessment:
 * Department for Levelling Up, Housing and Communities" fits). The document's title stays whole.
 */
const FOOTER_TITLE_EM = 43;

const marking = (text: string) =>
  new Paragraph({ style: 'Marking', children: text ? [new TextRun(text)] : [] });

/** Page setup for a document with this title and marking (a department's report or the summary). */
export function sectionProperties(
  vm: Pick<ReportViewModel, 'marking'> & { document: Pick<ReportViewModel['document'], 'title'> },
): Omit<ISectionOptions, 'children'> {
  const pageLine = new Paragraph({
    style: 'Small',
    spacing: { before: 60, after: 60 },
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    border: { top: { style: 'single', size: 4, color: COLOURS.border, space: 4 } },
    children: [
      new TextRun(fitWidth(vm.document.title, FOOTER_TITLE_EM)),
      new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
    ],
  });
  return {
    properties: {
      titlePage: true,
      page: { size: PAGE, margin: MARGIN },
    },
    headers: {
      first: new Header({ children: [marking(vm.marking)] }),
      default: new Header({ children: [marking(vm.marking)] }),
    },
    footers: {
      first: new Footer({ children: [marking(vm.marking)] }),
      default: new Footer({ children: [pageLine, marking(vm.marking)] }),
    },
  };
}
