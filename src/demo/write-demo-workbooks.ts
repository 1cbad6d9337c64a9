/**
 * Writes the fictional government's returned workbooks: the same workbook `dmf template` makes,
 * filled in with each department's generated answers. Reproducible: same seed, same bytes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Framework } from '../framework/index.js';
import { FileNameAllocator, GuardedPool } from '../io/index.js';
import type { PlanOptions } from '../workbook/plan/index.js';
import type { DemoWriteData, DemoWriteTask } from './write-demo-task.js';
import { fictionalGovernment, secondRespondent } from './fictional-government.js';

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
  /** Workbooks written in parallel, in guarded workers (default 1: in this thread). */
  jobs?: number;
}

/** Departments written per task of the worker pool: a few seconds' work, so both workers finish together. */
const CHUNK = 20;

/**
 * Writes one .xlsx per department into `dir`; returns their paths. With `jobs` > 1 the workbooks
 * are written in that many guarded workers (./write-demo-task.ts), else in this thread.
 */
export async function writeDemoWorkbooks(
  framework: Framework,
  options: DemoWorkbooksOptions,
): Promise<string[]> {
  await mkdir(options.dir, { recursive: true });
  const names = new FileNameAllocator();
  const departments = fictionalGovernment(framework, options.count, options.seed);
  const colleagues = departments
    .slice(0, options.secondRespondents ?? 0)
    .map((d, i) => ({ ...secondRespondent(framework, d, options.seed + 1000 + i), second: true }));
  const items = [...departments.map((x) => ({ ...x, second: false })), ...colleagues].map((d) => {
    const plan: PlanOptions = {
      department: d.department,
      fields: {
        respondent: d.respondent,
        role: d.role,
        contact: d.contact,
        date: options.createdAt.slice(0, 10),
        marking: 'OFFICIAL',
      },
      createdAt: options.createdAt,
      createdBy: 'dmf demo (fictional data)',
      answers: d.answers,
    };
    const name = d.second ? `${d.department} - ${d.role}` : d.department;
    return { path: join(options.dir, names.allocate(name, '.xlsx')), plan };
  });
  if (!items.length) return [];
  // exceljs writes the first workbook; the others, of the same shape, are patched from it
  // (./filled-workbook-writer.ts: about a quarter of the CPU, the same workbook for its reader).
  const data: DemoWriteData = { framework, base: items[0]!.plan };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, Math.ceil(items.length / CHUNK)));
  if (jobs === 1) {
    // Imported here: with workers, this thread never loads exceljs.
    const { writeDemoChunk } = await import('./write-demo-task.js');
    await writeDemoChunk({ items }, data);
    return items.map((i) => i.path);
  }
  const pool = new GuardedPool<DemoWriteTask, number>({
    module: new URL('./write-demo-task.js', import.meta.url),
    exportName: 'writeDemoChunk',
    size: jobs,
    workerData: data,
  });
  try {
    const chunks: DemoWriteTask[] = [];
    for (let i = 0; i < items.length; i += CHUNK) chunks.push({ items: items.slice(i, i + CHUNK) });
    for (const outcome of await Promise.all(chunks.map((c) => pool.run(c, c.items[0]!.path)))) {
      if (!outcome.ok) throw new Error(`could not write the demo's workbooks: ${outcome.failure.message}`);
    }
  } finally {
    await pool.close();
  }
  return items.map((i) => i.path);
}
