/**
 * Inspects a returned workbook's zip container before exceljs sees it, so that hostile or broken
 * files are refused quickly and with bounded memory instead of being parsed.
 *
 * exceljs (through JSZip) loads the whole file, inflates every entry completely and turns every
 * part except media into one JavaScript string, trusting the sizes in the zip. So this inspector:
 *
 * 1. sniffs the first bytes (./sniff.ts): empty, OLE (.xls / password-protected), text, ODS;
 * 2. reads the central directory with yauzl (lazily, entry by entry) and, without inflating
 *    anything, refuses too many entries, unsafe or duplicate names, encryption, unknown
 *    compression, and declared sizes over the limits or with a zip-bomb compression ratio;
 * 3. checks that it is an OOXML workbook exceljs will read ([Content_Types].xml, xl/workbook.xml,
 *    no macros, not .xlsb/.ods/.docx), so that a zip without a workbook is not read as 0 sheets;
 * 4. streams every entry's raw bytes from yauzl through zlib, counting inflated bytes (and checking
 *    the CRC-32, which exceljs does not) and stopping as soon as they pass the declared size: forged sizes (the lying zip bomb) cost at most the limit, never the
 *    bomb. XML parts are scanned on the way for DTD markup (./xml-scan.ts) and non-UTF-8 encoding.
 *
 * Memory stays at a few chunks (tens of KiB) whatever the file; time is bounded by the limits.
 *
 * `inspectAndKeepWorkbookFile` does the same checks on the file's bytes read once, and inflates a
 * part of a few MiB whole, in one call bounded at its declared size, keeping what it inflated for
 * the reader (./checked-parts.ts), so that a workbook is inflated once, not twice. Whatever fails
 * there goes through the streaming pass above, which gives the refusal: the same for every file.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { readFile } from 'node:fs/promises';
import type { Readable, Transform } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { CheckedPart, CheckedWorkbook } from './checked-parts.js';
import { formatBytes, resolveLimits, type InputLimits } from './limits.js';
import { displayName, refusal, type InputRefusal } from './refusal.js';
import {
  binaryWorkbookRefusal,
  macroRefusal,
  odsRefusal,
  sniffBytes,
  sniffFile,
  tooLargeRefusal,
  unreadableRefusal,
  type SniffResult,
} from './sniff.js';
import { XmlPartScanner } from './xml-scan.js';

export interface InspectOptions {
  /** Overrides of `DEFAULT_INPUT_LIMITS`. */
  limits?: Partial<InputLimits>;
  /** Name used in messages; defaults to the path's base name. */
  displayName?: string;
}

/** A zip that passed every check: safe to hand to the (guarded) workbook reader. */
export interface ZipInspection {
  ok: true;
  file: string;
  fileBytes: number;
  /** Entry names in directory order, folders included. */
  parts: string[];
  /** Sum of the entries' uncompressed sizes, as verified by decompressing them. */
  totalUncompressedBytes: number;
}

export type InspectResult = ZipInspection | { ok: false; reason: InputRefusal };

/** Entry names that exceljs parses as XML all contain one of these (its name patterns are unanchored). */
const XML_LIKE = /\.(xml|rels|vml)/i;

/** Output chunk of our inflater: few thread-pool round trips, little memory. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/** How much of [Content_Types].xml is kept to look for a macro-enabled workbook type. */
const CONTENT_TYPES_KEEP = 1024 * 1024;

/**
 * Parts declared this size or smaller are inflated whole (one call, its output bounded at the
 * declared size) when the parts are kept for the reader; larger ones stream as above, so a part's
 * cost in memory stays at this whatever the file claims. A workbook's largest part is about 100 KB.
 */
const WHOLE_PART_BYTES = 4 * 1024 * 1024;

/** Most inflated bytes kept for the reader; further parts are checked but not kept (it inflates them). */
const KEPT_BYTES = 32 * 1024 * 1024;

/**
 * Largest compressed size deflate can honestly produce for `n` bytes: zlib's deflateBound is about
 * n + n/4096 + 13, and even fixed-Huffman coding of incompressible data stays under 9/8 n. A header
 * claiming less uncompressed data than this is forged or damaged.
 */
