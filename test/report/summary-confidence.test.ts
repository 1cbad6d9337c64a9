/**
 * Issue 22, "two confidences": the summary's marks follow the graded confidence (high / medium /
 * low, with reasons) that each department's report gives, not the coverage-only flag, and coverage
 * is shown as coverage ("Answered").
 */
import { describe, expect, it } from 'vitest';
import { fictionalGovernment } from '../../src/demo/fictional-government.js';
import { builtInFramework } from '../../src/framework/index.js';
import { buildSummaryModel } from '../../src/report/summary/index.js';
import { score } from '../../src/scoring/index.js';
import { department } from './hand-made-batch.js';
import { entryOf } from './summary-helpers.js';

const f = builtInFramework();

describe('the heat map marks low confidence by the confidence grade', () => {
  // Everything rated and nothing contradictory, so the old flag (`confidence.rating`) is high;
  // no evidence written down, so the grade is low ("0 of the … rated "Largely" or "Fully"").
  const bare = department(f, 'No Evidence Office', [2, 2, 2, 2, 2, 2, 2]);
  const backed = department(f, 'Evidenced Office', [2, 2, 2, 2, 2, 2, 2], { evidence: true });
  const m = buildSummaryModel(f, [entryOf(bare, 0), entryOf(backed, 1)], [], { generatedOn: 'today' });
  const row = (name: string) => m.heatMap.find((r) => r.department === name)!;

  it('marks a result whose grade is low although coverage is full', () => {
    for (const e of bare.scores.elements) {
      expect(e.confidence.rating).toBe('high');
      expect(e.confidence.grade).toBe('low');
    }
    for (const c of row('No Evidence Office').cells) {
      expect(c.lowConfidence).toBe(true);
      expect(c.confidence).toBe('low');
    }
  });

  it('leaves unmarked a result whose grade is not low, and gives each cell its grade', () => {
    for (const [i, c] of row('Evidenced Office').cells.entries()) {
      expect(c.confidence).toBe(backed.scores.elements[i]!.confidence.grade);
      expect(c.lowConfidence).toBe(c.confidence === 'low');
    }
    expect(row('Evidenced Office').cells.some((c) => !c.lowConfidence)).toBe(true);
  });

  it('counts the counted results by grade in the bottom line, and shows coverage as coverage', () => {
    expect(m.confidenceCounts.results).toBe(14);
    expect(m.confidenceCounts.low).toBe(
      [...bare.scores.elements, ...backed.scores.elements].filter((e) => e.confidence.grade === 'low').length,
    );
    expect(m.bottomLine.join('\n')).toMatch(
      /Of the 14 results counted \(department by element\), \d+ have low confidence and \d+ medium, for the reasons each department’s report gives; low ones are marked \* in the heat map\./,
    );
    expect(row('No Evidence Office').coverageText).toBe('100%');
  });
});

describe('the demo’s round (seed 2026, 12 departments)', () => {
  const demo = fictionalGovernment(f, 12, 2026).map((d) => ({
    department: d.department,
    answers: d.answers,
    scores: score(f, d.answers),
  }));
  const m = buildSummaryModel(
    f,
    demo.map((d, i) => entryOf(d, i)),
    [],
    { generatedOn: 'today' },
  );

  it('marks the 28 counted results whose grade is low, as the briefs grade them (was none)', () => {
    const marked = m.heatMap.filter((r) => r.counted).flatMap((r) => r.cells.filter((c) => c.lowConfidence));
    expect(marked).toHaveLength(28);
    expect(m.confidenceCounts).toMatchObject({ results: 70, low: 28 });
    // Every one of them is high by the old coverage-only flag, which marked none.
    const counted = demo.filter((d) => m.heatMap.find((r) => r.department === d.department)!.counted);
    const results = counted.flatMap((d) => d.scores.elements.filter((e) => e.assessed));
    expect(results.filter((e) => e.confidence.rating === 'low')).toHaveLength(0);
    expect(results.filter((e) => e.confidence.grade === 'low')).toHaveLength(28);
  });
});
