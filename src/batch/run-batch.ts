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
import { readdir, readFile, mkdir, stat, unlink } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Framework } from '../framework/index.js';
import {
  GuardedPool,
  FileNameAllocator,
  runGuarded,
  writeFileAtomic,
  type FileData,
  type GuardedResult,
  type GuardLimits,
} from '../io/index.js';
import type { TemplateFiles } from '../report/compile-template.js';
import { checkReportTemplate } from './check-template.js';
import { govDate } from '../report/format.js';
import { answersNotCounted } from '../report/data-quality.js';
import type { ScoreResult } from '../scoring/index.js';
import { cleanLine } from '../text/safe-text.js';
import type { Diagnostic, ReadResult } from '../workbook/read-result.js';
import type { DatasetEntry } from './dataset.js';
import { writeDataPackage, DATA_PACKAGE_FILE } from './write-data-package.js';
import { StringPool, compactReadResult, shareStrings } from './compact-read.js';
import type { DepartmentRecord, RespondentRecord } from './package-tables.js';
import { collectInputs, withoutOutputFolder, type SkippedInput } from './inputs.js';
import { applyRoundRules, type RegisterMatchLog } from '../round/round-rules.js';
import { matchDepartment, registerOfNames, type Register } from '../round/register.js';
import type { SupersededWhy } from '../round/returns.js';
import { notReturnedCsv, type MissingDepartment } from '../round/not-returned.js';
import { JOURNAL_FILE, Journal, hasContent, readJournal, sha256Hex } from './journal.js';
import { acquireOutputLock } from './lock.js';
import { fileHashes } from './file-hashes.js';
import type { BatchWorkerData, ProcessedWorkbook, ProcessTask } from './process-workbook.js';
import {
  buildSummaryModel,
  type SummaryEntry,
  type SummaryViewModel,
} from '../report/summary/summary-model.js';
import { buildGroupCohorts, buildPeerCohort, cohortFor, type PeerCohort } from '../report/peers.js';
import type { SummaryTask } from './summary-task.js';
import { setHeapGrowth } from './heap-growth.js';
import {
  DEFAULT_CONSOLIDATION_RULE,
  departmentKey,
  respondentLabel,
  mergeReturns,
  type ConsolidationRule,
  type ConsolidationSummary,
} from '../moderation/index.js';
import { score } from '../scoring/index.js';
import {
  PreviousRoundError,
  RoundMatcher,
  indexPreviousRound,
  readResultsTables,
  sortPreviousSources,
  type PreviousDepartment,
} from '../round/previous-round.js';

export const LOG_FILE = 'batch-log.json';
export const REPORTS_DIR = 'reports';
/** With a register (`--expected`): the departments asked that have not returned, with their contact. */
export const NOT_RETURNED_CSV = 'not-returned.csv';
export const OUTPUTS = {
  summary: 'summary.docx',
  resultsCsv: 'results.csv',
  answersCsv: 'answers.csv',
  resultsXlsx: 'results.xlsx',
  dataPackage: DATA_PACKAGE_FILE,
} as const;

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  framework: Framework;
  templateFiles: TemplateFiles;
  /** Identifies the template in the log (name or folder). */
  templateName: string;
  marking?: string;
  /** Previous round: its output folder or results.csv, or its workbook files, folders or globs (src/round/previous-round.ts). */
  previous?: string[];
  force?: boolean;
  jobs: number;
  limits?: { timeoutMs?: number; maxOldGenerationSizeMb?: number };
  /** Fixed report date (reproducible runs); default now. */
  now?: Date;
  signal?: AbortSignal;
  /** The departments asked to respond (`--expected`), for the summary's response rate; none: nothing is claimed. */
  expected?: readonly string[];
  /**
   * The register of the round (`--expected LIST.csv`, src/round/register.ts): returns are matched to
   * it and take its official names; who has not returned is listed with its contact. Without it,
   * `expected` (names only) is used as a register. Departments are matched to last round through it too.
   */
  register?: Register;
  /** The template of summary.docx (templates/summary, or a user's own). */
  summaryTemplateFiles: TemplateFiles;
  /**
   * Several workbooks naming one department make one report, their answers consolidated by
   * `consolidationRule` (default true). false: one report per workbook, duplicates flagged.
   */
  consolidate?: boolean;
  /** How several respondents' ratings become one (docs/moderation.md); default median. */
  consolidationRule?: ConsolidationRule;
  /**
   * The register's group of a department, by the name on its workbook (null: none). When given,
   * the summary compares groups and "How you compare" uses the department's own group when it has
   * at least 5 counted members (src/report/peers.ts `cohortFor`).
   */
  groupOf?: (department: string) => string | null;
  /** The round's name in the dataset (results.csv's Round, datapackage.json); default the run's date. */
  round?: string;
  onEvent?: (event: BatchEvent) => void;
  /**
   * The process is this run's own (the `dmf` command line): V8's heap growth is set for each phase
   * (heap-growth.ts) and given back to V8 when the run ends. Default false: a program that runs a
   * batch in its own process keeps its V8 as it is.
   */
  tuneHeap?: boolean;
}

