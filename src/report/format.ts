/**
 * Wording and number formats of the report, in one place so the view model and the template
 * helpers say things the same way (GOV.UK style: "12 March 2025", "67%", "one level").
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A share between 0 and 1 as a whole percentage, e.g. "67%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A date as GOV.UK writes it: "12 March 2025" (calendar date in UTC, so it never shifts a day). */
export function govDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * A date typed in a workbook: ISO dates ("2025-03-12", with or without a time) are shown as GOV.UK
 * writes them; anything else is kept as the respondent wrote it.
 */
export function workbookDate(raw: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw.trim());
  if (!m) return raw.trim();
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? govDate(d) : raw.trim();
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Small numbers in words, as GOV.UK style prefers in running text ("two levels"); 10 and up as digits. */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n]! : String(n);
}

/** "1 element", "3 elements"; `plural` defaults to the singular with "s". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Like `plural`, with small numbers in words: "one level", "two levels". */
export function pluralWords(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${numberWord(n)} ${n === 1 ? singular : pluralForm}`;
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A long text cut at a word boundary to at most `max` characters, ending in "…" when cut: for
 * compact tables whose full wording is elsewhere (the full record).
 */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max).replace(/[\s,;:(]+\S*$/, '');
  return `${(cut || t.slice(0, max - 1)).replace(/[\s,;:(]+$/, '')}…`;
}

/**
 * Items joined with "; " into one sentence ending in a full stop (none after a closing "…").
 * With `max`, at most that many are named and the rest counted ("…; and 9 more, listed in the full
 * record"): a department that answered little would otherwise fill the brief with lists.
 */
export function runOn(items: readonly string[], max = Infinity): string {
  const named = items.length > max ? items.slice(0, max) : items;
  const rest = items.length - named.length;
  const text = named.join('; ') + (rest ? `; and ${rest} more, listed in the full record` : '');
  return text === '' || /[….]$/.test(text) ? text : `${text}.`;
}

/** "Level 2: Technology driven / reactive", or "Not assessed" when there is no level. */
export function levelText(level: number | null, name: string | null): string {
  return level === null ? 'Not assessed' : `Level ${level}: ${name ?? ''}`.replace(/: $/, '');
}
