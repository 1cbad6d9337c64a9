/**
 * Loading and validating frameworks. Browser-safe: no file I/O here (the CLI reads files).
 */
import type { z } from 'zod';
import { FrameworkError } from './framework-error.js';
import { FrameworkSchema, type Framework } from './schema.js';
import { ReadingSchema } from './reading.js';
import { stripReadingView } from './reading-view.js';

export { FrameworkError } from './framework-error.js';
export { builtInFramework } from './built-in.js';

/** A JSON path as people write it: `elements[1].title`, `reading.characteristics["ucd.l2.03"].label`. */
function pathOf(path: readonly PropertyKey[]): string {
  if (!path.length) return '(top level)';
  return path
    .map((p) =>
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(p))
          ? `.${String(p)}`
          : `[${JSON.stringify(String(p))}]`,
    )
    .join('')
    .replace(/^\./, '');
}

function describe(issue: z.core.$ZodIssue): string {
  return `${pathOf(issue.path)}: ${issue.message}`;
}

/**
 * Validates untrusted framework data; throws FrameworkError listing every problem. Accepts the
 * output of `dmf framework --json`, whose characteristics carry a copy of their reading
 * (src/framework/reading-view.ts).
 */
export function parseFramework(data: unknown, sourceName = 'framework'): Framework {
  const stripped = stripReadingView(data);
  const result = FrameworkSchema.safeParse(stripped.data);
  const problems = [...stripped.problems, ...(result.success ? [] : result.error.issues.map(describe))];
  if (problems.length || !result.success) throw new FrameworkError(sourceName, problems);
  return result.data;
}

/**
 * The framework with its reading replaced by `data` (a reading file: provenance and one entry per
 * characteristic). Throws FrameworkError naming `sourceName`, one line per problem, each naming
 * the characteristic id where there is one.
 */
export function withReading(framework: Framework, data: unknown, sourceName = 'reading'): Framework {
  const reading = ReadingSchema.safeParse(data);
  if (!reading.success) throw new FrameworkError(sourceName, reading.error.issues.map(describe), 'reading');
  const result = FrameworkSchema.safeParse({ ...framework, reading: reading.data });
  if (result.success) return result.data;
  // Only the coverage rules can fail here (the framework itself was valid): say them of the file.
  const problems = result.error.issues.map((i) => {
    const inReading = i.path[0] === 'reading' ? i.path.slice(1) : i.path;
    return `${pathOf(inReading)}: ${i.message}`;
  });
  throw new FrameworkError(sourceName, problems, `reading for ${framework.id} ${framework.version}`);
}
