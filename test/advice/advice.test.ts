/**
 * The advice (src/advice): what to put in place holds strengths only, what to move away from holds
 * the weaknesses that describe the department, the department's own steps come first, and a
 * framework without a reading keeps the earlier behaviour (every characteristic of the next level is
 * a step).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, CENTRE_WORDS } from '../../src/advice/index.js';
import { fictionalGovernment, secondRespondent } from '../../src/demo/fictional-government.js';
import { LABEL_MAX, readingOf, type Framework } from '../../src/framework/index.js';
import { mergeReturns } from '../../src/moderation/merge-returns.js';
import { buildViewModel, compileTemplate, type ReportViewModel } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { emptyAnswers, score, type Answers } from '../../src/scoring/index.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import {
  frameworkWithMadeUpReading,
  frameworkWithoutReading,
  frameworkWithReading,
} from '../helpers/framework-reading.js';

const framework = frameworkWithReading();
const RATINGS = ['Fully', 'Largely', 'Partly', 'Not at all', "Don't know", 'Not applicable'] as const;

const read = (answers: Answers, department = 'A department'): ReadResult => ({
  meta: {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    contractVersion: '1',
    department,
    date: '2026-03-01',
  },
  answers,
  diagnostics: [],
});

const viewModel = (answers: Answers, f: Framework = framework) =>
  buildViewModel({ framework: f, current: read(answers), options: { now: new Date('2026-11-27') } });

/**
 * A made-up reading whose level 2 holds only weaknesses (everything else strengths), and a return
 * at level 1 with every higher level "Partly": the next level has no strength to put in place.
 */
function levelTwoOnlyProblems(): { f: Framework; answers: Answers } {
  const f = frameworkWithMadeUpReading((_, rank) => ({
    polarity: rank === 2 ? 'weakness' : 'strength',
    actor: 'department',
  }));
  const answers = emptyAnswers(f);
  for (const e of f.elements)
    for (const l of e.levels)
      for (const c of l.characteristics) answers.ratings[c.id] = l.rank === 1 ? 'Fully' : 'Partly';
  return { f, answers };
}

const isWeakness = (id: string, f: Framework = framework) => readingOf(f, id)?.polarity === 'weakness';

/** Every list of things to put in place in a view model, with where it is. */
function putInPlaceLists(vm: ReportViewModel): [string, { id: string }[]][] {
  return [
    ['summary.topPriorities[].step', vm.summary.topPriorities.map((p) => p.step)],
    ['summary.centreSteps[].step', vm.summary.centreSteps.map((p) => p.step)],
    ...vm.elements.flatMap((e): [string, { id: string }[]][] =>
      e.nextSteps
        ? [
            [`${e.id} nextSteps.items`, e.nextSteps.items],
            [`${e.id} nextSteps.ranked`, e.nextSteps.ranked],
            [`${e.id} nextSteps.notYetAssessed`, e.nextSteps.notYetAssessed],
          ]
        : [],
    ),
  ];
}

function expectNoWeaknessToPutInPlace(vm: ReportViewModel): void {
  for (const [where, items] of putInPlaceLists(vm))
    for (const c of items) expect(isWeakness(c.id), `${c.id} in ${where}`).toBe(false);
}

/** What to move away from: weaknesses rated Largely or Fully at or below the element's level, nothing else. */
function expectMoveAwayFromRight(vm: ReportViewModel, answers: Answers): void {
  for (const e of vm.elements) {
    const expected = framework.elements
      .find((x) => x.id === e.id)!
      .levels.filter((l) => e.level !== null && l.rank <= e.level)
      .flatMap((l) => l.characteristics)
      .filter((c) => isWeakness(c.id) && ['Fully', 'Largely'].includes(answers.ratings[c.id] ?? ''))
      .map((c) => c.id);
    expect(e.moveAwayFrom.map((c) => c.id).sort(), e.id).toEqual(expected.sort());
    for (const c of e.moveAwayFrom) expect(c.describesUs).toBe(true);
  }
  for (const m of vm.summary.moveAwayFrom) expect(isWeakness(m.item.id)).toBe(true);
}

/** A return whose every element sits at `level`: the characteristics of that level rated Fully, every other "Not at all". */
function returnAtLevel(level: number): Answers {
  const answers = emptyAnswers(framework);
  for (const e of framework.elements)
    for (const l of e.levels)
      for (const c of l.characteristics)
        answers.ratings[c.id] = l.rank === level || (l.rank >= 3 && l.rank <= level) ? 'Fully' : 'Not at all';
  return answers;
}

const ids = framework.elements.flatMap((e) => e.levels.flatMap((l) => l.characteristics.map((c) => c.id)));

