/**
 * `widthEm` looks ASCII up in a table (src/report/brief-caps.ts); it must give exactly what the
 * per-character regular expressions gave (the caps compare sums with limits, so a last-bit
 * difference could name one item more or fewer), for every UTF-16 code unit and for pairs.
 */
import { describe, expect, it } from 'vitest';
import { widthEm } from '../../src/report/brief-caps.js';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The rule as it was written before the table. */
function charEm(ch: string): number {
  if (WIDE.test(ch) || ch.codePointAt(0)! > 0xffff || /[WM@]/.test(ch)) return 1;
  if (ch === 'm') return 0.89;
  if (ch === 'w') return 0.78;
  if (/[A-Z]/.test(ch)) return 0.78;
  if (/[ijl]/.test(ch)) return 0.28;
  if (/[ft]/.test(ch)) return 0.34;
  if (ch === 'r') return 0.39;
  if (/[a-z]/.test(ch)) return 0.62;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[ .,'’‘]/.test(ch)) return 0.28;
  if (/[:;()[\]-]/.test(ch)) return 0.34;
  return 0.62;
}

function reference(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

describe('widthEm', () => {
  it('gives every code unit the width the regular expressions gave', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const ch = String.fromCharCode(unit);
      if (widthEm(ch) !== reference(ch))
        expect({ unit, em: widthEm(ch) }).toEqual({ unit, em: reference(ch) });
    }
  });

  it('sums texts with pairs, lone surrogates and mixed scripts to the same bits', () => {
    const texts = [
      'Digital and data capability is embedded in the department’s strategy',
      'WWWWWWWWWW MMMMM @@@ mmmm wwww',
      '数字化成熟度评估 😀😀 a\ud800b \udc00 é ñ ‘quoted’',
      'x'.repeat(70) + '\ud83d',
    ];
    for (const t of texts) expect(widthEm(t)).toBe(reference(t));
  });
});
