/**
 * The brief's caps (src/report/brief-caps.ts): a marking too long for one line is refused, never
 * cut; free text is shortened with an ellipsis; the built-in reading's labels are never cut; and the
 * worst-case returns (worst-case-returns.ts) really put every capped list over its cap, so the
 * LibreOffice test (worst-case-brief.test.ts) lays out the worst and not an easy case.
 */
import { describe, expect, it } from 'vitest';
import { characteristicsOf } from '../../src/framework/index.js';
import {
  briefText,
  briefLabel,
  checkMarking,
  ELEMENT_PROBLEMS_MAX,
  MARKING_MAX,
  MarkingError,
  NOT_COUNTED_MAX,
  RATIONALE_MAX,
  widthEm,
  BRIEF_LABEL_EM,
} from '../../src/report/brief-caps.js';
import { buildViewModel } from '../../src/report/index.js';
import { frameworkWithReading } from '../helpers/framework-reading.js';
import { sampleResult } from './fixtures.js';
import { worstCases } from './worst-case-returns.js';

describe('the protective marking', () => {
  it(`is printed whole up to ${MARKING_MAX} characters and refused beyond, from the option or the workbook`, () => {
    expect(checkMarking('W'.repeat(MARKING_MAX))).toBe('W'.repeat(MARKING_MAX));
    expect(() => checkMarking('W'.repeat(MARKING_MAX + 1))).toThrow(MarkingError);
    const framework = frameworkWithReading();
    const long = 'OFFICIAL-SENSITIVE: COMMERCIAL AND PERSONAL HANDLING';
    expect(() => buildViewModel({ framework, current: sampleResult(), options: { marking: long } })).toThrow(
      /at most 40 characters.*--marking/,
    );
    const fromWorkbook = sampleResult();
    fromWorkbook.meta.marking = long;
    expect(() => buildViewModel({ framework, current: fromWorkbook })).toThrow(MarkingError);
    // The option overrides the workbook's, so a long one in the workbook can be replaced.
    expect(
      buildViewModel({ framework, current: fromWorkbook, options: { marking: 'OFFICIAL' } }).marking,
    ).toBe('OFFICIAL');
  });
});

describe('free text in the brief', () => {
  it('is shortened at a word, or anywhere in CJK, with an ellipsis, never longer than its cap', () => {
    expect(briefText('a short reason', 48)).toBe('a short reason');
    const cut = briefText('word '.repeat(40), 48);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(48);
    const cjk = briefText('数字化转型'.repeat(30), 48);
    expect([...cjk].length).toBe(48);
    expect(cjk.endsWith('…')).toBe(true);
  });

  it('never cuts a label of the built-in reading', () => {
    const framework = frameworkWithReading();
    for (const e of framework.elements)
      for (const c of characteristicsOf(e)) {
        const label = framework.reading!.characteristics[c.id]!.label;
        expect(widthEm(label), label).toBeLessThanOrEqual(BRIEF_LABEL_EM);
        expect(briefLabel(label)).toBe(label);
      }
  });
});

describe('the worst-case returns', () => {
  const cases = new Map(worstCases().map((c) => [c.name, buildViewModel(c.input)]));

  it('put every capped list of the brief over its cap', () => {
    const six = cases.get('six-respondents')!;
    expect(six.consolidation!.respondentCount).toBe(6);
    expect(six.consolidationBrief!.notShown).toBeGreaterThan(0);
    expect(six.peers).not.toBeNull();
    expect(six.previousRound!.warningBrief).not.toBe(six.previousRound!.warning);
    expect(six.dataQuality.notCounted.length).toBeGreaterThan(NOT_COUNTED_MAX);
    expect(six.summary.topPriorities).toHaveLength(3);
    expect(six.summary.asks).toHaveLength(5);
    for (const vm of cases.values()) {
      expect(vm.marking).toHaveLength(MARKING_MAX);
      expect(vm.cover.departmentBrief).toMatch(/…$/);
    }
    const assessed = [...cases.values()].flatMap((vm) => vm.elements.filter((e) => e.assessed));
    // Every assessed element's own view differs, with a reason too long to quote whole.
    for (const e of assessed) {
      expect(e.ownJudgement.differs).toBe(true);
      expect(e.ownJudgement.rationale!.length).toBeGreaterThan(RATIONALE_MAX);
      expect(e.ownJudgement.rationaleShortened).toBe(true);
    }
    // Lists over their caps somewhere in every case.
    expect(assessed.some((e) => e.moveAwayFrom.length > 1)).toBe(true);
    expect(
      assessed.some((e) => e.restsOn.some((l) => l.notInPlace.length > 2 && l.notAssessed.length > 2)),
    ).toBe(true);
    expect(assessed.some((e) => (e.nextSteps?.ranked.length ?? 0) > 3)).toBe(true);
    expect(assessed.some((e) => e.borderline)).toBe(true);
    const incomplete = cases.get('incomplete')!;
    expect(incomplete.summary.completeFirst).not.toBeNull();
    expect(incomplete.elements.some((e) => !e.assessed && e.problems.length > ELEMENT_PROBLEMS_MAX)).toBe(
      true,
    );
    expect(cases.get('two-respondents')!.consolidation!.respondentCount).toBe(2);
  });
});
