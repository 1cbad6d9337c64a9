/**
 * The error of a framework or reading file that does not match the schema. Kept apart from the
 * schema (zod) so that code that only catches it, such as the command line's error handler, loads
 * no zod (docs/performance.md, issue 24 session 7).
 */

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
