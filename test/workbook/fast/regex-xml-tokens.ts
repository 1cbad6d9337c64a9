/**
 * The fast reader's tokenizer as it was before its tags were scanned by hand (main 09d5141): tag
 * names, attributes and close tags read with sticky regular expressions. Kept here only as the
 * reference that test/workbook/xml-tokens.test.ts compares the hand scanner with, token by token
 * and refusal by refusal. Not used by the product.
 */
import { notSimple } from '../../../src/workbook/read/fast/not-simple.js';

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
const TAG_NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /[ \n\t]+([A-Za-z_][\w.:-]*)[ \n\t]*=[ \n\t]*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /[ \n\t]*(\/?)>/y;
const CLOSE_TAG = /<\/([A-Za-z_][\w.:-]*)[ \n\t]*>/y;
const WHITESPACE = /^[ \n\t]*$/;

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
function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  if (!s.includes('&#')) {
    // The common case (formulas full of &quot;): native replacements, &amp; last so that what it
    // gives back is never read again.
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

export class RegexXmlTokens {
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
      CLOSE_TAG.lastIndex = this.pos;
      const m = CLOSE_TAG.exec(src) ?? notSimple('close tag');
      if (this.stack.pop() !== m[1]) notSimple('mismatched tag');
      this.pos = CLOSE_TAG.lastIndex;
      this.name = m[1]!;
      return CLOSE;
    }
    TAG_NAME.lastIndex = this.pos + 1;
    const nm = TAG_NAME.exec(src) ?? notSimple('markup other than elements');
    if (nm.index !== this.pos + 1) notSimple('tag name');
    if (this.stack.length === 0 && this.rootSeen) notSimple('second root');
    let p = TAG_NAME.lastIndex;
    const attrs: Record<string, string> = this.checkOnly ? NO_ATTRIBUTES : {};
    const keys = this.keys;
    keys.length = 0;
    for (;;) {
      ATTRIBUTE.lastIndex = p;
      const a = ATTRIBUTE.exec(src);
      if (!a) break;
      const key = a[1]!;
      if (keys.includes(key)) notSimple('duplicate attribute');
      keys.push(key);
      const raw = a[2] ?? a[3]!;
      if (raw.includes('\n') || raw.includes('\t')) notSimple('whitespace in attribute');
      if (this.checkOnly) checkXmlText(raw);
      else attrs[key] = decodeXmlText(raw);
      p = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = p;
    const end = TAG_END.exec(src) ?? notSimple('tag end');
    this.pos = TAG_END.lastIndex;
    this.name = nm[0];
    this.attrs = attrs;
    this.rootSeen = true;
    this.stack.push(nm[0]);
    if (end[1]) this.pendingClose = true;
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
