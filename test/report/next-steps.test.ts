/** The report's own rules: ranking next steps, choosing the brief's priorities, the verdict, and answers not counted. */
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { verdict } from '../../src/report/brief.js';
import { dataQuality, diagnosticRows } from '../../src/report/data-quality.js';
import { choosePriorityElements, rankNextSteps } from '../../src/report/next-steps.js';
import type { ProfileRow } from '../../src/report/view-model.js';
import { buildViewModel } from '../../src/report/index.js';
import { sampleResult } from './fixtures.js';

const framework = builtInFramework();

describe('rankNextSteps', () => {
  it('puts Partly before Not at all, keeps the framework order for ties, and never makes an unrated item a step', () => {
    const gaps = [
      { id: 'a', value: 0 },
      { id: 'b', value: null },
      { id: 'c', value: 1 / 3 },
      { id: 'd', value: 0 },
      { id: 'e', value: 1 / 3 },
      { id: 'f', value: null },
    ];
    const { ranked, notYetAssessed } = rankNextSteps(gaps);
    expect(ranked.map((g) => g.id)).toEqual(['c', 'e', 'a', 'd']);
    expect(notYetAssessed.map((g) => g.id)).toEqual(['b', 'f']);
  });
});

describe('choosePriorityElements', () => {
  it('takes the lowest level first, then the one nearest its next level, then framework order; skips elements without a step', () => {
    const chosen = choosePriorityElements([
      { level: 2, progress: 0.9, hasStep: true },
      { level: 1, progress: 0.2, hasStep: true },
      null,
      { level: 1, progress: 0.6, hasStep: true },
      { level: 1, progress: 0.9, hasStep: false },
      { level: 1, progress: 0.2, hasStep: true },
    ]);
    expect(chosen).toEqual([3, 1, 5]);
  });

  it('gives each element of the demo-like sample its ranked first step in the brief', () => {
    const vm = buildViewModel({
      framework,
      current: sampleResult(),
      options: { now: new Date('2026-11-27') },
    });
    expect(vm.summary.topPriorities.length).toBeGreaterThan(0);
    for (const p of vm.summary.topPriorities) {
      const e = vm.elements.find((x) => x.id === p.id)!;
      // The first ranked step the department can take itself (a step that needs the centre is named apart).
      expect(p.step).toEqual(e.nextSteps!.ranked.find((c) => c.actor !== 'centre'));
      expect(p.step.assessed).toBe(true);
    }
  });
});

describe('verdict', () => {
  const row = (level: number | null): ProfileRow =>
    ({ level, assessed: level !== null }) as unknown as ProfileRow;
  const scale = framework.elements[0]!.levels.map((l) => ({ rank: l.rank, name: l.name }));

  it('says the most common level and the ceiling, or the spread', () => {
    expect(verdict([1, 1, 1, 2, 1, 1, 1].map(row), scale)).toBe(
      'Mostly level 1 (Non-digital / non-responsive): 6 of the 7 elements are at level 1 and none is above level 2.',
    );
    expect(verdict([2, 2, 2, 1, 2].map(row), scale)).toMatch(
      /^Mostly level 2 .*and the other one is lower\.$/,
    );
    expect(verdict([1, 2, 3, 3, 4].map(row), scale)).toMatch(
      /^Mixed: the elements range from level 1 to level 4/,
    );
    expect(verdict([2, 2, null].map(row), scale)).toMatch(
      /All 2 assessed elements are at level 2 .*One element could not be assessed\.$/,
    );
    expect(verdict([null, null].map(row), scale)).toMatch(/^No element could be assessed/);
  });
});

describe('data quality', () => {
  it('says precisely which answers were not counted, and never that nothing changed when one was', () => {
    const rows = diagnosticRows([
      {
        severity: 'error',
        code: 'rating-off-scale',
        message:
          'Sheet "User centered design", cell D14: "Mostly" is not on the rating scale, so ucd.l2.03 counts as unanswered.',
        sheet: 'User centered design',
        cell: 'D14',
        itemId: 'ucd.l2.03',
        elementId: 'ucd',
      },
      {
        severity: 'info',
        code: 'unanswered',
        message: '3 questions have no response.',
        sheet: 'Data driven',
        elementId: 'data',
      },
    ]);
    const dq = dataQuality(framework, rows);
    expect(dq.notCounted).toHaveLength(1);
    expect(dq.notCounted[0]!.location).toBe('User centered design, cell D14');
    expect(dq.notCounted[0]!.what).toBe(framework.elements[0]!.levels[1]!.characteristics[2]!.text);
    expect(dq.notCounted[0]!.effect).toMatch(/^Not counted/);
    expect(dq.text).not.toMatch(/None of them/);
    expect(dq.worthReporting).toBe(true);

    const notesOnly = dataQuality(framework, rows.slice(1));
    expect(notesOnly.notCounted).toEqual([]);
    expect(notesOnly.worthReporting).toBe(false);
    expect(notesOnly.text).toContain('None of them left an answer out');
  });
});
