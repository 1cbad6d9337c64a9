import { describe, expect, it } from 'vitest';
import { fileHashes, type HashReader } from '../../src/batch/file-hashes.js';
import { sha256Hex as sha256 } from '../../src/batch/journal.js';

/** A reader of in-memory files that counts how many reads are under way at once. */
function countingReader(files: Record<string, string>) {
  let reading = 0;
  const seen = { most: 0 };
  const reader: HashReader = {
    size: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT ${path}`);
      return files[path]!.length;
    },
    read: async (path) => {
      reading++;
      seen.most = Math.max(seen.most, reading);
      // Let every other lane start its read before this one ends.
      await new Promise<void>((resolve) => setImmediate(resolve));
      reading--;
      return new TextEncoder().encode(files[path]!);
    },
  };
  return { reader, seen };
}

describe('fileHashes', () => {
  const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.xlsx`, `content ${i}`]));

  it('reads a few files at a time, not the whole round at once (their buffers would stay resident)', async () => {
    const { reader, seen } = countingReader(files);
    await fileHashes(Object.keys(files), { reader, atOnce: 4 });
    expect(seen.most).toBe(4);
  });

  it('gives each file its SHA-256 in the order given, and null for one that cannot be read', async () => {
    const { reader } = countingReader(files);
    const paths = ['f3.xlsx', 'missing.xlsx', ...Object.keys(files)];
    const hashes = await fileHashes(paths, { reader, atOnce: 3 });
    expect(hashes).toEqual(paths.map((p) => (p in files ? sha256(files[p]!) : null)));
  });
});
