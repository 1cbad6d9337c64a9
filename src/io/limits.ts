/**
 * The limits applied to a returned workbook before it is parsed. They exist because exceljs loads
 * the whole zip and decodes every part to a string: a small hostile file can otherwise cost
 * gigabytes of memory and minutes of CPU (issue 7 measured 3.3 GB and 12.8 s for one 1.6 GB entry).
 *
 * The DMF assessment workbook is about 100 KB zipped and under 2 MB unzipped, so every default
 * leaves an order of magnitude or more of headroom for logos, extra sheets and notes. Callers
 * (CLI options, batch configuration) may loosen or tighten any of them.
 */

const MiB = 1024 * 1024;

export interface InputLimits {
  /**
   * Largest file accepted, in bytes. Default 50 MiB: email systems rarely pass more than 25–35 MB,
   * and exceljs keeps the whole file in memory while reading.
   */
  maxFileBytes: number;
  /**
   * Most zip entries (parts) accepted. Default 2 000: a workbook has 15–40 parts; even with many
   * sheets, comments and images, thousands means a crafted file that costs time per entry.
   */
  maxEntries: number;
  /**
   * Largest total of the declared uncompressed sizes of all entries, in bytes. Default 200 MiB:
   * exceljs turns every part into a string and then into objects, costing several times this.
   */
  maxTotalUncompressedBytes: number;
  /**
   * Largest uncompressed size of one entry, in bytes. Default 100 MiB: well below V8's largest
   * string (about 512 MiB, the "Invalid string length" seen in issue 7) and far above a real sheet.
   */
  maxEntryUncompressedBytes: number;
  /**
   * Largest uncompressed ÷ compressed ratio of one entry. Default 100: spreadsheet XML compresses
   * 3–15× (measured 11–14× on sheets of 60 000 repetitive rows written by exceljs); a run of
   * zeros or spaces, the material of zip bombs, compresses about 1 000×.
   */
  maxCompressionRatio: number;
  /**
   * Entries smaller than this (uncompressed, bytes) are exempt from the ratio check: tiny parts
   * can compress extremely well and cost nothing. Default 1 MiB.
   */
  ratioCheckMinBytes: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxFileBytes: 50 * MiB,
  maxEntries: 2_000,
  maxTotalUncompressedBytes: 200 * MiB,
  maxEntryUncompressedBytes: 100 * MiB,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 1 * MiB,
});

/**
 * Fills unspecified limits with the defaults and rejects nonsense (negative, NaN) so that a typo
 * in a configuration file cannot silently switch a check off.
 */
export function resolveLimits(overrides: Partial<InputLimits> = {}): InputLimits {
  const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof InputLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_INPUT_LIMITS)) throw new RangeError(`unknown input limit "${String(key)}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`input limit ${key} must be a positive number, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

/** "50 MiB", "1.5 GiB", "900 bytes": sizes in messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const shown = v >= 10 || Number.isInteger(v) ? Math.round(v).toString() : v.toFixed(1);
  return `${shown} ${units[i]}`;
}
