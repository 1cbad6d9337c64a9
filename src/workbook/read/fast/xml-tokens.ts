/**
 * A small, strict, linear-time XML tokenizer for the few SpreadsheetML parts the fast reader
 * needs. It accepts only what saxes (exceljs' parser) reads the same way: UTF-8, XML 1.0, the five
 * predefined entities and numeric character references, no DTD, comments, CDATA or processing
 * instructions after the declaration, line ends normalised as XML says (\r\n and \r read as
 * \n, as saxes does) and no tabs or newlines inside attribute values (saxes normalises those to
 * spaces). Anything else throws
 * NotSimple, so exceljs reads the part (and refuses it if it is broken).
 */
import { notSimple } from './not-simple.js';

export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const END = 4;
export type Token = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

/** Characters XML 1.0 forbids (\r is gone by then), and the two non-characters saxes rejects. */
// eslint-disable-next-line no-control-regex -- these characters are exactly what is looked for
const BAD_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\r\uFFFE\uFFFF]/;
const DECLARATION =
  /^<\?xml[ \n\t]+version[ \n\t]*=[ \n\t]*(["'])1\.0\1([ \n\t]+encoding[ \n\t]*=[ \n\t]*(["'])utf-8\3)?([ \n\t]+standalone[ \n\t]*=[ \n\t]*(["'])(yes|no)\5)?[ \n\t]*\?>/i;
const WHITESPACE = /^[ \n\t]*$/;

/*
 * Names and spaces are read with loops and attribute values with `indexOf`, to this grammar:
 *   name        [A-Za-z_][\w.:-]*
 *   attribute   [ \n\t]+ name [ \n\t]* = [ \n\t]* ("[^"<]*" | '[^'<]*')
 *   tag end     [ \n\t]* /? >
 *   close tag   </ name [ \n\t]* >
 * An attribute that does not match ends the attributes, and the tag end must then match where it
 * began. (Session 6 read tags with sticky expressions, one `test` per name, run of spaces and
 * value; an `exec` per attribute had been a third of a workbook's reading. Loops and `indexOf`
 * cost about 15% less in a warm worker, which reads hundreds of workbooks, and some 5–10 ms more
 * in a fresh process's first workbook, where they start unoptimised: docs/performance.md, issue
 * 24 session 8.)
 */

/**
 * Where the run of XML spaces (`[ \n\t]*`) from `p` ends: most tags have none or one between
 * their parts, so a loop costs less than a call into the expression engine (about 6 a cell).
 */
function spacesEnd(src: string, p: number): number {
  let c = src.charCodeAt(p);
  while (c === 0x20 || c === 0x0a || c === 0x09) c = src.charCodeAt(++p);
  return p;
}

/** Where the name (`[A-Za-z_][\w.:-]*`) from `p` ends, or -1 when there is none. */
function nameEnd(src: string, p: number): number {
  let c = src.charCodeAt(p);
  if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return -1;
  do c = src.charCodeAt(++p);
  while (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x3a) || // digits and ':'
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2d
  );
  return p;
}

const validChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

const ENTITY = /&(?:(lt|gt|amp|apos|quot)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Checks the references of a text that is skipped, building nothing (the same rules as below). */
function checkXmlText(s: string): void {
  if (!s.includes('&#')) {
    if (BAD_AMP.test(s)) notSimple('entity');
    return;
  }
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', ENTITY.lastIndex)) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(s) ?? notSimple('entity');
    if (!m[1] && !validChar(m[2] ? parseInt(m[2], 10) : parseInt(m[3]!, 16)))
      notSimple('character reference');
  }
}

const ENTITY_G = /&(?:(lt|gt|amp|apos|quot)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;

/** An `&` that does not start one of the five entities. */
const BAD_AMP = /&(?!(?:lt|gt|amp|apos|quot);)/;

/** Decodes the five entities and character references; any other `&` is NotSimple. */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  if (!s.includes('&#')) {
    // The common case (formulas full of &quot;): native replacements, &amp; last so that what it
    // gives back is never read again. (A one-pass decoder in JavaScript was no faster in a warm
    // worker and about 25 ms slower in a fresh process, where it runs unoptimised.)
    if (BAD_AMP.test(s)) notSimple('entity');
    return s
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  }
  let amps = 0;
  for (let a = s.indexOf('&'); a >= 0; a = s.indexOf('&', a + 1)) amps++;
  if (amps === 0) return s;
  let refs = 0;
  const out = s.replace(
    ENTITY_G,
    (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
      refs++;
      if (named) return NAMED[named]!;
      const code = dec ? parseInt(dec, 10) : parseInt(hex!, 16);
      if (!validChar(code)) notSimple('character reference');
      return String.fromCodePoint(code);
    },
  );
  if (refs !== amps) notSimple('entity');
  return out;
}

export class XmlTokens {
  /** The current element's name (OPEN and CLOSE). */
  name = '';
  /** The same as a call, so that a comparison before `next()` does not narrow it after. */
  tag(): string {
    return this.name;
  }
  /** The current element's attributes, decoded (OPEN). */
  attrs: Record<string, string> = {};
  /** The current text, decoded (TEXT). */
  get text(): string {
    return decodeXmlText(this.src.slice(this.textStart, this.textEnd));
  }
  private textStart = 0;
  private textEnd = 0;
  private nextAmp = -1;
  private pos = 0;
  /** While skipping: check references, build no strings or attribute objects. */
  private checkOnly = false;
  private readonly keys: string[] = [];
  private pendingClose = false;
  private readonly stack: string[] = [];
  private rootSeen = false;

