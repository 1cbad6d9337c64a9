/**
 * Errors the user can act on. The CLI prints their message as one line (no stack trace unless
 * --debug) and exits with their code; anything else is a bug and is shown in full.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** 1: the input was bad; 2: the command line was wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
