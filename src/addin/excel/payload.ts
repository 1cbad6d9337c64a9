/**
 * Excel on the web refuses a request or a response over 5 MB (`RequestPayloadSizeLimitExceeded`,
 * `ResponsePayloadSizeLimitExceeded`), and every platform refuses to read a range of more than
 * five million cells (Microsoft, "Resource limits and performance optimization for Office
 * Add-ins"; docs/addin-platforms.md). Office.js does not document its wire format, so the add-in
 * estimates what a load will bring back before it syncs, and keeps each sync under a budget that
 * leaves room for what the estimate misses.
 */

/** Excel on the web's limit for one request and for one response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What the add-in lets one sync's loads bring back, by its estimate (4 MB of the 5 MB). */
export const READ_BUDGET_BYTES = 4 * 1024 * 1024;

/** The most cells one range may have for a read, on every platform. */
export const MAX_CELLS_PER_READ = 5_000_000;

/** The range properties the reader loads. */
export type CellProperty = 'formulas' | 'values' | 'valueTypes';

/**
 * Bytes per cell assumed for each property. A cell's text is not known before it is loaded, so
 * these are averages with a margin: the template's sheets, answered, come to about 70 bytes per
 * used cell for all three properties together (test/addin/bounded-read.test.ts measures it);
 * the estimate allows 106. A cell with a long text costs more; a sync that still goes over the
 * limit is split and tried again (./bounded-load.ts).
 */
const BYTES_PER_CELL: Record<CellProperty, number> = { formulas: 48, values: 48, valueTypes: 10 };

/** The estimated response of loading `properties` of a `rows` × `columns` range. */
export function estimateLoadBytes(
  rows: number,
  columns: number,
  properties: readonly CellProperty[],
): number {
  const perCell = properties.reduce((n, p) => n + BYTES_PER_CELL[p], 0);
  // Brackets, commas and quotes of each row of each matrix.
  return rows * columns * perCell + rows * properties.length * 4;
}

/** True when an Office.js error is Excel refusing a payload as too large. */
export function isPayloadError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}
