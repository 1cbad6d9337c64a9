/**
 * Browser entry of the Excel API double, built only with `webpack --env testing`. The browser
 * test serves this file in place of Microsoft's office.js, so the real task pane runs against an
 * in-memory workbook. It installs the globals the pane uses (`Office`, `Excel.run`) and exposes the
 * double as `window.dmfFake` for the test to fill in answers and inspect the workbook.
 *
 * Configure before the page loads with `window.dmfFakeConfig = { excelApi: '1.7', platform: 'Mac' }`
 * (defaults: ExcelApi 1.17, Excel on the web).
 */
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
const excel = new FakeExcel();
const platform = config.platform ?? 'OfficeOnline';
const maxExcelApi = config.excelApi ?? '1.17';

const newer = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
};

const info = { host: 'Excel', platform };
const office = {
  HostType: { Excel: 'Excel' },
  PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android' },
  context: {
    platform,
    requirements: {
      isSetSupported: (name: string, version = '1.1') => name === 'ExcelApi' && !newer(version, maxExcelApi),
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