export type BatchEvent =
  | { type: 'start'; total: number; previous: number }
  /** Phase 1: one more workbook read and scored. */
  | { type: 'read'; done: number; total: number; path: string }
  /** Phase 2: a file's report written (or kept), or the file failed. */
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
  /**
   * Read, but another return stands for it (src/round/returns.ts): an identical copy, an earlier
   * version by the same respondent, or a source of an agreed workbook. Not counted.
   */
  | 'superseded'
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
  /** Status `superseded`: the input that stands for this one (and `reason` says why); else null. */
  supersededBy: string | null;
  /** Why it is superseded: an identical `copy`, an `older` version, or `moderated` into an agreed workbook. */
  superseded: SupersededWhy | null;
  /** The inputs this one stands for (copies, earlier versions, moderated sources), and why. */
  standsFor: { input: string; why: SupersededWhy }[];
  /** With a register: how the department was matched to it; null when not on it, or without a register. */
  register: RegisterMatchLog | null;
}

/** One department's report: its inputs (several respondents, consolidated) and their agreement. */
export interface DepartmentEntry {
  department: string;
  /** The workbooks it was made from, in input order. */
  inputs: string[];
  /** The report, relative to the output folder; null when it could not be built. */
  report: string | null;
  status: 'reported' | 'unchanged' | 'failed' | 'cancelled';
  /**
   * Hash of everything the report is made from (every input's path and content, the options, the
   * consolidation rule, the peers): a re-run keeps the report when it is unchanged.
   */
  reportKey: string | null;
  respondents: number;
  /** Several respondents: the headline, the rule and every disagreement; null for one. */
  consolidation: ConsolidationSummary | null;
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
    /** The consolidation rule, or null with --no-consolidate. */
    consolidation: ConsolidationRule | null;
  };
  files: LogEntry[];
  /** One per report: the department, the files it was made from, how far respondents agreed. */
  departments: DepartmentEntry[];
  skipped: SkippedInput[];
  /**
   * The register's departments with no return that counts (with `--expected`), in its order, with
   * their contact; also written to not-returned.csv. [] without a register. (Before the register,
   * this held input arguments that named no file; those are now `inputsNotFound`.)
   */
  missing: MissingDepartment[];
  /** Input arguments that named nothing (a missing file, a pattern that matched nothing). */
  inputsNotFound: string[];
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
  /** What summary.docx shows (its view model); null when the run was cancelled before it. */
  summary: SummaryViewModel | null;
}

/** A department name compared across files and rounds (src/moderation: case, spaces, punctuation). */
export { departmentKey };

async function readPreviousLog(outDir: string): Promise<BatchLog | undefined> {
  try {
    const log = JSON.parse(await readFile(join(outDir, LOG_FILE), 'utf8')) as BatchLog;
    return log.tool === 'dgx-maturity' && log.logVersion === 1 && Array.isArray(log.files) ? log : undefined;
  } catch {
    return undefined;
  }
}

const totalsOf = (files: LogEntry[], skipped: number): BatchLog['totals'] => {
  const totals = {
    reported: 0,
    'reported-with-problems': 0,
    unchanged: 0,
    failed: 0,
    cancelled: 0,
    superseded: 0,
    skipped,
  };
  for (const f of files) totals[f.status]++;
  return totals;
};