function maxHonestCompressed(n: number): number {
  return n * 1.125 + 1024;
}

/** Why an entry name is unsafe to extract or to trust, or undefined when it is fine. */
export function unsafeEntryPath(name: string): string | undefined {
  if (name.length === 0) return 'an empty name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control characters in a name';
  if (name.includes('\\')) return `a backslash in "${name}"`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `an absolute path "${name}"`;
  if (name.split('/').some((segment) => segment === '..')) return `a ".." path "${name}"`;
  return undefined;
}

/** Inspects a workbook file on disk. Never throws for a bad file: returns a refusal. */
export async function inspectWorkbookFile(
  path: string,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const sniffed = await sniffedFile(path, options);
  if (!sniffed.ok) return sniffed;
  const { file, limits } = sniffed;
  const opened = await openZip(file, (cb) => yauzl.open(path, ZIP_OPTIONS, cb));
  if (!opened.ok) return opened;
  return inspectZip(opened.zip, file, limits);
}

/** A file on disk that its first bytes say may be a workbook, with its display name and limits. */
async function sniffedFile(
  path: string,
  options: InspectOptions,
): Promise<{ ok: true; file: string; limits: InputLimits } | { ok: false; reason: InputRefusal }> {
  const limits = resolveLimits(options.limits);
  const name = options.displayName ?? path;
  const sniffed = await sniffFile(path, { displayName: name, limits });
  return sniffed.ok ? { ok: true, file: displayName(name), limits } : sniffed;
}

/** Inspects a workbook held in memory (the add-in, tests). Never throws for bad bytes. */
export async function inspectWorkbookBuffer(
  buffer: Uint8Array,
  name: string,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const limits = resolveLimits(options.limits);
  const file = displayName(options.displayName ?? name);
  if (buffer.length > limits.maxFileBytes)
    return { ok: false, reason: tooLargeRefusal(file, buffer.length, limits) };
  // The whole file is at hand, so an OLE file's directory is scanned too (see sniffBytes).
  const sniffed: SniffResult = sniffBytes(buffer, options.displayName ?? name, buffer.length);
  if (!sniffed.ok) return sniffed;
  const bytes = Buffer.isBuffer(buffer)
    ? buffer
    : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const opened = await openZip(file, (cb) => yauzl.fromBuffer(bytes, ZIP_OPTIONS, cb));
  if (!opened.ok) return opened;
  return inspectZip(opened.zip, file, limits);
}

/** A file that passed the inspection, with the bytes inspected and the parts inflated on the way. */
export type KeptInspectResult =
  { ok: true; inspection: ZipInspection; workbook: CheckedWorkbook } | { ok: false; reason: InputRefusal };

/**
 * As `inspectWorkbookFile`, with the same refusals, for a file about to be read: the file is read
 * once and its bytes inspected, and the parts inflated on the way are handed back with them, so the
 * reader parses exactly the bytes checked and inflates none of them again.
 */
export async function inspectAndKeepWorkbookFile(
  path: string,
  options: InspectOptions = {},
): Promise<KeptInspectResult> {
  const sniffed = await sniffedFile(path, options);
  if (!sniffed.ok) return sniffed;
  const { file, limits } = sniffed;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, reason: unreadableRefusal(file, e) };
  }
  // The file may have grown since it was sniffed: what is read is what is bounded.
  if (bytes.length > limits.maxFileBytes)
    return { ok: false, reason: tooLargeRefusal(file, bytes.length, limits) };
  const opened = await openZip(file, (cb) => yauzl.fromBuffer(bytes, ZIP_OPTIONS, cb));
  if (!opened.ok) return opened;
  const keeping: Keeping = { bytes, parts: new Map(), keptBytes: 0 };
  const inspection = await inspectZip(opened.zip, file, limits, keeping);
  return inspection.ok ? { ok: true, inspection, workbook: { bytes, parts: keeping.parts } } : inspection;
}

