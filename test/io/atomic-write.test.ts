import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputExistsError, temporaryPath, writeFileAtomic } from '../../src/io/atomic-write.js';
import { tempDir, type TempDir } from './fixtures/corpus.js';

let dir: TempDir;
beforeEach(async () => {
  dir = await tempDir('dmf-atomic-');
});
afterEach(async () => {
  await dir.remove();
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    const path = join(dir.path, 'Ministry of Health.docx');
    await writeFileAtomic(path, Buffer.from('report'));
    expect(await readFile(path, 'utf8')).toBe('report');
    expect(await readdir(dir.path)).toEqual(['Ministry of Health.docx']);
    await writeFileAtomic(join(dir.path, 'summary.csv'), 'a,b\n');
    expect(await readFile(join(dir.path, 'summary.csv'), 'utf8')).toBe('a,b\n');
  });

  it('writes pieces in order as they come, and keeps the old file when a piece fails', async () => {
    const path = join(dir.path, 'answers.csv');
    await writeFileAtomic(path, ['é,', Buffer.from('b\n'), 'c\n']);
    expect(await readFile(path, 'utf8')).toBe('é,b\nc\n');
    async function* failing() {
      yield 'half a file';
      throw new Error('the producer failed');
    }
    await expect(writeFileAtomic(path, failing(), { overwrite: true })).rejects.toThrow(
      'the producer failed',
    );
    expect(await readFile(path, 'utf8')).toBe('é,b\nc\n');
    expect(await readdir(dir.path)).toEqual(['answers.csv']);
  });

  it('refuses to overwrite an existing file unless asked, leaving it untouched', async () => {
    const path = await dir.file('report.docx', 'old report');
    const error = await writeFileAtomic(path, 'new report').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputExistsError);
    expect((error as OutputExistsError).code).toBe('EEXIST');
    expect(await readFile(path, 'utf8')).toBe('old report');
    expect(await readdir(dir.path)).toEqual(['report.docx']);
    await writeFileAtomic(path, 'new report', { overwrite: true });
    expect(await readFile(path, 'utf8')).toBe('new report');
    expect(await readdir(dir.path)).toEqual(['report.docx']);
  });

  it('lets exactly one of two simultaneous writers create a file', async () => {
    const path = join(dir.path, 'race.docx');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => writeFileAtomic(path, `writer ${i}`)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OutputExistsError);
    expect(await readFile(path, 'utf8')).toMatch(/^writer \d$/);
    expect(await readdir(dir.path)).toEqual(['race.docx']);
  });

  it('cleans up its temporary file when the final step fails, and keeps what was there', async () => {
    // A non-empty folder where the report should go: rename cannot replace it.
    const target = join(dir.path, 'report.docx');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'keep');
    await expect(writeFileAtomic(target, 'data', { overwrite: true })).rejects.toThrow();
    expect((await readdir(dir.path)).sort()).toEqual(['report.docx']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('fails plainly when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir.path, 'missing', 'x.docx'), 'data')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('uses a hidden, unique .tmp name in the same folder', () => {
    const path = join(dir.path, 'Ministry of Health.docx');
    const a = temporaryPath(path);
    const b = temporaryPath(path);
    expect(dirname(a)).toBe(dir.path);
    expect(basename(a)).toMatch(/^\.Ministry of Health\.docx\.\d+-[0-9a-f]{12}\.tmp$/);
    expect(a).not.toBe(b);
    expect(Buffer.byteLength(basename(temporaryPath(join(dir.path, 'é'.repeat(120)))))).toBeLessThanOrEqual(
      255,
    );
  });
});
