/**
 * `dmf batch`: many returned workbooks → one report per department, the cross-government summary,
 * the analysts' dataset and a log.
 *
 * - Every file is read in a guarded worker (memory and time limits); one bad file is listed with
 *   its reason and never stops the batch.
 * - Workers are long-lived (one per core by default) and keep the compiled template, so loading
 *   docx and compiling Handlebars happen once per worker.
 * - Outputs are written atomically (temporary name, then rename): an interrupted run leaves
 *   complete files or none. A file in the output folder that this tool did not write for the
 *   same input is never replaced.
 * - A re-run skips the report of an input whose content and options are unchanged (the log of the
 *   previous run says so), unless `force`; it still reads it for the summary and dataset.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Framework } from '../framework/index.js';
import {
  GuardedPool,
  FileNameAllocator,
  runGuarded,
  writeFileAtomic,
  type FileData,
  type GuardedResult,
} from '../io/index.js';
import type { TemplateFiles } from '../report/compile-template.js';
import { checkReportTemplate } from './check-template.js';
import { govDate } from '../report/format.js';
import type { ScoreResult } from '../scoring/index.js';
import { cleanLine } from '../text/safe-text.js';
import type { Diagnostic, ReadResult } from '../workbook/read-result.js';
import { answersTable, csvChunks, resultsTable, xlsxStream, type DatasetEntry } from './dataset.js';
import { collectInputs, type SkippedInput } from './inputs.js';
import type { BatchWorkerData, ProcessedWorkbook, ProcessTask } from './process-workbook.js';
import { buildSummaryModel, type SummaryEntry } from '../report/summary/summary-model.js';
import type { SummaryTask } from './summary-task.js';

export const LOG_FILE = 'batch-log.json';
export const REPORTS_DIR = 'reports';
export const OUTPUTS = {
  summary: 'summary.docx',
  resultsCsv: 'results.csv',
  answersCsv: 'answers.csv',
  resultsXlsx: 'results.xlsx',
} as const;

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  framework: Framework;
  templateFiles: TemplateFiles;
  /** Identifies the template in the log (name or folder). */
  templateName: string;
  marking?: string;
  /** Previous round: workbook files, folders or globs. */
  previous?: string[];
  force?: boolean;
  jobs: number;
  limits?: { timeoutMs?: number; maxOldGenerationSizeMb?: number };
  /** Fixed report date (reproducible runs); default now. */
  now?: Date;
  signal?: AbortSignal;
  /** The departments asked to respond (`--expected`), for the summary's response rate; none: nothing is claimed. */
  expected?: readonly string[];
  /** The template of summary.docx (templates/summary, or a user's own). */
  summaryTemplateFiles: TemplateFiles;
  onEvent?: (event: BatchEvent) => void;
}

export type BatchEvent =
  | { type: 'start'; total: number; previous: number }
  | { type: 'file'; done: number; total: number; entry: LogEntry }
  | { type: 'output'; path: string }
  | { type: 'note'; message: string };

export type FileStatus =
  /** Read and reported, no error diagnostics. */
  | 'reported'
  /** Read and reported, with item-level problems (listed in the report's data-quality section). */
  | 'reported-with-problems'
  /** Unchanged since the last run: the existing report is kept. */
  | 'unchanged'
  /** Could not be read or refused (not an assessment, another framework, unsafe, too slow…). */
  | 'failed'
  | 'cancelled';

export interface LogEntry {
  input: string;
  sha256: string | null;
  status: FileStatus;
  department: string | null;
  /** The report, relative to the output folder. */
  report: string | null;
  /** One line: why it failed. */
  reason: string | null;
  flags: string[];
  diagnostics: Diagnostic[];
  timings: { readMs: number; renderMs: number; totalMs: number };
}

export interface BatchLog {
  tool: 'dgx-maturity';
  logVersion: 1;
  startedAt: string;
  finishedAt: string;
  options: {
    framework: string;
    template: string;
    marking: string | null;
    previous: string[];
    optionsHash: string;
  };
  files: LogEntry[];
  skipped: SkippedInput[];
  missing: string[];
  outputs: string[];
  /** What went wrong with the run's own outputs (e.g. summary.docx could not be built), one line each. */
  problems: string[];
  totals: Record<FileStatus, number> & { skipped: number };
}

export interface BatchResult {
  log: BatchLog;
  logPath: string;
  /** 0 when every file succeeded, 1 when some failed. */
  exitCode: 0 | 1;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

async function fileHash(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    // Refuse to hash absurdly large files here: the guarded reader refuses them with a reason.
    if (info.size > 512 * 1024 * 1024) return null;
    return sha256(await readFile(path));
  } catch {
    return null;
  }
}