/**
 * Runs the batch while holding its output folder (src/batch/lock.ts): a second run on the same
 * folder is refused with OutputLockedError, which names the holder.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  // A broken template is the run's problem, not each workbook's: refuse it before reading anything.
  checkReportTemplate(options.framework, options.templateFiles);
  await mkdir(options.outDir, { recursive: true });
  const lock = await acquireOutputLock(options.outDir);
  try {
    return await runBatchHoldingFolder(options);
  } finally {
    if (options.tuneHeap) setHeapGrowth(null);
    await lock.release();
  }
}

async function runBatchHoldingFolder(options: BatchOptions): Promise<BatchResult> {
  const startedAt = new Date().toISOString();
  const emit = (e: BatchEvent) => options.onEvent?.(e);
  const outDir = options.outDir;
  const reportsDir = join(outDir, REPORTS_DIR);
  const consolidate = options.consolidate !== false;
  const rule = options.consolidationRule ?? DEFAULT_CONSOLIDATION_RULE;
  await mkdir(reportsDir, { recursive: true });

  // The output folder is never an input (a folder of returns with "out" inside it).
  const collected = withoutOutputFolder(await collectInputs(options.inputs), outDir, options.inputs);
  const register = options.register ?? (options.expected ? registerOfNames(options.expected) : undefined);
  // A department's group: the caller's, else the register's Group column (departments carry the
  // register's official name by the time groups are asked for).
  const groupOf = (department: string): string | null =>
    options.groupOf?.(department)?.trim() ||
    (register ? (matchDepartment(register, department)?.entry.group?.trim() ?? null) : null) ||
    null;
  const hasGroups = options.groupOf !== undefined || (register?.entries.some((e) => e.group) ?? false);
  for (const s of collected.skipped) emit({ type: 'note', message: `${cleanLine(s.path)}: ${s.reason}` });
  for (const m of collected.missing)
    emit({ type: 'note', message: `${cleanLine(m)}: no such file, folder or matching file` });
  // Last round: results tables (an output folder, a results.csv) are read now; workbooks in phase 1.
  const previousSources = options.previous ? await sortPreviousSources(options.previous) : undefined;
  const previousTables = previousSources
    ? await readResultsTables(previousSources.tables, options.framework)
    : [];
  const previousInputs = previousSources?.workbooks.length
    ? await collectInputs(previousSources.workbooks)
    : undefined;
  const previousFiles = [...(previousSources?.tables ?? []), ...(previousInputs?.files ?? [])];
  const nothingPrevious = () =>
    new PreviousRoundError(
      `--previous ${options.previous!.join(' ')}: no previous result read from ${previousFiles.length} file(s); ` +
        'give the previous round’s output folder, its results.csv, or its returned workbooks',
    );
  // Checked before this round's workbooks are read: a wrong --previous should not cost a whole read.
  if (previousSources && !previousFiles.length) throw nothingPrevious();
  const roundMatcher = new RoundMatcher(register);

  // Everything that changes every report's content. A department's report also depends on its
  // inputs and the peers: see reportKey below.
  const optionsHash = sha256Hex(
    JSON.stringify({
      framework: [
        options.framework.id,
        options.framework.version,
        sha256Hex(JSON.stringify(options.framework)),
      ],
      template: Object.entries(options.templateFiles).sort(([a], [b]) => a.localeCompare(b)),
      marking: options.marking ?? null,
      // The previous round by content too: a corrected previous workbook changes the comparison.
      previous: await fileHashes(previousFiles).then((h) => previousFiles.map((p, i) => [p, h[i]])),
      // The register decides which previous result a department is compared with.
      previousMatching: previousSources && register ? register.entries : null,
      now: options.now?.toISOString() ?? null,
      consolidation: consolidate ? rule : null,
    }),
  );
  const previousLog = await readPreviousLog(outDir);
  // What a run killed part way wrote after that log (src/batch/journal.ts): newer, so it wins.
  const journalled = await readJournal(outDir);
  // The report each input had last time: its name is kept when the report is rewritten.
  const previousReports = new Map([
    ...(previousLog?.files ?? []).flatMap((f) => (f.report ? [[f.input, basename(f.report)] as const] : [])),
    ...[...journalled.reportOf].map(([input, report]) => [input, basename(report)] as const),
  ]);
  // Reports of the last run by what they were made from (reportKey): kept when nothing changed
  // (a journalled report also only when its bytes are those the journal recorded).
  const previousByKey = new Map<string, { report: string; sha256?: string }>(
    options.force
      ? []
      : [
          ...(previousLog?.departments ?? []).flatMap((d) =>
            d.report && d.reportKey && (d.status === 'reported' || d.status === 'unchanged')
              ? [[d.reportKey, { report: d.report }] as const]
              : [],
          ),
          ...journalled.written,
        ],
  );
  const hashes = await fileHashes(collected.files);
  // The file's time decides between two versions by one respondent that give the same date.
  const modified = await Promise.all(
    collected.files.map((p) =>
      stat(p).then(
        (i) => i.mtimeMs,
        () => null,
      ),
    ),
  );

  const workerData: BatchWorkerData = {
    framework: options.framework,
    templateFiles: options.templateFiles,
    ...(options.marking !== undefined ? { marking: options.marking } : {}),
    ...(options.now ? { now: options.now.toISOString() } : {}),
  };
  const workers = (limits: Partial<GuardLimits> | undefined) =>
    new GuardedPool<ProcessTask, ProcessedWorkbook>({
      module: new URL('./process-workbook.js', import.meta.url),
      exportName: 'processWorkbook',
      size: Math.max(1, options.jobs),
      workerData,
      ...(limits ? { limits } : {}),
    });
  // Phase 1 reads the returned workbooks, untrusted input, under the caps given (`--memory`);
  // phase 2 renders from the answers read, in a pool of its own with room to collect less often
  // (renderLimits). The read pool is closed before the render pool starts.
  const readPool = workers(readLimits(options.limits, options.tuneHeap));
  let renderPool: GuardedPool<ProcessTask, ProcessedWorkbook> | undefined;
  const runIn =
    (pool: GuardedPool<ProcessTask, ProcessedWorkbook>) =>
    (task: ProcessTask, label: string): Promise<GuardedResult<ProcessedWorkbook>> =>
      pool.run(task, label, options.signal ? { signal: options.signal } : {});
  const run = runIn(readPool);

  let previousByDepartment = new Map<string, PreviousDepartment>();
  const files: LogEntry[] = [];
  const departments: DepartmentEntry[] = [];
  const dataset: DepartmentRecord[] = [];
  const respondentsDataset: DatasetEntry[] = [];
  // Paths in the dataset are relative to the output folder, where the dataset is (not to where the
  // command ran): the package can be moved with its inputs' folder beside it.
  const datasetPath = (p: string) => relative(outDir, p).split(sep).join('/') || p;
  const respondentOf = new Map<string, RespondentRecord>();
  const summaryEntries: Omit<SummaryEntry, 'duplicateDepartment'>[] = [];
  const failures: { file: string; reason: string }[] = [];
  const outputs: string[] = [];
  const problems: string[] = [];
  let summaryModel: SummaryViewModel | null = null;
  const notReturnedList: MissingDepartment[] = [];
  let names = new FileNameAllocator();
  let journal: Journal | undefined;
  try {
    emit({ type: 'start', total: collected.files.length, previous: previousInputs?.files.length ?? 0 });

    // Phase 1: every workbook (this round's and the previous one's) is read and scored in the
    // workers. Only the answers come back (compact), never a workbook.
    let readCount = 0;
    // This thread keeps every result to the end: held compactly (./compact-read.ts), one copy of
    // each text across the round; the pool itself is dropped with this phase.
    const strings = new StringPool();
    const readAll = (paths: readonly string[], count: boolean) =>
      Promise.all(
        paths.map(async (path) => {
          const outcome = await run({ kind: 'read', path }, path);
          if (outcome.ok && outcome.value.status !== 'rendered') {
            compactReadResult(outcome.value.read, strings);
            if (outcome.value.status === 'read') shareStrings(outcome.value.scores, strings);
          }
          if (count) emit({ type: 'read', done: ++readCount, total: collected.files.length, path });
          return outcome;
        }),
      );
    const [previousOutcomes, outcomes] = await Promise.all([
      readAll(previousInputs?.files ?? [], false),
      readAll(collected.files, true),
    ]);

    // The previous round, grouped and consolidated the same way: each report compares with it.
    const previousReads = previousOutcomes.flatMap((o) =>
      o.ok && o.value.status === 'read' ? [{ path: o.value.path, read: o.value.read }] : [],
    );
    const previousDepartments = [...previousTables];
    for (const group of groupReturns(previousReads, consolidate)) {
      if (!group.key) continue;
      const read = group.members.length > 1 ? mergeGroup(group.members).read : group.members[0]!.read;
      previousDepartments.push({
        department: read.meta.department!.trim(),
        source: group.members.map((m) => basename(m.path)).join(', '),
        date: read.meta.date?.trim() || null,
        elements: score(options.framework, read.answers).elements.map((e) => ({ id: e.id, level: e.level })),
        read,
      });
    }
    previousByDepartment = indexPreviousRound(previousDepartments, roundMatcher);
    for (const w of roundMatcher.warnings) emit({ type: 'note', message: cleanLine(w) });
    if (previousSources) {
      // Nothing to compare with is a wrong --previous, not a round in which everyone is new.
      if (!previousByDepartment.size) throw nothingPrevious();
      emit({
        type: 'note',
        message: `previous round: ${previousByDepartment.size} department(s) read from ${previousFiles.length} file(s)`,
      });
    }

    // Each file's own log entry; those that could not be read are final here.
    const entries = collected.files.map((path, i) => fileEntry(path, hashes[i] ?? null, outcomes[i]!));
    const readReturns = collected.files.flatMap((path, i) => {
      const o = outcomes[i]!;
      return o.ok && o.value.status === 'read'
        ? [
            {
              path,
              read: o.value.read,
              scores: o.value.scores,
              entry: entries[i]!,
              sha256: hashes[i] ?? null,
              modifiedMs: modified[i] ?? null,
            },
          ]
        : [];
    });
    // The rules of the round (src/round): register names, one return per respondent, agreed
    // workbooks standing for their sources. Only the returns that stand are counted.
    const round = applyRoundRules(readReturns, register);
    for (const line of round.notes) emit({ type: 'note', message: cleanLine(line) });
    for (const r of readReturns) {
      r.entry.register = round.matches.get(r.path) ?? null;
      r.entry.flags.push(...(round.flags.get(r.path) ?? []));
      r.entry.standsFor = round.standsFor.get(r.path) ?? [];
      // The register's official name, for superseded files too.
      r.entry.department = round.matches.get(r.path)?.department ?? r.entry.department;
    }
    for (const s of round.superseded) {
      Object.assign(s.item.entry, {
        status: 'superseded',
        supersededBy: s.by,
        superseded: s.why,
        reason: s.message,
      } satisfies Partial<LogEntry>);
    }
    const readable = round.standing.map((r) => ({
      ...r,
      entry: Object.assign(r.entry, { department: r.read.meta.department?.trim() || null }),
    }));
    notReturnedList.push(
      ...round.notReturned.map((e) => ({
        department: e.name,
        codes: e.codes,
        contact: e.contact,
        group: e.group,
      })),
    );
    for (const r of readable) {
      const respondent: RespondentRecord = {
        label: respondentLabel(r.read.meta, basename(r.path)),
        file: datasetPath(r.path),
        answers: r.read.answers,
      };
      respondentOf.set(r.path, respondent);
      respondentsDataset.push({
        department: r.entry.department ?? `${stem(r.path)} (department not given)`,
        file: respondent.file,
        scores: r.scores,
        answers: r.read.answers,
        respondent: respondent.label,
      });
    }

    // Group by the department named on "Start here" (normalised); with --no-consolidate, or
    // without a department, each workbook is its own group.
    const groups = groupReturns(readable, consolidate).map((g) => {
      const merged = g.members.length > 1 ? mergeGroup(g.members) : undefined;
      const first = g.members[0]!;
      return {
        ...g,
        read: merged?.read ?? first.read,
        scores: merged ? score(options.framework, merged.read.answers) : first.scores,
        summary: merged?.summary ?? null,
        warnings: merged?.warnings ?? [],
      };
    });
    for (const g of groups) for (const w of g.warnings) emit({ type: 'note', message: cleanLine(w) });
    const several = groups.filter((g) => g.members.length > 1).length;
    emit({
      type: 'note',
      message:
        `${readable.length} of ${collected.files.length} workbook(s) read: ${groups.length} report(s) to build` +
        (several ? `, ${several} of them from several respondents (${rule} rule)` : ''),
    });

    // ───────────────────────────────────────────────────────────────────────────────────────────
    // The peer cohort ("How you compare"): computed once, from every department's (consolidated)
    // ScoreResult, and passed to each render task as `peers`; the rule of who is counted lives in
    // src/report/peers.ts (the same as the summary's). Fewer than 5 counted: no section.
    const peers = buildPeerCohort(
      groups.map((g) => g.scores),
      options.framework,
    );
    // With the register's groups, a department is compared with its own group when it has 5 counted.
    const groupOfRead = (read: ReadResult) => groupOf(read.meta.department?.trim() ?? '');
    const groupCohorts = hasGroups
      ? buildGroupCohorts(
          groups.map((g) => ({ scores: g.scores, group: groupOfRead(g.read) })),
          options.framework,
        )
      : new Map<string, PeerCohort>();
    // ───────────────────────────────────────────────────────────────────────────────────────────
    const peersHash = sha256Hex(JSON.stringify([peers, [...groupCohorts]]));

    // A report is kept when everything it is made from is unchanged: every input of its group
    // (path and content), the options, the consolidation rule and the peers.
    const reportKey = (members: readonly { path: string; entry: LogEntry }[]) =>
      members.every((m) => m.entry.sha256)
        ? sha256Hex(
            JSON.stringify({ optionsHash, peersHash, inputs: members.map((m) => [m.path, m.entry.sha256]) }),
          )
        : null;
    const keyed = await Promise.all(
      groups.map(async (g) => {
        const key = reportKey(g.members);
        const before = key ? previousByKey.get(key) : undefined;
        const complete =
          before &&
          (before.sha256
            ? await hasContent(join(outDir, before.report), before.sha256)
            : await exists(join(outDir, before.report)));
        const kept = complete ? before : undefined;
        return { ...g, reportKey: key, kept };
      }),
    );
    // Reports this tool wrote before may be replaced; any other file in the folder may not, and
    // kept reports keep their names.
    const ownReports = new Set([
      ...(previousLog?.files ?? []).flatMap((f) => (f.report ? [basename(f.report)] : [])),
      ...(previousLog?.departments ?? []).flatMap((d) => (d.report ? [basename(d.report)] : [])),
      ...[...journalled.claimed].map((r) => basename(r)),
    ]);
    names = new FileNameAllocator([
      ...(await readdir(reportsDir)).filter((n) => !ownReports.has(n)),
      ...keyed.flatMap((g) => (g.kept ? [basename(g.kept.report)] : [])),
    ]);
    journal = await Journal.open(outDir);

    await readPool.close();
    if (options.tuneHeap) setHeapGrowth('render');
    renderPool = workers(renderLimits(options.limits, options.tuneHeap));
    const render = runIn(renderPool);

    // Phase 2: the reports, rendered in parallel, written and logged in input order (so names,
    // and the "(2)" of a second department of one name, do not depend on which worker finished first).
    let done = 0;
    let previousCommit: Promise<unknown> = Promise.resolve();
    await Promise.all(
      keyed.map((g) => {
        const started = performance.now();
        const prev = previousOf(g.read.meta.department);
        const rendered: Promise<GuardedResult<ProcessedWorkbook> | undefined> = g.kept
          ? Promise.resolve(undefined)
          : render(
              {
                kind: 'render',
                read: g.read,
                sourceName: g.members.map((m) => basename(m.path)).join(', '),
                ...(prev
                  ? prev.read
                    ? { previous: prev.read, previousFile: prev.source }
                    : { previousLevels: prev, previousFile: prev.source }
                  : {}),
                consolidation: g.summary,
                peers: cohortFor(groupOfRead(g.read), groupCohorts, peers),
              },
              g.members[0]!.path,
            );
        const commit = Promise.all([rendered, previousCommit]).then(async ([outcome]) => {
          await recordGroup(g, outcome, performance.now() - started);
          for (const m of g.members)
            emit({ type: 'file', done: ++done, total: collected.files.length, entry: m.entry });
        });
        previousCommit = commit;
        return commit;
      }),
    );
    // Files that failed in phase 1, or that another return stands for, are reported after the others.
    for (const e of entries)
      if (e.status === 'failed' || e.status === 'cancelled' || e.status === 'superseded')
        emit({ type: 'file', done: ++done, total: collected.files.length, entry: e });
    files.push(...entries);
  } finally {
    await readPool.close();
    await renderPool?.close();
    await journal?.close();
  }
  // The summary's worker and the dataset, on this thread, hold the most at once of the run.
  if (options.tuneHeap) setHeapGrowth('finish');

  /** The log entry of one file after phase 1; a readable file's report comes with its group. */
  function fileEntry(path: string, hash: string | null, outcome: GuardedResult<ProcessedWorkbook>): LogEntry {
    const base = {
      input: path,
      sha256: hash,
      flags: [] as string[],
      diagnostics: [] as Diagnostic[],
      supersededBy: null,
      superseded: null,
      standsFor: [],
      register: null,
    };
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
        timings: { readMs: 0, renderMs: 0, totalMs: 0 },
      };
    }
    const value = outcome.value;
    if (value.status === 'rendered') throw new Error('a read task returned a report');
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
        timings: { ...value.timings, totalMs: value.timings.readMs },
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
    return {
      ...base,
      diagnostics,
      flags,
      status: errors ? 'reported-with-problems' : 'reported',
      department,
      report: null,
      reason: null,
      timings: { ...value.timings, totalMs: value.timings.readMs },
    };
  }

  /** Writes one department's report (or keeps it) and completes its files' log entries. */
  async function recordGroup(
    g: ReturnGroup<{ path: string; entry: LogEntry; scores: ScoreResult }> & {
      read: ReadResult;
      scores: ScoreResult;
      summary: ConsolidationSummary | null;
      reportKey: string | null;
      kept: { report: string } | undefined;
    },
    outcome: GuardedResult<ProcessedWorkbook> | undefined,
    totalMs: number,
  ): Promise<void> {
    const first = g.members[0]!;
    const department = g.read.meta.department?.trim() || null;
    const name = department ?? stem(first.path);
    const displayName = department ?? `${name} (department not given)`;
    const inputs = g.members.map((m) => m.path);
    let report: string | null = null;
    let status: DepartmentEntry['status'];
    let failure: string | null = null;
    if (g.kept) {
      report = g.kept.report;
      status = 'unchanged';
    } else if (!outcome!.ok) {
      status = outcome!.failure.code === 'cancelled' ? 'cancelled' : 'failed';
      // Phase 2: the workbooks were read; building the department's report failed (the pool's
      // message speaks of reading, so say which step it was).
      failure = `building the report failed: ${outcome!.failure.message} — ${outcome!.failure.fix}`;
    } else {
      const value = outcome!.value;
      if (value.status !== 'rendered') throw new Error('a render task returned no report');
      const before = g.members.map((m) => previousReports.get(m.path)).find((b) => b !== undefined);
      const fileName = before && names.claim(before) ? before : names.allocate(name, '.docx');
      report = join(REPORTS_DIR, fileName);
      // Journalled before and after: a run killed between the two still knows the name as its own.
      const announced = { report, inputs, reportKey: g.reportKey, sha256: sha256Hex(value.report) };
      await journal!.append({ event: 'writing', ...announced });
      // Our own earlier report for these inputs may be replaced; allocate() never hands out names
      // of files this tool did not write.
      await writeFileAtomic(join(outDir, report), value.report, { overwrite: true });
      await journal!.append({ event: 'written', ...announced });
      status = 'reported';
      for (const m of g.members) m.entry.timings.renderMs = value.renderMs;
      // The renderer's notes (a custom template's HTML Word cannot hold, a page that may run over
      // so its page numbers were laid out): in the log's flags and on the terminal, never silent.
      for (const note of value.notes) {
        for (const m of g.members) m.entry.flags.push(note);
        emit({ type: 'note', message: cleanLine(`${displayName}: ${note}`) });
      }
    }
    const several = g.members.length > 1;
    const fileNames = inputs.map((p) => basename(p));
    for (const m of g.members) {
      m.entry.report = report;
      m.entry.timings.totalMs += totalMs;
      if (status === 'unchanged') m.entry.status = 'unchanged';
      else if (status !== 'reported') {
        m.entry.status = status;
        m.entry.reason = failure;
      }
      if (several)
        m.entry.flags.push(
          `${g.members.length} workbooks for this department, consolidated into one report (${rule} rule): ${fileNames.join(', ')}`,
        );
    }
    departments.push({
      department: displayName,
      inputs,
      report,
      status,
      reportKey: g.reportKey,
      respondents: g.members.length,
      consolidation: g.summary,
    });
    if (status === 'cancelled') return;
    // The department's results, once (consolidated when several respondents answered). Several
    // respondents are named as the consolidation names them (a name given twice carries its file).
    dataset.push({
      department: displayName,
      file: inputs.map(datasetPath).join('; '),
      scores: g.scores,
      answers: g.read.answers,
      respondents: g.members.map((m, i) => ({
        ...respondentOf.get(m.path)!,
        ...(g.summary ? { label: g.summary.respondents[i]!.label } : {}),
      })),
      consolidation: g.summary,
      report,
      // With a previous round: its result, or null for a department new this round.
      ...(previousSources ? { previous: previousOf(department ?? undefined) ?? null } : {}),
    });
    summaryEntries.push({
      department: displayName,
      file: fileNames.join(', '),
      scores: g.scores,
      answers: g.read.answers,
      // Problems that left answers out (the same rule as each report's data-quality section).
      errorCount: answersNotCounted(g.read.diagnostics),
      group: groupOf(g.read.meta.department?.trim() ?? ''),
      // Several respondents: how far they agreed, and the disagreements the rule settled (the summary's moderation status).
      ...(g.summary
        ? {
            respondents: {
              respondents: g.summary.respondentCount,
              base: g.summary.base,
              agreed: g.summary.agreed,
              unsettled: g.summary.disagreements.length,
            },
          }
        : {}),
    });
  }

  /** A department's previous result (matched through the register when there is one). */
  function previousOf(department: string | undefined): PreviousDepartment | undefined {
    return department?.trim() ? previousByDepartment.get(roundMatcher.key(department.trim())) : undefined;
  }

  /** Several returns of one department → one, by the rule; their failure to merge is a programming error. */
  function mergeGroup(members: readonly { path: string; read: ReadResult }[]) {
    return mergeReturns(
      options.framework,
      members.map((m) => ({ file: basename(m.path), read: m.read })),
      rule,
      'apply-rule',
    );
  }

  const cancelled = options.signal?.aborted === true;
  files.sort((a, b) => a.input.localeCompare(b.input));
  // With --no-consolidate, two workbooks for one department are both reported, and flagged.
  const byDepartment = new Map<string, LogEntry[]>();
  if (!consolidate) {
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
  }

  // A run with no return that counts writes no summary, results or dataset: a summary of nothing
  // would look like an answer.
  const nothingRead = !cancelled && dataset.length === 0;
  if (nothingRead)
    problems.push(
      collected.files.length
        ? `none of the ${collected.files.length} workbook(s) could be read, so no summary or results were written; correct them (see the FAILED lines) and run again`
        : `no workbooks found in ${options.inputs.join(', ')}, so no summary or results were written; give the folder or files of the returned workbooks`,
    );
  if (!cancelled && register) {
    // Who to chase, with the register's contact: written whenever there is a register (the header alone when everyone returned).
    await writeFileAtomic(join(outDir, NOT_RETURNED_CSV), notReturnedCsv(notReturnedList), {
      overwrite: true,
    });
    outputs.push(NOT_RETURNED_CSV);
    emit({ type: 'output', path: join(outDir, NOT_RETURNED_CSV) });
  }
  if (!cancelled && !nothingRead) {
    const write = async (name: string, data: FileData) => {
      await writeFileAtomic(join(outDir, name), data, { overwrite: true });
      outputs.push(name);
      emit({ type: 'output', path: join(outDir, name) });
    };
    const byName = (a: DatasetEntry, b: DatasetEntry) =>
      a.department.localeCompare(b.department) || a.file.localeCompare(b.file);
    dataset.sort(byName);
    respondentsDataset.sort(byName);
    const now = options.now ?? new Date();
    const duplicateKeys = new Set([...byDepartment].filter(([, g]) => g.length > 1).map(([k]) => k));
    const model = buildSummaryModel(
      options.framework,
      summaryEntries.map((e) => ({
        ...e,
        duplicateDepartment: duplicateKeys.has(departmentKey(e.department)),
      })),
      failures,
      {
        generatedOn: govDate(now),
        consolidationRule: consolidate ? rule : null,
        ...(options.marking !== undefined ? { marking: options.marking } : {}),
        ...(register ? { expected: register.entries.map((e) => e.name) } : {}),
        ...(previousSources
          ? {
              previous: (department: string) => previousOf(department),
            }
          : {}),
      },
    );
    summaryModel = model;
    // summary.docx is built in its worker while this thread writes the dataset: the two take a
    // core each (about 10 s at 500 departments that ran one after the other). It is still written
    // after the dataset, so the outputs come in the same order.
    const stopSummary = new AbortController();
    const stop = () => stopSummary.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
    const summaryBuilt = runGuarded<SummaryTask, Uint8Array>(
      {
        module: new URL('./summary-task.js', import.meta.url),
        exportName: 'renderSummaryTask',
        arg: { model, templateFiles: options.summaryTemplateFiles },
        label: OUTPUTS.summary,
      },
      { limits: summaryLimits(options.limits), signal: stopSummary.signal },
    );
    let summary: Awaited<typeof summaryBuilt>;
    try {
      // Results: one row per department × element (consolidated); answers: every respondent's own;
      // the package's other tables, datapackage.json and results.xlsx (write-data-package.ts).
      await writeDataPackage(options.framework, dataset, respondentsDataset, {
        round: options.round ?? now.toISOString().slice(0, 10),
        now,
        write,
      });
    } catch (e) {
      stop(); // and the error is thrown once the worker is gone (finally)
      throw e;
    } finally {
      summary = await summaryBuilt;
      options.signal?.removeEventListener('abort', stop);
    }
    if (summary.ok) await write(OUTPUTS.summary, summary.value);
    else if (summary.failure.code !== 'cancelled')
      problems.push(
        cleanLine(`${OUTPUTS.summary} not written: ${summary.failure.message} — ${summary.failure.fix}`),
      );
  }
  for (const p of problems) emit({ type: 'note', message: p });

  departments.sort(
    (a, b) => a.department.localeCompare(b.department) || a.inputs[0]!.localeCompare(b.inputs[0]!),
  );
  const log: BatchLog = {
    tool: 'dgx-maturity',
    logVersion: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    options: {
      framework: `${options.framework.id} ${options.framework.version}`,
      template: options.templateName,
      marking: options.marking ?? null,
      previous: previousFiles,
      optionsHash,
      consolidation: consolidate ? rule : null,
    },
    files,
    departments,
    skipped: collected.skipped,
    missing: notReturnedList,
    inputsNotFound: collected.missing,
    outputs,
    problems,
    totals: totalsOf(files, collected.skipped.length),
  };
  const logPath = join(outDir, LOG_FILE);
  await writeFileAtomic(logPath, `${JSON.stringify(log, null, 2)}\n`, { overwrite: true });
  // The log now records every report: the journal has done its job.
  await unlink(join(outDir, JOURNAL_FILE)).catch(() => undefined);
  const failed =
    files.some((f) => f.status === 'failed' || f.status === 'cancelled') ||
    collected.missing.length > 0 ||
    problems.length > 0;
  return { log, logPath, exitCode: failed ? 1 : 0, summary: summaryModel };
}

