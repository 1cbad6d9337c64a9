/**
 * Loading and validating frameworks. Browser-safe: no file I/O here (the CLI reads files).
 */
import type { z } from 'zod';
import builtIn from './data/dmf-mvp-2022.json' with { type: 'json' };
import builtInReading from './data/dmf-mvp-2022.reading.json' with { type: 'json' };
import { FrameworkSchema, type Framework } from './schema.js';
import { ReadingSchema } from './reading.js';
import { stripReadingView } from './reading-view.js';

/** A framework file that does not match the schema; `problems` are one line each, with a JSON path. */
export class FrameworkError extends Error {
  constructor(
    readonly sourceName: string,
    readonly problems: readonly string[],
    /** What the file should have been, for the first line of the message. */
    what = 'framework',
  ) {
    super(
      `${sourceName} is not a valid ${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'FrameworkError';
  }
}

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

let cached: Framework | undefined;

/**
 * The built-in Digital Maturity Framework MVP with the tool's reading of each characteristic
 * (validated once, then shared). The framework's text and the reading live in separate files:
 * the text is the DGX's, the reading is this tool's (docs/framework-data.md).
 */
export function builtInFramework(): Framework {
  cached ??= parseFramework({ ...builtIn, reading: builtInReading }, 'built-in framework');
  return cached;
}
