/**
 * The batch's work inside guarded workers, in two phases: each file is read and scored (safety
 * checks first), then — once the main thread has grouped the departments, consolidated several
 * respondents and computed the peers — each department's report is built from the answers sent
 * back. The main thread only groups, names and writes, so a workbook that exhausts memory or time
 * costs its own worker, nothing else.
 *
 * Each worker keeps the framework and the compiled template between files: compiling the
 * template and loading docx happen once per worker, not once per report.
 */
import { basename } from 'node:path';
import type { Framework } from '../framework/schema.js';
import type { CompiledTemplate, TemplateFiles } from '../report/index.js';
import type * as ReportModuleNamespace from '../report/index.js';
import { score, type ScoreResult } from '../scoring/score.js';
import { readWorkbookFile } from '../workbook/read/read-file.js';
import type { ReadResult } from '../workbook/read-result.js';
import type { ConsolidationSummary } from '../moderation/summary.js';
import type { PeerCohort } from '../report/peers.js';
import type { PreviousLevels } from '../report/build-view-model.js';
import { blockingDiagnostic } from '../workbook/read/diagnostic-codes.js';
import { zipPackage } from '../report/node/zip-package.js';

/** A report template that failed on one workbook's data: its `fix` travels through the guarded pool. */
class ReportTemplateFailed extends Error {
  override name = 'ReportTemplateFailed';
  readonly fix = 'correct the report template (--template) and run the batch again';
  constructor(detail: string) {
    super(`the report template failed on this workbook: ${detail}`);
  }
}

/**
 * A protective marking too long to print whole (src/report/brief-caps.ts): the workbook's own, typed
 * in its "About you" table, or the batch's --marking. Never shortened; the fix says which to change.
 */
class ReportMarkingTooLong extends Error {
  override name = 'ReportMarkingTooLong';
  readonly fix: string;
  constructor(detail: string, fromCommandLine: boolean) {
    super(detail);
    this.fix = fromCommandLine
      ? 'give a shorter --marking and run the batch again'
      : 'shorten the protective marking in the workbook’s “About you” table (or give one marking for every report with --marking) and run the batch again';
  }
}

/** Given once to every worker of the pool. */
export interface BatchWorkerData {
  /**
   * The framework in use, from the batch's own thread (the built-in one, or a file validated
   * there), by structured clone: plain data, the same framework. Not validated again: that would
   * load zod and its schemas in every worker (about 0.2 s of CPU each) to check what the command
   * has checked (as the reading worker of `dmf report` takes it: read-file-task.ts).
   */
  framework: Framework;
  templateFiles: TemplateFiles;
  /** Marking from the command line; undefined: each workbook's own, else OFFICIAL. */
  marking?: string;
  /** Fixed report date (tests and reproducible runs); default now. */
  now?: string;
}

/** Phase 1: safety checks, read and score one file. */
export interface ReadTask {
  kind: 'read';
  path: string;
}

/** Phase 2: the report of one department, from answers already read (and perhaps consolidated). */
export interface RenderTask {
  kind: 'render';
  /** The department's answers: one workbook's, or several respondents' consolidated (src/moderation). */
  read: ReadResult;
  /** Shown on the cover: the file, or the files, the answers came from. */
  sourceName: string;
  /** The previous round's result for the same department, for the change per element. */
  previous?: ReadResult;
  /** The previous round's levels alone (read from its results.csv), when there are no answers. */
  previousLevels?: PreviousLevels;
  previousFile?: string;
  /** Several respondents: who, how far they agreed, every disagreement (the report's annex). */
  consolidation: ConsolidationSummary | null;
  /** The batch's departments, for "How you compare" (src/report/peers.ts). */
  peers: PeerCohort | null;
}

export type ProcessTask = ReadTask | RenderTask;

