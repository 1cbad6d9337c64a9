/**
 * Recognises what a file really is from its first bytes (and, for OLE files, its directory) before
 * any zip or XML parsing, so that the common mistakes get a precise, friendly refusal: an old .xls,
 * a password-protected workbook, a CSV export, an .ods, an empty attachment. Only an OOXML-looking
 * zip is let through, to the zip inspector.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatBytes, resolveLimits, type InputLimits } from './limits.js';
import { displayName, refusal, type InputRefusal } from './refusal.js';

export type SniffResult = { ok: true; kind: 'zip' } | { ok: false; reason: InputRefusal };

/** How many leading bytes `sniffBytes` looks at (more are ignored). */
export const SNIFF_HEAD_BYTES = 4096;

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_EMPTY = Buffer.from('PK\x05\x06', 'latin1');
const ZIP_SPANNED = Buffer.from('PK\x07\x08', 'latin1');

const MACRO_EXTENSIONS = new Set(['.xlsm', '.xltm', '.xlam']);

/** What an OLE compound file holds, judged from the names in its directory. */
export type OleContent = 'encrypted-workbook' | 'legacy-xls' | 'word' | 'powerpoint';

/**
 * Directory entries of an OLE compound file are 128 bytes, 128-byte aligned, and start with the
 * entry's UTF-16LE name and a terminating NUL. Matching only at aligned offsets keeps the chance
 * of a false match in ordinary data negligible.
 */
const OLE_NAMES: [Buffer, OleContent][] = (
  [
    ['EncryptedPackage', 'encrypted-workbook'],
    ['EncryptionInfo', 'encrypted-workbook'],
    ['Workbook', 'legacy-xls'],
    ['Book', 'legacy-xls'],
    ['WordDocument', 'word'],
    ['PowerPoint Document', 'powerpoint'],
  ] as const
).map(([name, kind]) => [Buffer.from(`${name}\0`, 'utf16le'), kind]);

/**
 * Looks for known directory entry names in `bytes`, which start at file offset `offset`.
 * Encryption wins over everything else: an encrypted workbook is what matters to the respondent.
 */
export function classifyOle(bytes: Uint8Array, offset = 0): OleContent | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let found: OleContent | undefined;
  for (const [name, kind] of OLE_NAMES) {
    for (let i = buf.indexOf(name); i !== -1; i = buf.indexOf(name, i + 1)) {
      if ((offset + i) % 128 !== 0) continue;
      if (kind === 'encrypted-workbook') return kind;
      found ??= kind;
      break;
    }
  }
  return found;
}

function startsWith(head: Uint8Array, magic: Buffer): boolean {
  return head.length >= magic.length && magic.equals(head.subarray(0, magic.length));
}

function oleRefusal(file: string, content: OleContent | undefined): InputRefusal {
  switch (content) {
    case 'encrypted-workbook':
      return refusal(
        'encrypted-workbook',
        file,
        'the workbook is password-protected (encrypted), so it cannot be read',
        'open it in Excel with its password, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx without a password',
      );
    case 'legacy-xls':
      return refusal(
        'legacy-xls',
        file,
        'this is an Excel 97–2003 workbook (.xls), an old format that cannot be read',
        'open it in Excel and save it as .xlsx (Excel Workbook) without a password',
      );
    case 'word':
    case 'powerpoint':
      return refusal(
        'other-document',
        file,
        `this is a ${content === 'word' ? 'Word' : 'PowerPoint'} 97–2003 document, not an Excel workbook`,
        'send the completed .xlsx assessment workbook instead',
      );
    default:
      return refusal(
        'legacy-or-encrypted',
        file,
        'this is an Excel 97–2003 (.xls) workbook or a password-protected workbook, which cannot be read',
        'open it in Excel and save it as .xlsx (Excel Workbook) without a password',
      );
  }
}

/**
 * The media type stored in an OpenDocument file's first entry. ODF requires an uncompressed entry
 * named "mimetype" first, so it can be read straight from the local header without unzipping.
 */
