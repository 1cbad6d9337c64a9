/**
 * A streaming zip writer for the packages the tool writes itself (results.xlsx): each entry's
 * content comes as pieces, is deflated as it comes and written out, so a part of tens of megabytes
 * (the Answers sheet of a large batch) is never held whole. Sizes and CRC follow each entry in a
 * data descriptor (general purpose bit 3), as streaming writers do; names are UTF-8 (bit 11).
 * No zip64: a package over 4 GiB or 65,535 entries is refused with an error, not written wrong.
 */
import { Readable, pipeline } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /**
   * The path inside the package, e.g. "xl/workbook.xml".
   */
  name: string;
  /**
   * The content: text (written as UTF-8) or bytes, whole or in pieces made as they are read, or
   * already deflated (`DeflatedContent`, for a part written into many packages).
   */
  data: string | Uint8Array | Iterable<string | Uint8Array> | DeflatedContent;
}

/**
 * A whole part deflated once, to be written into many packages as it is (the demo writes the
 * unchanged parts of 500 workbooks): the same bytes as `zipStream` makes of the text at that
 * level, since zlib's output depends only on the input, the level and the flushes.
 */
export class DeflatedContent {
  readonly size: number;
  readonly crc: number;
  readonly deflated: Buffer;
  constructor(
    data: string | Uint8Array,
    readonly level = 6,
  ) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length > LIMIT) throw tooLarge('a part');
    this.size = bytes.length;
    this.crc = bytes.length ? crc32(bytes) : 0;
    this.deflated = deflateRawSync(bytes, { level });
  }
}

const LIMIT = 0xffffffff;
const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: the name is UTF-8
const DEFLATE = 8;
const VERSION = 20; // 2.0: deflate

/** MS-DOS time and date (local fields, two seconds' precision) of a Date. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function tooLarge(what: string): Error {
  return new Error(`The zip package is too large to write (${what} over 4 GiB or 65,535 entries; no zip64).`);
}

/** The whole zip file in memory (a package small enough to hold: a workbook, a report). */
export async function zipBytes(
  entries: Iterable<ZipEntry>,
  options: { modified?: Date; level?: number } = {},
): Promise<Buffer> {
  const pieces: Uint8Array[] = [];
  for await (const piece of zipStream(entries, options)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/**
 * The zip file's bytes, entry after entry, as they are made. `modified` is every entry's date.
 */
export async function* zipStream(
  entries: Iterable<ZipEntry>,
  options: { modified?: Date; level?: number } = {},
): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(options.modified ?? new Date());
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (written.length === 0xffff) throw tooLarge('entries');
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // CRC and sizes (14–25) stay 0: they are in the data descriptor.
    local.writeUInt16LE(name.length, 26);
    const record: Written = { name, crc: 0, compressed: 0, size: 0, offset };
    yield local;
    yield name;
    offset += local.length + name.length;

    const data = entry.data;
    if (data instanceof DeflatedContent) {
      if (data.level !== (options.level ?? 6)) throw new Error(`${entry.name}: deflated at another level`);
      record.crc = data.crc;
      record.size = data.size;
      record.compressed = data.deflated.length;
      yield data.deflated;
    } else if (typeof data === 'string' || data instanceof Uint8Array) {
      // A whole entry (every part of the demo's workbooks): deflated in one synchronous call, the
      // same bytes as the stream below gives (one write, then the end), without a stream pipeline
      // and a round trip to zlib's thread pool for each part.
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      if (bytes.length > LIMIT) throw tooLarge(`entry ${entry.name}`);
      record.crc = bytes.length ? crc32(bytes) : 0;
      record.size = bytes.length;
      const out = deflateRawSync(bytes, { level: options.level ?? 6 });
      record.compressed = out.length;
      yield out;
    } else {
      // The CRC and size are of the bytes as they go into the deflater.
      function* counted(pieces: Iterable<string | Uint8Array>): Generator<Uint8Array> {
        for (const piece of pieces) {
          const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
          if (bytes.length === 0) continue;
          record.crc = crc32(bytes, record.crc);
          record.size += bytes.length;
          if (record.size > LIMIT) throw tooLarge(`entry ${entry.name}`);
          yield bytes;
        }
      }
      const deflate = createDeflateRaw({ level: options.level ?? 6 });
      // pipeline destroys the deflater with the source's error, so the loop below throws it.
      pipeline(Readable.from(counted(data)), deflate, () => {});
      for await (const out of deflate as AsyncIterable<Buffer>) {
        record.compressed += out.length;
        yield out;
      }
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc >>> 0, 4);
    if (record.compressed > LIMIT) throw tooLarge(`entry ${entry.name}`);
    descriptor.writeUInt32LE(record.compressed, 8);
    descriptor.writeUInt32LE(record.size, 12);
    yield descriptor;
    offset += record.compressed + descriptor.length;
    if (offset > LIMIT) throw tooLarge('the package');
    written.push(record);
  }

  const start = offset;
  for (const w of written) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(FLAGS, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(w.crc >>> 0, 16);
    central.writeUInt32LE(w.compressed, 20);
    central.writeUInt32LE(w.size, 24);
    central.writeUInt16LE(w.name.length, 28);
    // Extra field, comment, disk number, attributes: none (30–41 stay 0).
    central.writeUInt32LE(w.offset, 42);
    yield central;
    yield w.name;
    offset += central.length + w.name.length;
  }
  if (offset > LIMIT) throw tooLarge('the package');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - start, 12);
  end.writeUInt32LE(start, 16);
  yield end;
}