/** The bytes being inspected and the parts inflated whole so far. */
interface Keeping {
  bytes: Buffer;
  parts: Map<number, CheckedPart>;
  keptBytes: number;
}

/**
 * lazyEntries: one directory record at a time, so a refusal stops reading at once.
 * decodeStrings false: names are decoded and validated here, not refused by yauzl with an error.
 * validateEntrySizes: yauzl checks stored entries' two sizes agree and raw reads' byte counts.
 * autoClose false: the zip stays open between the directory and the streaming pass; `close()` below.
 */
const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: true,
};

/** The zip `open` gives, or the refusal its error means for `file` (never throws). */
async function openZip(
  file: string,
  open: (cb: (err: Error | null, zip: ZipFile) => void) => void,
): Promise<{ ok: true; zip: ZipFile } | { ok: false; reason: InputRefusal }> {
  try {
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      try {
        open((err, z) => (err ? reject(err) : resolve(z)));
      } catch (e) {
        reject(e);
      }
    });
    return { ok: true, zip };
  } catch (e) {
    return { ok: false, reason: zipErrorRefusal(file, e) };
  }
}

interface CheckedEntry {
  entry: Entry;
  name: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; reason: InputRefusal };

async function inspectZip(
  zip: ZipFile,
  file: string,
  limits: InputLimits,
  keeping?: Keeping,
): Promise<InspectResult> {
  // Errors that arrive after we have stopped listening (a destroyed stream's inflater, a late
  // close) must not become unhandled 'error' events that crash the process.
  zip.on('error', () => {});
  try {
    if (zip.entryCount > limits.maxEntries) {
      return {
        ok: false,
        reason: refusal(
          'too-many-entries',
          file,
          `the workbook holds ${zip.entryCount} parts, more than the ${limits.maxEntries} allowed`,
          'check that it is the assessment workbook; if it is, remove extra sheets, pictures or comments and save it again',
        ),
      };
    }
    const directory = await readDirectory(zip, file, limits);
    if (!directory.ok) return directory;
    const entries = directory.value;

    const structure = checkStructure(
      entries.map((e) => e.name),
      file,
    );
    if (structure) return { ok: false, reason: structure };

    const streamed = await streamEntries(zip, entries, file, keeping);
    if (!streamed.ok) return streamed;
    return {
      ok: true,
      file,
      fileBytes: zip.fileSize,
      parts: entries.map((e) => e.name),
      totalUncompressedBytes: streamed.value,
    };
  } finally {
    zip.close();
  }
}

