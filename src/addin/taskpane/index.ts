/**
 * The task pane starts here: wait for Office, check that this Excel can run the assessment, and
 * either start the pane or explain, in the pane, why not.
 */
// First: before any module can parse with zod (the pane's policy forbids eval).
import './no-eval.js';
import { checkHost } from '../excel/requirements.js';
import { reportRoute } from './downloads.js';
import { byId } from './dom.js';
import { startPane } from './pane.js';
import { describeError } from './errors.js';

function explain(title: string, text: string): void {
  byId('loading').hidden = true;
  const box = byId('host-too-old');
  box.querySelector('h2')!.textContent = title;
  byId('host-too-old-text').textContent = text;
  box.hidden = false;
}

async function main(): Promise<void> {
  if (typeof Office === 'undefined') {
    explain(
      'The add-in could not start',
      'Office could not be loaded. Open this pane from Excel, and check that you are connected to the internet.',
    );
    return;
  }
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) {
    explain('This add-in works in Excel', 'Open it from Excel: the self-assessment is an Excel workbook.');
    return;
  }
  const supports = (name: string, version?: string) =>
    Office.context.requirements.isSetSupported(name, version);
  const check = checkHost(supports);
  if (!check.supported) {
    explain('This version of Excel cannot run the assessment', check.reason);
    return;
  }
  byId('loading').hidden = true;
  byId('app').hidden = false;
  startPane({
    run: (batch) => Excel.run(batch),
    capabilities: check.capabilities,
    reportRoute: reportRoute(String(Office.context.platform ?? info.platform ?? ''), supports),
  });
}

main().catch((e: unknown) => explain('The add-in could not start', describeError(e)));
