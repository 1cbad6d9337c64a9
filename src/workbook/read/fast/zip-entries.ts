/**
 * The entries of a zip held in memory: the central directory read directly, each entry inflated
 * on demand with zlib. The bytes were already inspected by src/io (sizes, bombs, CRC, names), so
 * this only has to be exact, not defensive; anything unusual (zip64, encryption, a method other
 * than store/deflate, names or sizes that disagree) is NotSimple and exceljs reads the file.
 */
import { inflateRawSync } from 'node:zlib';
import type { CheckedPart } from '../../../io/checked-parts.js';
import { notSimple } from './not-simple.js';

interface EntryRecord {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ZipEntries {
  private readonly entries = new Map<string, EntryRecord>();
  private readonly view: DataView;

  /**
   * `checked`: parts the inspection already inflated and checked (src/io/checked-parts.ts), by the
   * offset of their local header in these same bytes; each is used only where its declared sizes
   * are this directory's too, and any other part is inflated here.
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly checked?: ReadonlyMap<number, CheckedPart>,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const v = this.view;
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
      if (v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) notSimple('no end of central directory');
    const count = v.getUint16(eocd + 10, true);
    const dirSize = v.getUint32(eocd + 12, true);
    let p = v.getUint32(eocd + 16, true);
    if (v.getUint16(eocd + 4, true) !== 0 || v.getUint16(eocd + 8, true) !== count) {
      notSimple('multi-disk zip');
    }
    if (count === 0xffff || dirSize === 0xffffffff || p === 0xffffffff) notSimple('zip64');
    if (p + dirSize > eocd) notSimple('central directory out of place');
    for (let n = 0; n < count; n++) {
      if (p + 46 > bytes.length || v.getUint32(p, true) !== CENTRAL) notSimple('bad central record');
      const flags = v.getUint16(p + 8, true);
      const method = v.getUint16(p + 10, true);
      const compressedSize = v.getUint32(p + 20, true);
      const size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      const localOffset = v.getUint32(p + 42, true);
      if (flags & 0x41) notSimple('encrypted entry');
      if (method !== 0 && method !== 8) notSimple('compression method');
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
        notSimple('zip64 entry');
      }
      let name: string;
      try {
        name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      } catch {
        notSimple('entry name not UTF-8');
      }
      // JSZip decodes non-UTF-8-flagged names as CP437: only ASCII names read the same both ways.
      if (!(flags & 0x800) && !/^[\x20-\x7e]*$/.test(name)) notSimple('entry name encoding');
      if (this.entries.has(name)) notSimple('duplicate entry');
      this.entries.set(name, { method, compressedSize, size, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, inflated; NotSimple when the local header or the sizes disagree. */
  read(name: string): Uint8Array {
    const e = this.entries.get(name) ?? notSimple(`missing part ${name}`);
    const v = this.view;
    const p = e.localOffset;
    if (p + 30 > this.bytes.length || v.getUint32(p, true) !== LOCAL) notSimple('bad local header');
    const nameLen = v.getUint16(p + 26, true);
    const extraLen = v.getUint16(p + 28, true);
    const start = p + 30 + nameLen + extraLen;
    const raw = this.bytes.subarray(start, start + e.compressedSize);
    if (raw.length !== e.compressedSize) notSimple('truncated entry');
    const kept = this.checked?.get(p);
    let out: Uint8Array;
    if (kept && kept.compressedSize === e.compressedSize && kept.size === e.size) out = kept.data;
    else if (e.method === 0) out = raw;
    else {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      } catch {
        notSimple('inflate failed');
      }
    }
    if (out.length !== e.size) notSimple('size mismatch');
    return out;
  }

  /** The entry as text (UTF-8, strictly decoded; a byte-order mark is NotSimple). */
  text(name: string): string {
    const b = this.read(name);
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) notSimple('byte-order mark');
    try {
      return utf8.decode(b);
    } catch {
      return notSimple('part not UTF-8');
    }
  }
}
