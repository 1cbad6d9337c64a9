/**
 * Tuning for a command that does one piece of work and exits (`dmf report FILE`).
 *
 * V8 runs new code in its interpreter and baseline compiler, and compiles the functions it sees run
 * often again with TurboFan, its optimising compiler, on background threads. In a long run (a batch's
 * workers, hundreds of reports) that pays for itself many times over. In one report it does not:
 * docx, docx/html and our report code run a few thousand times at most before the process ends, so
 * most of TurboFan's work is spent on code that has little left to run. Measured on the idle 2-core
 * machine, `dmf report` of a demo workbook (`--template ministerial`, 7 runs each, alternated): CPU
 * 1.02–1.33 s (median 1.22) with TurboFan, 0.78–1.07 s (median 0.86) without; wall time the same
 * (0.74–0.99 s against 0.76–1.04 s). docs/performance.md, "Issue 24, session 8: one report without
 * TurboFan", has the figures.
 *
 * The flag is process-wide, so the reading worker that the command starts runs without TurboFan too
 * (it reads one workbook). Long-running commands (`batch`, `demo`, `validate` of a folder) do not call
 * this.
 */
import { setFlagsFromString } from 'node:v8';

let ownsProcess = false;

/**
 * Called by `main` (the `dmf` command line, bin/dmf.js): the process exists to run this one command.
 * A program that builds the commands itself (`buildProgram()`: a test, another tool) runs them in
 * its own, longer-lived process, whose V8 is not ours to tune.
 */
export function claimProcess(): void {
  ownsProcess = true;
}

/**
 * Whether {@link claimProcess} was called: a command may then tune V8 for itself (`dmf batch` and
 * `dmf demo` set the heap's growth for each phase of the batch: src/batch/heap-growth.ts).
 */
export function processIsClaimed(): boolean {
  return ownsProcess;
}

/** V8 flags for a one-shot command: no optimising tier (interpreter and baseline compiler only). */
export const ONE_SHOT_V8_FLAGS = ['--no-opt'] as const;

/**
 * Applies {@link ONE_SHOT_V8_FLAGS} to this process from now on. Changing a V8 flag while the
 * process runs is what `node:v8` documents as use-with-care: `--no-opt` only stops new optimisations
 * (code optimised already keeps running), which is safe at any point. Call it at the start of the
 * command's action, before the heavy modules are loaded. Does nothing (and says so: false) unless
 * {@link claimProcess} was called.
 */
export function tuneForOneShot(): boolean {
  if (!ownsProcess) return false;
  for (const flag of ONE_SHOT_V8_FLAGS) setFlagsFromString(flag);
  return true;
}
