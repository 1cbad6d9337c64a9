/**
 * How the pane hands the respondent the Word report, per platform (docs/addin-platforms.md):
 *
 * - `window`: Excel on the web with DialogApi 1.2. A window of the add-in's own opened with
 *   `displayDialogAsync` is a real browser window there, and its link downloads the file.
 * - `pane`: Excel on Windows (and the web without DialogApi 1.2). A download from the pane itself;
 *   a dialog on Windows is the same kind of web view, so it would not help.
 * - `none`: Excel on Mac, iPad and Android, where neither the pane nor a dialog can download
 *   (office-js #2700, #503). The pane says how else to get the report.
 */
export type ReportRoute = { kind: 'window' } | { kind: 'pane' } | { kind: 'none'; reason: string };

export type SetSupported = (name: string, version: string) => boolean;

const ALLOWED = new Set(['OfficeOnline', 'PC']);

export const NO_DOWNLOADS =
  'This version of Excel does not let add-ins download files. To get the Word report, open the workbook in Excel on the web or on Windows, or ask your analysts to run "dmf report" on the saved workbook.';

export function reportRoute(platform: string | undefined, isSetSupported: SetSupported): ReportRoute {
  if (!platform || !ALLOWED.has(platform)) return { kind: 'none', reason: NO_DOWNLOADS };
  if (platform === 'OfficeOnline' && isSetSupported('DialogApi', '1.2')) return { kind: 'window' };
  return { kind: 'pane' };
}

/** Offers bytes as a file download, and returns the address (kept for the "save again" link). */
export function saveFile(bytes: Uint8Array, fileName: string, mimeType: string): string {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  return url;
}
