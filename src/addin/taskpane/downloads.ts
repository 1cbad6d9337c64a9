/**
 * Whether the pane can hand the respondent a file. Excel on the web and on Windows let an add-in
 * download a file from the pane; Excel on Mac, iPad and Android do not. There, the pane says how
 * else to get the report instead of offering a button that does nothing.
 */
export type DownloadSupport = { allowed: true } | { allowed: false; reason: string };

const ALLOWED = new Set(['OfficeOnline', 'PC']);

export function downloadSupport(platform: string | undefined): DownloadSupport {
  if (platform && ALLOWED.has(platform)) return { allowed: true };
  return {
    allowed: false,
    reason:
      'This version of Excel does not let add-ins download files. To get the Word report, open the workbook in Excel on the web or on Windows, or ask your analysts to run "dmf report" on the saved workbook.',
  };
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
