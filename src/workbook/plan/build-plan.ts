/** `buildPlan()`: the whole assessment workbook for a framework, as a {@link WorkbookPlan}. */
import type { Framework } from '../../framework/index.js';
import { emptyAnswers, score, type Answers } from '../../scoring/index.js';
import { CONTRACT_VERSION, SHEET, type FieldName } from '../contract.js';
import { elementSheet } from './element-sheet.js';
import { PlanError } from './layout.js';
import { metaSheet } from './meta-sheet.js';
import { startSheet } from './start-sheet.js';
import { planStyles } from './styles.js';
import { summarySheet } from './summary-sheet.js';
import type { WorkbookPlan } from './types.js';
import { formatModerationRecord, type ModerationRecord } from '../../round/moderation-record.js';

export interface PlanOptions {
  /** Pre-fills "Department / organisation" on Start here (shortcut for `fields.department`). */
  department?: string;
  /** Pre-fills fields of the "About you" table; `marking` defaults to OFFICIAL. */
  fields?: Partial<Record<FieldName, string>>;
  /** Who or what creates the workbook (document property and `_meta`). Default "dmf". */
  createdBy?: string;
  /** ISO 8601 creation time. Default: now. Pass one to get a reproducible plan. */
  createdAt?: string;
  /** Name and version of the program writing the workbook, recorded in `_meta`. */
  generator?: string;
  /**
   * Answers to pre-fill (already validated against the framework, e.g. by validateAnswers()).
   * Used for tests, benchmarks and "export my answers"; a blank template has none.
   */
  answers?: Answers;
  /**
   * Store the engine's results as the formulas' cached values (default true), so that viewers that
   * cannot calculate still show the right levels. false: store none, so only a recalculation
   * shows results (the LibreOffice equivalence test relies on this).
   */
  cachedResults?: boolean;
  /** An agreed workbook (`dmf moderate`): its sources and what is left to agree, kept in `_meta`. */
  moderation?: ModerationRecord;
}

export function buildPlan(framework: Framework, options: PlanOptions = {}): WorkbookPlan {
  const reserved = new Set(Object.values(SHEET).map((n) => n.toLowerCase()));
  for (const e of framework.elements) {
    if (reserved.has(e.shortTitle.toLowerCase())) {
      throw new PlanError(`element "${e.id}" cannot use the sheet name "${e.shortTitle}": it is reserved`);
    }
  }
  const answers = options.answers ?? null;
  if (answers && answers.frameworkId !== framework.id) {
    throw new PlanError(`the answers are for framework "${answers.frameworkId}", not "${framework.id}"`);
  }
  const cached =
    options.cachedResults === false ? null : score(framework, answers ?? emptyAnswers(framework));
  const styles = planStyles();
  const footer = framework.title;
  const createdAt = options.createdAt ?? new Date().toISOString();
  const createdBy = options.createdBy ?? 'dmf';
  const fields = { ...options.fields };
  if (options.department !== undefined) fields.department = options.department;

  const elements = framework.elements.map((e, i) =>
    elementSheet(framework, e, styles, answers, cached?.elements[i] ?? null, footer),
  );
  return {
    contractVersion: CONTRACT_VERSION,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    properties: {
      title: `${framework.title}: self-assessment${fields.department ? ` (${fields.department})` : ''}`,
      subject: `Digital maturity self-assessment (${framework.id} ${framework.version})`,
      creator: createdBy,
      created: createdAt,
    },
    styles,
    sheets: [
      startSheet(framework, styles, fields, footer),
      ...elements.map((e) => e.sheet),
      summarySheet(
        framework,
        styles,
        elements.map((e) => e.cells),
        cached,
        footer,
      ),
      metaSheet(
        framework,
        styles,
        {
          at: createdAt,
          by: createdBy,
          generator: options.generator ?? 'dgx-maturity',
        },
        options.moderation ? formatModerationRecord(options.moderation) : undefined,
      ),
    ],
    fullCalcOnLoad: true,
  };
}
