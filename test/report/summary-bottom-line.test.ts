/**
 * Issue 22: a bottom line that admits ties and says what separates the weakest, how much of what
 * is "in place" is evidenced (with its base), and the moderation status of the round.
 */
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildSummaryModel } from '../../src/report/summary/index.js';
import { weakestText } from '../../src/report/summary/bottom-line.js';
import { moderationStatus } from '../../src/report/summary/round-facts.js';
import { department } from './hand-made-batch.js';
import { entryOf } from './summary-helpers.js';

const f = builtInFramework();

describe('the weakest elements', () => {
  const el = (title: string, median: number, atOne: number, assessed = 10) => ({
    title,
    median,
    assessed,
    counts: [{ rank: 1, name: 'one', count: atOne }],
  });

  it('names one element when it alone has the lowest median', () => {
    expect(weakestText([el('Data', 1, 6)], 7)).toEqual([
      'The weakest element is Data: median level 1, with 6 of 10 departments at level 1.',
    ]);
  });

  it('names every element that shares the lowest median, and what separates them', () => {
    expect(weakestText([el('Data', 2, 4), el('Funding', 2, 3)], 7)).toEqual([
      '2 elements share the lowest median, level 2: Data and Funding.',
      'What separates them is the share of departments at level 1: Data (4 of 10) and Funding (3 of 10).',
    ]);
  });

  it('says when the median separates none of them, and when the share does not either', () => {
    expect(weakestText([el('Data', 2, 4), el('Funding', 2, 4), el('Skills', 2, 4)], 3)).toEqual([
      'All 3 elements have the same median, level 2, so the median does not tell them apart.',
      'What separates them is the share of departments at level 1: Data (4 of 10), Funding (4 of 10) and Skills (4 of 10). ' +
        'Data, Funding and Skills are level on this too: the answers do not single out a weakest element.',
    ]);
  });
});

describe('the evidence share', () => {
  it('counts the "in place" ratings of counted departments and those with evidence, with its base', () => {
    // Level-2 targets rate level 2 "Fully" (in place) and the rest "Not at all"; evidence on every "Fully".
    const withEv = department(f, 'With Evidence', [2, 2, 2, 2, 2, 2, 2], { evidence: true });
    const without = department(f, 'Without', [2, 2, 2, 2, 2, 2, 2]);
    const low = department(f, 'Low Coverage', [4, 4, 4, 4, 4, 4, 4], { answered: 0.3, evidence: true });
    const m = buildSummaryModel(
      f,
      [withEv, without, low].map((d, i) => entryOf(d, i)),
      [],
      { generatedOn: 'today' },
    );
    const level2 = f.elements.reduce((n, e) => n + e.levels[1]!.characteristics.length, 0);
    expect(m.evidence).toMatchObject({ inPlace: 2 * level2, withEvidence: level2, share: 0.5 });
    expect(m.bottomLine).toContain(
      `Evidence is written down for ${level2} of the ${2 * level2} ratings of “in place” (Largely or Fully) given by the 2 departments counted (50%).`,
    );
  });
});

describe('the moderation status', () => {
  const one = department(f, 'Alone', [2, 2, 2, 2, 2, 2, 2]);
  const two = department(f, 'Ministry of Finance', [3, 3, 3, 3, 3, 3, 3]);

  it('says when every result comes from one respondent', () => {
    const m = buildSummaryModel(f, [entryOf(one)], [], { generatedOn: 'today' });
    expect(m.moderation.several).toBe(0);
    expect(m.bottomLine).toContain(
      'Every department’s result comes from one respondent’s workbook: no return was compared with a colleague’s or moderated.',
    );
  });

  it('gives departments with several respondents, their agreement and the disagreements not yet settled', () => {
    const m = buildSummaryModel(
      f,
      [
        entryOf(one, 0),
        entryOf(two, 1, { respondents: { respondents: 2, base: 227, agreed: 208, unsettled: 19 } }),
      ],
      [],
      { generatedOn: 'today', consolidationRule: 'median' },
    );
    expect(m.moderation).toMatchObject({ several: 1, withUnsettled: 1, unsettled: 19 });
    expect(m.moderation.rows).toEqual([
      {
        department: 'Ministry of Finance',
        respondents: 2,
        base: 227,
        agreed: 208,
        unsettled: 19,
        agreementText: '92% (208 of 227)',
      },
    ]);
    expect(m.bottomLine).toContain(
      '1 department sent workbooks from several respondents (Ministry of Finance: 2, agreeing on 92% (208 of 227)). ' +
        '19 disagreements in 1 department are not yet settled by moderation: the median rule chose the rating used until a moderation meeting agrees one.',
    );
  });

  it('says when respondents agreed everywhere, and counts rather than names many departments', () => {
    const agreed = { respondents: 3, base: 10, agreed: 10, unsettled: 0 };
    const status = moderationStatus(
      ['A', 'B', 'C', 'D'].map((department) => ({ department, respondents: agreed })),
      'median',
    );
    expect(status.text).toBe(
      '4 departments sent workbooks from several respondents. Their respondents agreed wherever two or more rated the same characteristic.',
    );
  });
});
