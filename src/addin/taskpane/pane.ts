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
import { downloadSupport, saveFile } from './downloads.js';
import { renderInsert } from './insert-view.js';
import { renderLevels } from './levels-view.js';
import { Feedback } from './status.js';

export interface PaneHost {
  run: ExcelRun;
  capabilities: HostCapabilities;
  /** `Office.context.platform`: decides whether downloads are possible. */
  platform: string | undefined;
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

  const downloads = downloadSupport(host.platform);
  const reportButton = byId<HTMLButtonElement>('report-button');
  if (!downloads.allowed) {
    reportButton.hidden = true;
    buttons.splice(buttons.indexOf(reportButton), 1);
    const note = byId('report-unavailable');
    note.textContent = downloads.reason;
    note.hidden = false;
  }
  let lastReportUrl: string | undefined;
  reportButton.addEventListener('click', () => {
    void feedback
      .run(
        'Creating the Word report. This can take a few seconds…',
        async () => {
          const read = await readForReport(run);
          const { wordReport, DOCX_MIME } = await import(
            /* webpackChunkName: "report" */ '../report/chunk.js'
          );
          const report = await wordReport(read);
          if (lastReportUrl) URL.revokeObjectURL(lastReportUrl);
          lastReportUrl = saveFile(report.bytes, report.fileName, DOCX_MIME);
          return { ...report, url: lastReportUrl };
        },
        // The pane cannot know whether the web view saved it (see docs/addin-platforms.md).
        (report) => `The report "${report.fileName}" was offered as a download.`,
      )
      .then((report) => {
        if (!report) return;
        show(
          byId('report-result'),
          h(
            'div',
            { class: 'panel' },
            h('h3', {}, 'Report ready'),
            h(
              'p',
              {},
              `"${report.fileName}" (${Math.max(1, Math.round(report.bytes.length / 1024))} KB) was offered as a download. `,
            ),
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
          ),
        );
      });
  });
}