describe('the reading the advice rests on', () => {
  it('covers every characteristic, with a label of at most 70 characters and no ellipsis', () => {
    expect(ids).toHaveLength(244);
    for (const id of ids) {
      const r = readingOf(framework, id);
      expect(r, id).toBeDefined();
      expect(r!.label.length, id).toBeLessThanOrEqual(LABEL_MAX);
      expect(r!.label, id).not.toMatch(/…|\.\.\./);
    }
  });
});

describe('what to put in place', () => {
  it('never holds a weakness, for any return (random returns)', () => {
    const answersArb = fc
      .array(fc.option(fc.constantFrom(...RATINGS), { nil: undefined }), {
        minLength: ids.length,
        maxLength: ids.length,
      })
      .map((ratings) => {
        const answers = emptyAnswers(framework);
        ratings.forEach((r, i) => {
          if (r !== undefined) answers.ratings[ids[i]!] = r;
        });
        return answers;
      });
    fc.assert(
      fc.property(answersArb, (answers) => {
        const vm = viewModel(answers);
        expectNoWeaknessToPutInPlace(vm);
        expectMoveAwayFromRight(vm, answers);
        for (const p of vm.summary.topPriorities) expect(p.step.actor).not.toBe('centre');
        for (const p of vm.summary.centreSteps) expect(p.step.actor).toBe('centre');
      }),
      { numRuns: 40 },
    );
  });

  it.each([1, 2, 3, 4])('never holds a weakness for a return at level %i', (level) => {
    const answers = returnAtLevel(level);
    const vm = viewModel(answers);
    for (const e of vm.elements) expect(e.level, e.id).toBe(level);
    expectNoWeaknessToPutInPlace(vm);
    expectMoveAwayFromRight(vm, answers);
  });

  it('never holds a weakness for any department of the demo', () => {
    for (const d of fictionalGovernment(framework, 12, 2026)) {
      const vm = viewModel(d.answers);
      expectNoWeaknessToPutInPlace(vm);
      expectMoveAwayFromRight(vm, d.answers);
    }
  });

  it('gives a level-1 department what to move away from and the strengths of level 2', () => {
    const answers = returnAtLevel(1);
    const vm = viewModel(answers);
    for (const e of vm.elements) {
      const element = framework.elements.find((x) => x.id === e.id)!;
      const level1 = element.levels[0]!.characteristics;
      const level2Strengths = element.levels[1]!.characteristics.filter((c) => !isWeakness(c.id));
      // Level 1 rated Fully: every level-1 weakness describes the department.
      expect(e.moveAwayFrom.map((c) => c.id)).toEqual(
        level1.filter((c) => isWeakness(c.id)).map((c) => c.id),
      );
      expect(e.moveAwayFrom.length, e.id).toBeGreaterThan(0);
      if (level2Strengths.length) {
        expect(e.nextSteps!.stepsLevel).toBe(2);
        expect(e.nextSteps!.items.map((c) => c.id)).toEqual(level2Strengths.map((c) => c.id));
      } else {
        // No strength at level 2: the steps are what the first level with strengths asks for.
        expect(e.nextSteps!.stepsLevel).toBeGreaterThan(2);
        expect(e.nextSteps!.stepsLevelText).toMatch(/^Level 2 holds no strength still to put in place/);
        expect(e.nextSteps!.items.length).toBeGreaterThan(0);
      }
    }
    expect(vm.summary.asks.some((a) => a.startsWith('Move away from'))).toBe(true);
  });

  it('names a priority taken from a higher level as that level’s step on page 1, not "towards" the next level', async () => {
    const { f, answers } = levelTwoOnlyProblems();
    const vm = viewModel(answers, f);
    expect(vm.summary.topPriorities.length).toBeGreaterThan(0);
    for (const p of vm.summary.topPriorities) {
      expect(p.towardsLevel).toBe(2);
      expect(p.stepsLevel).toBe(3);
    }
    const html = compileTemplate(await loadTemplate('ministerial')).render(vm);
    const priorities = [...html.matchAll(/<li class="priority">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(priorities).toHaveLength(vm.summary.topPriorities.length);
    for (const p of priorities) {
      expect(p).toContain('a level-3 step');
      expect(p).not.toContain('towards level 2');
    }
  });

  it('takes the steps from the first level with a strength when the next level has none', () => {
    const { f, answers } = levelTwoOnlyProblems();
    const result = score(f, answers);
    const advice = advise(f, answers, result);
    for (const [i, e] of advice.elements.entries()) {
      expect(result.elements[i]!.level).toBe(1);
      expect(e.putInPlace!.towardsLevel).toBe(2);
      expect(e.putInPlace!.stepsLevel).toBe(3);
      expect(e.putInPlace!.items.map((c) => c.id)).toEqual(
        f.elements[i]!.levels[2]!.characteristics.map((c) => c.id),
      );
    }
  });
});

describe('who acts', () => {
  it('puts the department’s own steps in the priorities and names those that need the centre', () => {
    // Made-up reading: the first characteristic of each level needs the centre.
    const f = frameworkWithMadeUpReading((id) => ({
      polarity: 'strength',
      actor: /\.01$/.test(id) ? 'centre' : 'department',
    }));
    const answers = emptyAnswers(f);
    for (const e of f.elements)
      for (const l of e.levels)
        for (const c of l.characteristics) answers.ratings[c.id] = l.rank <= 2 ? 'Fully' : 'Partly';
    const vm = viewModel(answers, f);
    expect(vm.summary.topPriorities).toHaveLength(3);
    for (const p of vm.summary.topPriorities) {
      expect(p.step.actor).toBe('department');
      // The element's first ranked step needs the centre: the priority is the first the department can take.
      expect(vm.elements.find((e) => e.id === p.id)!.nextSteps!.ranked[0]!.actor).toBe('centre');
    }
    expect(vm.summary.centreSteps.map((p) => p.step.actor)).toEqual(['centre', 'centre']);
    const centreAsk = vm.summary.asks.findIndex((a) => a.startsWith('Needs the centre of government: '));
    const ownAsk = vm.summary.asks.findIndex((a) => a.startsWith('Agree the three priorities'));
    expect(ownAsk).toBeGreaterThanOrEqual(0);
    expect(centreAsk).toBeGreaterThan(ownAsk);
    expect(vm.elements[0]!.nextSteps!.ranked[0]!.actorText).toBe(CENTRE_WORDS);
  });
});

describe('a framework without a reading', () => {
  it('keeps the earlier behaviour: every characteristic of the next level not in place is a step, and the annex says so', () => {
    const f = frameworkWithoutReading();
    const answers = fictionalGovernment(f, 12, 2026)[0]!.answers;
    const vm = viewModel(answers, f);
    const result = score(f, answers);
    for (const [i, e] of vm.elements.entries()) {
      if (!e.nextSteps) continue;
      expect(e.nextSteps.items.map((c) => c.id)).toEqual(result.elements[i]!.trace.gaps);
      expect(e.moveAwayFrom).toEqual([]);
      expect(e.nextSteps.items.every((c) => c.polarity === null && c.actor === null)).toBe(true);
    }
    expect(vm.summary.centreSteps).toEqual([]);
    expect(vm.annex.rankingRule.join(' ')).toContain('comes without the tool’s reading');
  });
});

describe('the brief’s first page', () => {
  it('asks first for the return to be completed when the levels that decide the results are less than half answered', () => {
    const answers = emptyAnswers(framework);
    // One characteristic in four rated: every element assessed, most of each deciding level open.
    ids.forEach((id, i) => {
      if (i % 4 === 0) answers.ratings[id] = 'Partly';
    });
    const vm = viewModel(answers);
    expect(vm.summary.completeFirst).toMatch(/^Ask for the return to be completed before acting on it/);
    expect(vm.summary.asks[0]).toBe(vm.summary.completeFirst);
    expect(vm.summary.rangesText).toMatch(/could be \d–\d/);
    // The asks come before the priorities then, and say so.
    if (vm.summary.topPriorities.length)
      expect(vm.summary.asks[1]).toMatch(/^Agree the \w+ priorit(y|ies) below, once the return is complete/);
  });

  it('does not, for a well-filled return', () => {
    const vm = viewModel(fictionalGovernment(framework, 12, 2026)[0]!.answers);
    expect(vm.summary.completeFirst).toBeNull();
  });

  it('says how many respondents formed the result, how far they agreed and what settled the rest', () => {
    const first = fictionalGovernment(framework, 12, 2026)[0]!;
    const second = secondRespondent(framework, first, 3026);
    const merged = mergeReturns(
      framework,
      [
        { file: 'a.xlsx', read: read(first.answers, first.department) },
        { file: 'b.xlsx', read: read(second.answers, first.department) },
      ],
      'median',
      'apply-rule',
    );
    const vm = buildViewModel({
      framework,
      current: merged.read,
      consolidation: merged.summary,
      options: { now: new Date('2026-11-27') },
    });
    const s = merged.summary;
    expect(vm.summary.respondentsText).toBe(
      `Two respondents formed this result. They agreed on ${s.agreedPercent}% of the characteristics both rated ` +
        `(${s.agreed} of ${s.base}); no moderation has settled the other ${s.base - s.agreed}, which take the middle rating given.`,
    );
    expect(viewModel(first.answers).summary.respondentsText).toBeNull();
  });
});