export type ProcessedWorkbook =
  | {
      status: 'read';
      path: string;
      read: ReadResult;
      scores: ScoreResult;
      timings: { readMs: number; renderMs: number };
    }
  | { status: 'refused'; path: string; read: ReadResult; timings: { readMs: number; renderMs: number } }
  | {
      status: 'rendered';
      report: Uint8Array;
      renderMs: number;
      /** What the renderer said of the report, one line each (e.g. a page that may run over, so its page numbers were laid out). */
      notes: string[];
    };

type ReportModule = typeof ReportModuleNamespace;

let cached:
  | {
      framework: Framework;
      data: BatchWorkerData;
      report?: { module: ReportModule; template: CompiledTemplate };
    }
  | undefined;

function setUp(data: BatchWorkerData) {
  if (cached?.data !== data) cached = { framework: data.framework, data };
  return cached;
}

/**
 * The report modules (docx, Handlebars) and the compiled template, loaded at a worker's first
 * render task: the read phase does not need them, so the two workers read every workbook without
 * holding docx as well (less memory while reading, and a quicker start).
 */
async function reportTools(state: NonNullable<typeof cached>) {
  if (!state.report) {
    const module = await import('../report/index.js');
    state.report = { module, template: module.compileTemplate(state.data.templateFiles) };
  }
  return state.report;
}

/** The guarded worker's entry point (`exportName: 'processWorkbook'`). */
export async function processWorkbook(task: ProcessTask, data: BatchWorkerData): Promise<ProcessedWorkbook> {
  const state = setUp(data);
  const { framework } = state;
  if (task.kind === 'render') return render(task, data, framework, await reportTools(state));
  const t0 = performance.now();
  // The reader scores the answers it returns (to compare the levels the workbook showed): those.
  let scored = undefined as ScoreResult | undefined;
  const read = await readWorkbookFile(framework, task.path, { onScored: (s) => (scored = s) });
  const readMs = performance.now() - t0;
  if (blockingDiagnostic(read))
    return { status: 'refused', path: task.path, read, timings: { readMs, renderMs: 0 } };
  const scores = scored ?? score(framework, read.answers);
  return { status: 'read', path: task.path, read, scores, timings: { readMs, renderMs: 0 } };
}

async function render(
  task: RenderTask,
  data: BatchWorkerData,
  framework: Framework,
  { module, template }: { module: ReportModule; template: CompiledTemplate },
): Promise<ProcessedWorkbook> {
  const { buildViewModel, renderReport, TemplateError } = module;
  const t1 = performance.now();
  const vm = viewModelOrMarkingError(data, () =>
    buildViewModel({
      framework,
      current: task.read,
      previous: task.previous ?? null,
      ...(task.previousLevels ? { previousLevels: task.previousLevels } : {}),
      consolidation: task.consolidation,
      peers: task.peers,
      options: {
        ...(data.marking !== undefined ? { marking: data.marking } : {}),
        sourceName: task.sourceName,
        ...(task.previousFile ? { previousSourceName: basename(task.previousFile) } : {}),
        ...(data.now ? { now: new Date(data.now) } : {}),
      },
    }),
  );
  let report: Uint8Array;
  const notes: string[] = [];
  try {
    report = await renderReport(vm, template, { onWarning: (w) => notes.push(w), zip: zipPackage });
  } catch (e) {
    // The template was checked on sample departments before the run (./check-template.ts); a
    // branch only this workbook's data takes can still name a missing field. That is the
    // template's fault, not the workbook's, and the message says so.
    if (e instanceof TemplateError) throw new ReportTemplateFailed(e.message);
    throw e;
  }
  return { status: 'rendered', report, renderMs: performance.now() - t1, notes };
}

/** The view model, or the marking's error with the fix that names where the marking came from. */
function viewModelOrMarkingError<T>(data: BatchWorkerData, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof Error && e.name === 'MarkingError')
      throw new ReportMarkingTooLong(e.message, data.marking !== undefined);
    throw e;
  }
}
