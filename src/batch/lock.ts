/**
 * One run per output folder. Two runs writing one folder (a colleague, a second terminal)
 * interleave: each allocates report names without knowing of the other's, and "(2)" copies follow.
 * A run therefore holds the folder with a lock file naming its process, host and start time:
 *
 * - taken atomically: the holder's details are written to a temporary file first, then linked to
 *   the lock's name, which fails if it exists (so nobody ever reads a half-written lock);
 * - released when the run ends (normally, on error, or on Ctrl-C / SIGTERM through the batch's
 *   abort, and as a last resort when the process exits);
 * - taken over when its holder is gone (same host, no such process). The stale lock is first moved
 *   aside under a name of our own and checked to be the one judged stale, so two runs taking over at
 *   once cannot both win.
 */
import { randomUUID } from 'node:crypto';
import { unlinkSync, readFileSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'batch.lock';

/** What the lock file holds (JSON). */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** Unique to one run: a release never removes another run's lock. */
  token: string;
}

/** The folder is held by another run that is still going (or whose state cannot be known). */
export class OutputLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `${lockPath}: another dmf batch (process ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is writing this folder; ` +
            (holder.host === hostname()
              ? 'wait for it to finish, or stop it'
              : 'wait for it to finish; if that run is over, delete the lock file')
        : `${lockPath}: another dmf batch is taking this folder right now; try again in a moment`,
    );
  }
}

export interface OutputLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still this run's. Safe to call twice. */
  release(): Promise<void>;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string'
      ? { pid: h.pid, host: h.host, startedAt: String(h.startedAt ?? 'unknown'), token: h.token }
      : null;
  } catch {
    return null;
  }
}

/** True when the process is running (EPERM: it exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A holder that is provably gone: on this host, and no process of its number. */
const isStale = (h: LockHolder) => h.host === hostname() && h.pid !== process.pid && !processAlive(h.pid);

const readHolder = (path: string) =>
  readFile(path, 'utf8').then(parseHolder, (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });

/** Takes the lock of `outDir` (which must exist), or throws OutputLockedError naming the holder. */
export async function acquireOutputLock(outDir: string): Promise<OutputLock> {
  const path = join(outDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  const temp = join(outDir, `.${LOCK_FILE}.${holder.token}.tmp`);
  await writeFile(temp, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(temp, path);
        return held(path, holder);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const current = await readHolder(path);
      if (current === undefined) continue; // released meanwhile: try again
      if (current === null || !isStale(current)) throw new OutputLockedError(path, current);
      // Move the stale lock aside and check it is the one judged stale (not a newer run's).
      const aside = join(outDir, `.${LOCK_FILE}.${holder.token}.stale`);
      try {
        await rename(path, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = await readHolder(aside);
      if (moved?.token !== current.token) {
        // Another run took the lock between our read and our rename: give it back and stop.
        await link(aside, path).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
        throw new OutputLockedError(path, moved ?? null);
      }
      await unlink(aside);
    }
    throw new OutputLockedError(path, (await readHolder(path)) ?? null);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function held(path: string, holder: LockHolder): OutputLock {
  let released = false;
  // Last resort (process.exit, an uncaught error): synchronous, as 'exit' handlers must be.
  const onExit = () => {
    if (released) return;
    try {
      if (parseHolder(readFileSync(path, 'utf8'))?.token === holder.token) unlinkSync(path);
    } catch {
      // Nothing to release.
    }
  };
  process.on('exit', onExit);
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      if ((await readHolder(path).catch(() => undefined))?.token === holder.token)
        await unlink(path).catch(() => undefined);
    },
  };
}
