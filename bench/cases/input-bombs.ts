/**
 * Hostile files (issue 7): each is read the way a user's command reads it — `readWorkbookFile` of
 * src/cli, as `dmf score`, `dmf report` and `dmf validate` do: the zip inspection in the command's
 * thread, then, only if the file is accepted, a guarded worker (memory and time limits) that
 * inspects it again and reads it — in a fresh Node
 * process (compiled like lib/, see ../compiled.ts), so that its peak memory (maxRSS, worker
 * included) is that of this one file.
 *
 *   - Baseline: the same child process that only starts and imports the modules, per file.
 *   - Subject: the child reads the file: the guarded worker (starting it is part of the time),
 *     whose first step is the zip inspection (in the child's own thread before issue 24 session 7).
 *
 * Targets (issue 7): every bomb refused in under 5 s (the read itself, after start-up), with
 * the whole process's peak RSS under 300 MB. A valid DMF workbook is read as a control (it must
 * be accepted; the same limits apply). The table's ratio is of the children's wall-clock times,
 * start-up included (report only).
 *
 * The bombs are built at setup in a temporary folder from the test corpus
 * (test/io/fixtures/corpus.ts): compressed data is generated block by block, so building even the
 * 1.6 GB bomb holds only its 1.6 MB of compressed bytes.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeDemoWorkbooks } from '../../src/demo/write-demo-workbooks.js';
import { builtInFramework } from '../../src/framework/index.js';
import {
  bombWorkbook,
  dtdInSheet,
  manyEntries,
  manyWhitespaceSheets,
  MiB,
  tempDir,
  whitespaceSheet,
  type TempDir,
} from '../../test/io/fixtures/corpus.js';
import { compiledPath } from '../compiled.js';
import type { BenchCase, CaseFinding } from '../harness.js';

const MAX_REFUSAL_MS = 5000;
const MAX_RSS_MB = 300;
const CHILD = fileURLToPath(new URL('./read-file-child.ts', import.meta.url));
let childScript = '';
const run = promisify(execFile);

interface ChildResult {
  mode: 'read' | 'idle';
  outcome: 'accepted' | 'refused' | 'idle';
  code: string | null;
  message: string | null;
  ms: number;
  /** The zip inspection alone, in the child's main thread (no worker), after the measurement. */
  inspectMs: number | null;
  rssAfterImportMb: number;
  maxRssMb: number;
  /** Spawn to exit, measured here. */
  wallMs: number;
}

interface Input {
  label: string;
  build: () => Promise<Buffer>;
  expect: 'accepted' | 'refused';
}

const INPUTS: Input[] = [
  {
    label: 'valid DMF workbook (control: read in full)',
    expect: 'accepted',
    build: async () => {
      const dir = await tempDir('dmf-bench-valid-');
      try {
        const [path] = await writeDemoWorkbooks(builtInFramework(), {
          dir: dir.path,
          count: 1,
          seed: 2026,
          createdAt: '2026-03-31T09:00:00.000Z',
        });
        return await readFile(path!);
      } finally {
        await dir.remove();
      }
    },
  },
  { label: '1.6 GB zeros entry, honest headers', expect: 'refused', build: () => bombWorkbook(1600) },
  {
    label: '1.6 GB zeros entry, headers claim 99 MiB',
    expect: 'refused',
    build: () => bombWorkbook(1600, 99 * MiB),
  },
  { label: 'sheet of 1 GiB of spaces', expect: 'refused', build: () => whitespaceSheet(1024) },
  { label: '8 sheets of 99 MiB of spaces', expect: 'refused', build: () => manyWhitespaceSheets(8, 99) },
  {
    label: '65 000 entries (no zip64: the most a plain zip holds)',
    expect: 'refused',
    build: async () => manyEntries(65_000),
  },
  { label: 'DTD with entities (billion laughs)', expect: 'refused', build: () => dtdInSheet() },
];

let dir: TempDir | undefined;
const files: { input: Input; path: string; bytes: number }[] = [];
const results = new Map<string, { idle: ChildResult[]; read: ChildResult[] }>();

async function child(mode: 'read' | 'idle', path: string): Promise<ChildResult> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [childScript, mode, path], {
    maxBuffer: 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  return { ...(JSON.parse(stdout.trim().split('\n').pop()!) as Omit<ChildResult, 'wallMs'>), wallMs };
}

