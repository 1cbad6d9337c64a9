/**
 * Browser entry of the Excel API double, built only with `webpack --env testing`. The browser
 * test serves this file in place of Microsoft's office.js, so the real task pane runs against an
 * in-memory workbook. It installs the globals the pane uses (`Office`, `Excel.run`) and exposes the
 * double as `window.dmfFake` for the test to fill in answers and inspect the workbook.
 *
 * Configure before the page loads with `window.dmfFakeConfig = { excelApi: '1.7', platform: 'Mac' }`
 * (defaults: the oldest host the manifest admits, ExcelApi 1.8, in Excel on the web).
 *
 * The dialog API behaves as Microsoft documents it for Excel on the web (dialog-api-in-office-add-ins,
 * dialog-handle-errors-events, the Office.Dialog and Office.UI reference), and no better:
 * - `displayDialogAsync` (DialogApi 1.1) opens the page as a real browser window (`window.open`),
 *   refuses a relative or other-domain address (12004) and a second window (12007) — including one
 *   the page has closed but Office has not finished closing: `Dialog.close()` is asynchronous
 *   (`closeDelayMs`, default 300) — and, with `dialog: 'blocked'`, answers 12009.
 * - `Dialog.messageChild` and `Office.context.ui.addHandlerAsync` exist only with DialogApi 1.2.
 *   `addHandlerAsync` registers the handler only after `handlerDelayMs` (default 0), then calls
 *   its callback (or fails it with `handlerFails`); a message that arrives before is lost, as
 *   office-js #2372 reports.
 * - Messages are delivered asynchronously, after `messageDelayMs` (default 5), by `postMessage`;
 *   `dropToChild` lists the positions (0-based) of `messageChild` messages that are lost.
 * - The `origin` of a message is given only with DialogOrigin 1.1 (`dialogOrigin: false` takes it
 *   away: the property is then undefined, as Microsoft documents). `forgeToChild` delivers, before
 *   the first real `messageChild` message, this message to the window as if from that origin.
 * The window's double reads the opener's configuration, so one configuration drives both pages.
 */
import { REQUIRED } from '../../src/addin/excel/requirements.js';
import { FakeExcel } from './fake-excel/index.js';

interface FakeConfig {
  /** Highest ExcelApi version the pretend host supports. */
  excelApi?: string;
  platform?: string;
  /** Highest DialogApi version (default 1.2, as Excel on the web today); 'none': no dialog API. */
  dialogApi?: string;
  /** Whether the host supports DialogOrigin 1.1 (default true). */
  dialogOrigin?: boolean;
  /** 'blocked': `displayDialogAsync` fails with 12009, as when the window is declined. */
  dialog?: 'blocked';
  /** How long `Dialog.close()` takes to close the window (default 300 ms). */
  closeDelayMs?: number;
  /** How long the window's `addHandlerAsync` takes to register its handler (default 0). */
  handlerDelayMs?: number;
  /** The window's `addHandlerAsync` fails (its callback reports an error). */
  handlerFails?: boolean;
  /** Delivery delay of every message, both ways (default 5 ms). */
  messageDelayMs?: number;
  /** Positions of `messageChild` messages that never arrive. */
  dropToChild?: number[];
  /** A message delivered to the window as if from another origin, before the first real one. */
  forgeToChild?: { origin: string; message: string };
}

declare global {
  interface Window {
    dmfFake: FakeExcel;
    dmfFakeConfig?: FakeConfig;
    /** Messages the page sent to its dialog with `messageChild` (for the test to count). */
    dmfMessagesToChild: string[];
    /** The error codes `displayDialogAsync` answered, in order. */
    dmfDialogRefusals: number[];
  }
}

const opener = window.opener as Window | null;
const config: FakeConfig = window.dmfFakeConfig ?? sameOriginConfig(opener) ?? {};
const platform = config.platform ?? 'OfficeOnline';
// One host for both: what `isSetSupported` answers is what the double lets the pane use.
const excel = new FakeExcel(undefined, { excelApi: config.excelApi ?? REQUIRED.version });

/** The opener's configuration, when the opener is a page of this origin (the download window). */
function sameOriginConfig(w: Window | null): FakeConfig | undefined {
  try {
    return w?.dmfFakeConfig;
  } catch {
    return undefined;
  }
}

const dialogApi = config.dialogApi ?? '1.2';
const dialogOrigin = config.dialogOrigin ?? true;
const atLeast = (have: string, want = '1.1') => {
  if (have === 'none') return false;
  const [a, b] = [have, want].map((v) => v.split('.').map(Number));
  return a![0]! > b![0]! || (a![0] === b![0] && (a![1] ?? 0) >= (b![1] ?? 0));
};
const isSetSupported = (name: string, version?: string) => {
  const set = name.toLowerCase();
  if (set === 'dialogapi') return atLeast(dialogApi, version);
  if (set === 'dialogorigin') return dialogOrigin && atLeast('1.1', version);
  return excel.isSetSupported(name, version);
};
const dialogApi11 = atLeast(dialogApi, '1.1');
const dialogApi12 = atLeast(dialogApi, '1.2');
const delay = config.messageDelayMs ?? 5;
/** The origin a receiving handler is told: only hosts with DialogOrigin 1.1 give one. */
const originOf = (origin: string) => (dialogOrigin ? origin : undefined);