/** Reads and checks every central directory record, without decompressing anything. */
function readDirectory(zip: ZipFile, file: string, limits: InputLimits): Promise<Step<CheckedEntry[]>> {
  return new Promise((resolve) => {
    const entries: CheckedEntry[] = [];
    const seen = new Set<string>();
    let total = 0;
    let settled = false;
    const finish = (step: Step<CheckedEntry[]>): void => {
      if (settled) return;
      settled = true;
      zip.removeListener('entry', onEntry);
      resolve(step);
    };
    const onEntry = (entry: Entry): void => {
      if (settled) return;
      const reason = checkEntry(entry, zip.fileSize);
      if (reason) return finish({ ok: false, reason });
      next();
    };
    // readEntry only throws on misuse, but a throw must still end in a refusal, not a hang.
    const next = (): void => {
      try {
        zip.readEntry();
      } catch (e) {
        finish({ ok: false, reason: zipErrorRefusal(file, e) });
      }
    };
    const checkEntry = (entry: Entry, fileSize: number): InputRefusal | undefined => {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      const unsafe = unsafeEntryPath(name);
      if (unsafe) {
        return refusal(
          'unsafe-entry-path',
          file,
          `the zip contains ${unsafe}, which no real workbook has`,
          'do not open it; ask for the completed workbook to be saved again from Excel and re-sent',
        );
      }
      const key = name.toLowerCase();
      if (seen.has(key)) {
        return refusal(
          'duplicate-entry',
          file,
          `the zip contains "${name}" twice, so different programs could read different content`,
          'ask for the completed workbook to be saved again from Excel and re-sent',
        );
      }
      seen.add(key);
      if (entry.generalPurposeBitFlag & 0x1) {
        return refusal(
          'encrypted-entry',
          file,
          'parts of the zip are encrypted',
          'open it in Excel, remove any password and save it as .xlsx (Excel Workbook) without a password',
        );
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        return refusal(
          'unsupported-compression',
          file,
          `a part uses compression method ${entry.compressionMethod}, which Excel does not write`,
          'open it in Excel and save it again as .xlsx (Excel Workbook)',
        );
      }
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryUncompressedBytes) {
        return refusal(
          'entry-too-large',
          file,
          `the part "${name}" unpacks to ${formatBytes(size)}, more than the ${formatBytes(limits.maxEntryUncompressedBytes)} allowed for one part`,
          'check that it is the assessment workbook; remove the large content (pictures, pasted data) and save it again',
        );
      }
      total += size;
      if (total > limits.maxTotalUncompressedBytes) {
        return refusal(
          'too-large-uncompressed',
          file,
          `the workbook unpacks to more than the ${formatBytes(limits.maxTotalUncompressedBytes)} allowed`,
          'check that it is the assessment workbook; remove large pictures, extra sheets or pasted data and save it again',
        );
      }
      const ratio = size / Math.max(entry.compressedSize, 1);
      if (size >= limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
        return refusal(
          'suspicious-compression',
          file,
          `the part "${name}" is compressed ${Math.round(ratio)} to 1 (more than ${limits.maxCompressionRatio} to 1), the mark of a zip bomb`,
          'do not open it; ask for the completed workbook to be saved again from Excel and re-sent',
        );
      }
      if (entry.compressionMethod === 8 && entry.compressedSize > maxHonestCompressed(size)) {
        return inconsistentSizes(file, name);
      }
      if (entry.relativeOffsetOfLocalHeader + 30 + entry.compressedSize > fileSize) return truncated(file);
      entries.push({ entry, name });
      return undefined;
    };
    zip.on('entry', onEntry);
    zip.once('end', () => finish({ ok: true, value: entries }));
    zip.once('error', (e: unknown) => finish({ ok: false, reason: zipErrorRefusal(file, e) }));
    next();
  });
}

/** Refuses zips that are not OOXML workbooks exceljs would read, naming what they are instead. */
function checkStructure(names: string[], file: string): InputRefusal | undefined {
  const exact = new Set(names);
  const lower = new Set(names.map((n) => n.toLowerCase()));
  if (exact.has('xl/vbaProject.bin') || lower.has('xl/vbaproject.bin')) return macroRefusal(file);
  if (exact.has('xl/workbook.xml') && lower.has('[content_types].xml')) return undefined;
  if (lower.has('xl/workbook.bin')) return binaryWorkbookRefusal(file);
  if (lower.has('content.xml') && (lower.has('mimetype') || lower.has('meta-inf/manifest.xml'))) {
    return odsRefusal(file);
  }
  const other = lower.has('word/document.xml')
    ? 'Word'
    : lower.has('ppt/presentation.xml')
      ? 'PowerPoint'
      : undefined;
  if (other) {
    return refusal(
      'other-document',
      file,
      `this is a ${other} document, not an Excel workbook`,
      'send the completed .xlsx assessment workbook instead',
    );
  }
  const inner = names.find((n) => /\.xls[xm]?$/i.test(n));
  if (inner) {
    return refusal(
      'not-a-workbook',
      file,
      `this is a zip archive holding "${inner}", not a workbook itself`,
      'unzip it and use the workbook inside',
    );
  }
  return refusal(
    'not-a-workbook',
    file,
    'this is a zip file but not an Excel workbook (it has no workbook part inside)',
    'send the completed .xlsx assessment workbook itself, as saved by Excel',
  );
}

/**
 * Decompresses every entry once, in file order, counting bytes and keeping none (except the start
 * of [Content_Types].xml). Every entry, not only XML: exceljs inflates them all, so a forged size
 * on a picture is as dangerous as on a sheet. Returns the verified total uncompressed size.
 */
