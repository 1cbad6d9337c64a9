/**
 * The download window: opened by the task pane with `Office.context.ui.displayDialogAsync`. In
 * Excel on the web it is a real browser window, where a download started by the respondent's click
 * works even where the pane's frame cannot download. It registers its handler for the pane's
 * messages (`DialogParentMessageReceived`, DialogApi 1.2) and says `ready` only once Office
 * confirms the registration, puts the report together from checked parts, tells the pane what it
 * received (bytes and CRC-32), and offers it as a link.
 */
import { acceptOrigin, parsePart, PartCollector, REPORT_MIME, type FromWindow } from './protocol.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tell = (message: FromWindow) => Office.context.ui.messageParent(JSON.stringify(message));
const say = (text: string) => {
  byId('status').textContent = text;
};

function offer(bytes: Uint8Array, fileName: string): void {
  const link = byId<HTMLAnchorElement>('save-link');
  link.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: REPORT_MIME }));
  link.download = fileName;
  byId('ready-text').textContent =
    `"${fileName}" (${Math.max(1, Math.round(bytes.length / 1024))} KB) is ready.`;
  say('The report is ready to save.');
  byId('ready').hidden = false;
  link.focus();
  link.addEventListener('click', () => {
    byId('saved').hidden = false;
    // After the click has started the download.
    setTimeout(() => tell({ kind: 'saved' }), 0);
  });
}

const CANNOT_RECEIVE =
  'This window could not receive the report. Close it: Excel offers the report in the task pane instead.';

void Office.onReady().then(() => {
  const collector = new PartCollector();
  // Only the add-in's own pages talk to this window (both are on its domain).
  const expected = window.location.origin;
  const originsReported = Office.context.requirements.isSetSupported('DialogOrigin', '1.1');
  byId('close-button').addEventListener('click', () => tell({ kind: 'close' }));
  Office.context.ui.addHandlerAsync(
    Office.EventType.DialogParentMessageReceived,
    (arg) => {
      if (!acceptOrigin(arg.origin, expected, originsReported)) return;
      const part = parsePart(arg.message);
      if (!part) return;
      const got = collector.add(part);
      if (got.kind === 'waiting') {
        say(`Receiving the report from Excel… (part ${got.have} of ${got.of})`);
      } else if (got.kind === 'complete') {
        tell({ kind: 'received', bytes: got.bytes.length, crc32: got.crc32 });
        offer(got.bytes, got.fileName);
      } else if (got.kind === 'refused') {
        tell({ kind: 'refused' });
        say(CANNOT_RECEIVE);
      }
    },
    // Microsoft: check the handler is registered before relying on it. Until this callback says
    // so, a message from the pane can be lost (office-js #2372), so `ready` is sent only here.
    (result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) {
        tell({ kind: 'ready' });
      } else {
        tell({ kind: 'not-listening' });
        say(CANNOT_RECEIVE);
      }
    },
  );
});
