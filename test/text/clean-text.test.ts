/**
 * cleanText returns text with nothing to clean untouched after one test (a fast path: the batch's
 * dataset cleans every cell). It must change exactly what the full cleaning changes: checked for
 * every UTF-16 code unit, alone, between letters and before a newline.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, replaceLoneSurrogates } from '../../src/text/safe-text.js';

// The full cleaning, as cleanText did it before its fast path.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const fullClean = (s: string) => replaceLoneSurrogates(s.replace(CONTROL, '')).replace(/\r\n?/g, '\n');

describe('cleanText', () => {
  it('cleans every code unit as the full cleaning does', () => {
    const wrong: string[] = [];
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      for (const s of [c, `a${c}b`, `${c}\n`])
        if (cleanText(s) !== fullClean(s))
          wrong.push(`U+${u.toString(16).padStart(4, '0')} in ${JSON.stringify(s)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps surrogate pairs, tabs and newlines, and folds CRLF', () => {
    expect(cleanText('😀\tline\r\nnext\rlast')).toBe('😀\tline\nnext\nlast');
  });
});