/** A department name compared across files and rounds: case, spaces and accents folded. */
export function departmentKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

async function readPreviousLog(outDir: string): Promise<BatchLog | undefined> {
  try {
    const log = JSON.parse(await readFile(join(outDir, LOG_FILE), 'utf8')) as BatchLog;
    return log.tool === 'dgx-maturity' && log.logVersion === 1 && Array.isArray(log.files) ? log : undefined;
  } catch {
    return undefined;
  }
}

const totalsOf = (files: LogEntry[], skipped: number): BatchLog['totals'] => {
  const totals = { reported: 0, 'reported-with-problems': 0, unchanged: 0, failed: 0, cancelled: 0, skipped };
  for (const f of files) totals[f.status]++;
  return totals;
};

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const startedAt = new Date().toISOString();
  // A broken template is the run's problem, not each workbook's: refuse it before reading anything.
  checkReportTemplate(options.framework, options.templateFiles);
  const emit = (e: BatchEvent) => options.onEvent?.(e);
  const outDir = options.outDir;
  const reportsDir = join(outDir, REPORTS_DIR);
  await mkdir(reportsDir, { recursive: true });

  const collected = await collectInputs(options.inputs);
  for (const s of collected.skipped) emit({ type: 'note', message: `${cleanLine(s.path)}: ${s.reason}` });
  for (const m of collected.missing)
    emit({ type: 'note', message: `${cleanLine(m)}: no such file, folder or matching file` });
  const previousInputs = options.previous ? await collectInputs(options.previous) : undefined;

  // Everything that changes a report's content, so an unchanged input with unchanged options
  // can keep its report.
  const optionsHash = sha256(
    JSON.stringify({
      framework: [options.framework.id, options.framework.version, sha256(JSON.stringify(options.framework))],
      template: Object.entries(options.templateFiles).sort(([a], [b]) => a.localeCompare(b)),
      marking: options.marking ?? null,
      previous: previousInputs?.files ?? [],
      now: options.now?.toISOString() ?? null,
    }),
  );
  const previousLog = await readPreviousLog(outDir);
  // The report each input had last time: kept when nothing changed, else rewritten under its name.
  const previousReports = new Map(
    (previousLog?.files ?? []).flatMap((f) => (f.report ? [[f.input, basename(f.report)] as const] : [])),
  );
  const previousEntries = new Map(
    (!options.force && previousLog?.options.optionsHash === optionsHash ? previousLog.files : [])
      .filter(
        (f) =>
          f.report &&
          f.sha256 &&
          (f.status === 'reported' || f.status === 'reported-with-problems' || f.status === 'unchanged'),
      )
      .map((f) => [f.input, f]),
  );
  const hashes = await Promise.all(collected.files.map(fileHash));
  // Reports kept as they are: same input content, same options, report still there.
  const kept = new Map<string, LogEntry>();
  for (const [i, path] of collected.files.entries()) {
    const before = previousEntries.get(path);
    if (before && hashes[i] && before.sha256 === hashes[i] && (await exists(join(outDir, before.report!)))) {
      kept.set(path, before);
    }
  }
  // Reports this tool wrote before may be replaced; any other file in the folder may not, and
  // kept reports keep their names.
  const ownReports = new Set(
    (previousLog?.files ?? []).flatMap((f) => (f.report ? [basename(f.report)] : [])),
  );
  const names = new FileNameAllocator([
    ...(await readdir(reportsDir)).filter((n) => !ownReports.has(n)),
    ...[...kept.values()].map((f) => basename(f.report!)),
  ]);

  const workerData: BatchWorkerData = {
    framework: options.framework,
    templateFiles: options.templateFiles,
    ...(options.marking !== undefined ? { marking: options.marking } : {}),
    ...(options.now ? { now: options.now.toISOString() } : {}),
  };
  const pool = new GuardedPool<ProcessTask, ProcessedWorkbook>({
    module: new URL('./process-workbook.js', import.meta.url),
    exportName: 'processWorkbook',
    size: Math.max(1, options.jobs),
    workerData,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const run = (task: ProcessTask, label: string): Promise<GuardedResult<ProcessedWorkbook>> =>
    pool.run(task, label, options.signal ? { signal: options.signal } : {});

  const previousByDepartment = new Map<string, { read: ReadResult; scores: ScoreResult; file: string }>();
  const files: LogEntry[] = [];
  const dataset: DatasetEntry[] = [];
  const summaryEntries: Omit<SummaryEntry, 'duplicateDepartment'>[] = [];
  const failures: { file: string; reason: string }[] = [];
  const outputs: string[] = [];
  const problems: string[] = [];
  try {
    emit({ type: 'start', total: collected.files.length, previous: previousInputs?.files.length ?? 0 });

    // The previous round is read first: each department's report compares with it.
    for (const outcome of await Promise.all(
      (previousInputs?.files ?? []).map((path) => run({ path, render: false }, path)),
    )) {
      if (!outcome.ok || outcome.value.status !== 'read') continue;
      const dept = outcome.value.read.meta.department;
      if (dept)
        previousByDepartment.set(departmentKey(dept), {
          read: outcome.value.read,
          scores: outcome.value.scores,
          file: outcome.value.path,
        });
    }
    if (previousInputs) {
      emit({
        type: 'note',
        message: `previous round: ${previousByDepartment.size} department(s) read from ${previousInputs.files.length} file(s)`,
      });
    }

    let done = 0;
    // Workbooks are processed in parallel but recorded in input order, so report names (and the
    // "(2)" of a second workbook for one department) do not depend on which worker finished first.
    let previousCommit: Promise<unknown> = Promise.resolve();
    await Promise.all(
      collected.files.map((path, i) => {
        const started = performance.now();
        const keep = kept.get(path);
        const processed = (async () => {
          let outcome = await run({ path, render: !keep && !previousInputs }, path);
          // The previous round is matched by the department named inside each workbook, so with
          // --previous a workbook is read first, then rendered with its department's previous round.
          if (outcome.ok && outcome.value.status === 'read' && previousInputs && !keep) {
            const dept = outcome.value.read.meta.department;
            const prev = dept ? previousByDepartment.get(departmentKey(dept)) : undefined;
            outcome = await run(
              { path, render: true, ...(prev ? { previous: prev.read, previousFile: prev.file } : {}) },
              path,
            );
          }
          return outcome;
        })();
        const commit = Promise.all([processed, previousCommit]).then(async ([outcome]) => {
          const entry = await record(path, hashes[i] ?? null, outcome, keep, performance.now() - started);
          files.push(entry);
          emit({ type: 'file', done: ++done, total: collected.files.length, entry });
        });
        previousCommit = commit;
        return commit;
      }),
    );
  } finally {
    await pool.close();
  }

  /** Turns one outcome into a log entry, writing its report. */
  async function record(
    path: string,
    hash: string | null,
    outcome: GuardedResult<ProcessedWorkbook>,
    kept: LogEntry | undefined,
    totalMs: number,
  ): Promise<LogEntry> {
    const base = { input: path, sha256: hash, flags: [] as string[], diagnostics: [] as Diagnostic[] };
    if (!outcome.ok) {
      const cancelled = outcome.failure.code === 'cancelled';
      const reason = `${outcome.failure.message} — ${outcome.failure.fix}`;
      if (!cancelled) failures.push({ file: basename(path), reason });
      return {
        ...base,
        status: cancelled ? 'cancelled' : 'failed',
        department: null,
        report: null,
        reason,
        timings: { readMs: 0, renderMs: 0, totalMs },
      };
    }
    const value = outcome.value;
    const diagnostics = value.read.diagnostics;
    if (value.status === 'refused') {
      const blocking = diagnostics.find((d) => d.severity === 'error');
      const reason = cleanLine(
        blocking ? `${blocking.message}${blocking.fix ? ` — ${blocking.fix}` : ''}` : 'not readable',
      );
      failures.push({ file: basename(path), reason });
      return {
        ...base,
        diagnostics,
        status: 'failed',
        department: null,
        report: null,
        reason,
        timings: { ...value.timings, totalMs },
      };
    }
    const department = value.read.meta.department?.trim() || null;
    const flags: string[] = [];
    if (!department) flags.push('department not given on the Start here sheet; the file name is used');
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) flags.push(`${errors} problem(s) in the workbook; see the report's Data quality section`);
    const lowConfidence = value.scores.elements.filter(
      (e) => e.assessed && e.confidence.rating === 'low',
    ).length;
    if (lowConfidence) flags.push(`${lowConfidence} element(s) with low confidence`);
    const name = department ?? basename(path).replace(/\.[^.]+$/, '');

    let report: string;
    if (kept?.report) {
      report = kept.report;
    } else {
      const before = previousReports.get(path);
      const fileName = before && names.claim(before) ? before : names.allocate(name, '.docx');
      report = join(REPORTS_DIR, fileName);
      // Our own earlier report for this input may be replaced; allocate() never hands out names
      // of files this tool did not write.
      await writeFileAtomic(join(outDir, report), value.report!, { overwrite: true });
    }
    const displayName = department ?? `${name} (department not given)`;
    dataset.push({
      department: displayName,
      file: relative(process.cwd(), path) || path,
      scores: value.scores,
      answers: value.read.answers,
    });
    summaryEntries.push({
      department: displayName,
      file: basename(path),
      scores: value.scores,
      answers: value.read.answers,
      errorCount: errors,
    });
    return {
      ...base,
      diagnostics,
      flags,
      status: kept ? 'unchanged' : errors ? 'reported-with-problems' : 'reported',
      department,
      report,
      reason: null,
      timings: { ...value.timings, totalMs },
    };
  }

  const cancelled = options.signal?.aborted === true;
  files.sort((a, b) => a.input.localeCompare(b.input));
  // Two workbooks for one department are both reported, and flagged.
  const byDepartment = new Map<string, LogEntry[]>();
  for (const f of files)
    if (f.department)
      byDepartment.set(departmentKey(f.department), [
        ...(byDepartment.get(departmentKey(f.department)) ?? []),
        f,
      ]);
  for (const group of byDepartment.values()) {
    if (group.length < 2) continue;
    for (const f of group)
      f.flags.push(
        `${group.length} workbooks for this department: ${group.map((g) => basename(g.input)).join(', ')}`,
      );
  }

  if (!cancelled) {
    const write = async (name: string, data: FileData) => {
      await writeFileAtomic(join(outDir, name), data, { overwrite: true });
      outputs.push(name);
      emit({ type: 'output', path: join(outDir, name) });
    };
    dataset.sort((a, b) => a.department.localeCompare(b.department) || a.file.localeCompare(b.file));
    const results = resultsTable(options.framework, dataset);
    const answers = answersTable(options.framework, dataset);
    await write(OUTPUTS.resultsCsv, csvChunks(results));
    await write(OUTPUTS.answersCsv, csvChunks(answers));
    await write(OUTPUTS.resultsXlsx, xlsxStream([results, answers]));
    const duplicateKeys = new Set([...byDepartment].filter(([, g]) => g.length > 1).map(([k]) => k));
    const model = buildSummaryModel(
      options.framework,
      summaryEntries.map((e) => ({
        ...e,
        duplicateDepartment: duplicateKeys.has(departmentKey(e.department)),
      })),
      failures,
      {
        generatedOn: govDate(options.now ?? new Date()),
        ...(options.marking !== undefined ? { marking: options.marking } : {}),
        ...(options.expected ? { expected: options.expected } : {}),
        ...(previousInputs
          ? {
              previous: (department: string) => previousByDepartment.get(departmentKey(department))?.scores,
            }
          : {}),
      },
    );
    const summary = await runGuarded<SummaryTask, Uint8Array>(
      {
        module: new URL('./summary-task.js', import.meta.url),
        exportName: 'renderSummaryTask',
        arg: { model, templateFiles: options.summaryTemplateFiles },
        label: OUTPUTS.summary,
      },
      {
        limits: summaryLimits(options.limits),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    if (summary.ok) await write(OUTPUTS.summary, summary.value);
    else if (summary.failure.code !== 'cancelled')
      problems.push(
        cleanLine(`${OUTPUTS.summary} not written: ${summary.failure.message} — ${summary.failure.fix}`),
      );
  }
  for (const p of problems) emit({ type: 'note', message: p });

  const log: BatchLog = {
    tool: 'dgx-maturity',
    logVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    options: {
      framework: `${options.framework.id} ${options.framework.version}`,
      template: options.templateName,
      marking: options.marking ?? null,
      previous: previousInputs?.files ?? [],
      optionsHash,
    },
    files,
    skipped: collected.skipped,
    missing: collected.missing,
    outputs,
    problems,
    totals: totalsOf(files, collected.skipped.length),
  };
  const logPath = join(outDir, LOG_FILE);
  await writeFileAtomic(logPath, `${JSON.stringify(log, null, 2)}\n`, { overwrite: true });
  const failed =
    files.some((f) => f.status === 'failed' || f.status === 'cancelled') ||
    collected.missing.length > 0 ||
    problems.length > 0;
  return { log, logPath, exitCode: failed ? 1 : 0 };
}

/**
 * The summary's worker gets the batch's time limit ten times over and at least 1 GB of heap: it
 * holds every department at once, so it grows with the batch (500 departments: about 40 MB of
 * Word objects, and as much again while it is packed). A small young generation keeps the
 * process’s peak down at the end of a large batch (500 departments: 434 → 413 MB, in about the
 * same time); the summary is built once, so its speed matters little.
 */
function summaryLimits(limits: BatchOptions['limits']): {
  timeoutMs: number;
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
} {
  return {
    maxYoungGenerationSizeMb: 4,
    timeoutMs: Math.max(600_000, 10 * (limits?.timeoutMs ?? 60_000)),
    maxOldGenerationSizeMb: Math.max(1024, limits?.maxOldGenerationSizeMb ?? 0),
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
