/**
 * Writes the fictional government's returned workbooks: the same workbook `dmf template` makes,
 * filled in with each department's generated answers. Reproducible: same seed, same bytes.
 *
 * With `threads: 2` (the demo on a machine of 2 cores or more) a helper thread writes beside this
 * one: both take the next workbook to write from one shared counter, so the work splits itself
 * whatever the load (the helper starts later, having to load exceljs first). Both patch from the
 * same first workbook (./filled-workbook-writer.ts), so every file is the same bytes whichever
 * thread wrote it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Framework } from '../framework/index.js';
import { FileNameAllocator, writeFileAtomic } from '../io/index.js';
import { buildPlan } from '../workbook/plan/index.js';
import type { WorkbookPlan } from '../workbook/plan/types.js';
import { FilledWorkbookWriter, type FilledWorkbookState } from './filled-workbook-writer.js';
import { fictionalGovernment, secondRespondent, type FictionalDepartment } from './fictional-government.js';

export interface DemoWorkbooksOptions {
  dir: string;
  count: number;
  seed: number;
  /** Creation time written into every workbook (fixed, so re-runs give identical files). */
  createdAt: string;
  /**
   * How many departments (the first ones) also get a colleague's return, so that the batch
   * consolidates several respondents (default 0: one workbook per department).
   */
  secondRespondents?: number;
  /**
   * Threads that write (default 1: this one). 2: a helper thread writes beside this one, when there
   * are enough workbooks to pay for its start (loading exceljs and writing the first workbook).
   */
  threads?: 1 | 2;
}

/** Fewer workbooks than this are written in this thread alone: the helper's start would cost more. */
export const MIN_WORKBOOKS_FOR_HELPER = 24;

/** One workbook to write: a department's return, or a colleague's second return. */
interface DemoReturn {
  department: FictionalDepartment;
  second: boolean;
}

/** Every return of the fictional round, in the order their files are named. */
function demoReturns(framework: Framework, options: DemoWorkbooksOptions): DemoReturn[] {
  const departments = fictionalGovernment(framework, options.count, options.seed);
  const colleagues = departments
    .slice(0, options.secondRespondents ?? 0)
    .map((d, i) => secondRespondent(framework, d, options.seed + 1000 + i));
  return [
    ...departments.map((department) => ({ department, second: false })),
    ...colleagues.map((department) => ({ department, second: true })),
  ];
}

function planOf(framework: Framework, { department: d }: DemoReturn, createdAt: string): WorkbookPlan {
  return buildPlan(framework, {
    department: d.department,
    fields: {
      respondent: d.respondent,
      role: d.role,
      contact: d.contact,
      date: createdAt.slice(0, 10),
      marking: 'OFFICIAL',
    },
    createdAt,
    createdBy: 'dmf demo (fictional data)',
    answers: d.answers,
  });
}

/**
 * Writes the returns whose indices `next()` hands out (until it passes the last one) to their
 * `paths`. Every thread patches from the first return's workbook, so the bytes do not depend on
 * which thread wrote a file.
 */
export async function writeDemoShare(
  framework: Framework,
  options: DemoWorkbooksOptions,
  paths: readonly string[],
  next: () => number,
  base?: FilledWorkbookWriter,
): Promise<number> {
  const returns = demoReturns(framework, options);
  if (returns.length !== paths.length) throw new Error('demo workbooks: one path per return expected');
  let writer = base;
  let written = 0;
  for (let i = next(); i < returns.length; i = next()) {
    // exceljs writes the first workbook; the others, of the same shape, are patched from it
    // (./filled-workbook-writer.ts: about a tenth of the CPU, the same workbook for its reader).
    writer ??= await firstWorkbookWriter(framework, options, returns);
    const plan = planOf(framework, returns[i]!, options.createdAt);
    await writeFileAtomic(paths[i]!, await writer.write(plan), { overwrite: true });
    written++;
  }
  return written;
}

