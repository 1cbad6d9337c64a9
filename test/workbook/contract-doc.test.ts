/** docs/workbook-contract.md stays in step with the code: every diagnostic code, every style. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildPlan, CONTRACT_VERSION } from '../../src/workbook/plan/index.js';
import { BLOCKING_CODES, DIAGNOSTIC_CODES } from '../../src/workbook/read/core.js';

const doc = readFileSync(new URL('../../docs/workbook-contract.md', import.meta.url), 'utf8');
const section = (title: string) => doc.slice(doc.indexOf(`## ${title}`)).split(/\n## /)[0]!;

describe('docs/workbook-contract.md', () => {
  it('states the contract version', () => {
    expect(doc).toContain(`contract version ${CONTRACT_VERSION}`);
  });

  it('lists exactly the diagnostic codes of the reader, with the blocking ones marked', () => {
    const rows = section('Diagnostics')
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    const documented = rows.map((l) => /^\| `([^`]+)`/.exec(l)![1]!);
    expect(documented.sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
    for (const row of rows) {
      const code = /^\| `([^`]+)`/.exec(row)![1]!;
      const blocking = row.split('|')[3]!.trim();
      expect(blocking, code).toBe(BLOCKING_CODES.has(code as keyof typeof DIAGNOSTIC_CODES) ? 'yes' : 'no');
    }
  });

  it('lists every named style with its Excel name', () => {
    const plan = buildPlan(builtInFramework());
    const table = section('Named styles');
    for (const [name, style] of Object.entries(plan.styles)) {
      expect(table, name).toContain(`| \`${name}\` | ${style.displayName} |`);
    }
  });
});
