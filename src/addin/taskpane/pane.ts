/**
 * The task pane's controller: wires the four steps to their operations, with progress in the
 * status line and errors in the pane. Knows nothing of Excel beyond the `run` it is given.
 */
import type { Place } from '../assessment/check-answers.js';
import type { ExcelRun } from '../assessment/excel-run.js';
import {
  calculateLevels,
  checkWorkbook,
  goTo,
  insertAssessment,
  readForReport,
} from '../assessment/operations.js';
import { layout } from '../assessment/plan-cache.js';
import type { HostCapabilities } from '../excel/requirements.js';
import { renderCheck } from './check-view.js';
import { byId, h, plural, show } from './dom.js';
import { notReadSection } from './read-notes.js';
import { saveFile, type ReportRoute } from './downloads.js';
import { renderInsert } from './insert-view.js';
import { renderLevels } from './levels-view.js';
import { offerInWindow } from './report-window.js';
import { Feedback } from './status.js';

export interface PaneHost {
  run: ExcelRun;
  capabilities: HostCapabilities;
  /** How this Excel can hand over the Word report (from the platform and DialogApi 1.2). */
  reportRoute: ReportRoute;
}

const field = (id: string) => byId<HTMLInputElement>(id).value.trim();

export function startPane(host: PaneHost): void {
  const buttons = ['insert-button', 'check-button', 'calculate-button', 'report-button'].map((id) =>
    byId<HTMLButtonElement>(id),
  );
  const feedback = new Feedback(byId('status'), byId('error'), byId('error-text'), buttons, byId('main'));
  const { run } = host;

  const go = (place: Place) => {
    void feedback.run(
      `Going to ${place.cell ? `cell ${place.cell} on ` : ''}${place.sheet}…`,
      () => goTo(run, place),
      () => `Selected ${place.cell ? `cell ${place.cell} on ` : ''}${place.sheet}.`,
    );
  };

  byId<HTMLFormElement>('insert-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const department = field('department');
    const marking = field('marking');
    const options = {
      ...(department ? { department } : {}),
      fields: {
        ...(field('respondent') ? { respondent: field('respondent') } : {}),
        ...(field('role') ? { role: field('role') } : {}),
        ...(marking ? { marking } : {}),
      },
    };
    void feedback
      .run(
        'Inserting the assessment. This takes a few seconds…',
        () => insertAssessment(run, options, host.capabilities),
        (outcome) => (outcome.kind === 'inserted' ? 'The assessment was added.' : 'Nothing was changed.'),
      )
      .then((outcome) => {
        if (outcome)
          renderInsert(byId('insert-result'), outcome, () => go({ sheet: layout().plan.sheets[0]!.name }));
      });
  });

  byId('check-button').addEventListener('click', () => {
    void feedback
      .run(
        'Checking your answers…',
        () => checkWorkbook(run),
        (report) =>
          report.kind === 'unreadable'
            ? 'The workbook could not be checked.'
            : `Checked: ${plural(report.errorCount, 'answer')} to fix, ${plural(report.unratedCount, 'characteristic')} not rated.`,
      )
      .then((report) => {
        if (report) renderCheck(byId('check-result'), report, go);
      });
  });

  byId('calculate-button').addEventListener('click', () => {
    void feedback
      .run(
        'Reading your answers and calculating levels…',
        () => calculateLevels(run),
        (calc) =>
          `Levels calculated for ${calc.result.assessedCount} of ${calc.result.elements.length} elements.`,
      )
      .then((calc) => {
        if (calc) renderLevels(byId('calculate-result'), calc, go);
      });
  });

  const route = host.reportRoute;
  const reportButton = byId<HTMLButtonElement>('report-button');
  if (route.kind === 'none') {
    reportButton.hidden = true;
    buttons.splice(buttons.indexOf(reportButton), 1);
    const note = byId('report-unavailable');
    note.textContent = route.reason;
    note.hidden = false;
  }
  let lastReportUrl: string | undefined;
  let closeWindow: (() => void) | undefined;
  reportButton.addEventListener('click', () => {
    closeWindow?.();
    closeWindow = undefined;
    void feedback
      .run(
        'Creating the Word report. This can take a few seconds…',
        async () => {
          const read = await readForReport(run);
          const { wordReport, DOCX_MIME } = await import(
            /* webpackChunkName: "report" */ '../report/chunk.js'
          );
          const report = await wordReport(read);
          let windowFailure: string | undefined;
          if (route.kind === 'window') {
            const outcome = await offerInWindow(report.bytes, report.fileName, DOCX_MIME, {
              onSaved: () => {
                byId('status').textContent = `"${report.fileName}" was saved from the download window.`;
              },
            });
            if (outcome.delivered) {
              closeWindow = outcome.close;
              return { ...report, read, via: 'window' as const };
            }
            windowFailure = outcome.reason;
          }
          // The pane's own download: Windows, or the web when the window could not be used.
          if (lastReportUrl) URL.revokeObjectURL(lastReportUrl);
          lastReportUrl = saveFile(report.bytes, report.fileName, DOCX_MIME);
          return { ...report, read, via: 'pane' as const, url: lastReportUrl, windowFailure };
        },
        // The pane cannot know whether the web view saved it (see docs/addin-platforms.md).
        (report) =>
          report.via === 'window'
            ? `The report "${report.fileName}" is ready in a separate window.`
            : `The report "${report.fileName}" was offered as a download.`,
      )
      .then((report) => {
        if (!report) return;
        const size = `"${report.fileName}" (${Math.max(1, Math.round(report.bytes.length / 1024))} KB)`;
        if (report.via === 'window') {
          show(
            byId('report-result'),
            h(
              'div',
              { class: 'panel' },
              h('h3', {}, 'Report ready'),
              h('p', {}, `${size} is ready in a separate window. Choose "Save the Word report" there.`),
              h(
                'p',
                {},
                'If you cannot see the window, it may be behind Excel. If it does not save, ask your analysts to run "dmf report" on the saved workbook.',
              ),
              notReadSection(report.read),
            ),
          );
          return;
        }
        show(
          byId('report-result'),
          h(
            'div',
            { class: 'panel' },
            h('h3', {}, 'Report ready'),
            ...(report.windowFailure
              ? [
                  h(
                    'p',
                    {},
                    `The download window could not be used: ${report.windowFailure}. The report was offered here instead.`,
                  ),
                ]
              : []),
            h('p', {}, `${size} was offered as a download. `),
            h(
              'p',
              {},
              'If Excel did not save it (some versions of Excel on Windows block downloads from add-ins), open the workbook in Excel on the web, or ask your analysts to run "dmf report" on the saved workbook.',
            ),
            h(
              'p',
              {},
              h(
                'a',
                { class: 'link', attrs: { href: report.url, download: report.fileName } },
                'Save it again',
              ),
            ),
            notReadSection(report.read),
          ),
        );
      });
  });
}
