/** `dmf score`: the table and the JSON carry the range, the confidence grade and borderline. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { runDmf } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dmf-score-'));
const f = builtInFramework();
const ucd = f.elements[0]!;

describe('dmf score', () => {
  // User centered design: levels 1–2 "Not at all", three level-3 "Largely", the rest open (range 2–4).
  const ratings: Record<string, string> = {};
  for (const l of ucd.levels)
    l.characteristics.forEach((c, i) => {
      if (l.rank <= 2) ratings[c.id] = 'Not at all';
      else if (l.rank === 3 && i < 3) ratings[c.id] = 'Largely';
    });
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify({ frameworkId: f.id, frameworkVersion: f.version, ratings }));

  it('shows the range, the grade and borderline in the table', () => {
    const r = runDmf(['score', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Level\s+Coverage\s+Confidence\s+Borderline/);
    expect(r.stdout).toMatch(
      /User centered design\s+3 Becoming digital \/ responsive \(could be 2–4\)\s+62%\s+low\s+yes \(3 ratings\)/,
    );
    expect(r.stdout).toMatch(/Data Driven\s+Not assessed\s+0%\s+low/);
  });

  it('gives range, confidence grade with reasons, borderline and evidence in --json', () => {
    const r = runDmf(['score', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [first, second] = JSON.parse(r.stdout).elements;
    expect(first).toMatchObject({
      level: 3,
      range: { low: 2, high: 4 },
      borderline: true,
      borderlineItems: ['ucd.l3.01', 'ucd.l3.02', 'ucd.l3.03'],
      evidence: { inPlace: 3, withEvidence: 0, share: 0 },
      confidence: { rating: 'high', grade: 'low' },
    });
    expect(first.confidence.reasons.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ level: null, range: { low: null, high: null }, borderline: false });
  });
});
