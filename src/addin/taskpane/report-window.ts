/**
 * The second route for the Word report: a window of the add-in's own (download.html) opened with
 * `Office.context.ui.displayDialogAsync`. In Excel on the web that window is a real browser window
 * (Microsoft: "displayed as a new browser window (popup)" unless displayInIframe), so the
 * respondent's click on its link downloads the file. The pane sends the bytes with
 * `Dialog.messageChild` (DialogApi 1.2) once the window says it is ready.
 */
import { parseMessage, toParts, type FromWindow } from '../dialog/protocol.js';

/** What Office's error codes for `displayDialogAsync` mean for the respondent. */
const DIALOG_ERRORS: Record<number, string> = {
  12004: 'the download window is not on the add-in’s own address',
  12005: 'the download window needs a secure (https) address',
  12007: 'another window of this add-in is already open; close it first',
  12009: 'the download window was declined or blocked',
  12011: 'the browser blocks pop-up windows from Excel',
};

export type WindowOutcome = { opened: true; close: () => void } | { opened: false; reason: string };

export interface WindowEvents {
  /** The respondent chose the link in the window. */
  onSaved: () => void;
}

/** How long to wait for the window to say it is ready before giving up on it. */
const READY_TIMEOUT_MS = 30_000;

export function offerInWindow(
  bytes: Uint8Array,
  fileName: string,
  mimeType: string,
  events: WindowEvents,
): Promise<WindowOutcome> {
  // Office wants a full https address on the pane's own domain (relative ones are refused).
  const address = new URL('download.html', window.location.href).href;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: WindowOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    Office.context.ui.displayDialogAsync(
      address,
      { height: 40, width: 30, promptBeforeOpen: true },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          const code = result.error?.code;
          settle({
            opened: false,
            reason: DIALOG_ERRORS[code] ?? `Excel could not open the download window (error ${code})`,
          });
          return;
        }
        const dialog = result.value;
        const close = () => {
          try {
            dialog.close();
          } catch {
            // Already closed by the respondent.
          }
        };
        const timer = setTimeout(() => {
          close();
          settle({ opened: false, reason: 'the download window did not answer' });
        }, READY_TIMEOUT_MS);
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if (!('message' in arg)) return;
          const message = parseMessage<FromWindow>(arg.message, ['ready', 'saved', 'close']);
          if (message?.kind === 'ready') {
            clearTimeout(timer);
            for (const part of toParts(bytes, fileName, mimeType)) dialog.messageChild(JSON.stringify(part));
            settle({ opened: true, close });
          } else if (message?.kind === 'saved') {
            events.onSaved();
          } else if (message?.kind === 'close') {
            close();
          }
        });
        // 12006: the respondent closed the window (before it was ready, the route failed).
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
          clearTimeout(timer);
          settle({ opened: false, reason: 'the download window was closed before the report reached it' });
        });
      },
    );
  });
}
