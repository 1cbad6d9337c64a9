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
 * dialog-handle-errors-events): `displayDialogAsync` opens the page as a real browser window
 * (`window.open`), refuses a relative or other-domain address (12004), a second window (12007),
 * and, with `dialog: 'blocked'`, answers as when the respondent declines the window (12009).
 * `Dialog.messageChild` and `Office.context.ui.addHandlerAsync` exist only with DialogApi 1.2
 * (`dialogApi: '1.1'` takes them away). Messages travel by `postMessage` between the two windows.
 */
import { REQUIRED } from '../../src/addin/excel/requirements.js';
import { FakeExcel } from './fake-excel/index.js';

interface FakeConfig {
  /** Highest ExcelApi version the pretend host supports. */
  excelApi?: string;
  platform?: string;
  /** Highest DialogApi version (default 1.2, as Excel on the web today). */
  dialogApi?: string;
  /** 'blocked': `displayDialogAsync` fails with 12009, as when the window is declined. */
  dialog?: 'blocked';
}

declare global {
  interface Window {
    dmfFake: FakeExcel;
    dmfFakeConfig?: FakeConfig;
    /** Messages the page sent to its dialog with `messageChild` (for the test to count). */
    dmfMessagesToChild: string[];
  }
}

const config: FakeConfig = window.dmfFakeConfig ?? {};
const platform = config.platform ?? 'OfficeOnline';
// One host for both: what `isSetSupported` answers is what the double lets the pane use.
const excel = new FakeExcel(undefined, { excelApi: config.excelApi ?? REQUIRED.version });

const dialogApi = config.dialogApi ?? '1.2';
const atLeast = (have: string, want = '1.1') => {
  const [a, b] = [have, want].map((v) => v.split('.').map(Number));
  return a![0]! > b![0]! || (a![0] === b![0] && (a![1] ?? 0) >= (b![1] ?? 0));
};
const isSetSupported = (name: string, version?: string) =>
  name.toLowerCase() === 'dialogapi' ? atLeast(dialogApi, version) : excel.isSetSupported(name, version);
const dialogApi12 = atLeast(dialogApi, '1.2');

const EventType = {
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
  DialogParentMessageReceived: 'dialogParentMessageReceived',
};
const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
type Handler = (arg: { message?: string; origin?: string; error?: number; type: string }) => void;
interface Wire {
  dmfDialog: 'toParent' | 'toChild';
  message: string;
}
const isWire = (data: unknown): data is Wire =>
  typeof data === 'object' && data !== null && 'dmfDialog' in data && 'message' in data;

/** The window `displayDialogAsync` opened from this page, if any. */
let openWindow: Window | undefined;

function fail(callback: ((r: object) => void) | undefined, code: number, message: string) {
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
  if (openWindow && !openWindow.closed) return fail(cb, 12007, 'A dialog box is already opened.');
  if (config.dialog === 'blocked') return fail(cb, 12009, 'The user chose to ignore the dialog box.');
  const child = window.open(url.href, '_blank', 'popup,width=480,height=480');
  if (!child) return fail(cb, 12009, 'The user chose to ignore the dialog box.');
  openWindow = child;
  const handlers = new Map<string, Handler[]>();
  const emit = (type: string, arg: Omit<Parameters<Handler>[0], 'type'>) =>
    (handlers.get(type) ?? []).forEach((h) => h({ ...arg, type }));
  const onMessage = (event: MessageEvent) => {
    if (event.source === child && isWire(event.data) && event.data.dmfDialog === 'toParent') {
      emit(EventType.DialogMessageReceived, { message: event.data.message, origin: event.origin });
    }
  };
  window.addEventListener('message', onMessage);
  let closedByCode = false;
  // 12006: the respondent closed the window.
  const watch = setInterval(() => {
    if (!child.closed) return;
    clearInterval(watch);
    window.removeEventListener('message', onMessage);
    if (!closedByCode) emit(EventType.DialogEventReceived, { error: 12006 });
  }, 100);
  const dialog: Record<string, unknown> = {
    addEventHandler: (type: string, handler: Handler) =>
      handlers.set(type, [...(handlers.get(type) ?? []), handler]),
    close: () => {
      closedByCode = true;
      child.close();
    },
  };
  if (dialogApi12) {
    dialog.messageChild = (message: string) => {
      if (typeof message !== 'string') throw new TypeError('messageChild takes a string');
      window.dmfMessagesToChild.push(message);
      child.postMessage({ dmfDialog: 'toChild', message } satisfies Wire, window.location.origin);
    };
  }
  cb?.({ status: AsyncResultStatus.Succeeded, value: dialog });
}

/** In a window opened by `displayDialogAsync`: talk to the page that opened it. */
const ui: Record<string, unknown> = {
  displayDialogAsync,
  messageParent: (message: string | boolean) => {
    if (!window.opener) throw new Error('messageParent is only available in a dialog box.');
    (window.opener as Window).postMessage(
      { dmfDialog: 'toParent', message: String(message) } satisfies Wire,
      window.location.origin,
    );
  },
};
if (dialogApi12) {
  ui.addHandlerAsync = (type: string, handler: Handler, callback?: (r: object) => void) => {
    if (type === EventType.DialogParentMessageReceived) {
      window.addEventListener('message', (event) => {
        if (event.source === window.opener && isWire(event.data) && event.data.dmfDialog === 'toChild') {
          handler({ type, message: event.data.message, origin: event.origin });
        }
      });
    }
    callback?.({ status: AsyncResultStatus.Succeeded, value: undefined });
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
  Office: office,
  Excel: { run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch) },
  dmfFake: excel,
});
