/** The check the browser test runs on the built add-in finds what old web views cannot parse. */
import { describe, expect, it } from 'vitest';
import { syntaxProblems } from './helpers/syntax-level.js';

describe('syntaxProblems', () => {
  it('passes ES2020', () => {
    expect(
      syntaxProblems('const a = {}; const b = a?.x ?? 1n; class C { constructor() { this.x = 1; } }'),
    ).toEqual([]);
    expect(syntaxProblems('const r = /(?=a)(?!b)x/g; const s = "(?:y)";')).toEqual([]);
  });

  it.each([
    ['class fields', 'class C { x = 1; }'],
    ['private fields', 'class C { #x; }'],
    ['logical assignment', 'let a; a ??= 1;'],
    ['static blocks', 'class C { static { } }'],
  ])('refuses %s', (_, code) => {
    expect(syntaxProblems(code)).toMatchObject([{ kind: 'syntax' }]);
  });

  it.each([
    ['a lookbehind literal', 'const r = /(?<=a)b/;'],
    ['a negative lookbehind literal', 'const r = /(?<!a)b/u;'],
    ['lookbehind text for new RegExp', 'const r = new RegExp("x|(?<!sans)serif", "i");'],
    ['lookbehind in a template', 'const r = new RegExp(`(?<=${a})b`);'],
  ])('finds %s', (_, code) => {
    expect(syntaxProblems(code)).toMatchObject([{ kind: 'lookbehind' }]);
  });
});
