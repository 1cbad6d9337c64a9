/** The report module runs in the Excel add-in too: nothing in it may need Node, except src/report/node. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

describe('src/report', () => {
  it('imports nothing from Node outside src/report/node', () => {
    const dir = join(ROOT, 'src/report');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('node'),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(
        /from ['"]node:|require\(|\bprocess\.|\bBuffer\b|from ['"](fs|path|os)['"]/,
      );
      expect(text, f).not.toMatch(/from ['"]\.\/node\//);
    }
  });
});
