/**
 * The demo's workbook writing inside guarded workers (src/io/guarded-pool.ts): each task writes a
 * run of departments' workbooks. Each worker keeps its FilledWorkbookWriter between tasks, made
 * from the same first department's plan in every worker, so a file's bytes do not depend on which
 * worker wrote it. The main thread then never loads exceljs, and its memory stays small for the
 * batch that follows.
 */
import { parseFramework, type Framework } from '../framework/index.js';
import { writeFileAtomic } from '../io/index.js';
import { buildPlan, type PlanOptions } from '../workbook/plan/index.js';
import { FilledWorkbookWriter } from './filled-workbook-writer.js';

/** Given once to every worker. */
export interface DemoWriteData {
  /** The framework, as JSON (validated again in the worker). */
  framework: unknown;
  /** The plan options of the workbook every worker's writer patches from (the first department's). */
  base: PlanOptions;
}

/** Workbooks to write: each file's path and its plan's options. */
export interface DemoWriteTask {
  items: { path: string; plan: PlanOptions }[];
}

let cached: { data: DemoWriteData; framework: Framework; writer: FilledWorkbookWriter } | undefined;

/** The guarded worker's entry point (`exportName: 'writeDemoChunk'`); returns how many it wrote. */
export async function writeDemoChunk(task: DemoWriteTask, data: DemoWriteData): Promise<number> {
  if (cached?.data !== data) {
    const framework = parseFramework(data.framework, 'framework');
    cached = { data, framework, writer: await FilledWorkbookWriter.of(buildPlan(framework, data.base)) };
  }
  const { framework, writer } = cached;
  for (const item of task.items)
    await writeFileAtomic(item.path, await writer.write(buildPlan(framework, item.plan)), {
      overwrite: true,
    });
  return task.items.length;
}
