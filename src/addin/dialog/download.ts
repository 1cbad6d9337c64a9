/**
 * The download window: opened by the task pane with `Office.context.ui.displayDialogAsync`. In
 * Excel on the web it is a real browser window, where a download started by the respondent's click
 * works even where the pane's frame cannot download. It tells the pane it is ready, receives the
 * report in parts (`DialogParentMessageReceived`, DialogApi 1.2), and offers it as a link.
 */
import { fromParts, parseMessage, type FilePart, type FromWindow, type ToWindow } from './protocol.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tell = (message: FromWindow) => Office.context.ui.messageParent(JSON.stringify(message));

function offer(bytes: Uint8Array, part: FilePart): void {
  const link = byId<HTMLAnchorElement>('save-link');
  link.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: part.mimeType }));
  link.download = part.fileName;
  byId('ready-text').textContent =
    `"${part.fileName}" (${Math.max(1, Math.round(bytes.length / 1024))} KB) is ready.`;
  byId('status').textContent = 'The report is ready to save.';
  byId('ready').hidden = false;
  link.focus();
  link.addEventListener('click', () => {
    byId('saved').hidden = false;
    // After the click has started the download.
    setTimeout(() => tell({ kind: 'saved' }), 0);
  });
}

void Office.onReady().then(() => {
  const parts: (FilePart | undefined)[] = [];
  let done = false;
  Office.context.ui.addHandlerAsync(Office.EventType.DialogParentMessageReceived, (arg) => {
    const part = parseMessage<ToWindow>(arg.message, ['part']);
    if (!part || done) return;
    parts.length = part.count;
    parts[part.index] = part;
    const bytes = fromParts(parts);
    if (bytes) {
      done = true;
      offer(bytes, part);
    }
  });
  byId('close-button').addEventListener('click', () => tell({ kind: 'close' }));
  tell({ kind: 'ready' });
});