const EventType = {
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
  DialogParentMessageReceived: 'dialogParentMessageReceived',
};
const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
type Handler = (arg: { message?: string; origin?: string | undefined; error?: number; type: string }) => void;
interface Wire {
  dmfDialog: 'toParent' | 'toChild';
  message: string;
}
const isWire = (data: unknown): data is Wire =>
  typeof data === 'object' && data !== null && 'dmfDialog' in data && 'message' in data;

/** The window `displayDialogAsync` opened from this page, until Office has finished closing it. */
let openWindow: { child: Window; closing: boolean } | undefined;

function fail(callback: ((r: object) => void) | undefined, code: number, message: string) {
  if (code !== 12002) window.dmfDialogRefusals.push(code);
  callback?.({ status: AsyncResultStatus.Failed, error: { code, name: 'Error', message }, value: undefined });
}

function displayDialogAsync(address: string, options?: object, callback?: (r: object) => void) {
  const cb = typeof options === 'function' ? (options as (r: object) => void) : callback;
  let url: URL;
  try {
    url = new URL(address); // relative addresses are refused, as Office does
  } catch {
    return fail(cb, 12004, 'The domain of the URL is not trusted.');
  }
  if (url.origin !== window.location.origin) return fail(cb, 12004, 'The domain of the URL is not trusted.');
  if (openWindow && !openWindow.child.closed) return fail(cb, 12007, 'A dialog box is already opened.');
  if (config.dialog === 'blocked') return fail(cb, 12009, 'The user chose to ignore the dialog box.');
  const child = window.open(url.href, '_blank', 'popup,width=480,height=480');
  if (!child) return fail(cb, 12009, 'The user chose to ignore the dialog box.');
  const mine = { child, closing: false };
  openWindow = mine;
  const handlers = new Map<string, Handler[]>();
  const emit = (type: string, arg: Omit<Parameters<Handler>[0], 'type'>) =>
    (handlers.get(type) ?? []).forEach((h) => h({ ...arg, type }));
  const onMessage = (event: MessageEvent) => {
    if (event.source === child && isWire(event.data) && event.data.dmfDialog === 'toParent') {
      emit(EventType.DialogMessageReceived, { message: event.data.message, origin: originOf(event.origin) });
    }
  };
  window.addEventListener('message', onMessage);
  // 12006: the respondent closed the window.
  const watch = setInterval(() => {
    if (!child.closed) return;
    clearInterval(watch);
    window.removeEventListener('message', onMessage);
    if (!mine.closing) emit(EventType.DialogEventReceived, { error: 12006 });
  }, 100);
  const dialog: Record<string, unknown> = {
    addEventHandler: (type: string, handler: Handler) =>
      handlers.set(type, [...(handlers.get(type) ?? []), handler]),
    // Asynchronous, as Office's: the window counts as open until it has gone.
    close: () => {
      mine.closing = true;
      setTimeout(() => child.close(), config.closeDelayMs ?? 300);
    },
  };
  if (dialogApi12) {
    let sent = 0;
    dialog.messageChild = (message: string) => {
      if (typeof message !== 'string') throw new TypeError('messageChild takes a string');
      if (sent === 0 && config.forgeToChild) {
        const forged = config.forgeToChild;
        setTimeout(
          () =>
            child.postMessage(
              { dmfDialog: 'toChild', forgedOrigin: forged.origin, message: forged.message },
              '*',
            ),
          delay,
        );
      }
      const position = sent++;
      window.dmfMessagesToChild.push(message);
      if (config.dropToChild?.includes(position)) return;
      setTimeout(
        () => child.postMessage({ dmfDialog: 'toChild', message } satisfies Wire, window.location.origin),
        delay,
      );
    };
  }
  cb?.({ status: AsyncResultStatus.Succeeded, value: dialog });
}

/** In a window opened by `displayDialogAsync`: talk to the page that opened it. */
const ui: Record<string, unknown> = {
  messageParent: (message: string | boolean) => {
    if (!opener) throw new Error('messageParent is only available in a dialog box.');
    const wire: Wire = { dmfDialog: 'toParent', message: String(message) };
    setTimeout(() => opener.postMessage(wire, window.location.origin), delay);
  },
};
if (dialogApi11) ui.displayDialogAsync = displayDialogAsync;
if (dialogApi12) {
  ui.addHandlerAsync = (type: string, handler: Handler, callback?: (r: object) => void) => {
    setTimeout(() => {
      if (config.handlerFails) return fail(callback, 12002, 'The handler could not be registered.');
      if (type === EventType.DialogParentMessageReceived) {
        window.addEventListener('message', (event) => {
          if (event.source !== opener || !isWire(event.data) || event.data.dmfDialog !== 'toChild') return;
          const forged = (event.data as { forgedOrigin?: string }).forgedOrigin;
          handler({ type, message: event.data.message, origin: originOf(forged ?? event.origin) });
        });
      }
      callback?.({ status: AsyncResultStatus.Succeeded, value: undefined });
    }, config.handlerDelayMs ?? 0);
  };
}

const info = { host: 'Excel', platform };
const office = {
  HostType: { Excel: 'Excel' },
  PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android' },
  EventType,
  AsyncResultStatus,
  context: {
    platform,
    requirements: { isSetSupported },
    ui,
  },
  onReady: (callback?: (i: typeof info) => void) => {
    callback?.(info);
    return Promise.resolve(info);
  },
};

Object.assign(window, {
  dmfMessagesToChild: [],
  dmfDialogRefusals: [],
  Office: office,
  Excel: { run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch) },
  dmfFake: excel,
});
