/**
 * Text from returned workbooks is untrusted. These helpers make it safe to show in a terminal,
 * to put in XML (Word) and to write to CSV, without changing what a reader sees.
 */

/** C0/C1 control characters other than tab and newline, and Unicode bidi overrides. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/**
 * A surrogate pair, or else a single surrogate (which is then a lone one). No lookbehind: the task
 * pane bundles this module, and Safari before 16.4 (older Excel for Mac and iPad) cannot parse one.
 */
const SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/** Replaces lone surrogates with U+FFFD and keeps pairs (scanning left to right, as UTF-16 does). */
export function replaceLoneSurrogates(s: string): string {
  return s.replace(SURROGATES, (m) => (m.length === 2 ? m : '\ufffd'));
}

/**
 * What cleanText changes: its control characters, surrogates and carriage returns. Most text has
 * none, and one test is far cheaper than three replacements (the batch's dataset cleans every cell).
 */
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** Removes control characters and replaces lone surrogates with U+FFFD; keeps newlines and tabs. */
export function cleanText(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return replaceLoneSurrogates(s.replace(CONTROL, '')).replace(/\r\n?/g, '\n');
}

/** One-line form for terminals and logs: also folds newlines and tabs into spaces. */
export function cleanLine(s: string): string {
  return cleanText(s).replace(/[\n\t]+/g, ' ');
}

/**
 * Neutralises spreadsheet formula injection: a cell that starts with = + - @ (or tab / CR) is
 * prefixed with an apostrophe so spreadsheet programs show it as text.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
