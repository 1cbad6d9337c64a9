/**
 * Writes the fictional government's returned workbooks: the same workbook `dmf template` makes,
 * filled in with each department's generated answers. Reproducible: same seed, same bytes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Framework } from '../framework/index.js';
import { FileNameAllocator, writeFileAtomic } from '../io/index.js';
import { buildPlan } from '../workbook/plan/index.js';
import { FilledWorkbookWriter } from './filled-workbook-writer.js';
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
}

/** Writes one .xlsx per department into `dir`; returns their paths. */
export async function writeDemoWorkbooks(
  framework: Framework,
  options: DemoWorkbooksOptions,
): Promise<string[]> {
  await mkdir(options.dir, { recursive: true });
  const names = new FileNameAllocator();
  const paths: string[] = [];
  const departments = fictionalGovernment(framework, options.count, options.seed);
  const colleagues = departments
    .slice(0, options.secondRespondents ?? 0)
    .map((d, i) => ({ ...secondRespondent(framework, d, options.seed + 1000 + i), second: true }));
  // exceljs writes the first workbook; the others, of the same shape, are patched from it
  // (./filled-workbook-writer.ts: about a tenth of the CPU, the same workbook for its reader).
  let writer: FilledWorkbookWriter | undefined;
  for (const d of [...departments.map((x) => ({ ...x, second: false })), ...colleagues]) {
    const plan = buildPlan(framework, {
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
    });
    const name = d.second ? `${d.department} - ${d.role}` : d.department;
    const path = join(options.dir, names.allocate(name, '.xlsx'));
    writer ??= await FilledWorkbookWriter.of(plan);
    await writeFileAtomic(path, await writer.write(plan), { overwrite: true });
    paths.push(path);
  }
  return paths;
}