async function streamEntries(
  zip: ZipFile,
  entries: CheckedEntry[],
  file: string,
  keeping?: Keeping,
): Promise<Step<number>> {
  const ordered = [...entries].sort(
    (a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
  let total = 0;
  for (const { entry, name } of ordered) {
    if (entry.compressedSize === 0 && entry.uncompressedSize === 0) continue;
    const whole =
      keeping && entry.uncompressedSize <= WHOLE_PART_BYTES
        ? wholeEntry(keeping.bytes, entry, name)
        : undefined;
    if (whole) {
      if (keeping!.keptBytes + whole.length <= KEPT_BYTES) {
        keeping!.parts.set(entry.relativeOffsetOfLocalHeader, {
          compressedSize: entry.compressedSize,
          size: entry.uncompressedSize,
          data: whole,
        });
        keeping!.keptBytes += whole.length;
      }
      total += whole.length;
      continue;
    }
    const step = await streamEntry(zip, entry, name, file);
    if (!step.ok) return step;
    total += step.value;
  }
  return { ok: true, value: total };
}

/**
 * The entry's bytes, inflated in one call and checked as `streamEntry` checks them (size, DTD and
 * encoding, CRC-32, a macro-enabled content type), when every check passes; undefined for anything
 * else — a local header it does not find where the directory says, a zlib error, output past the
 * declared size, a finding — and the stream then reads the entry and gives its refusal, so the
 * outcome is the stream's for every file. Its memory is bounded by the declared size (the caller
 * sends only parts of at most WHOLE_PART_BYTES), since zlib stops at `maxOutputLength`.
 */
function wholeEntry(bytes: Buffer, entry: Entry, name: string): Uint8Array | undefined {
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return undefined;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) return undefined;
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.compressionMethod === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch {
      return undefined;
    }
  } else data = raw;
  if (data.length !== entry.uncompressedSize) return undefined;
  if (XML_LIKE.test(name) && new XmlPartScanner().push(data) !== undefined) return undefined;
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) return undefined;
  // The stream looks at the first MiB or so of this part; the whole part is looked at here, so
  // nothing the stream would find is missed (and a finding beyond is left to the stream to judge).
  if (
    name.toLowerCase() === '[content_types].xml' &&
    /macroEnabled/i.test(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'))
  )
    return undefined;
  return data;
}

