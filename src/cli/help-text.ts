/** The end of each command's --help: examples to copy, and what its exit codes mean. */
export function helpAfter(examples: readonly string[], exitCodes: string): string {
  return ['', 'Examples:', ...examples.map((e) => `  ${e}`), '', `Exit codes: ${exitCodes}`].join('\n');
}

/** The exit codes every command shares. */
export const USAGE_EXIT = '2 the command line was wrong';
