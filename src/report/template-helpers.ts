/**
 * The Handlebars helpers report templates may use, kept few on purpose: the view model already
 * carries the wording, so helpers only compare, count and format. Each is documented in
 * docs/templates.md. They return plain strings or booleans, which Handlebars escapes: no helper
 * ever produces raw HTML, so workbook text cannot become markup through one.
 */
import { percent, plural } from './format.js';

type HelperOptions = { hash?: Record<string, unknown> };

const isOptions = (v: unknown): v is HelperOptions => typeof v === 'object' && v !== null && 'hash' in v;

/** Arguments without Handlebars' trailing options object. */
const args = (all: unknown[]) => (all.length && isOptions(all[all.length - 1]) ? all.slice(0, -1) : all);

/** Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

/** "rtl" when the first strongly directional letter of the text is right-to-left, else "ltr". */
export function textDirection(text: unknown): 'rtl' | 'ltr' {
  if (typeof text !== 'string') return 'ltr';
  for (const ch of text) {
    if (RTL.test(ch)) return 'rtl';
    if (LTR.test(ch)) return 'ltr';
  }
  return 'ltr';
}

export const reportHelpers: Readonly<Record<string, (...all: unknown[]) => unknown>> = {
  /** `{{#if (eq a b)}}`: true when the two values are the same. */
  eq: (...all) => {
    const [a, b] = args(all);
    return a === b;
  },
  /** `{{#if (not x)}}`: true when the value is false, null, 0, '' or an empty list. */
  not: (...all) => {
    const [a] = args(all);
    return !a || (Array.isArray(a) && a.length === 0);
  },
  /** `{{inc @index}}`: the number plus one, to count from 1. */
  inc: (...all) => {
    const [n] = args(all);
    return typeof n === 'number' ? n + 1 : n;
  },
  /** `{{percent coverage}}`: a share between 0 and 1 as "67%". */
  percent: (...all) => {
    const [n] = args(all);
    return typeof n === 'number' ? percent(n) : '';
  },
  /** `{{plural count "characteristic"}}` → "3 characteristics"; a third argument gives an irregular plural. */
  plural: (...all) => {
    const [n, singular, pluralForm] = args(all);
    const count = typeof n === 'number' ? n : Array.isArray(n) ? n.length : Number(n);
    return plural(count, String(singular ?? ''), typeof pluralForm === 'string' ? pluralForm : undefined);
  },
  /** `<p dir="{{dir text}}">`: "rtl" for text that starts in Arabic or Hebrew, else "ltr". */
  dir: (...all) => textDirection(args(all)[0]),
};
