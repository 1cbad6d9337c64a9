/**
 * A killed run resumes (src/batch/journal.ts) and one run holds an output folder at a time
 * (src/batch/lock.ts). Each case runs the real `dmf batch` as a child process on workbooks of the
 * demo's fictional government.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { writeWorkbook } from '../../src/workbook/exceljs/index.js';
import { buildPlan } from '../../src/workbook/plan/index.js';
import { runDmf } from '../helpers/run-cli.js';

const f = builtInFramework();
const root = mkdtempSync(join(tmpdir(), 'dmf-resume-'));
const inbox = join(root, 'in');
const COUNT = 3;
const BIN = fileURLToPath(new URL('../../bin/dmf.js', import.meta.url));

beforeAll(async () => {
  mkdirSync(inbox);
  for (const d of fictionalGovernment(f, COUNT, 21))
    writeFileSync(
      join(inbox, `${d.department}.xlsx`),
      await writeWorkbook(
        buildPlan(f, { department: d.department, answers: d.answers, createdAt: '2026-01-01T00:00:00.000Z' }),
      ),
    );
}, 180_000);

const docx = (out: string) =>
  readdirSync(join(out, 'reports'))
    .filter((n) => n.endsWith('.docx'))
    .sort();

/** Starts `dmf batch` on the inbox and returns the child and a promise of its exit. */
function startBatch(out: string) {
  const child = spawn(process.execPath, [BIN, 'batch', inbox, '-o', out, '--jobs', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** Polls until `ready()` or the child exits; true when ready. */
async function waitFor(ready: () => boolean, exited: Promise<unknown>): Promise<boolean> {
  let over = false;
  void exited.then(() => (over = true));
  while (!over) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return ready();
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

const lockOf = (pid: number) =>
  `${JSON.stringify({ pid, host: hostname(), startedAt: '2026-12-06T10:00:00.000Z', token: `t-${pid}` })}\n`;

describe('dmf batch killed with kill -9 part way', () => {
  it('the re-run keeps the complete reports untouched, writes the rest and leaves no "(2)" copies', async () => {
    const out = join(root, 'killed');
    const { child, exited } = startBatch(out);
    const reportsDir = join(out, 'reports');
    const sawReport = await waitFor(() => existsSync(reportsDir) && docx(out).length >= 1, exited);
    expect(sawReport).toBe(true);
    child.kill('SIGKILL');
    const end = await exited;
    expect(end.signal).toBe('SIGKILL');
    // Killed part way: some reports written, no log, the lock of a dead process left behind.
    const before = docx(out);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.length).toBeLessThan(COUNT);
    expect(existsSync(join(out, 'batch-log.json'))).toBe(false);
    const lockLeft = existsSync(join(out, 'batch.lock'));
    const stats = new Map(before.map((n) => [n, statSync(join(reportsDir, n))]));

    const again = runDmf(['batch', inbox, '-o', out, '--jobs', '1']);
    expect(again.code, again.stderr).toBe(0);
    const after = docx(out);
    expect(after.filter((n) => /\(\d+\)\.docx$/.test(n))).toEqual([]);
    expect(after).toHaveLength(COUNT);
    for (const [name, s] of stats) {
      const now = statSync(join(reportsDir, name));
      expect(now.ino, name).toBe(s.ino);
      expect(now.mtimeMs, name).toBe(s.mtimeMs);
    }
    expect(again.stdout).toMatch(
      new RegExp(`Reports: ${COUNT - before.length} written .*${before.length} unchanged`),
    );
    // The killed run left its lock (its process is gone, so the re-run took it over).
    expect(lockLeft).toBe(true);
    // The log now says it all: no journal, no lock, no temporary files.
    expect(readdirSync(out).filter((n) => /journal|lock|\.tmp$/.test(n))).toEqual([]);
  }, 300_000);
});

describe('one run per output folder', () => {
  it('refuses a second run while the holder lives, in one line naming its process', async () => {
    const out = join(root, 'held');
    mkdirSync(out, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(out, 'batch.lock'), lockOf(holder.pid!));
      const r = runDmf(['batch', inbox, '-o', out]);
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `another dmf batch \\(process ${holder.pid} on ${hostname()}, started 2026-12-06T10:00:00.000Z\\)`,
        ),
      );
      expect(existsSync(join(out, 'reports'))).toBe(false);
      expect(existsSync(join(out, 'batch.lock'))).toBe(true);
    } finally {
      holder.kill();
    }
  }, 120_000);

  it('takes over the lock of a process that is gone, and releases it at the end', async () => {
    const out = join(root, 'stale');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'batch.lock'), lockOf(await deadPid()));
    const r = runDmf(['batch', inbox, '-o', out, '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(docx(out)).toHaveLength(COUNT);
    expect(readdirSync(out).filter((n) => n.includes('lock'))).toEqual([]);
  }, 300_000);

  it('two runs started together: one writes, the other is refused; no "(2)" copies', async () => {
    const out = join(root, 'twice');
    const [a, b] = [startBatch(out), startBatch(out)];
    const ends = await Promise.all([a.exited, b.exited]);
    expect(ends.map((e) => e.code).sort()).toEqual([0, 1]);
    const refused = ends.find((e) => e.code === 1)!;
    expect(refused.stderr).toMatch(/another dmf batch \(process \d+ on .*\) is writing this folder/);
    expect(docx(out)).toHaveLength(COUNT);
    expect(existsSync(join(out, 'batch.lock'))).toBe(false);
  }, 300_000);

  it('SIGTERM part way releases the lock', async () => {
    const out = join(root, 'term');
    const { child, exited } = startBatch(out);
    expect(await waitFor(() => existsSync(join(out, 'batch.lock')), exited)).toBe(true);
    child.kill('SIGTERM');
    const end = await exited;
    expect(end.code).toBe(130);
    expect(existsSync(join(out, 'batch.lock'))).toBe(false);
  }, 300_000);
});
