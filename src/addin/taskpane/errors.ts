/**
 * Errors in plain English. Office.js reports failures with a code (`OfficeExtension.Error`);
 * the pane says what happened and what to do, and keeps the code for a support call.
 */
const BY_CODE: Record<string, string> = {
  ApiNotFound:
    'This version of Excel lacks a feature the add-in needs. Update Excel, or open the workbook in Excel on the web.',
  AccessDenied:
    'Excel did not allow the change. A sheet may be protected, or the workbook may be open read-only. Check that you can edit the workbook, then try again.',
  InvalidOperationInCellEditMode:
    'Excel is busy while you are typing in a cell. Press Enter or Esc to finish, then try again.',
  ItemNotFound:
    'A sheet the assessment needs was not found. It may have been deleted or renamed. Use Check answers to see what is missing.',
  ItemAlreadyExists: 'A sheet with the same name already exists. Rename or move it, then try again.',
  RequestPayloadSizeLimitExceeded: 'The change was too large for Excel to take at once.',
  ResponsePayloadSizeLimitExceeded:
    'The workbook holds too much data for Excel to send to the add-in at once. Remove large sheets that are not part of the assessment, then try again.',
  ServiceUnavailable: 'Excel is not responding at the moment. Wait a little, then try again.',
};

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  name?: unknown;
}

export function describeError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as OfficeLikeError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (code && BY_CODE[code]) return `${BY_CODE[code]} (Excel error: ${code})`;
  if (code) {
    return `Excel could not finish this step (${code}: ${message}). Try again. If it keeps happening, save the workbook, close it and open it again.`;
  }
  // Our own errors (unreadable workbook, plan too large) already speak plain English.
  return message;
}