function streamEntry(zip: ZipFile, entry: Entry, name: string, file: string): Promise<Step<number>> {
  return new Promise((resolve) => {
    const scanner = XML_LIKE.test(name) ? new XmlPartScanner() : undefined;
    const isContentTypes = name.toLowerCase() === '[content_types].xml';
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let count = 0;
    let crc = 0;
    let raw: Readable | undefined;
    let inflater: Transform | undefined;
    let settled = false;
    const finish = (step: Step<number>): void => {
      if (settled) return;
      settled = true;
      for (const stream of [raw, inflater]) {
        stream?.removeAllListeners('data');
        stream?.on('error', () => {});
      }
      if (!step.ok) {
        if (raw && inflater) raw.unpipe(inflater);
        raw?.destroy();
        inflater?.destroy();
      }
      resolve(step);
    };
    const onStream = (err: Error | null, stream: Readable): void => {
      if (err) return finish({ ok: false, reason: zipErrorRefusal(file, err, name) });
      raw = stream;
      inflater =
        entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }) : undefined;
      for (const s of [raw, inflater]) {
        s?.on('error', (e: unknown) => finish({ ok: false, reason: zipErrorRefusal(file, e, name) }));
      }
      const s: Readable = inflater ? raw.pipe(inflater) : raw;
      s.on('data', (chunk: Buffer) => {
        if (settled) return;
        count += chunk.length;
        crc = crc32(chunk, crc);
        if (count > entry.uncompressedSize)
          return finish({ ok: false, reason: inconsistentSizes(file, name) });
        const finding = scanner?.push(chunk);
        if (finding === 'dtd') {
          return finish({
            ok: false,
            reason: refusal(
              'xml-dtd',
              file,
              `the part "${name}" declares a DTD or entities (<!DOCTYPE/<!ENTITY), which Excel never writes`,
              'do not open it; ask for the completed workbook to be saved again from Excel and re-sent',
            ),
          });
        }
        if (finding === 'not-utf8') {
          return finish({
            ok: false,
            reason: refusal(
              'xml-encoding',
              file,
              `the part "${name}" is not UTF-8 text, as Excel always writes`,
              'open it in Excel and save it again as .xlsx (Excel Workbook)',
            ),
          });
        }
        if (isContentTypes && keptBytes < CONTENT_TYPES_KEEP) {
          kept.push(chunk);
          keptBytes += chunk.length;
        }
      });
      s.on('end', () => {
        if (count !== entry.uncompressedSize)
          return finish({ ok: false, reason: inconsistentSizes(file, name) });
        // Deflate has no checksum of its own and exceljs (JSZip) does not check the zip's CRC:
        // without this, a damaged part could be read as different answers without any warning.
        if (crc >>> 0 !== entry.crc32 >>> 0) {
          return finish({
            ok: false,
            reason: refusal(
              'corrupt',
              file,
              `the file is damaged (the part "${name}" fails its checksum)`,
              'open it in Excel and, if Excel repairs it, save the repaired copy as .xlsx; otherwise ask for it to be sent again',
            ),
          });
        }
        if (isContentTypes && /macroEnabled/i.test(Buffer.concat(kept).toString('utf8'))) {
          return finish({ ok: false, reason: macroRefusal(file) });
        }
        finish({ ok: true, value: count });
      });
    };
    try {
      // Raw bytes: inflated here with large output chunks. yauzl's own inflater emits 16 KiB
      // chunks, each a round trip to the zlib thread pool: 1.3 s for 99 MiB instead of 0.1 s.
      zip.openReadStream(entry, { decodeFileData: false }, onStream);
    } catch (e) {
      finish({ ok: false, reason: zipErrorRefusal(file, e, name) });
    }
  });
}

function truncated(file: string): InputRefusal {
  return refusal('truncated', file, 'the file is incomplete', 'download or copy it again');
}

function inconsistentSizes(file: string, name: string): InputRefusal {
  return refusal(
    'inconsistent-sizes',
    file,
    `the part "${name}" holds more or less data than its header says (a forged or damaged zip, possibly a zip bomb)`,
    'do not open it; ask for the completed workbook to be saved again from Excel and re-sent',
  );
}

/** Maps yauzl's and zlib's errors (plain Error messages, zlib codes) to refusals. */
export function zipErrorRefusal(file: string, error: unknown, part = 'a part'): InputRefusal {
  const message = error instanceof Error ? error.message : String(error);
  // A download cut short loses the end of the file, where the zip's directory is.
  if (
    /end of central directory record signature not found|unexpected EOF|file data overflows file bounds/i.test(
      message,
    )
  ) {
    return truncated(file);
  }
  if (/too many bytes in the stream|not enough bytes in the stream|size mismatch/i.test(message)) {
    return inconsistentSizes(file, part);
  }
  if (/encryption|encrypted/i.test(message)) {
    return refusal(
      'encrypted-entry',
      file,
      'parts of the zip are encrypted',
      'open it in Excel, remove any password and save it as .xlsx (Excel Workbook) without a password',
    );
  }
  if (/unsupported compression method/i.test(message)) {
    return refusal(
      'unsupported-compression',
      file,
      'a part uses a compression method Excel does not write',
      'open it in Excel and save it again as .xlsx (Excel Workbook)',
    );
  }
  const detail = message.replace(/[^\x20-\x7e]/g, '').slice(0, 80);
  return refusal(
    'corrupt',
    file,
    `the file is damaged and cannot be unzipped (${detail || 'unknown error'})`,
    'open it in Excel and, if Excel repairs it, save the repaired copy as .xlsx; otherwise ask for it to be sent again',
  );
}
