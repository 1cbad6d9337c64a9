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
 * Tags are scanned by hand, a character code at a time, with the grammar of these expressions
 * (a regular expression per attribute made a match array and strings for each, and was a third of
 * a workbook's reading):
 *   name        [A-Za-z_][\w.:-]*
 *   attribute   [ \n\t]+ name [ \n\t]* = [ \n\t]* ("[^"<]*" | '[^'<]*')
 *   tag end     [ \n\t]* /? >
 *   close tag   </ name [ \n\t]* >
 * An attribute that does not match ends the attributes, and the tag end must then match where it
 * began, as with the sticky expressions before.
 */
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09;
const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number) =>
  isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x3a || c === 0x2d;

/** The end of the name that starts at `p` (a name-start character), exclusive. */
function nameEnd(src: string, p: number): number {
  let q = p + 1;
  while (isNameChar(src.charCodeAt(q))) q++;
  return q;
}

/** The first position from `p` that is not a space, tab or newline. */
function spacesEnd(src: string, p: number): number {
  while (isSpace(src.charCodeAt(p))) p++;
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

/**
 * The common case (formulas full of &quot;): only the five named entities, decoded left to right in
 * one pass; an `&` that starts none of them is NotSimple, as `BAD_AMP` says.
 */
function decodeNamed(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const name = namedAt(s, amp + 1) ?? notSimple('entity');
    out += s.slice(from, amp) + NAMED[name]!;
    from = amp + name.length + 2;
  }
  return out + s.slice(from);
}

/** Which of the five named entities (with its `;`) starts at `at`, if any. */
function namedAt(s: string, at: number): string | undefined {
  switch (s.charCodeAt(at)) {
    case 0x71 /* q */:
      return s.startsWith('quot;', at) ? 'quot' : undefined;
    case 0x61 /* a */:
      return s.startsWith('amp;', at) ? 'amp' : s.startsWith('apos;', at) ? 'apos' : undefined;
    case 0x6c /* l */:
      return s.startsWith('lt;', at) ? 'lt' : undefined;
    case 0x67 /* g */:
      return s.startsWith('gt;', at) ? 'gt' : undefined;
    default:
      return undefined;
  }
}

/** Decodes the five entities and character references; any other `&` is NotSimple. */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  if (!s.includes('&#')) return decodeNamed(s);
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
      if (!isNameStart(src.charCodeAt(start))) notSimple('close tag');
      const end = nameEnd(src, start);
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
    if (!isNameStart(c1)) notSimple('markup other than elements');
    if (this.stack.length === 0 && this.rootSeen) notSimple('second root');
    let p = nameEnd(src, nameStart);
    const name = src.slice(nameStart, p);
    const attrs: Record<string, string> = this.checkOnly ? NO_ATTRIBUTES : {};
    const keys = this.keys;
    keys.length = 0;
    for (;;) {
      const keyStart = spacesEnd(src, p);
      if (keyStart === p || !isNameStart(src.charCodeAt(keyStart))) break;
      const keyEnd = nameEnd(src, keyStart);
      let q = spacesEnd(src, keyEnd);
      if (src.charCodeAt(q) !== 0x3d /* = */) break;
      q = spacesEnd(src, q + 1);
      const quote = src.charCodeAt(q);
      if (quote !== 0x22 /* " */ && quote !== 0x27 /* ' */) break;
      const valueStart = q + 1;
      let valueEnd = valueStart;
      let spaced = false;
      let c = src.charCodeAt(valueEnd);
      while (c !== quote && c !== 0x3c /* < */ && valueEnd < src.length) {
        if (c === 0x0a || c === 0x09) spaced = true;
        c = src.charCodeAt(++valueEnd);
      }
      if (c !== quote) break; // a `<` or the end before the closing quote: no attribute
      const key = src.slice(keyStart, keyEnd);
      if (keys.includes(key)) notSimple('duplicate attribute');
      keys.push(key);
      if (spaced) notSimple('whitespace in attribute');
      const raw = src.slice(valueStart, valueEnd);
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
