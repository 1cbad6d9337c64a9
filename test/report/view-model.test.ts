/** The report view model: what it says, that it is plain clean data, and that it reuses the engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInFramework, readingOf } from '../../src/framework/index.js';
import {
  buildViewModel,
  compileTemplate,
  DEFAULT_MARKING,
  VIEW_MODEL_VERSION,
} from '../../src/report/index.js';
import { describeRule, score, AnswersError } from '../../src/scoring/index.js';
import { HOSTILE, hostileResult, imperfectResult, sampleResult } from './fixtures.js';
import { loadTemplate } from '../../src/report/node/load-template.js';

const framework = builtInFramework();
const NOW = new Date('2026-11-27T10:00:00Z');
const build = (current = sampleResult(), extra: Partial<Parameters<typeof buildViewModel>[0]> = {}) =>
  buildViewModel({ framework, current, options: { now: NOW }, ...extra });

/** Every string in a value, with its path. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
  }
}

const UNCLEAN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('buildViewModel', () => {
  it('is plain JSON data with every field present', () => {
    const vm = build();
    expect(vm.version).toBe(VIEW_MODEL_VERSION);
    expect(JSON.parse(JSON.stringify(vm))).toEqual(vm);
    const hasUndefined = (v: unknown): boolean =>
      v === undefined || (typeof v === 'object' && v !== null && Object.values(v).some(hasUndefined));
    expect(hasUndefined(vm)).toBe(false);
  });

  it('takes levels, fits and gaps from the engine', () => {
    const current = sampleResult();
    const vm = build(current);
    const result = score(framework, current.answers);
    expect(vm.elements.map((e) => e.level)).toEqual(result.elements.map((e) => e.level));
    expect(vm.summary.profile.map((r) => r.coverage)).toEqual(result.elements.map((e) => e.coverage));
    vm.elements.forEach((e, i) => {
      const r = result.elements[i]!;
      expect(e.explanation).toBe(r.trace.explanation);
      // The steps are the engine's gaps that are strengths (src/advice); in place, the strengths only.
      const strength = (id: string) => readingOf(framework, id)?.polarity !== 'weakness';
      if (e.nextSteps?.stepsLevel === r.progress?.towardsRank)
        expect(e.nextSteps?.items.map((c) => c.id) ?? []).toEqual(
          r.progress ? r.trace.gaps.filter(strength) : [],
        );
      const level = r.assessed ? framework.elements[i]!.levels[r.level - 1]! : null;
      const inPlaceIds = (level?.characteristics ?? [])
        .filter((c) => ['Fully', 'Largely'].includes(current.answers.ratings[c.id] ?? ''))
        .map((c) => c.id);
      expect(inPlaceIds.length).toBe(r.assessed ? r.fits[r.level - 1]!.inPlace : 0);
      expect(e.inPlace.map((c) => c.id)).toEqual(inPlaceIds.filter(strength));
    });
    // The report grades confidence, so its rule leaves out the workbook's simple low-confidence flag.
    expect(vm.annex.rule).toEqual(describeRule(framework, { confidenceFlag: false }));
    expect(vm.annex.rule.join(' ')).not.toContain('flagged as low confidence');
  });

  it('lists every characteristic of the level reached and the next, with its rating, as table rows', () => {
    const current = imperfectResult();
    const vm = build(current);
    let notAnswered = 0;
    let steps = 0;
    for (const e of vm.elements.filter((x) => x.assessed)) {
      const element = framework.elements[e.number - 1]!;
      const ranks = e.restsOn.map((l) => l.rank);
      expect(ranks).toEqual([e.level!, e.level! + 1].filter((r) => r <= element.levels.length));
      for (const level of e.restsOn) {
        // Every characteristic, in framework order, "Not answered" included.
        const ids = element.levels[level.rank - 1]!.characteristics.map((c) => c.id);
        expect(level.rows.map((r) => r.id)).toEqual(ids);
        for (const row of level.rows) {
          const item = level.items.find((c) => c.id === row.id)!;
          const rating = current.answers.ratings[row.id];
          expect(row.ratingText).toBe(rating ?? 'Not answered');
          if (rating === undefined) notAnswered++;
          // The step number is the rank in the element's ranked next steps.
          const rank = (e.nextSteps?.ranked ?? []).findIndex((c) => c.id === row.id);
          expect(row.step).toBe(rank < 0 ? null : rank + 1);
          if (row.step !== null) steps++;
          expect(row.decidesBorderline).toBe(e.borderlineItems.some((c) => c.id === row.id));
          expect(row.ratingCell).toBe(
            [
              row.ratingText,
              ...(item.describesUs ? ['describes us'] : []),
              ...(row.step === null
                ? []
                : [`step ${row.step}${item.actorText ? ` (${item.actorText})` : ''}`]),
              ...(row.decidesBorderline ? ['decides the level'] : []),
            ].join('; '),
          );
        }
      }
    }
    expect(notAnswered).toBeGreaterThan(0);
    expect(steps).toBeGreaterThan(0);
    expect(vm.elements.some((e) => e.restsOn.some((l) => l.rows.some((r) => r.decidesBorderline)))).toBe(
      true,
    );
  });

  it('names the strongest and weakest elements and the own-judgement differences', () => {
    const vm = build();
    const levels = vm.summary.profile.flatMap((r) => (r.level === null ? [] : [r.level]));
    expect(vm.summary.strongest!.level).toBe(Math.max(...levels));
    expect(vm.summary.weakest!.level).toBe(Math.min(...levels));
    for (const d of vm.summary.judgements.differences) {
      expect(d.differsBy).toBe(d.ownLevel - d.computedLevel);
      expect(d.differsBy).not.toBe(0);
    }
    expect(vm.summary.headline).toContain('were assessed');
  });

  it('says where to act first: the weakest elements and their first next steps', () => {
    const vm = build();
    const weakest = vm.summary.weakest!;
    expect(vm.summary.priorities.map((p) => p.id)).toEqual(
      weakest.elements.map((e) => e.id).filter((id) => vm.elements.find((e) => e.id === id)!.nextSteps),
    );
    for (const p of vm.summary.priorities) {
      const section = vm.elements.find((e) => e.id === p.id)!;
      expect(p.level).toBe(weakest.level);
      expect(p.gapCount).toBe(section.nextSteps!.items.length);
      // Ranked, and never an item nobody has rated (see test/report/next-steps.test.ts).
      expect(p.firstSteps).toEqual(section.nextSteps!.ranked.slice(0, 3).map((c) => c.text));
    }
  });

  it('shows every piece of evidence somewhere', () => {
    const current = sampleResult();
    const vm = build(current);
    const shown = new Set(
      vm.elements
        .flatMap((e) => [...e.inPlace, ...(e.nextSteps?.items ?? []), ...e.moveAwayFrom, ...e.otherEvidence])
        .map((c) => c.id),
    );
    for (const id of Object.keys(current.answers.evidence)) expect(shown).toContain(id);
  });

  it('keeps untrusted text literally, without control characters or lone surrogates', () => {
    const vm = build(hostileResult());
    const all = [...strings(vm)];
    for (const [path, s] of all) expect(s, path).not.toMatch(UNCLEAN);
    const text = all.map(([, s]) => s).join('\n');
    for (const s of [
      HOSTILE.script,
      HOSTILE.amp,
      HOSTILE.mustache,
      HOSTILE.emoji,
      HOSTILE.arabic,
      HOSTILE.cjk,
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('broken \ufffd pair');
  });

  it('lists every diagnostic, errors first, with sheet and cell', () => {
    const current = imperfectResult();
    const vm = build(current);
    expect(vm.dataQuality.problems.length).toBe(current.diagnostics.length);
    expect(vm.dataQuality.problems.map((p) => p.severity)).toEqual([
      'error',
      'error',
      'error',
      'warning',
      'info',
    ]);
    const rating = vm.dataQuality.problems.find((p) => p.code === 'rating-off-scale')!;
    expect(rating.location).toBe('User centered design, cell D14');
    expect(vm.dataQuality.problems.find((p) => p.code === 'sheet-missing')!.location).toBe(
      'Sheet Funding and capacity',
    );
    expect(vm.elements.find((e) => e.id === 'funding')!.assessed).toBe(false);
    expect(vm.summary.completeness.notAssessed.map((e) => e.id)).toEqual(['funding']);
    expect(vm.elements.find((e) => e.id === 'ucd')!.problems.map((p) => p.code)).toEqual([
      'rating-off-scale',
    ]);
  });

  it('takes the location off the start of a reader message, since the table shows it apart', () => {
    const current = sampleResult();
    current.diagnostics = [
      {
        severity: 'error',
        code: 'rating-off-scale',
        message: 'Sheet "User centered design", cell D30: "Mostly" is not on the rating scale.',
        sheet: 'User centered design',
        cell: 'D30',
      },
    ];
    const [row] = build(current).dataQuality.problems;
    expect(row!.message).toBe(current.diagnostics[0]!.message);
    expect(row!.problem).toBe('"Mostly" is not on the rating scale.');
    expect(row!.location).toBe('User centered design, cell D30');
  });

  it('chooses the marking: option, then workbook, then OFFICIAL', () => {
    const current = sampleResult();
    expect(build(current, { options: { now: NOW, marking: 'OFFICIAL-SENSITIVE' } }).marking).toBe(
      'OFFICIAL-SENSITIVE',
    );
    current.meta.marking = 'SECRET';
    expect(build(current).marking).toBe('SECRET');
    delete current.meta.marking;
    expect(build(current).marking).toBe(DEFAULT_MARKING);
    expect(build(current, { options: { now: NOW, marking: '' } }).marking).toBe('');
  });

  it('gives the attribution the licence asks for', () => {
    expect(build().annex.attribution).toBe(
      'Digital Maturity Framework MVP, Digital Government Exchange Working Group on Digital Maturity, ' +
        'Government Digital Service, February 2022, used under the Open Government Licence v3.0',
    );
    expect(build().annex.licenceUrl).toMatch(/open-government-licence\/version\/3/);
  });

  it('shows dates as GOV.UK writes them', () => {
    const vm = build();
    expect(vm.cover.date).toBe('12 March 2026');
    expect(vm.cover.generatedOn).toBe('27 November 2026');
  });

  it('compares with the previous round', () => {
    const previous = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
    const vm = build(sampleResult(), { previous });
    const before = score(framework, previous.answers);
    vm.summary.profile.forEach((row, i) => {
      const was = before.elements[i]!.level;
      expect(row.change!.previousLevel).toBe(was);
      expect(row.change!.delta).toBe(row.level !== null && was !== null ? row.level - was : null);
    });
    const c = vm.summary.change!;
    expect(c.up + c.down + c.same).toBeLessThanOrEqual(vm.elements.length);
    expect(build().summary.change).toBeNull();
  });

  it('refuses answers for another framework, naming the round', () => {
    const current = sampleResult();
    current.answers.frameworkId = 'other';
    expect(() => build(current)).toThrow(AnswersError);
    const previous = sampleResult();
    previous.answers.frameworkId = 'other';
    expect(() => build(sampleResult(), { previous })).toThrow(/previous round: frameworkId/);
  });

  it('takes any text a workbook can hold and the default template renders it escaped', async () => {
    const template = compileTemplate(await loadTemplate());
    // Any UTF-16 code units (control characters and lone surrogates too) and any code points.
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
    const text = fc.oneof(
      fc.string({ unit: codeUnit, maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, text, text, (department, evidence, response) => {
        const current = sampleResult();
        current.meta.department = department;
        current.answers.evidence['ucd.l3.01'] = evidence;
        current.answers.responses['ucd.q1'] = response;
        const vm = build(current);
        for (const [path, s] of strings(vm)) expect(s, path).not.toMatch(UNCLEAN);
        const html = template.render(vm);
        // Workbook text can never open a tag or a marker: every "<" in it arrives as "&lt;".
        const tags = html.match(/<(?!\/)[a-z][a-z0-9-]*/g) ?? [];
        expect(new Set(tags).has('<script')).toBe(false);
        expect((html.match(/<dmf-/g) ?? []).length).toBe(2);
      }),
      { numRuns: 30 },
    );
  });
});
