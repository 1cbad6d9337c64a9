/**
 * Shared by the summary tests of issue 22: the built-in framework with the tool's reading of each
 * characteristic (its data file, as the reading branch commits it), and summary entries made from
 * hand-made or fictional departments.
 */
import { builtInFramework, parseFramework, type Framework } from '../../src/framework/index.js';
import reading from '../../src/framework/data/dmf-mvp-2022.reading.json' with { type: 'json' };
import type { SummaryEntry } from '../../src/report/summary/index.js';
import type { Answers, ScoreResult } from '../../src/scoring/index.js';

let cached: Framework | undefined;
/** The built-in framework with the tool's reading (polarity, actor, label) of all 244 characteristics. */
export function withReading(): Framework {
  cached ??= parseFramework({ ...builtInFramework(), reading }, 'built-in framework with its reading');
  return cached;
}

let plain: Framework | undefined;
/**
 * The built-in framework without any reading, for the behaviour the reports fall back to (every
 * characteristic a step, full text): explicit, so these tests hold whether or not the built-in
 * framework brings its reading.
 */
export function withoutReading(): Framework {
  if (!plain) {
    const { reading: _unused, ...rest } = builtInFramework();
    plain = parseFramework(rest, 'built-in framework without a reading');
  }
  return plain;
}

/** A summary entry for a department that was read and scored. */
export function entryOf(
  d: { department: string; answers: Answers; scores: ScoreResult },
  i = 0,
  extra: Partial<SummaryEntry> = {},
): SummaryEntry {
  return {
    department: d.department,
    file: `${i}.xlsx`,
    scores: d.scores,
    answers: d.answers,
    errorCount: 0,
    duplicateDepartment: false,
    ...extra,
  };
}
