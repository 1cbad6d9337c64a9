/**
 * The parts of a workbook's zip that the inspection (./inspect-zip.ts) inflated and checked — size
 * as declared, CRC-32, no DTD, UTF-8 — kept so that the reader does not inflate them a second time
 * (docs/performance.md, issue 24 session 8).
 *
 * A part is keyed by the offset of its local header in `bytes`, not by its name: names are decoded
 * differently by yauzl (CP437, Info-ZIP's Unicode path field) and by the reader, and an offset
 * names exactly one entry's data, whatever either makes of its name.
 */
export interface CheckedPart {
  /** The sizes the central directory declares; the reader uses the part only if its own agree. */
  readonly compressedSize: number;
  readonly size: number;
  /** The inflated bytes (`size` of them). */
  readonly data: Uint8Array;
}

/**
 * A workbook that passed the inspection: the very bytes inspected (read once from disk, so the
 * reader parses what was checked) and the parts inflated on the way. Made only by the inspection;
 * a part it did not keep (too large, over the budget) is inflated by the reader as before.
 */
export interface CheckedWorkbook {
  readonly bytes: Buffer;
  readonly parts: ReadonlyMap<number, CheckedPart>;
}