const stem = (path: string) => basename(path).replace(/\.[^.]+$/, '');

/** Workbooks of one department (or one workbook alone). `key`: the normalised department, or null. */
interface ReturnGroup<T> {
  key: string | null;
  members: T[];
}

/**
 * Groups returns by the department named on "Start here" (departmentKey: case, spaces and
 * punctuation folded), in the order of their first file. A workbook that names no department, and
 * every workbook when `consolidate` is false, is a group of its own.
 */
function groupReturns<T extends { read: ReadResult }>(
  returns: readonly T[],
  consolidate: boolean,
): ReturnGroup<T>[] {
  const groups: ReturnGroup<T>[] = [];
  const byKey = new Map<string, ReturnGroup<T>>();
  for (const r of returns) {
    const department = r.read.meta.department?.trim();
    const key = department ? departmentKey(department) : null;
    const existing = key && consolidate ? byKey.get(key) : undefined;
    if (existing) existing.members.push(r);
    else {
      const group = { key, members: [r] };
      groups.push(group);
      if (key && consolidate) byKey.set(key, group);
    }
  }
  return groups;
}

/**
 * The report workers' caps. Their input is the answers this tool read (not a returned file) and a
 * report's size is bounded by the framework and the brief's caps, so their old generation may be
 * larger than the reading's guard (`--memory`, 256 MB by default): V8 lets the old generation grow
 * between two full collections by a factor it takes from that cap — 1.3 at 256 MB, 4 from 2048 MB —
 * and a brief promotes 7–10 MB of objects (its document), so at 256 MB a worker marked its whole
 * heap every brief or two. At 2048 MB a brief costs about a third less CPU (docs/performance.md,
 * "Issue 24, session 8: a brief in a batch worker") for about 50 MB more per worker; a worker is
 * still replaced once its heap passes half the cap, and the time limit is the same. When the run
 * has the process to itself (`tuneHeap`, the command line), the factor is set instead, to 2, and
 * the workers' young generation is 24 MB ({@link RENDER_YOUNG_GENERATION_MB}): less CPU for the
 * reports than at 4 with 12 MB, and about 90 MB less at the run's peak (heap-growth.ts).
 */
