/**
 * Shared layout pieces: column positions of the element sheets, print setup, protection, and the
 * checks that keep dropdown lists within what Excel accepts.
 */
import type { ListValidation, PrintSetup, RangeRef, SheetProtection } from './types.js';

/** Columns of an element sheet (1-based). F–H are hidden helper columns for the formulas. */
export const ELEMENT_COL = {
  id: 1,
  ref: 2,
  text: 3,
  rating: 4,
  answer: 5,
  /** Characteristic rows: the normalised rating. Result rows: the fit, or 0 when none. */
  helper1: 6,
  /** Characteristic rows: the rating's value. Result rows: the best lower level so far. */
  helper2: 7,
  /** Characteristic rows: 1 when answered. Result rows: 1 when the staged level is reached. */
  helper3: 8,
} as const;

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Excel's limit for an inline list (the items joined by commas). */
const MAX_LIST = 255;

/** A dropdown validation, after checking that Excel can hold the list inline. */
export function listValidation(
  range: RangeRef,
  list: string[],
  what: string,
  prompt: ListValidation['prompt'],
  error: ListValidation['error'],
): ListValidation {
  for (const item of list) {
    if (/[,"]/.test(item)) {
      throw new PlanError(
        `${what} "${item}" contains a comma or a double quote, which an in-cell dropdown list cannot hold`,
      );
    }
  }
  if (list.join(',').length > MAX_LIST) {
    throw new PlanError(
      `${what}s are too long for an in-cell dropdown (at most ${MAX_LIST} characters in all)`,
    );
  }
  return { range, list, prompt, error };
}

/** Landscape A4, one page wide, no gridlines, sheet name and page number in the footer. */
export function printSetup(repeatRows: PrintSetup['repeatRows'], footerLeft: string): PrintSetup {
  return {
    orientation: 'landscape',
    paperSize: 'A4',
    fitToWidth: 1,
    repeatRows,
    gridlines: false,
    footer: { left: footerLeft.replace(/&/g, '&&'), center: '&A', right: 'Page &P of &N' },
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** Protection without a password: respondents can answer and resize, not restructure. */
export function protection(): SheetProtection {
  return {
    allow: {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      insertRows: false,
      deleteRows: false,
      sort: false,
      autoFilter: false,
    },
  };
}
