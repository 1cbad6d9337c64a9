/**
 * What the add-in promises about where it runs (issue 23): the oldest host it names can run the
 * pane, and the manifest's version is the package's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHost, REQUIRED, SUPPORTED_EXCEL } from '../../src/addin/excel/requirements.js';
import { isSetSupportedBy } from './fake-excel/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the host check', () => {
  const tooOld = checkHost(isSetSupportedBy({ excelApi: '1.7' }));

  it('refuses a host without ExcelApi 1.8 and says which Excel runs the pane', () => {
    expect(tooOld.supported).toBe(false);
    if (tooOld.supported) return;
    expect(tooOld.reason).toContain(`${REQUIRED.set} ${REQUIRED.version}`);
    expect(tooOld.reason).toContain(SUPPORTED_EXCEL);
    expect(tooOld.reason).toContain('Excel on the web');
  });

  it('does not name Excel 2019, which mostly shows add-ins in web views too old for the pane', () => {
    // Volume-licensed Excel 2019 always uses Internet Explorer 11; bought outright, Edge Legacy
    // unless WebView2 is installed (docs/addin-platforms.md): neither parses the bundle.
    expect(tooOld.supported ? '' : tooOld.reason).not.toMatch(/2019/);
    expect(SUPPORTED_EXCEL).not.toMatch(/2019|2016/);
  });

  it('accepts ExcelApi 1.8 and turns print setup on from 1.9', () => {
    expect(checkHost(isSetSupportedBy({ excelApi: '1.8' }))).toEqual({
      supported: true,
      capabilities: { pageLayout: false },
    });
    expect(checkHost(isSetSupportedBy({ excelApi: '1.9' }))).toEqual({
      supported: true,
      capabilities: { pageLayout: true },
    });
  });
});

describe('the manifest version', () => {
  it("is package.json's version (Office's four parts: the fourth is 0)", () => {
    const manifest = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const declared = [...manifest.matchAll(/<Version>([^<]*)<\/Version>/g)].map((m) => m[1]);
    expect(declared).toEqual([`${version}.0`]);
  });
});