export const RENDER_OLD_GENERATION_MB = 2048;

/**
 * The reports' workers' young generation when the heap's growth is set (`tuneHeap`): at 24 MB
 * instead of the pool's 12, fewer of a brief's objects are promoted before they die, which is what
 * lets the old generation grow by 2 rather than 4 between full collections for no more CPU.
 */
export const RENDER_YOUNG_GENERATION_MB = 24;

export function renderLimits(limits: BatchOptions['limits'], tuneHeap = false): Partial<GuardLimits> {
  return {
    ...limits,
    maxOldGenerationSizeMb: Math.max(RENDER_OLD_GENERATION_MB, limits?.maxOldGenerationSizeMb ?? 0),
    ...(tuneHeap ? { maxYoungGenerationSizeMb: RENDER_YOUNG_GENERATION_MB } : {}),
  };
}

/**
 * The reading workers' young generation when the run has the process to itself (`tuneHeap`):
 * reading a workbook makes short-lived strings and tokens fast, and at the pool's 12 MB a quarter
 * of a read went to collecting them (docs/performance.md, issue 24 session 10). The guard against
 * a hostile workbook is the old generation's cap (`--memory`), which stays as given.
 */
export const READ_YOUNG_GENERATION_MB = 32;

export function readLimits(
  limits: BatchOptions['limits'],
  tuneHeap = false,
): Partial<GuardLimits> | undefined {
  if (!tuneHeap) return limits;
  return { ...limits, maxYoungGenerationSizeMb: READ_YOUNG_GENERATION_MB };
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
