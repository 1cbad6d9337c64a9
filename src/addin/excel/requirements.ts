/**
 * The Office.js requirement sets the add-in uses. The manifest declares {@link REQUIRED} (Excel
 * will not offer the add-in on older hosts); the task pane checks again at run time, because a
 * manifest can be sideloaded anywhere, and turns optional features on where the host has them.
 */

/** Data validation (the rating dropdowns) needs ExcelApi 1.8; everything else needs less. */
export const REQUIRED = { set: 'ExcelApi', version: '1.8' } as const;

/** Print setup (orientation, fit to width, titles, footers) needs ExcelApi 1.9. */
export const PAGE_LAYOUT = { set: 'ExcelApi', version: '1.9' } as const;

/** What the host can do, decided once when the pane starts. */
export interface HostCapabilities {
  /** Print setup can be applied (ExcelApi 1.9). Without it the workbook prints with Excel's defaults. */
  pageLayout: boolean;
}

export type HostCheck =
  { supported: true; capabilities: HostCapabilities } | { supported: false; reason: string };

/** `Office.context.requirements.isSetSupported`, passed in so tests can pretend to be any host. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

/**
 * Where the pane runs: ExcelApi 1.8 and a web view that parses the bundle (ES2020). Excel 2019 has
 * ExcelApi 1.8 but is not named: bought under a volume licence it always shows add-ins in
 * Internet Explorer 11, and bought outright it uses Edge Legacy unless the WebView2 runtime was
 * installed (docs/addin-platforms.md), so most copies cannot run the pane.
 */
export const SUPPORTED_EXCEL = 'Excel for Microsoft 365, Excel 2021 or later, or Excel on the web';

export function checkHost(isSetSupported: IsSetSupported): HostCheck {
  if (!isSetSupported(REQUIRED.set, REQUIRED.version)) {
    return {
      supported: false,
      reason:
        `This version of Excel is too old for the self-assessment: it needs the ${REQUIRED.set} ` +
        `${REQUIRED.version} features. Use ${SUPPORTED_EXCEL}. ` +
        `If you cannot update Excel, open the workbook in Excel on the web.`,
    };
  }
  return {
    supported: true,
    capabilities: { pageLayout: isSetSupported(PAGE_LAYOUT.set, PAGE_LAYOUT.version) },
  };
}
