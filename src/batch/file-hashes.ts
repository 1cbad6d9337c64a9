/**
 * The SHA-256 of each input file, for the log and for recognising unchanged inputs on a re-run.
 *
 * A few files at a time, not all at once: each file is read whole, and reading every file of a
 * round at once (500 demo workbooks of about 76 KB) held 38 MB of buffers together. Buffers of
 * that size come from the C heap (malloc), which keeps what they occupied once freed, so the
 * batch's main thread carried those 38 MB of resident memory to the end of the run, where its peak
 * is (docs/performance.md, issue 24 session 8). A few files at a time cost no time: reading and
 * hashing 38 MB takes a fraction of a second either way.
 */
import { readFile, stat } from 'node:fs/promises';
import { sha256Hex } from './journal.js';

/** Files read at once. */
const AT_ONCE = 4;
/** Larger files are not hashed here: the guarded reader refuses them with a reason. */
const MAX_BYTES = 512 * 1024 * 1024;

export interface HashReader {
  size(path: string): Promise<number>;
  read(path: string): Promise<Uint8Array>;
}

const fromDisk: HashReader = {
  size: async (path) => (await stat(path)).size,
  read: (path) => readFile(path),
};

/** One file's hash, or null when it cannot be read or is too large to hash. */
export async function fileHash(path: string, reader: HashReader = fromDisk): Promise<string | null> {
  try {
    if ((await reader.size(path)) > MAX_BYTES) return null;
    return sha256Hex(await reader.read(path));
  } catch {
    return null;
  }
}

/** Every file's hash, in the order given, reading at most `atOnce` files at a time. */
export async function fileHashes(
  paths: readonly string[],
  options: { atOnce?: number; reader?: HashReader } = {},
): Promise<(string | null)[]> {
  const hashes: (string | null)[] = new Array<string | null>(paths.length).fill(null);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < paths.length; i = next++) hashes[i] = await fileHash(paths[i]!, options.reader);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.atOnce ?? AT_ONCE) }, lane));
  return hashes;
}
