/**
 * Issue 7's acceptance numbers, measured: every bomb is refused in well under a second (the issue
 * allows 5 s) with peak memory of the whole inspecting process under 300 MB. Each bomb is inspected
 * in a fresh Node process so that maxRSS belongs to the inspection alone. Set BOMB_REPORT=1 to print
 * the measurements.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bombWorkbook,
  manyWhitespaceSheets,
  MiB,
  tempDir,
  whitespaceSheet,
  type TempDir,
} from './fixtures/corpus.js';
import { makeValidXlsx } from './fixtures/zip.js';

const run = promisify(execFile);

interface Measurement {
  code: string;
  ms: number;
  maxRssMb: number;
  baselineRssMb: number;
}

async function measure(path: string): Promise<Measurement> {
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    'test/io/fixtures/measure-inspect.ts',
    path,
  ]);
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir('dmf-bombs-');
});
afterAll(async () => {
  await dir.remove();
});

const cases: [string, () => Promise<Buffer>, string][] = [
  ['valid workbook (baseline)', makeValidXlsx, 'ok'],
  ['1.6 GB zeros entry, honest headers', () => bombWorkbook(1600), 'entry-too-large'],
  ['1.6 GB zeros entry, headers claim 99 MiB', () => bombWorkbook(1600, 99 * MiB), 'inconsistent-sizes'],
  ['1 GiB whitespace sheet', () => whitespaceSheet(1024), 'entry-too-large'],
  ['8 whitespace sheets of 99 MiB', () => manyWhitespaceSheets(8, 99), 'suspicious-compression'],
];

describe('zip bombs: refused fast, with bounded memory', () => {
  const report: string[] = [];
  afterAll(() => {
    if (process.env.BOMB_REPORT) console.log(report.join('\n'));
  });

  for (const [label, build, code] of cases) {
    it(`${label}: ${code}`, async () => {
      const bytes = await build();
      const path = await dir.file(`${label.replace(/\W+/g, '-')}.xlsx`, bytes);
      const m = await measure(path);
      report.push(
        `${label}: ${(bytes.length / MiB).toFixed(2)} MiB file -> ${m.code} in ${m.ms} ms, peak RSS ${m.maxRssMb} MB (baseline ${m.baselineRssMb} MB)`,
      );
      expect(m.code).toBe(code);
      expect(m.ms).toBeLessThan(1000);
      expect(m.maxRssMb).toBeLessThan(300);
    });
  }
});