function odfMimeType(head: Uint8Array): string | undefined {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf.length < 38 || buf.toString('latin1', 30, 38) !== 'mimetype') return undefined;
  const nameLength = buf.readUInt16LE(26);
  const extraLength = buf.readUInt16LE(28);
  if (nameLength !== 8) return undefined;
  const start = 30 + nameLength + extraLength;
  const end = Math.min(buf.length, start + Math.min(buf.readUInt32LE(18), 200));
  return buf.toString('latin1', start, end);
}

function zipRefusal(file: string, head: Uint8Array, ext: string): InputRefusal | undefined {
  const mime = odfMimeType(head);
  if (mime?.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return odsRefusal(file);
  if (mime?.startsWith('application/vnd.oasis.opendocument.')) {
    return refusal(
      'other-document',
      file,
      'this is an OpenDocument file that is not a spreadsheet',
      'send the completed .xlsx assessment workbook instead',
    );
  }
  if (MACRO_EXTENSIONS.has(ext)) return macroRefusal(file);
  if (ext === '.xlsb') return binaryWorkbookRefusal(file);
  return undefined;
}

export function odsRefusal(file: string): InputRefusal {
  return refusal(
    'ods',
    file,
    'this is an OpenDocument spreadsheet (.ods), not an Excel workbook',
    'open it in LibreOffice Calc or Excel and save it as .xlsx (Excel 2007-365)',
  );
}

export function macroRefusal(file: string): InputRefusal {
  return refusal(
    'macro-enabled',
    file,
    'this is a macro-enabled workbook (.xlsm); macros are never run and the format is not accepted',
    'open it in Excel and save it as .xlsx (Excel Workbook); the assessment needs no macros',
  );
}

export function binaryWorkbookRefusal(file: string): InputRefusal {
  return refusal(
    'binary-workbook',
    file,
    'this is an Excel Binary Workbook (.xlsb), which cannot be read',
    'open it in Excel and save it as .xlsx (Excel Workbook)',
  );
}

/** True when the bytes look like text: no NUL and almost no other control bytes. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let controls = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls <= head.length / 100;
}

function textRefusal(file: string, head: Uint8Array, ext: string): InputRefusal {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  const text = (utf16 ? buf.toString('utf16le') : buf.toString('utf8')).replace(/^\ufeff/, '');
  const start = text.trimStart().slice(0, 2000).toLowerCase();
  const resave = 'open it in Excel and save it as .xlsx (Excel Workbook)';
  if (start.startsWith('%pdf-')) {
    return refusal(
      'other-document',
      file,
      'this is a PDF document, not an Excel workbook',
      'send the completed .xlsx assessment workbook instead',
    );
  }
  if (start.startsWith('{\\rtf')) {
    return refusal(
      'other-document',
      file,
      'this is an RTF document, not an Excel workbook',
      'send the completed .xlsx assessment workbook instead',
    );
  }
  if (start.startsWith('<')) {
    if (start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return refusal('text', file, 'this is an Excel 2003 XML spreadsheet, not an .xlsx workbook', resave);
    }
    if (/<(!doctype html|html|table|head|body)\b/.test(start)) {
      return refusal(
        'text',
        file,
        'this is a web page (HTML) with a spreadsheet name, not an Excel workbook',
        resave,
      );
    }
    return refusal('text', file, 'this is an XML text file, not an Excel workbook', resave);
  }
  const firstLine = start.split('\n', 1)[0] ?? '';
  if (['.csv', '.tsv', '.txt', '.tab'].includes(ext) || /[,;\t|]/.test(firstLine)) {
    return refusal(
      'csv',
      file,
      'this is a CSV or other plain-text export, not the Excel workbook',
      'send the completed .xlsx assessment workbook itself; an export loses the structure the answers are read from',
    );
  }
  return refusal(
    'text',
    file,
    'this is a plain-text file, not an Excel workbook',
    'send the completed .xlsx assessment workbook instead',
  );
}

/**
 * Classifies a file from its leading bytes (at least the first 512; `SNIFF_HEAD_BYTES` is plenty)
 * and its name. An OLE file is refused with the combined ".xls or password-protected" message
 * unless the bytes given include its directory; `sniffFile` scans for it.
 */
export function sniffBytes(head: Uint8Array, name: string, fileSize: number = head.length): SniffResult {
  const file = displayName(name);
  const ext = extname(name).toLowerCase();
  if (fileSize === 0 || head.length === 0) {
    return {
      ok: false,
      reason: refusal(
        'empty-file',
        file,
        'the file is empty (0 bytes)',
        'ask for the completed workbook to be sent again; the attachment was probably lost or not saved',
      ),
    };
  }
  if (startsWith(head, OLE_MAGIC)) return { ok: false, reason: oleRefusal(file, classifyOle(head)) };
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY) || startsWith(head, ZIP_SPANNED)) {
    const reason = zipRefusal(file, head, ext);
    return reason ? { ok: false, reason } : { ok: true, kind: 'zip' };
  }
  const utf16Bom =
    head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  const slice = head.subarray(0, SNIFF_HEAD_BYTES);
  if (utf16Bom || looksLikeText(slice) || Buffer.from(slice.subarray(0, 5)).toString('latin1') === '%PDF-') {
    return { ok: false, reason: textRefusal(file, slice, ext) };
  }
  return {
    ok: false,
    reason: refusal(
      'unknown-format',
      file,
      'this is not an Excel workbook (.xlsx); its contents are not a spreadsheet format this tool knows',
      'send the completed .xlsx assessment workbook instead',
    ),
  };
}

