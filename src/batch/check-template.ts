/**
 * A report template is checked once, before any workbook is read: compiled, then rendered (to HTML
 * only, no Word document) for sample departments — one with every kind of answer, a previous round
 * and a data-quality problem and a batch of peers ("How you compare"), one with nothing answered,
 * one consolidated from two respondents — so that a name the view model does not have, which Handlebars' strict mode finds only when it renders, is the run's one error with the
 * template's file and line, not the same failure for every workbook.
 */
import { fictionalGovernment } from '../demo/fictional-government.js';
import type { Framework } from '../framework/index.js';
import { DEFAULT_CONSOLIDATION_RULE, mergeReturns } from '../moderation/index.js';
import { buildViewModel } from '../report/build-view-model.js';
import { compileTemplate, type CompiledTemplate, type TemplateFiles } from '../report/compile-template.js';
import { buildPeerCohort } from '../report/peers.js';
import { emptyAnswers, score, type Answers } from '../scoring/index.js';
import type { Diagnostic, ReadResult } from '../workbook/read-result.js';

const SAMPLE_DATE = new Date('2026-01-01T00:00:00Z');

/** Compiles and test-renders the template; throws TemplateError (file, line) when it is broken. */
export function checkReportTemplate(framework: Framework, files: TemplateFiles): CompiledTemplate {
  const template = compileTemplate(files);
  const [now, before] = fictionalGovernment(framework, 2, 1);
  // Six departments: at least five answer enough to be counted, so the peers section is rendered.
  const peers = buildPeerCohort(
    fictionalGovernment(framework, 6, 3).map((d) => score(framework, d.answers)),
    framework,
  );
  const sample = (answers: Answers, diagnostics: Diagnostic[] = []): ReadResult => ({
    meta: {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      contractVersion: '',
      department: now!.department,
      respondent: now!.respondent,
      role: now!.role,
      contact: now!.contact,
      date: SAMPLE_DATE.toISOString().slice(0, 10),
    },
    answers,
    diagnostics,
  });
  const element = framework.elements[0]!;
  const problem: Diagnostic = {
    severity: 'error',
    code: 'rating-off-scale',
    message: 'a sample problem',
    fix: 'pick a rating from the list',
    sheet: element.shortTitle,
    cell: 'D10',
    elementId: element.id,
  };
  const options = { now: SAMPLE_DATE };
  template.render(
    buildViewModel({
      framework,
      current: sample(now!.answers, [problem]),
      previous: sample(before!.answers),
      peers,
      options,
    }),
  );
  template.render(
    buildViewModel({ framework, current: sample(emptyAnswers(framework)), previous: null, options }),
  );
  // Two respondents consolidated: the respondents' annex and its disagreements.
  const merged = mergeReturns(
    framework,
    [
      { file: 'a.xlsx', read: sample(now!.answers) },
      { file: 'b.xlsx', read: sample(before!.answers) },
    ],
    DEFAULT_CONSOLIDATION_RULE,
    'apply-rule',
  );
  template.render(
    buildViewModel({
      framework,
      current: merged.read,
      consolidation: merged.summary,
      previous: null,
      options,
    }),
  );
  return template;
}
