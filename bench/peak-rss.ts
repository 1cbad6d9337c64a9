/**
 * Peak memory (resident set size) of this process while something runs, worker threads included
 * (they live in the same process). Two measurements:
 *   - sampled: a small worker thread reads `process.memoryUsage.rss()` every `intervalMs` (20 ms)
 *     and keeps the highest value in shared memory. It runs on its own thread, so it keeps sampling
 *     while the main thread is busy with synchronous work; a peak shorter than the interval can
 *     be missed.
 *   - kernel: Linux's own high-water mark (VmHWM in /proc/self/status), reset before each run by
 *     writing 5 to /proc/self/clear_refs; exact, where available (undefined elsewhere).
 * The sampler thread itself is part of what is measured (a few MB), for every run alike.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Int32Array(workerData.buffer);
const sample = () => {
  const kib = Math.round(process.memoryUsage.rss() / 1024);
  if (kib > Atomics.load(peak, 0)) Atomics.store(peak, 0, kib);
  Atomics.add(peak, 1, 1);
};
sample();
setInterval(sample, workerData.intervalMs);
`;

export interface PeakReading {
  /** Highest sampled RSS since the last reset, MB (10^6 bytes). */
  sampledMb: number;
  /** How many samples were taken. */
  samples: number;
  /** The kernel's high-water mark since the last reset, MB; undefined where not available. */
  kernelMb: number | undefined;
  /** The higher of the two: the figure to report. */
  peakMb: number;
}

const MB = 1e6;

function kernelHighWaterKiB(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export class PeakRss {
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private kernelResettable = true;

  constructor(intervalMs = 20) {
    this.worker = new Worker(SAMPLER, {
      eval: true,
      workerData: { buffer: this.shared.buffer, intervalMs },
    });
    this.worker.unref();
  }

  /** Current RSS, MB. */
  static nowMb(): number {
    return process.memoryUsage.rss() / MB;
  }

  /** Starts a new measurement: forgets the peak so far (sampled, and the kernel's where it can). */
  reset(): void {
    Atomics.store(this.shared, 0, 0);
    Atomics.store(this.shared, 1, 0);
    if (this.kernelResettable) {
      try {
        writeFileSync('/proc/self/clear_refs', '5');
      } catch {
        this.kernelResettable = false;
      }
    }
  }

  read(): PeakReading {
    // One last sample of our own, so a run shorter than the interval still has one.
    const sampledMb = Math.max(Atomics.load(this.shared, 0) * 1024, process.memoryUsage.rss()) / MB;
    const kib = this.kernelResettable ? kernelHighWaterKiB() : undefined;
    const kernelMb = kib === undefined ? undefined : (kib * 1024) / MB;
    return {
      sampledMb,
      samples: Atomics.load(this.shared, 1),
      kernelMb,
      peakMb: Math.max(sampledMb, kernelMb ?? 0),
    };
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