export interface SniffFileOptions {
  /** Name used in messages; defaults to the path's base name. */
  displayName?: string;
  limits?: Partial<InputLimits>;
}

/** Shown when the path itself cannot be read. */
export function unreadableRefusal(file: string, error: unknown): InputRefusal {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem =
    code === 'ENOENT'
      ? 'the file does not exist'
      : code === 'EISDIR' || code === 'not-a-file'
        ? 'this is a folder or device, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'the file cannot be opened (permission denied)'
          : `the file cannot be read (${code ?? 'I/O error'})`;
  return refusal(
    'unreadable',
    file,
    problem,
    'check the path and that the file is not open or locked elsewhere',
  );
}

export function tooLargeRefusal(file: string, size: number, limits: InputLimits): InputRefusal {
  return refusal(
    'file-too-large',
    file,
    `the file is ${formatBytes(size)}, more than the ${formatBytes(limits.maxFileBytes)} allowed`,
    'check that it is the assessment workbook; remove large pictures or extra sheets and save it again, or raise the limit if the file is genuine',
  );
}

/**
 * Sniffs a file on disk: checks it is a regular, non-empty file within the size limit, reads its
 * first bytes and, for an OLE file, scans its directory (at most `maxFileBytes`, in 1 MiB reads)
 * to tell a legacy .xls from a password-protected workbook.
 */
export async function sniffFile(path: string, options: SniffFileOptions = {}): Promise<SniffResult> {
  const limits = resolveLimits(options.limits);
  const name = options.displayName ?? path;
  const file = displayName(name);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    return { ok: false, reason: unreadableRefusal(file, e) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, reason: unreadableRefusal(file, { code: 'not-a-file' }) };
    if (stats.size > limits.maxFileBytes)
      return { ok: false, reason: tooLargeRefusal(file, stats.size, limits) };
    const head = Buffer.alloc(Math.min(SNIFF_HEAD_BYTES, stats.size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const result = sniffBytes(head.subarray(0, bytesRead), name, stats.size);
    if (!result.ok && result.reason.code === 'legacy-or-encrypted') {
      const content = await scanOleDirectory(handle, Math.min(stats.size, limits.maxFileBytes));
      return { ok: false, reason: oleRefusal(file, content) };
    }
    return result;
  } catch (e) {
    return { ok: false, reason: unreadableRefusal(file, e) };
  } finally {
    await handle.close();
  }
}

/** Reads the file in 1 MiB chunks (a multiple of 128, so no directory entry straddles two). */
async function scanOleDirectory(handle: FileHandle, size: number): Promise<OleContent | undefined> {
  const chunk = Buffer.alloc(1024 * 1024);
  let found: OleContent | undefined;
  for (let offset = 0; offset < size; offset += chunk.length) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - offset), offset);
    if (bytesRead === 0) break;
    const kind = classifyOle(chunk.subarray(0, bytesRead), offset);
    if (kind === 'encrypted-workbook') return kind;
    found ??= kind;
  }
  return found;
}
