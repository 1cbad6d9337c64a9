/**
 * Writes the batch's dataset: every table as a CSV, `datapackage.json` describing them, and
 * results.xlsx with the same tables plus the heat map sheet (the one it opens on).
 */
import { readFileSync } from 'node:fs';
import type { Framework } from '../framework/index.js';
import type { FileData } from '../io/index.js';
import { commonGaps } from '../report/summary/common-gaps.js';
import { answersTable, csvChunks, resultsTable, xlsxStream, type DatasetEntry } from './dataset.js';
import { dataPackage } from './datapackage.js';
import { heatMapSheet } from './heat-map-sheet.js';
import { answersResource, resultsResource } from './dataset.js';
import {
  commonGapsResource,
  commonGapsTable,
  departmentsResource,
  departmentsTable,
  frameworkResource,
  frameworkTable,
  ratingsResource,
  ratingsTable,
  type DepartmentRecord,
} from './package-tables.js';
import type { Resource, Table } from './table-schema.js';

export const DATA_PACKAGE_FILE = 'datapackage.json';

/** The tool's name and version, from package.json (src/batch and lib/batch both sit two folders below it). */
export function toolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}

/** The package's resources for a framework, in order, without data (docs/dataset.md is made from them). */
export function packageResources(framework: Framework): Resource[] {
  return [
    resultsResource(framework),
    answersResource(framework),
    ratingsResource(framework),
    departmentsResource(framework),
    frameworkResource(framework),
    commonGapsResource(),
  ];
}

/**
 * Every table of the package, in the order datapackage.json lists them and results.xlsx holds
 * them (Results and Answers first, as before). `departments` in results.csv's order;
 * `respondents`: one entry per workbook read (answers.csv).
 */
export function packageTables(
  framework: Framework,
  departments: readonly DepartmentRecord[],
  respondents: readonly DatasetEntry[],
  run: { round: string; date: string },
): Table[] {
  return [
    resultsTable(framework, departments, run),
    answersTable(framework, respondents),
    ratingsTable(framework, departments),
    departmentsTable(framework, departments),
    frameworkTable(framework),
    commonGapsTable(commonGaps(framework, departments)),
  ];
}

export async function writeDataPackage(
  framework: Framework,
  departments: readonly DepartmentRecord[],
  respondents: readonly DatasetEntry[],
  options: { round: string; now: Date; write: (name: string, data: FileData) => Promise<void> },
): Promise<void> {
  const tables = packageTables(framework, departments, respondents, {
    round: options.round,
    date: options.now.toISOString().slice(0, 10),
  });
  for (const t of tables) await options.write(`${t.resource!.name}.csv`, csvChunks(t));
  const descriptor = dataPackage(
    framework,
    tables.map((t) => t.resource!),
    { round: options.round, created: options.now.toISOString(), tool: toolInfo() },
  );
  await options.write(DATA_PACKAGE_FILE, `${JSON.stringify(descriptor, null, 2)}\n`);
  const [results, answers, ...others] = tables;
  const heatMap = heatMapSheet(framework, departments);
  await options.write(
    'results.xlsx',
    xlsxStream([results!, answers!, heatMap, ...others], { activeSheet: 2 }),
  );
}
