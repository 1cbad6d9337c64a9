/**
 * A tiny benchmark harness: each case times a subject against a baseline on the same input,
 * alternating the two so that machine load affects both alike, and reports the ratio of medians.
 * Cases live in bench/cases/ and are listed in bench/run.ts.
 */

export interface Timed {
  /** What is timed, as shown in the table. */
  label: string;
  run: () => Promise<unknown> | unknown;
}

export interface BenchCase {
  name: string;
  /** What the case shows, one line. */
  description: string;
  /** Runs once before timing (build inputs); its time is not counted. */
  setup?: () => Promise<void> | void;
  baseline: Timed;
  subject: Timed;
  /** The subject may cost at most this many times the baseline (median); omitted: report only. */
  maxRatio?: number;
  /** Timed runs of each (after warm-up). */
  iterations?: number;
  warmup?: number;
  /**
   * After the timed runs: figures the table has no column for (peak memory, throughput) and
   * checks of their own; a failed check fails the case. Also the place to clean up.
   */
  finish?: () => Promise<CaseFinding> | CaseFinding;
}

/** What a case's `finish` adds to its result. */
export interface CaseFinding {
  /** Printed under the table, one line each. */
  notes: string[];
  /** The same figures as data, for `--json`. */
  figures?: Record<string, unknown>;
  /** False when one of the case's own checks failed. */
  ok: boolean;
}

export interface CaseResult {
  name: string;
  baseline: Stats;
  subject: Stats;
  ratio: number;
  maxRatio?: number;
  /** From the case's `finish`. */
  notes?: string[];
  figures?: Record<string, unknown>;
  ok: boolean;
}

export interface Stats {
  label: string;
  runs: number;
  median: number;
  mean: number;
  p90: number;
  min: number;
}

function stats(label: string, ms: number[]): Stats {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    label,
    runs: ms.length,
    median: at(0.5),
    mean: ms.reduce((a, b) => a + b, 0) / ms.length,
    p90: at(0.9),
    min: sorted[0]!,
  };
}

async function time(fn: Timed['run']): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runCase(c: BenchCase, iterations?: number): Promise<CaseResult> {
  await c.setup?.();
  const n = iterations ?? c.iterations ?? 30;
  for (let i = 0; i < (c.warmup ?? 3); i++) {
    await c.baseline.run();
    await c.subject.run();
  }
  const base: number[] = [];
  const subject: number[] = [];
  for (let i = 0; i < n; i++) {
    // Alternate the order too, so neither always runs right after a garbage collection.
    if (i % 2) {
      base.push(await time(c.baseline.run));
      subject.push(await time(c.subject.run));
    } else {
      subject.push(await time(c.subject.run));
      base.push(await time(c.baseline.run));
    }
  }
  const b = stats(c.baseline.label, base);
  const s = stats(c.subject.label, subject);
  const ratio = s.median / b.median;
  const finding = await c.finish?.();
  return {
    name: c.name,
    baseline: b,
    subject: s,
    ratio,
    ...(c.maxRatio !== undefined ? { maxRatio: c.maxRatio } : {}),
    ...(finding ? { notes: finding.notes, ...(finding.figures ? { figures: finding.figures } : {}) } : {}),
    ok: (c.maxRatio === undefined || ratio <= c.maxRatio) && (finding?.ok ?? true),
  };
}

/** The results as a plain-text table. */
export function table(results: CaseResult[]): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const rows = [
    ['case', 'what', 'runs', 'median', 'mean', 'p90', 'ratio', 'target', ''],
    ...results.flatMap((r) => [
      [
        r.name,
        r.baseline.label,
        String(r.baseline.runs),
        ms(r.baseline.median),
        ms(r.baseline.mean),
        ms(r.baseline.p90),
        '',
        '',
        '',
      ],
      [
        '',
        r.subject.label,
        String(r.subject.runs),
        ms(r.subject.median),
        ms(r.subject.mean),
        ms(r.subject.p90),
        `${r.ratio.toFixed(2)}×`,
        r.maxRatio !== undefined ? `≤ ${r.maxRatio}×` : '',
        r.ok ? (r.maxRatio === undefined && !r.notes ? '' : 'ok') : 'MISSED',
      ],
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const notes = results.flatMap((r) =>
    r.notes?.length ? ['', `${r.name}:`, ...r.notes.map((n) => `  ${n}`)] : [],
  );
  return [
    ...rows.map((r) =>
      r
        .map((v, c) => (c >= 2 && c <= 6 ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    ),
    ...notes,
  ].join('\n');
}
