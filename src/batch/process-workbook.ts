/**
 * One batch input, start to finish, inside a guarded worker: safety checks, read, score, and —
 * unless the report is up to date — build the report. The main thread only names and writes the
 * files, so a workbook that exhausts memory or time costs its own worker, nothing else.
 *
 * Each worker keeps the framework and the compiled template between files: compiling the
 * template and loading docx happen once per worker, not once per report.
 */
import { basename } from 'node:path';
import { parseFramework, type Framework } from '../framework/index.js';
import {
  compileTemplate,
  buildViewModel,
  renderReport,
  TemplateError,
  type CompiledTemplate,
  type TemplateFiles,
} from '../report/index.js';
import { score, type ScoreResult } from '../scoring/index.js';
import { readWorkbookFile } from '../workbook/read/read-file.js';
import type { ReadResult } from '../workbook/read-result.js';
import { blockingDiagnostic } from '../workbook/read/diagnostic-codes.js';

/** A report template that failed on one workbook's data: its `fix` travels through the guarded pool. */
class ReportTemplateFailed extends Error {
  override name = 'ReportTemplateFailed';
  readonly fix = 'correct the report template (--template) and run the batch again';
  constructor(detail: string) {
    super(`the report template failed on this workbook: ${detail}`);
  }
}

/** Given once to every worker of the pool. */
export interface BatchWorkerData {
  /** The framework in use, as JSON (validated again in the worker; cheap, and keeps the types honest). */
  framework: unknown;
  templateFiles: TemplateFiles;
  /** Marking from the command line; undefined: each workbook's own, else OFFICIAL. */
  marking?: string;
  /** Fixed report date (tests and reproducible runs); default now. */
  now?: string;
}

export interface ProcessTask {
  path: string;
  /** False when the report on disk is up to date: read and score only. */
  render: boolean;
  /** The previous round's result for the same department, for the change per element. */
  previous?: ReadResult;
  previousFile?: string;
}

export type ProcessedWorkbook =
  | {
      status: 'read';
      path: string;
      read: ReadResult;
      scores: ScoreResult;
      /** The report, when asked for. */
      report?: Uint8Array;
      timings: { readMs: number; renderMs: number };
    }
  | { status: 'refused'; path: string; read: ReadResult; timings: { readMs: number; renderMs: number } };

let cached: { framework: Framework; template: CompiledTemplate; data: BatchWorkerData } | undefined;

function setUp(data: BatchWorkerData) {
  if (cached?.data !== data) {
    cached = {
      framework: parseFramework(data.framework, 'framework'),
      template: compileTemplate(data.templateFiles),
      data,
    };
  }
  return cached;
}

/** The guarded worker's entry point (`exportName: 'processWorkbook'`). */
export async function processWorkbook(task: ProcessTask, data: BatchWorkerData): Promise<ProcessedWorkbook> {
  const { framework, template } = setUp(data);
  const t0 = performance.now();
  const read = await readWorkbookFile(framework, task.path);
  const readMs = performance.now() - t0;
  if (blockingDiagnostic(read))
    return { status: 'refused', path: task.path, read, timings: { readMs, renderMs: 0 } };

  const scores = score(framework, read.answers);
  if (!task.render)
    return { status: 'read', path: task.path, read, scores, timings: { readMs, renderMs: 0 } };

  const t1 = performance.now();
  const vm = buildViewModel({
    framework,
    current: read,
    previous: task.previous ?? null,
    options: {
      ...(data.marking !== undefined ? { marking: data.marking } : {}),
      sourceName: basename(task.path),
      ...(task.previousFile ? { previousSourceName: basename(task.previousFile) } : {}),
      ...(data.now ? { now: new Date(data.now) } : {}),
    },
  });
  let report: Uint8Array;
  try {
    report = await renderReport(vm, template);
  } catch (e) {
    // The template was checked on sample departments before the run (./check-template.ts); a
    // branch only this workbook's data takes can still name a missing field. That is the
    // template's fault, not the workbook's, and the message says so.
    if (e instanceof TemplateError) throw new ReportTemplateFailed(e.message);
    throw e;
  }
  return {
    status: 'read',
    path: task.path,
    read,
    scores,
    report,
    timings: { readMs, renderMs: performance.now() - t1 },
  };
}
