/**
 * Reads one workbook file as the reading worker does (`readWorkbookFileTask`) in a fresh process
 * and prints, as JSON, whether any exceljs module was loaded and which path read it. Run by
 * xlsx-grid.test.ts: `node --import tsx test/workbook/read-file-child.ts FILE`.
 */
import { createRequire } from 'node:module';
import { builtInFramework } from '../../src/framework/index.js';
import { readWorkbookFileTask } from '../../src/workbook/read/read-file-task.js';
import { fastReadStats } from '../../src/workbook/read/xlsx-grid.js';

const file = process.argv[2]!;
const result = await readWorkbookFileTask({ path: file, framework: builtInFramework() });
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) =>
  /[\\/]node_modules[\\/]exceljs[\\/]/.test(k),
);
console.log(
  JSON.stringify({
    exceljsModules: loaded.length,
    fast: fastReadStats.fast,
    fallback: fastReadStats.fallback,
    department: result.meta.department,
  }),
);