/** The writer every thread patches from: the first return's workbook, written by exceljs. */
export function firstWorkbookWriter(
  framework: Framework,
  options: DemoWorkbooksOptions,
  returns: readonly DemoReturn[] = demoReturns(framework, options),
): Promise<FilledWorkbookWriter> {
  return FilledWorkbookWriter.of(planOf(framework, returns[0]!, options.createdAt));
}

/** Writes one .xlsx per department into `dir`; returns their paths. */
export async function writeDemoWorkbooks(
  framework: Framework,
  options: DemoWorkbooksOptions,
): Promise<string[]> {
  return (await writeDemoWorkbooksCounted(framework, options)).paths;
}

/** As writeDemoWorkbooks, also saying how many of the workbooks the helper thread wrote. */
export async function writeDemoWorkbooksCounted(
  framework: Framework,
  options: DemoWorkbooksOptions,
): Promise<{ paths: string[]; byHelper: number }> {
  await mkdir(options.dir, { recursive: true });
  const names = new FileNameAllocator();
  const paths = demoReturns(framework, options).map(({ department: d, second }) =>
    join(options.dir, names.allocate(second ? `${d.department} - ${d.role}` : d.department, '.xlsx')),
  );
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const next = () => Atomics.add(counter, 0, 1);
  const withHelper = options.threads === 2 && paths.length >= MIN_WORKBOOKS_FOR_HELPER;
  // With a helper, this thread writes the first workbook before starting it, and the helper
  // patches from this writer's state: it never loads exceljs nor writes that workbook again
  // (about 1 s of CPU: docs/performance.md, issue 24 session 8).
  const writer = withHelper ? await firstWorkbookWriter(framework, options) : undefined;
  const helper = writer
    ? writeInHelperThread(framework, options, paths, counter, writer)
    : Promise.resolve(0);
  const [own, helped] = await Promise.allSettled([
    writeDemoShare(framework, options, paths, next, writer).catch((e: unknown) => {
      Atomics.store(counter, 0, paths.length); // the helper stops after the workbook it is writing
      throw e;
    }),
    helper.catch((e: unknown) => {
      Atomics.store(counter, 0, paths.length);
      throw e;
    }),
  ]);
  if (own.status === 'rejected') throw own.reason;
  if (helped.status === 'rejected') throw helped.reason;
  return { paths, byHelper: helped.value };
}

/**
 * The helper thread's share (./demo-writer-task.ts), in a worker of the guarded pool: the returns
 * whose indices it takes from `counter`, to their `paths`. Resolves with how many it wrote.
 */
export async function writeInHelperThread(
  framework: Framework,
  options: DemoWorkbooksOptions,
  paths: readonly string[],
  counter: Int32Array,
  base?: FilledWorkbookWriter,
): Promise<number> {
  const { runGuarded } = await import('../io/guarded.js');
  const arg: DemoShareTask = {
    framework,
    options,
    paths,
    counter: counter.buffer as SharedArrayBuffer,
    ...(base ? { base: base.state() } : {}),
  };
  const result = await runGuarded<DemoShareTask, number>(
    {
      module: new URL('./demo-writer-task.js', import.meta.url),
      exportName: 'writeDemoShareTask',
      arg,
      label: 'the demo workbooks',
    },
    // Our own data, not a returned file: the limits only keep a bug from running away. The young
    // generation as large as the main thread's (V8's default): at the pool's 12 MB the helper spent
    // about half as much CPU again on each workbook (docs/performance.md, issue 24 session 7).
    { limits: { timeoutMs: 600_000, maxYoungGenerationSizeMb: 48 } },
  );
  if (!result.ok) throw new Error(`${result.failure.message} (${result.failure.fix})`);
  return result.value;
}

/** What the helper thread is given (by structured clone; the counter's memory is shared). */
export interface DemoShareTask {
  framework: Framework;
  options: DemoWorkbooksOptions;
  paths: readonly string[];
  counter: SharedArrayBuffer;
  /** The writer to patch from (this thread's); without it the helper writes the first workbook itself. */
  base?: FilledWorkbookState;
}
