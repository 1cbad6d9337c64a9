/**
 * Streaming check of an XML part for document type declarations, fed chunk by chunk as the part is
 * decompressed. A DTD is how "billion laughs" entity expansion and external entities get in; Excel
 * never writes one, so any DTD markup refuses the file rather than being parsed or expanded.
 *
 * In XML, "<!" followed by a letter can only begin DTD markup (<!DOCTYPE, <!ENTITY, <!ELEMENT,
 * <!ATTLIST, <!NOTATION); comments are "<!--" and CDATA sections "<![". So the scan looks for "<!"
 * with Buffer.indexOf (a fast native search), checks the next byte, and stops at the first hit.
 * It is deliberately stricter than a parser: a DTD placed anywhere, even where a parser would
 * reject it, is refused. Matching is on bytes, so it is case-insensitive to the letter that follows.
 */

const LT = 0x3c; // <
const BANG = 0x21; // !

function isAsciiLetter(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}

export type XmlScanFinding = 'dtd' | 'not-utf8';

export class XmlPartScanner {
  /** Bytes seen so far (for the encoding check on the first bytes). */
  private seen = 0;
  /** Up to the last two bytes of the previous chunk, to catch "<!" + letter across a boundary. */
  private tail: number[] = [];
  private firstBytes: number[] = [];
  private finding: XmlScanFinding | undefined;

  /** The first problem found, if any; once set, further chunks are ignored. */
  get result(): XmlScanFinding | undefined {
    return this.finding;
  }

  /** Feeds the next chunk; returns the finding as soon as there is one. */
  push(chunk: Uint8Array): XmlScanFinding | undefined {
    if (this.finding || chunk.length === 0) return this.finding;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.seen < 4) {
      for (let i = 0; i < buf.length && this.firstBytes.length < 4; i++) this.firstBytes.push(buf[i]!);
      if (!this.encodingOk()) return (this.finding = 'not-utf8');
    }
    this.seen += buf.length;

    // Boundary: "<" | "!x", "<!" | "x".
    if (this.tail.length > 0) {
      const joined = [...this.tail, ...buf.subarray(0, 2)];
      for (let i = 0; i + 2 < joined.length; i++) {
        if (joined[i] === LT && joined[i + 1] === BANG && isAsciiLetter(joined[i + 2]))
          return (this.finding = 'dtd');
      }
    }
    for (let i = buf.indexOf('<!'); i !== -1; i = buf.indexOf('<!', i + 2)) {
      if (isAsciiLetter(buf[i + 2])) return (this.finding = 'dtd');
    }
    this.tail = [...this.tail, ...buf.subarray(Math.max(0, buf.length - 2))].slice(-2);
    return undefined;
  }

  /**
   * Excel writes UTF-8 (with or without a byte-order mark). A UTF-16 or UTF-32 part would hide
   * "<!DOCTYPE" from a byte scan and is refused: NUL bytes or a UTF-16 BOM among the first bytes.
   */
  private encodingOk(): boolean {
    const [a, b] = this.firstBytes;
    if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return false;
    return !this.firstBytes.includes(0);
  }
}
