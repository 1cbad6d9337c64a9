/**
 * Several returned workbooks of one department → one: the answers by the consolidation rule (or
 * with disagreements left empty, for a moderation meeting), the "Start here" details merged, every
 * respondent's diagnostics kept and labelled with their file. Pure: the callers read the files.
 */
import type { Framework } from '../framework/index.js';
import type { Diagnostic, ReadResult, WorkbookMeta } from '../workbook/read-result.js';
import {
  compareRespondents,
  consolidatedAnswers,
  departmentKey,
  respondentLabel,
  type Comparison,
  type ConsolidationRule,
  type DisagreementHandling,
} from './consolidate.js';
import { summariseComparison, type ConsolidationSummary, type RespondentRef } from './summary.js';

/** One returned workbook, read. */
export interface Return {
  /** The file's name as shown to people (no folder). */
  file: string;
  read: ReadResult;
}

export interface MergedReturns {
  read: ReadResult;
  comparison: Comparison;
  summary: ConsolidationSummary;
  /** Things the caller should tell the user, one line each (different departments, markings…). */
  warnings: string[];
}

const nonEmpty = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const unique = (xs: (string | undefined)[]) => [...new Set(xs.map(nonEmpty).filter((x) => x !== undefined))];

/** Labels that tell respondents apart: a repeated name or role gets its file name. */
function labelsOf(returns: readonly Return[]): RespondentRef[] {
  const base = returns.map((r, i) => respondentLabel(r.read.meta, r.file || `Respondent ${i + 1}`));
  return returns.map((r, i) => ({
    label: base.filter((b) => b === base[i]).length > 1 ? `${base[i]} [${r.file}]` : base[i]!,
    file: r.file,
  }));
}

export function mergeReturns(
  framework: Framework,
  returns: readonly Return[],
  rule: ConsolidationRule,
  handling: DisagreementHandling,
): MergedReturns {
  if (!returns.length) throw new Error('mergeReturns needs at least one returned workbook');
  const refs = labelsOf(returns);
  const respondents = returns.map((r, i) => ({ label: refs[i]!.label, answers: r.read.answers }));
  const comparison = compareRespondents(framework, respondents, rule);
  const answers = consolidatedAnswers(framework, respondents, comparison, handling);
  const metas = returns.map((r) => r.read.meta);
  const warnings: string[] = [];

  const departments = unique(metas.map((m) => m.department));
  if (new Set(departments.map(departmentKey)).size > 1)
    warnings.push(`the workbooks name different departments: ${departments.map((d) => `"${d}"`).join(', ')}`);
  const markings = unique(metas.map((m) => m.marking));
  if (markings.length > 1)
    warnings.push(
      `the workbooks carry different protective markings (${markings.join(', ')}); "${markings[0]}" is used: check it`,
    );
  const frameworks = unique(metas.map((m) => `${m.frameworkId} ${m.frameworkVersion}`));
  if (frameworks.length > 1)
    warnings.push(`the workbooks are for different framework versions: ${frameworks.join(', ')}`);

  const dates = unique(metas.map((m) => m.date)).sort();
  const contacts = unique(metas.map((m) => m.contact));
  const first = metas[0]!;
  const meta: WorkbookMeta = {
    frameworkId: first.frameworkId,
    frameworkVersion: first.frameworkVersion,
    contractVersion: first.contractVersion,
    ...(departments[0] ? { department: departments[0] } : {}),
    respondent: refs.map((r) => r.label).join('; '),
    ...(contacts.length ? { contact: contacts.join('; ') } : {}),
    // The latest date: the assessment is as of the last return.
    ...(dates.length ? { date: dates[dates.length - 1]! } : {}),
    ...(markings[0] ? { marking: markings[0] } : {}),
  };
  // Each respondent's problems stay theirs: the message names the file they are in.
  const diagnostics: Diagnostic[] = returns.flatMap((r) =>
    r.read.diagnostics.map((d) => (returns.length > 1 ? { ...d, message: `${r.file}: ${d.message}` } : d)),
  );
  return {
    read: { meta, answers, diagnostics },
    comparison,
    summary: summariseComparison(comparison, refs),
    warnings,
  };
}