  private readonly src: string;

  constructor(text: string) {
    // XML's end-of-line handling (saxes does it too): \r\n and a lone \r read as \n.
    const src = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    if (BAD_CHARS.test(src)) notSimple('character saxes rejects');
    // Not allowed in text; legal in an attribute value, but never in the parts read here.
    if (src.includes(']]>')) notSimple(']]>');
    this.src = src;
    const decl = DECLARATION.exec(src);
    if (decl) this.pos = decl[0].length;
    else if (src.startsWith('<?')) notSimple('declaration');
  }

  next(): Token {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.name = this.stack.pop()!;
      return CLOSE;
    }
    const { src } = this;
    if (this.pos >= src.length) {
      if (!this.rootSeen || this.stack.length) notSimple('truncated XML');
      return END;
    }
    if (src.charCodeAt(this.pos) !== 0x3c /* < */) {
      const lt = src.indexOf('<', this.pos);
      const end = lt < 0 ? src.length : lt;
      if (this.stack.length === 0) {
        if (!WHITESPACE.test(src.slice(this.pos, end))) notSimple('text outside the root');
        this.pos = end;
        return this.next();
      }
      // The text is sliced and decoded only when asked for (most is whitespace between elements);
      // its references are checked now, and only where there is an `&`.
      if (this.nextAmp < this.pos) {
        const amp = src.indexOf('&', this.pos);
        this.nextAmp = amp < 0 ? src.length : amp;
      }
      if (this.nextAmp < end) checkXmlText(src.slice(this.pos, end));
      this.textStart = this.pos;
      this.textEnd = end;
      this.pos = end;
      return TEXT;
    }
    const c1 = src.charCodeAt(this.pos + 1);
    if (c1 === 0x2f /* / */) {
      const start = this.pos + 2;
      const end = nameEnd(src, start);
      if (end < 0) notSimple('close tag');
      const gt = spacesEnd(src, end);
      if (src.charCodeAt(gt) !== 0x3e /* > */) notSimple('close tag');
      const open = this.stack.pop();
      // Compared in place: the name is sliced only when it differs (and then it is an error).
      if (open === undefined || open.length !== end - start || !src.startsWith(open, start))
        notSimple('mismatched tag');
      this.pos = gt + 1;
      this.name = open;
      return CLOSE;
    }
    const nameStart = this.pos + 1;
    let p = nameEnd(src, nameStart);
    if (p < 0) notSimple('markup other than elements');
    if (this.stack.length === 0 && this.rootSeen) notSimple('second root');
    const name = src.slice(nameStart, p);
    const attrs: Record<string, string> = this.checkOnly ? NO_ATTRIBUTES : {};
    const keys = this.keys;
    keys.length = 0;
    for (;;) {
      const keyStart = spacesEnd(src, p);
      if (keyStart === p) break;
      const keyEnd = nameEnd(src, keyStart);
      if (keyEnd < 0) break;
      let q = spacesEnd(src, keyEnd);
      if (src.charCodeAt(q) !== 0x3d /* = */) break;
      q = spacesEnd(src, q + 1);
      const quote = src.charCodeAt(q);
      if (quote !== 0x22 /* " */ && quote !== 0x27 /* ' */) break;
      // The value runs to the next quote of its kind; a `<` before it (or no quote) is no attribute.
      const valueEnd = src.indexOf(quote === 0x22 ? '"' : "'", q + 1);
      if (valueEnd < 0) break;
      const raw = src.slice(q + 1, valueEnd);
      if (raw.includes('<')) break;
      const key = src.slice(keyStart, keyEnd);
      if (keys.includes(key)) notSimple('duplicate attribute');
      keys.push(key);
      if (raw.includes('\n') || raw.includes('\t')) notSimple('whitespace in attribute');
      if (this.checkOnly) checkXmlText(raw);
      else attrs[key] = decodeXmlText(raw);
      p = valueEnd + 1;
    }
    let gt = spacesEnd(src, p);
    const selfClosing = src.charCodeAt(gt) === 0x2f; /* / */
    if (selfClosing) gt++;
    if (src.charCodeAt(gt) !== 0x3e /* > */) notSimple('tag end');
    this.pos = gt + 1;
    this.name = name;
    this.attrs = attrs;
    this.rootSeen = true;
    this.stack.push(name);
    if (selfClosing) this.pendingClose = true;
    return OPEN;
  }

  /**
   * After an OPEN: consumes the element's content and its CLOSE, checking it is well-formed but
   * decoding nothing; a descendant named in `forbidden` is NotSimple (an element exceljs would
   * read even there).
   */
  skip(forbidden?: ReadonlySet<string>): void {
    const depth = this.stack.length;
    this.checkOnly = true;
    try {
      while (this.stack.length >= depth) {
        const t = this.next();
        if (t === END) notSimple('truncated XML');
        if (t === OPEN && forbidden?.has(this.name)) notSimple(`${this.name} nested in another element`);
      }
    } finally {
      this.checkOnly = false;
    }
  }

  /** Reads the whole document (well-formedness only). */
  drain(): void {
    this.checkOnly = true;
    while (this.next() !== END);
  }
}

/** The SpreadsheetML main namespace, the default namespace of every part the fast reader reads. */
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Reads the root element, checking its name and default namespace. */
export function openRoot(x: XmlTokens, name: string, ns: string): void {
  if (x.next() !== OPEN || x.tag() !== name) notSimple(`root is not ${name}`);
  if (x.attrs['xmlns'] !== ns) notSimple(`namespace of ${name}`);
}
