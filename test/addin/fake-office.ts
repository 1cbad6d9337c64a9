/**
 * Browser entry of the Excel API double, built only with `webpack --env testing`. The browser
 * test serves this file in place of Microsoft's office.js, so the real task pane runs against an
 * in-memory workbook. It installs the globals the pane uses (`Office`, `Excel.run`) and exposes the
 * double as `window.dmfFake` for the test to fill in answers and inspect the workbook.
 *
 * Configure before the page loads with `window.dmfFakeConfig = { excelApi: '1.7', platform: 'Mac' }`
 * (defaults: the oldest host the manifest admits, ExcelApi 1.8, in Excel on the web).
 */
import { REQUIRED } from '../../src/addin/excel/requirements.js';
import { FakeExcel } from './fake-excel/index.js';

interface FakeConfig {
  /** Highest ExcelApi version the pretend host supports. */
  excelApi?: string;
  platform?: string;
}

declare global {
  interface Window {
    dmfFake: FakeExcel;
    dmfFakeConfig?: FakeConfig;
  }
}

const config: FakeConfig = window.dmfFakeConfig ?? {};
const platform = config.platform ?? 'OfficeOnline';
// One host for both: what `isSetSupported` answers is what the double lets the pane use.
const excel = new FakeExcel(undefined, { excelApi: config.excelApi ?? REQUIRED.version });

const info = { host: 'Excel', platform };
const office = {
  HostType: { Excel: 'Excel' },
  PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android' },
  context: {
    platform,
    requirements: {
      isSetSupported: excel.isSetSupported,
    },
  },
  onReady: (callback?: (i: typeof info) => void) => {
    callback?.(info);
    return Promise.resolve(info);
  },
};

Object.assign(window, {
  Office: office,
  Excel: { run: <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch) },
  dmfFake: excel,
});
