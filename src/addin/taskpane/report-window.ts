/**
 * The second route for the Word report: a window of the add-in's own (download.html) opened with
 * `Office.context.ui.displayDialogAsync`. In Excel on the web that window is a real browser window
 * (Microsoft: "displayed as a new browser window (popup)" unless displayInIframe), so the
 * respondent's click on its link downloads the file.
 *
 * The pane sends the bytes with `Dialog.messageChild` (DialogApi 1.2) once the window says it is
 * ready, and counts the route as working only when the window answers `received` with the same
 * byte count and CRC-32: messages can be lost (office-js #2372), and a window left on "Receiving…"
 * while the pane says "ready" loses the report. Otherwise the pane falls back to its own download
 * and says why.
 */
import { crc32 } from '../dialog/checksum.js';
import { acceptOrigin, parseFromWindow, toParts } from '../dialog/protocol.js';

/** What Office's error codes for `displayDialogAsync` mean for the respondent. */
const DIALOG_ERRORS: Record<number, string> = {
  12004: 'the download window is not on the add-in’s own address',
  12005: 'the download window needs a secure (https) address',
  12009: 'the download window was declined or blocked',
  12011: 'the browser blocks pop-up windows from Excel',
};

/**
 * 12007: a window of this add-in is still open. `Dialog.close()` is asynchronous (Microsoft: it
 * takes no callback), so the window the pane closed a moment ago can still count; the pane tries
 * again every half second for up to 8 seconds before it gives up and says which window to close.
 */
const ALREADY_OPEN = 12007;
const ALREADY_OPEN_RETRY_MS = 500;
const ALREADY_OPEN_GIVE_UP_MS = 8_000;
export const STILL_OPEN =
  'another window of this add-in is still open (an earlier download window, perhaps behind Excel); close it and choose “Download Word report” again';

/** How long to wait for the window to say it is ready, and then to confirm it has the report. */
export const READY_TIMEOUT_MS = 30_000;
export const RECEIVED_TIMEOUT_MS = 15_000;

export type WindowOutcome = { delivered: true; close: () => void } | { delivered: false; reason: string };

export interface WindowEvents {
  /** The respondent chose the link in the window. */
  onSaved: () => void;
}

type Opened = { ok: true; dialog: Office.Dialog } | { ok: false; code: number | undefined };

function open(address: string): Promise<Opened> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(
      address,
      { height: 40, width: 30, promptBeforeOpen: true },
      (result) =>
        resolve(
          result.status === Office.AsyncResultStatus.Succeeded
            ? { ok: true, dialog: result.value }
            : { ok: false, code: result.error?.code },
        ),
    );
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openRetrying(address: string): Promise<Opened> {
  const giveUp = Date.now() + ALREADY_OPEN_GIVE_UP_MS;
  let opened = await open(address);
  while (!opened.ok && opened.code === ALREADY_OPEN && Date.now() < giveUp) {
    await wait(ALREADY_OPEN_RETRY_MS);
    opened = await open(address);
  }
  return opened;
}

export async function offerInWindow(
  bytes: Uint8Array,
  fileName: string,
  mimeType: string,
  events: WindowEvents,
): Promise<WindowOutcome> {
  // Office wants a full https address on the pane's own domain (relative ones are refused).
  const address = new URL('download.html', window.location.href).href;
  const opened = await openRetrying(address);
  if (!opened.ok) {
    const reason =
      opened.code === ALREADY_OPEN
        ? STILL_OPEN
        : (DIALOG_ERRORS[opened.code ?? -1] ??
          `Excel could not open the download window (error ${opened.code ?? 'unknown'})`);
    return { delivered: false, reason };
  }
  const dialog = opened.dialog;
  const expected = window.location.origin;
  const originsReported = Office.context.requirements.isSetSupported('DialogOrigin', '1.1');
  const sum = crc32(bytes);

  return new Promise((resolve) => {
    let state: 'waiting-ready' | 'sending' | 'delivered' | 'failed' = 'waiting-ready';
    const close = () => {
      try {
        dialog.close();
      } catch {
        // Already closed by the respondent.
      }
    };
    let timer = setTimeout(() => fail('the download window did not answer'), READY_TIMEOUT_MS);
    function fail(reason: string) {
      if (state === 'delivered' || state === 'failed') return;
      state = 'failed';
      clearTimeout(timer);
      close();
      resolve({ delivered: false, reason });
    }
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
      if (!('message' in arg) || !acceptOrigin(arg.origin, expected, originsReported)) return;
      const message = parseFromWindow(arg.message);
      if (!message) return;
      if (message.kind === 'ready' && state === 'waiting-ready') {
        state = 'sending';
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            fail(
              `the download window did not confirm it had the report within ${RECEIVED_TIMEOUT_MS / 1000} seconds`,
            ),
          RECEIVED_TIMEOUT_MS,
        );
        for (const part of toParts(bytes, fileName, mimeType)) dialog.messageChild(JSON.stringify(part));
      } else if (message.kind === 'not-listening') {
        fail('the download window could not listen for the report');
      } else if (message.kind === 'refused') {
        fail('the download window refused the report as damaged');
      } else if (message.kind === 'received' && state === 'sending') {
        if (message.bytes === bytes.length && message.crc32 === sum) {
          state = 'delivered';
          clearTimeout(timer);
          resolve({ delivered: true, close });
        } else {
          fail(`the report reached the download window damaged (${message.bytes} of ${bytes.length} bytes)`);
        }
      } else if (message.kind === 'saved' && state === 'delivered') {
        events.onSaved();
      } else if (message.kind === 'close') {
        close();
      }
    });
    // 12006: the respondent closed the window (before the report reached it, the route failed).
    dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
      fail('the download window was closed before the report reached it');
    });
  });
}
