/**
 * Loading and validating frameworks. Browser-safe: no file I/O here (the CLI reads files).
 */
import type { z } from 'zod';
import builtIn from './data/dmf-mvp-2022.json' with { type: 'json' };
import { FrameworkSchema, type Framework } from './schema.js';

/** A framework file that does not match the schema; `problems` are one line each, with a JSON path. */
export class FrameworkError extends Error {
  constructor(
    readonly sourceName: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${sourceName} is not a valid framework (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'FrameworkError';
  }
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.length
    ? issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';
  return `${path}: ${issue.message}`;
}

/** Validates untrusted framework data; throws FrameworkError listing every problem. */
export function parseFramework(data: unknown, sourceName = 'framework'): Framework {
  const result = FrameworkSchema.safeParse(data);
  if (!result.success) throw new FrameworkError(sourceName, result.error.issues.map(describe));
  return result.data;
}

let cached: Framework | undefined;

/** The built-in Digital Maturity Framework MVP (validated once, then shared). */
export function builtInFramework(): Framework {
  cached ??= parseFramework(builtIn, 'built-in framework');
  return cached;
}
