/**
 * `cleanText` replaced its regex lookbehind (which Safari before 16.4 cannot parse, so the task
 * pane's bundle could not load there) with a left-to-right scan. The old expression is kept here
 * as the oracle: the new code must give the same result on every string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, replaceLoneSurrogates } from '../../src/text/safe-text.js';

/** The expression `cleanText` used before, with lookahead and lookbehind. */
const OLD_LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const oracle = (s: string) => s.replace(OLD_LONE_SURROGATE, '\ufffd');

/** Strings dense in surrogates (high, low, paired, doubled) among ordinary characters. */
const unit = fc.oneof(
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', 'a', '\n', '\u0007'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const text = fc.array(unit, { maxLength: 40 }).map((a) => a.join(''));

describe('lone surrogates', () => {
  it('are replaced exactly as the lookbehind expression did', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(replaceLoneSurrogates(s)).toBe(oracle(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('keep pairs and replace each unpaired half', () => {
    const cases: [string, string][] = [
      ['\ud83d\ude00', '\ud83d\ude00'],
      ['\ud83d', '\ufffd'],
      ['\ude00', '\ufffd'],
      ['\ude00\ud83d', '\ufffd\ufffd'],
      ['\ud83d\ud83d\ude00', '\ufffd\ud83d\ude00'],
      ['\ud83d\ude00\ude00', '\ud83d\ude00\ufffd'],
      ['a\ud800b', 'a\ufffdb'],
    ];
    for (const [input, want] of cases) {
      expect(replaceLoneSurrogates(input)).toBe(want);
      expect(replaceLoneSurrogates(input)).toBe(oracle(input));
    }
  });

  it('cleanText still removes control characters first and keeps newlines', () => {
    expect(cleanText('a\u0007\ud83d\r\nb\u202e')).toBe('a\ufffd\nb');
  });
});
