/**
 * Writes output files (reports, CSV, workbooks) so that a reader never sees half a file and a
 * failed or interrupted run never destroys an existing one: the data goes to a hidden temporary
 * file in the same folder, is flushed to disk, and only then takes the final name in one step.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { truncateUtf8 } from './safe-filename.js';

export interface AtomicWriteOptions {
  /** Replace an existing file (default false: refuse with OutputExistsError). */
  overwrite?: boolean;
  /** Permissions of a new file (default 0o666, less the umask). */
  mode?: number;
}

/** What writeFileAtomic writes: the whole content, or its pieces in order (strings as UTF-8). */
export type FileData =
  string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** The target exists and overwriting was not allowed. Nothing was changed. */
export class OutputExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly path: string) {
    super(`${path} already exists and was not overwritten`);
    this.name = 'OutputExistsError';
  }
}

/** Errors meaning "this file system cannot make hard links", where the fallback is needed. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES']);

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * A temporary name beside the target: hidden (leading dot), unique (process id and random bytes,
 * opened with O_EXCL), recognisable (the target's name, shortened) and ending in ".tmp".
 */
export function temporaryPath(path: string): string {
  const tag = `${process.pid}-${randomBytes(6).toString('hex')}`;
  return join(dirname(path), `.${truncateUtf8(basename(path), 150)}.${tag}.tmp`);
}

/**
 * Writes `data` to `path` atomically.
 *
 * - Same folder, so the final step is a rename (atomic on POSIX and NTFS), never a copy.
 * - The temporary file is fsync'ed before it is renamed, so a crash cannot leave an empty report.
 * - Without `overwrite`, the final step is link(2), which fails if the name exists, so even a file
 *   created meanwhile by another process is never replaced. Where hard links are unsupported
 *   (some network and FAT file systems), it falls back to checking first, then renaming.
 * - On any failure the temporary file is removed and the existing file, if any, is untouched.
 * - `data` may come in pieces (an iterable or async iterable of strings or bytes, e.g. a stream),
 *   written as they come, so a large output is never held whole in memory.
 */
export async function writeFileAtomic(
  path: string,
  data: FileData,
  options: AtomicWriteOptions = {},
): Promise<void> {
  if (!options.overwrite && (await exists(path))) throw new OutputExistsError(path);
  const tmp = temporaryPath(path);
  let created = false;
  try {
    const handle = await open(tmp, 'wx', options.mode ?? 0o666);
    created = true;
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      // writeFile on an open handle continues from where the last piece ended, and writes it whole.
      else for await (const piece of data) await handle.writeFile(piece);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await rename(tmp, path);
    else await publishWithoutOverwrite(tmp, path);
    created = false;
    await syncFolder(dirname(path));
  } catch (e) {
    if (created) await unlink(tmp).catch(() => {});
    throw e;
  }
}

async function publishWithoutOverwrite(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputExistsError(path);
    if (!code || !NO_LINKS.has(code)) throw e;
    if (await exists(path)) throw new OutputExistsError(path);
    await rename(tmp, path);
    return;
  }
  // The file is published; a leftover temporary name is untidy, not a failure.
  await unlink(tmp).catch(() => {});
}

/** Makes the rename itself durable (POSIX); folders cannot be opened for sync on Windows. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data itself is already on disk.
  }
}
