/**
 * The batch's dataset writer alone on N generated departments (issue 24): builds every table of
 * the data package (writeDataPackage: the CSVs, datapackage.json, results.xlsx) for departments of
 * random ratings, responses and judgements (seeded), and prints wall and CPU time per file and the
 * peak RSS. Profile it with `node --import tsx --cpu-prof bench/dataset-write.ts 100`.
 *
 *   npx tsx bench/dataset-write.ts [departments=200] [outDir]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDataPackage } from '../src/batch/write-data-package.js';
import { builtInFramework } from '../src/framework/index.js';
import type { FileData } from '../src/io/index.js';
import { generatedDepartments } from '../test/batch/generated-departments.js';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const keep = process.argv[3];
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'dmf-dataset-write-'));
  const framework = builtInFramework();
  const departments = generatedDepartments(framework, count);
  const times: string[] = [];
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await writeDataPackage(framework, departments, departments, {
    round: 'Bench',
    now: new Date('2026-12-07T00:00:00Z'),
    write: async (name: string, data: FileData) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(join(dir, name), data);
      else {
        const chunks: Uint8Array[] = [];
        for await (const piece of data) chunks.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
        await writeFile(join(dir, name), Buffer.concat(chunks));
      }
      const cpu = process.cpuUsage(c0);
      times.push(
        `${name}: ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${(statSync(join(dir, name)).size / 1e6).toFixed(2)} MB`,
      );
    },
  });
  const cpu = process.cpuUsage(cpuStarted);
  console.log(times.join('\n'));
  console.log(
    `${count} departments: ${(performance.now() - started).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

await main();
