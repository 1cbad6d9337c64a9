/**
 * The batch's journal: what this run has written so far, appended line by line (JSON lines) and
 * flushed to disk (fsync) per report. batch-log.json is written only at the end, so a run killed
 * part way (kill -9, a power cut, the out-of-memory killer) used to leave reports that the next run
 * did not know as its own: it wrote them all again and kept the killed run's beside them as
 * "… (2).docx" copies. The next run reads the journal and
 *
 * - keeps a report whose key (what it was made from) is unchanged and whose bytes are those the
 *   journal recorded (a complete report: writes are atomic, and the hash proves it is ours);
 * - may replace any report name the journal claimed (announced, with the hash of the bytes to be
 *   written, before each write), so a report written just before the kill is never taken for
 *   someone else's file, and is kept when its bytes are those announced.
 *
 * The journal is removed once batch-log.json, which records the same, has been written.
 */
import { createHash } from 'node:crypto';
import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export const JOURNAL_FILE = 'batch-journal.jsonl';

/**
 * `writing`: about to write `report` (relative to the output folder), whose bytes hash to `sha256`
 * and which is made from `reportKey`: the name is this tool's from now on. `written`: it is written.
 * Both carry the hash, so a report renamed into place just before a kill, with only its `writing`
 * line on disk, is still recognised as complete (its bytes are the ones announced).
 */
export interface JournalRecord {
  event: 'writing' | 'written';
  report: string;
  inputs: string[];
  reportKey: string | null;
  sha256: string;
}

/** What a previous, unfinished run wrote, from its journal. */
export interface JournalState {
  /** Complete reports by the key they were made from (the last one written for each key). */
  written: Map<string, { report: string; sha256: string; inputs: string[] }>;
  /** Every report name the journal announced (written or about to be), relative to the output folder. */
  claimed: Set<string>;
  /** Each input's report, so a rewritten report keeps its name. */
  reportOf: Map<string, string>;
}

export const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** Reads the journal of `outDir`; an absent journal is an empty state. A torn last line is ignored. */
export async function readJournal(outDir: string): Promise<JournalState> {
  const state: JournalState = { written: new Map(), claimed: new Set(), reportOf: new Map() };
  let text: string;
  try {
    text = await readFile(join(outDir, JOURNAL_FILE), 'utf8');
  } catch {
    return state;
  }
  for (const line of text.split('\n')) {
    let r: Partial<JournalRecord>;
    try {
      r = JSON.parse(line) as Partial<JournalRecord>;
    } catch {
      continue; // the line being appended when the run was killed
    }
    if (typeof r.report !== 'string' || !Array.isArray(r.inputs)) continue;
    state.claimed.add(r.report);
    for (const i of r.inputs) if (typeof i === 'string') state.reportOf.set(i, r.report);
    if (typeof r.sha256 === 'string' && typeof r.reportKey === 'string')
      state.written.set(r.reportKey, { report: r.report, sha256: r.sha256, inputs: r.inputs });
  }
  return state;
}

/** The journal being written by this run. Appends are serialised by the caller (one report at a time). */
export class Journal {
  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /** Opens `outDir`'s journal for appending (what a killed run recorded stays: it is still true). */
  static async open(outDir: string): Promise<Journal> {
    const path = join(outDir, JOURNAL_FILE);
    return new Journal(await open(path, 'a'), path);
  }

  /** Appends one record and waits until it is on disk. */
  async append(record: JournalRecord): Promise<void> {
    await this.handle.appendFile(`${JSON.stringify(record)}\n`, 'utf8');
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  /** Closes and deletes the journal: the run's log now says everything it said. */
  async remove(): Promise<void> {
    await this.close().catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }
}

/** True when `path` holds exactly the bytes whose hash is `sha256`. */
export async function hasContent(path: string, sha256: string): Promise<boolean> {
  try {
    return sha256Hex(await readFile(path)) === sha256;
  } catch {
    return false;
  }
}
