/** docs/dataset.md is the data dictionary as the code describes it, not a copy that drifts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetDoc } from '../../src/batch/dataset-doc.js';
import { packageResources } from '../../src/batch/write-data-package.js';
import { builtInFramework } from '../../src/framework/index.js';

const f = builtInFramework();

describe('docs/dataset.md', () => {
  it('is what scripts/dataset-doc.ts writes from the tables’ descriptions (run it after changing them)', () => {
    const committed = readFileSync(new URL('../../docs/dataset.md', import.meta.url), 'utf8');
    expect(committed).toBe(datasetDoc(f));
  });

  it('has a section for every CSV and a row for every column, with its description', () => {
    const doc = datasetDoc(f);
    for (const r of packageResources(f)) {
      expect(doc).toContain(`## ${r.name}.csv`);
      for (const field of r.fields) expect(doc).toContain(`| \`${field.name}\` |`);
    }
    expect(doc).toMatch(/\| `Confidence` \| string \| How sure the level is: the graded confidence/);
  });
});
