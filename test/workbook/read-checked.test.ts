/**
 * Reading a workbook file inflates each part once: the reader takes the parts the inspection
 * inflated and checked (src/io/checked-parts.ts) instead of inflating them again, and reads the
 * same as from the bytes alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import type { CheckedPart, CheckedWorkbook } from '../../src/io/checked-parts.js';
import { inspectAndKeepWorkbookFile } from '../../src/io/inspect-zip.js';
import { readWorkbook } from '../../src/workbook/index.js';
import { readWorkbookFile } from '../../src/workbook/read/read-file.js';
import { fastReadStats } from '../../src/workbook/read/xlsx-grid.js';
import { score, type ScoreResult } from '../../src/scoring/score.js';
import { tempDir, type TempDir } from '../io/fixtures/corpus.js';
import { prng, randomAnswers, workbookFor } from './helpers.js';

const framework = builtInFramework();
let dir: TempDir;
let path: string;
let bytes: Buffer;
beforeAll(async () => {
  dir = await tempDir('dmf-checked-');
  bytes = Buffer.from(await workbookFor(framework, randomAnswers(framework, prng(7))));
  path = await dir.file('filled.xlsx', bytes);
});
afterAll(async () => {
  await dir.remove();
});

async function checked(): Promise<CheckedWorkbook> {
  const result = await inspectAndKeepWorkbookFile(path);
  if (!result.ok) throw new Error('refused');
  return result.workbook;
}

/** The kept parts, the shared strings' text changed to the same length (so its sizes still agree). */
function withSharedStrings(workbook: CheckedWorkbook, change: (xml: string) => string): CheckedWorkbook {
  const parts = new Map<number, CheckedPart>();
  let changed = false;
  for (const [at, part] of workbook.parts) {
    const xml = Buffer.from(part.data).toString('utf8');
    if (!xml.includes('<sst ')) {
      parts.set(at, part);
      continue;
    }
    const text = change(xml);
    expect(Buffer.byteLength(text)).toBe(part.size);
    parts.set(at, { ...part, data: Buffer.from(text) });
    changed = true;
  }
  expect(changed).toBe(true);
  return { bytes: workbook.bytes, parts };
}

describe('reading with the inspection’s parts', () => {
  it('reads the same as from the bytes alone', async () => {
    const fast = fastReadStats.fast;
    const fromFile = await readWorkbookFile(framework, path);
    expect(fastReadStats.fast).toBe(fast + 1);
    expect(fromFile).toEqual(await readWorkbook(framework, bytes, { fileName: path }));
    expect(await readWorkbook(framework, await checked(), { fileName: path })).toEqual(fromFile);
  });

  it('takes the kept parts instead of inflating the zip again', async () => {
    const workbook = await checked();
    const marked = withSharedStrings(workbook, (xml) => xml.replace('>why<', '>WHY<'));
    const read = await readWorkbook(framework, marked, { fileName: path });
    expect(JSON.stringify(read)).toContain('"rationale":"WHY"');
    expect(JSON.stringify(await readWorkbook(framework, bytes, { fileName: path }))).not.toContain(
      '"rationale":"WHY"',
    );
  });

  it('ignores a kept part whose sizes are not the directory’s', async () => {
    const workbook = await checked();
    const parts = new Map(
      [...workbook.parts].map(([at, p]) => [
        at,
        { ...p, size: p.size + 1, data: new Uint8Array(p.size + 1) },
      ]),
    );
    const read = await readWorkbook(framework, { bytes: workbook.bytes, parts }, { fileName: path });
    expect(read).toEqual(await readWorkbook(framework, bytes, { fileName: path }));
  });

  it('gives the scores of the answers it returns, so the batch does not score them again', async () => {
    const given: ScoreResult[] = [];
    const read = await readWorkbookFile(framework, path, { onScored: (s) => given.push(s) });
    expect(given).toHaveLength(1);
    expect(given[0]).toEqual(score(framework, read.answers));
  });
});
