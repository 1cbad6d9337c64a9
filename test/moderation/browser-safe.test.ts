/** src/moderation is core: the add-in may bundle it, so nothing in it may need Node. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

describe('src/moderation', () => {
  it('imports nothing from Node', () => {
    const dir = join(ROOT, 'src/moderation');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(2);
    for (const f of files)
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(
        /from ['"]node:|require\(|\bprocess\.|\bBuffer\b|from ['"](fs|path|os|exceljs)['"]/,
      );
  });
});
