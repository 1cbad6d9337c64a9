/**
 * A problem with a report template, named by file and line like a compiler error
 * ("partials/element.hbs:12:5: …"), so a template author can go straight to it. Every failure of
 * a template — syntax, a missing variable, a hostile construct, a partial that calls itself — ends
 * up as one of these; nothing a template does should crash the program with a stack trace.
 */
export class TemplateError extends Error {
  constructor(
    /** The template file, relative to the template folder, e.g. "partials/element.hbs". */
    readonly file: string,
    /** 1-based line, when known. */
    readonly line: number | null,
    /** 1-based column, when known. */
    readonly column: number | null,
    /** What is wrong, without the location. */
    readonly reason: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}${column === null ? '' : `:${column}`}`}: ${reason}`);
    this.name = 'TemplateError';
  }
}

/** Line and column (1-based) of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