function each(mode: 'read' | 'idle') {
  return async () => {
    for (const f of files) {
      const r = await child(mode, f.path);
      results.get(f.input.label)![mode].push(r);
    }
  };
}

const max = (xs: number[]) => Math.max(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function finish(): Promise<CaseFinding> {
  const notes: string[] = [];
  const figures: Record<string, unknown>[] = [];
  let ok = true;
  notes.push(
    `machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end`,
  );
  notes.push(
    'per file, worst of the runs: outcome, read time (after start-up; the start of the guarded worker included: it inspects, then reads), ' +
      'the zip inspection alone without a worker (median), child wall time, peak RSS of the child (baseline child: start + import only)',
  );
  for (const f of files) {
    const { idle, read } = results.get(f.input.label)!;
    const readMs = max(read.map((r) => r.ms));
    const inspectMs = median(read.map((r) => r.inspectMs ?? NaN));
    const rss = max(read.map((r) => r.maxRssMb));
    const wall = max(read.map((r) => r.wallMs));
    const idleRss = median(idle.map((r) => r.maxRssMb));
    const idleWall = median(idle.map((r) => r.wallMs));
    const outcomes = new Set(read.map((r) => r.outcome));
    const right = outcomes.size === 1 && outcomes.has(f.input.expect);
    const fast = readMs < MAX_REFUSAL_MS;
    const small = rss < MAX_RSS_MB;
    if (!right || !fast || !small) ok = false;
    const message = read[0]?.message ?? '';
    notes.push(
      `${f.input.label} (${(f.bytes / MiB).toFixed(2)} MiB file): ${[...outcomes].join('/')}${right ? '' : ` — EXPECTED ${f.input.expect}`}` +
        ` in ${readMs.toFixed(0)} ms${fast ? '' : ` — MISSED (≥ ${MAX_REFUSAL_MS} ms)`}` +
        ` (inspection alone ${inspectMs.toFixed(0)} ms;` +
        ` child ${wall.toFixed(0)} ms, baseline ${idleWall.toFixed(0)} ms);` +
        ` peak RSS ${rss.toFixed(0)} MB${small ? '' : ` — MISSED (≥ ${MAX_RSS_MB} MB)`}` +
        ` (baseline ${idleRss.toFixed(0)} MB, ${rss >= idleRss ? '+' : '−'}${Math.abs(rss - idleRss).toFixed(0)} MB)`,
    );
    if (message) notes.push(`    “${message.length > 150 ? `${message.slice(0, 147)}…` : message}”`);
    figures.push({
      file: f.input.label,
      bytes: f.bytes,
      outcome: [...outcomes].join('/'),
      code: read[0]?.code ?? null,
      readMs: Math.round(readMs),
      inspectMs: Math.round(inspectMs),
      wallMs: Math.round(wall),
      baselineWallMs: Math.round(idleWall),
      maxRssMb: Math.round(rss),
      baselineMaxRssMb: Math.round(idleRss),
      runs: read.length,
    });
  }
  notes.push(
    `targets: refusal < ${MAX_REFUSAL_MS} ms and peak RSS < ${MAX_RSS_MB} MB for every file: ${ok ? 'ok' : 'MISSED'}`,
  );
  await dir?.remove();
  return { notes, figures: { loadAverageEnd: loadavg(), files: figures }, ok };
}

export const inputBombsCase: BenchCase = {
  name: 'input-bombs',
  description: `each zip bomb read as a user's command reads it, in a fresh process: refused in < ${MAX_REFUSAL_MS / 1000} s, peak RSS < ${MAX_RSS_MB} MB`,
  async setup() {
    childScript = await compiledPath(CHILD);
    dir = await tempDir('dmf-bench-bombs-');
    const path = dir.path;
    process.once('exit', () => rmSync(path, { recursive: true, force: true }));
    for (const [i, input] of INPUTS.entries()) {
      const bytes = await input.build();
      files.push({
        input,
        path: await dir.file(`${i}-${input.label.replace(/\W+/g, '-')}.xlsx`, bytes),
        bytes: bytes.length,
      });
      results.set(input.label, { idle: [], read: [] });
    }
  },
  baseline: { label: 'child: start + import, per file', run: each('idle') },
  subject: { label: 'child: readWorkbookFile, per file', run: each('read') },
  iterations: 3,
  warmup: 0,
  finish,
};
