/**
 * The brief's respondents annex (view-model field `consolidationBrief`, src/report/disagreements-brief.ts):
 * counts per element that add up, the list capped with the right count of the rest, those at the
 * levels a result rests on first, and the rendered reports: the ministerial annex names only the
 * listed ones, the full record every disagreement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework, LABEL_MAX, readingOf } from '../../src/framework/index.js';
import {
  compareRespondents,
  consolidatedAnswers,
  summariseComparison,
  type ConsolidationSummary,
  type RespondentAnswers,
} from '../../src/moderation/index.js';
import { buildViewModel, renderReport, type ReportViewModel } from '../../src/report/index.js';
import { BRIEF_DISAGREEMENTS_MAX, consolidationBrief } from '../../src/report/disagreements-brief.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { headingWordsTooWide } from './column-headings.js';
import { paragraphTexts, unzipDocx } from './docx-xml.js';
import { sampleResult } from './fixtures.js';

const framework = builtInFramework();
const NOW = new Date('2026-11-27T10:00:00Z');

/** Two respondents of one department who see it differently: many disagreements, at every level. */
function twoRespondents(): { vm: ReportViewModel; summary: ConsolidationSummary } {
  const a = sampleResult({ seed: 7 });
  const b = sampleResult({ seed: 99, strengths: [0.3, 0.9, 0.7, 0.2, 0.5, 0.8, 0.1] });
  // The first element, a strong one, comes first in framework order: the respondents agree on its
  // upper levels (where its result rests) and disagree on every characteristic of level 1.
  const [first, ...upper] = framework.elements[0]!.levels;
  for (const c of first!.characteristics) {
    a.answers.ratings[c.id] = 'Not at all';
    b.answers.ratings[c.id] = 'Largely';
  }
  for (const c of upper.flatMap((l) => l.characteristics)) {
    const rating = a.answers.ratings[c.id];
    if (rating === undefined) delete b.answers.ratings[c.id];
    else b.answers.ratings[c.id] = rating;
  }
  const respondents: RespondentAnswers[] = [
    { label: 'Ana Silva (Digital lead)', answers: a.answers },
    { label: 'Bo Chen (Finance)', answers: b.answers },
  ];
  const comparison = compareRespondents(framework, respondents, 'median');
  const summary = summariseComparison(comparison, [
    { label: respondents[0]!.label, file: 'ana.xlsx' },
    { label: respondents[1]!.label, file: 'bo.xlsx' },
  ]);
  const answers = consolidatedAnswers(framework, respondents, comparison, 'apply-rule');
  const vm = buildViewModel({
    framework,
    current: { ...a, answers },
    consolidation: summary,
    options: { now: NOW },
  });
  return { vm, summary };
}

/** The levels an element's result rests on, read from what its page shows. */
const restsOnOf = (vm: ReportViewModel) =>
  new Map(vm.elements.map((e) => [e.id, new Set(e.restsOn.map((l) => l.rank))]));

