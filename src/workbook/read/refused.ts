/** The read result of a file that could not be read at all (browser-safe, cheap to import). */
import type { Framework } from '../../framework/index.js';
import { emptyAnswers } from '../../scoring/answers-check.js';
import { cleanLine } from '../../text/safe-text.js';
import type { Diagnostic, ReadResult } from '../read-result.js';

/**
 * The result for a file that could not be read at all: no answers, and one blocking error
 * diagnostic saying why (and, when given, what to do).
 */
export function refusedResult(framework: Framework, code: string, message: string, fix?: string): ReadResult {
  return {
    meta: { frameworkId: '', frameworkVersion: '', contractVersion: '' },
    answers: emptyAnswers(framework),
    diagnostics: [
      {
        severity: 'error',
        code,
        message: cleanLine(message),
        ...(fix ? { fix: cleanLine(fix) } : {}),
      } satisfies Diagnostic,
    ],
  };
}
