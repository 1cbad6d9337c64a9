/**
 * How far V8 lets each thread's old generation grow between two full collections, set for each
 * phase of a batch run in a process that is the batch's own (`dmf batch`, `dmf demo`).
 *
 * Why: V8 takes that factor from a heap's cap, with a cliff: 1.3 at a cap of 256 MB, rising to 2
 * just under 2048 MB, and up to 4 from 2048 MB. A brief promotes 7–10 MB of objects (its
 * document), so its workers want room: at 4 they collect every few briefs and a brief costs about
 * a third less CPU than at 1.3–1.8 (the render pool's 2048 MB cap, run-batch.ts), but each of them
 * then holds about 110 MB of heap for about 35 MB live. At the end, the summary's worker and the
 * dataset on this thread hold a lot live at once and are each done once: there memory matters more
 * than the collector's time. No cap gives anything between 2 and 4, so the factor itself is set,
 * through V8's `--heap-growing-percent`:
 *
 * - render: 2 (100%), with the reports' workers' young generation at 24 MB instead of 12
 *   (`renderLimits`): fewer of a brief's objects live long enough to be promoted, so the old
 *   generation fills more slowly, and the pair is both cheaper and smaller than 2.5 with 12 MB or
 *   4 with 12 MB (docs/performance.md, "Issue 24, session 9").
 * - finish: 1.3 (30%): the summary's worker and the dataset's thread collect as a 256 MB cap would
 *   make them.
 * - otherwise V8's own choice (the flag at 0), as before the run: the read phase keeps it (its
 *   workers' 256 MB cap gives 1.3 already), and so does the process after the run.
 *
 * The flag is process-wide and V8 reads it after every full collection, so a change takes effect at
 * each thread's next collection. Changing a V8 flag while the process runs is what `node:v8`
 * documents as use-with-care: this one is a number V8 reads, never a switch of code paths, so any
 * moment is safe. A program that runs batches in its own process (a test, another tool) does not
 * ask for it: its V8 is not ours to tune (BatchOptions.tuneHeap).
 */
import { setFlagsFromString } from 'node:v8';

/** The batch's phases whose heap growth is set: `null` gives V8 its own choice back. */
export const BATCH_HEAP_GROWTH_PERCENT = {
  render: 100,
  finish: 30,
} as const;

export type HeapGrowthPhase = keyof typeof BATCH_HEAP_GROWTH_PERCENT;

/** Sets the growth for `phase`, or gives V8 its own choice back (`null`). */
export function setHeapGrowth(phase: HeapGrowthPhase | null): void {
  const percent = phase === null ? 0 : BATCH_HEAP_GROWTH_PERCENT[phase];
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