describe('the brief’s view of the disagreements', () => {
  const { vm, summary } = twoRespondents();
  const brief = vm.consolidationBrief!;
  const restsOn = restsOnOf(vm);
  const atRestsOn = (d: { elementId: string; level: number }) => restsOn.get(d.elementId)!.has(d.level);

  it('has enough disagreements, at and away from the levels a result rests on, to test the rule', () => {
    expect(summary.disagreements.length).toBeGreaterThan(BRIEF_DISAGREEMENTS_MAX + 5);
    expect(summary.disagreements.some(atRestsOn)).toBe(true);
    expect(summary.disagreements.some((d) => !atRestsOn(d))).toBe(true);
    // Framework order alone would list different ones first: the ranking is what is tested.
    const firstByFramework = summary.disagreements.slice(0, BRIEF_DISAGREEMENTS_MAX);
    expect(firstByFramework.every(atRestsOn)).toBe(false);
  });

  it('lists at most the cap and counts the rest', () => {
    expect(brief.total).toBe(summary.disagreements.length);
    expect(brief.shown).toHaveLength(BRIEF_DISAGREEMENTS_MAX);
    expect(brief.notShown).toBe(summary.disagreements.length - BRIEF_DISAGREEMENTS_MAX);
    expect(
      brief.caption.startsWith(`The first ${BRIEF_DISAGREEMENTS_MAX} of the ${brief.total} disagreements`),
    ).toBe(true);
    expect(brief.fullRecordText).toBe(
      `This annex lists the first ${BRIEF_DISAGREEMENTS_MAX}; the full record of this assessment ` +
        `lists all ${brief.total}, with every respondent’s rating and evidence.`,
    );
  });

  it('lists those at the levels a result rests on first, then in framework order', () => {
    const expected = [
      ...summary.disagreements.filter(atRestsOn),
      ...summary.disagreements.filter((d) => !atRestsOn(d)),
    ].slice(0, BRIEF_DISAGREEMENTS_MAX);
    expect(brief.shown.map((d) => d.characteristicId)).toEqual(expected.map((d) => d.characteristicId));
    expect(brief.shown.map((d) => d.atRestsOnLevel)).toEqual(expected.map(atRestsOn));
    expect(brief.atRestsOnLevel).toBe(summary.disagreements.filter(atRestsOn).length);
  });

  it('gives each listed one its short text, every respondent’s rating in order, and the rating used', () => {
    for (const d of brief.shown) {
      const row = summary.disagreements.find((x) => x.characteristicId === d.characteristicId)!;
      expect(d.shortText.length).toBeLessThanOrEqual(LABEL_MAX);
      expect(d.shortText).not.toMatch(/…/);
      expect(d.shortText).toBe(readingOf(framework, d.characteristicId)!.label);
      expect(d.ratings).toEqual(row.ratings.map((r) => r.rating));
      expect(d.ratingsText).toBe(row.ratings.map((r) => r.rating).join('; '));
      expect(d.used).toBe(row.used);
      expect(d.element).toBe(framework.elements.find((e) => e.id === d.elementId)!.title);
    }
  });

  it('counts per element add up to the totals', () => {
    expect(brief.byElement.map((e) => e.id)).toEqual(framework.elements.map((e) => e.id));
    expect(brief.byElement.reduce((s, e) => s + e.count, 0)).toBe(brief.total);
    expect(brief.byElement.reduce((s, e) => s + e.atRestsOnLevel, 0)).toBe(brief.atRestsOnLevel);
    for (const e of brief.byElement) {
      const mine = summary.disagreements.filter((d) => d.elementId === e.id);
      expect(e.count).toBe(mine.length);
      expect(e.atRestsOnLevel).toBe(mine.filter(atRestsOn).length);
      expect(e.restsOnLevels).toEqual([...restsOn.get(e.id)!]);
    }
    expect(brief.text).toBe(
      `The respondents disagreed on ${brief.total} characteristics: ${brief.atRestsOnLevel} at the levels a result rests on.`,
    );
  });

  it('lists every one when they fit, and is null for one respondent', () => {
    const all = consolidationBrief(summary, vm.elements, (t) => t, 1000)!;
    expect(all.shown).toHaveLength(summary.disagreements.length);
    expect(all.notShown).toBe(0);
    expect(all.caption).toMatch(/^All \d+ disagreements: first the \d+ at a level the result rests on, then/);
    expect(all.fullRecordText).toMatch(/keeps every respondent’s evidence, with their name\.$/);
    expect(
      buildViewModel({ framework, current: sampleResult(), options: { now: NOW } }).consolidationBrief,
    ).toBe(null);
  });
});

describe('the respondents annex in the reports', { timeout: 120_000 }, () => {
  const { vm, summary } = twoRespondents();
  const texts = {} as Record<'ministerial' | 'full', string>;
  const bodies = {} as Record<'ministerial' | 'full', string>;

  beforeAll(async () => {
    for (const name of ['ministerial', 'full'] as const) {
      const bytes = await renderReport(vm, await loadTemplate(name));
      bodies[name] = unzipDocx(bytes).part('word/document.xml');
      texts[name] = paragraphTexts(bodies[name]).join('\n');
    }
  }, 120_000);

  it('gives every column heading room for its longest word, respondents’ names included', () => {
    for (const name of ['ministerial', 'full'] as const)
      expect(headingWordsTooWide(bodies[name])).toEqual([]);
  });

  /** The report's text from the respondents annex's heading on. */
  const annex = (text: string, heading: string) => {
    expect(text).toContain(heading);
    return text.slice(text.lastIndexOf(heading));
  };

  it('the brief names only the listed disagreements, with the count of the rest', () => {
    const text = annex(texts.ministerial, 'Annex: who answered and where they disagreed');
    const listed = new Set(vm.consolidationBrief!.shown.map((d) => d.characteristicId));
    for (const d of vm.consolidationBrief!.shown) expect(text).toContain(d.shortText);
    // No unlisted characteristic's wording appears (its first 40 characters, unique enough).
    const unlisted = summary.disagreements.filter((d) => !listed.has(d.characteristicId));
    expect(unlisted.length).toBeGreaterThan(0);
    for (const d of unlisted)
      if (!vm.consolidationBrief!.shown.some((s) => s.shortText.startsWith(d.characteristic.slice(0, 40))))
        expect(text).not.toContain(d.characteristic.slice(0, 40));
    expect(text).toContain(`lists all ${summary.disagreements.length}`);
    expect(text).toContain('Disagreements by element');
    expect(text).toContain('Ana Silva (Digital lead)');
  });

  it('the full record still lists every disagreement with its whole text', () => {
    const text = annex(texts.full, 'Annex C: Respondents and where they disagreed').replace(/\s+/g, ' ');
    for (const d of summary.disagreements) {
      expect(text).toContain(d.characteristic.replace(/\s+/g, ' '));
      expect(text).toContain(d.ratingsText);
    }
  });
});
