/**
 * File names built from untrusted text (a department name typed into a returned workbook). The
 * name must not be able to put a file outside the output folder, hide it, overwrite another
 * department's report, or trip over Windows rules; and it should still look like the department.
 */

/** Windows device names: "CON", "con.txt", "COM1.docx" and "LPT¹" all open the device, not a file. */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Replaced by "_": path separators, the other characters Windows forbids, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]|\p{Cs}/gu;

/**
 * Removed: invisible format characters, such as the bidi overrides that make "exe.docx" display as
 * "xcod.exe" and zero-width spaces, except the zero-width joiner that emoji sequences need.
 */
const INVISIBLE = /(?!\u200d)\p{Cf}/gu;

/** Default budget for the name without extension: 120 UTF-8 bytes leaves room under the common
 * 255-byte limit for an extension, a " (12)" suffix and atomic-write's temporary-name wrapping. */
export const DEFAULT_NAME_BYTES = 120;

export interface SafeNameOptions {
  /** Longest result in UTF-8 bytes (default 120). */
  maxBytes?: number;
  /** Used when nothing usable is left (default "untitled"). */
  fallback?: string;
}

/**
 * Made on first use: creating a Segmenter loads ICU's break rules (about 15–20 ms of CPU), which
 * every `dmf` process paid at start-up although names rarely need cutting.
 */
let segmenter: Intl.Segmenter | undefined;

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a character or an emoji sequence. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(s)) {
    const size = Buffer.byteLength(segment, 'utf8');
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/** Windows ignores trailing dots and spaces; leading dots hide files on Unix and make "..". */
function trimEnds(s: string): string {
  return s.replace(/^[\s._]+/u, '').replace(/[\s.]+$/u, '');
}

/**
 * A safe file name (without folder) from untrusted text:
 * - NFKC-normalised, so look-alikes such as full-width "／" become the ASCII they imitate;
 * - separators, Windows-forbidden and control characters become "_"; invisible ones are removed;
 * - runs of dots collapse to one, so no ".." survives; whitespace collapses to one space;
 * - leading dots, spaces and underscores and trailing dots and spaces are removed;
 * - Windows device names (CON, aux, COM1, LPT¹…, also before an extension) get a "_" prefix;
 * - at most `maxBytes` UTF-8 bytes, cut between characters; never empty.
 */
export function safeFileName(name: string, options: SafeNameOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_NAME_BYTES;
  const fallback = options.fallback ?? 'untitled';
  let s = name.normalize('NFKC').replace(INVISIBLE, '').replace(FORBIDDEN, '_');
  s = s
    .replace(/\s+/gu, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_');
  s = trimEnds(s);
  s = trimEnds(truncateUtf8(s, maxBytes));
  if (s === '') s = fallback;
  if (RESERVED.test(s.split('.')[0]!.trimEnd())) s = truncateUtf8(`_${s}`, maxBytes);
  return s;
}

/** How two names compare on case-insensitive, normalisation-insensitive file systems (Windows, macOS). */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Hands out distinct file names in one output folder: "Health.docx", then "Health (2).docx" for a
 * second department whose name cleans to the same (or differs only in case: "HEALTH" and "health"
 * would overwrite each other on Windows and macOS).
 */
export class FileNameAllocator {
  private readonly taken = new Set<string>();

  /** `existing`: names already in the folder (e.g. from readdir), so they are not overwritten either. */
  constructor(
    existing: Iterable<string> = [],
    private readonly options: SafeNameOptions = {},
  ) {
    for (const name of existing) this.taken.add(fileNameKey(name));
  }

  /**
   * Takes exactly `name` (e.g. the name an earlier run gave the same input's report) when it is
   * free and safe; false when it is not, so the caller falls back to allocate().
   */
  claim(name: string): boolean {
    if (this.has(name) || safeFileName(name, this.options) !== name) return false;
    this.taken.add(fileNameKey(name));
    return true;
  }

  /** True when `name` is taken (case-insensitively). */
  has(name: string): boolean {
    return this.taken.has(fileNameKey(name));
  }

  /**
   * A free, safe name for `untrusted` with `extension` (e.g. ".docx"; must be plain: dot, letters,
   * digits). The whole result stays within the byte budget, suffix and extension included.
   */
  allocate(untrusted: string, extension = ''): string {
    if (!/^(\.[A-Za-z0-9]+)*$/.test(extension)) throw new Error(`unsafe file extension "${extension}"`);
    const maxBytes = this.options.maxBytes ?? DEFAULT_NAME_BYTES;
    const budget = maxBytes - extension.length;
    if (budget < 16) throw new Error('file name budget too small for the extension');
    const stem = safeFileName(untrusted, { ...this.options, maxBytes: budget });
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const cut = truncateUtf8(stem, budget - suffix.length).replace(/[\s.]+$/u, '') || 'untitled';
      const base = n === 1 ? stem : `${cut}${suffix}`;
      const candidate = `${base}${extension}`;
      if (!this.has(candidate)) {
        this.taken.add(fileNameKey(candidate));
        return candidate;
      }
    }
  }
}
