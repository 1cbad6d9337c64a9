/**
 * What an old web view would trip over in built JavaScript: syntax above ES2020 (class fields,
 * `??=`, static blocks…: acorn refuses them at `ecmaVersion: 2020`) and regular-expression
 * lookbehind, which acorn accepts at that level (it is ES2018) but Safari before 16.4 does not:
 * in a regex literal it stops the whole file from parsing; in text handed to `new RegExp` it
 * throws when that line runs.
 */
import { parse, tokenizer, type Token } from 'acorn';

export interface SyntaxProblem {
  kind: 'syntax' | 'lookbehind';
  text: string;
}

const LOOKBEHIND = /\(\?<[=!]/;

export function syntaxProblems(code: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  try {
    parse(code, { ecmaVersion: 2020, sourceType: 'script' });
    const tokens: Token[] = [...tokenizer(code, { ecmaVersion: 2020, sourceType: 'script' })];
    for (const t of tokens) {
      const value: unknown = (t as Token & { value?: unknown }).value;
      const text =
        t.type.label === 'regexp'
          ? (value as { pattern: string }).pattern
          : t.type.label === 'string' || t.type.label === 'template'
            ? String(value)
            : undefined;
      if (text !== undefined && LOOKBEHIND.test(text)) {
        const at = text.search(LOOKBEHIND);
        problems.push({ kind: 'lookbehind', text: text.slice(Math.max(0, at - 30), at + 40) });
      }
    }
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    problems.push({
      kind: 'syntax',
      text: `${(e as Error).message}: ${code.slice(Math.max(0, pos - 40), pos + 40)}`,
    });
  }
  return problems;
}
