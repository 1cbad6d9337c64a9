/** The wrap bound: pieces broken greedily, a piece wider than a line broken between characters. */
import { describe, expect, it } from 'vitest';
import { charEm, LineText } from '../../../src/report/pages/text-width.js';

const width = (text: string, pt = 10, bold = false) =>
  [...text].reduce((w, ch) => w + charEm(ch.codePointAt(0)!, bold)! * pt * 20, 0);

describe('the wrap bound', () => {
  it('is one line for text that fits', () => {
    const t = new LineText();
    t.addText('a short line', 10, false);
    expect(t.lines(width('a short line'))).toBe(1);
  });

  it('breaks between words, greedily', () => {
    const t = new LineText();
    t.addText('abcd '.repeat(10).trim(), 10, false);
    // Room for two words and their spaces, not three: five lines.
    expect(t.lines(width('abcd abcd ') + 1)).toBe(5);
  });

  it('measures bold text in the bold face, which is wider', () => {
    expect(width('Digital maturity', 10, true)).toBeGreaterThan(width('Digital maturity'));
  });

  it('breaks a word wider than its line between characters, on lines of its own', () => {
    const t = new LineText();
    t.addText('go Unchanged', 10, false);
    const room = width('Unch') + 1;
    // "go" on the first line, then "Unchanged" (with its widest character lost on each line).
    const lines = t.lines(room)!;
    expect(lines).toBeGreaterThanOrEqual(1 + Math.ceil(width('Unchanged') / room));
    expect(lines).toBeLessThanOrEqual(1 + Math.ceil(width('Unchanged') / (room - width('W'))));
  });

  it('cannot bound a line narrower than one character', () => {
    const t = new LineText();
    t.addText('W', 10, false);
    expect(t.lines(width('W') / 2)).toBeUndefined();
  });

  it('counts Han characters an em each, breakable between them', () => {
    const t = new LineText();
    t.addText('数字成熟度评估', 10, false);
    expect(t.cjk).toBe(true);
    expect(t.total).toBe(7 * 200);
    expect(t.lines(3 * 200)).toBe(3);
  });
});
