import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import {
  compareRespondents,
  consolidatedAnswers,
  departmentKey,
  mergeReturns,
  type RespondentAnswers,
} from '../../src/moderation/index.js';
import { AGREED, MEDIAN, RATINGS, RESPONDENTS, ids, respondentAnswers } from './three-respondents.js';

const f = builtInFramework();
const respondents = (): RespondentAnswers[] =>
  respondentAnswers(f).map((answers, i) => ({
    label: `${RESPONDENTS[i]!.respondent} (${RESPONDENTS[i]!.role})`,
    answers,
  }));

describe('comparing respondents', () => {
  it('finds the known agreements and disagreements, with the base of the share', () => {
    const c = compareRespondents(f, respondents());
    const first = c.characteristics.slice(0, RATINGS.length);
    expect(first.map((x) => x.verdict)).toEqual([
      'agreed',
      'disagreed',
      'disagreed',
      'agreed',
      'single',
      'disagreed',
      'agreed',
    ]);
    expect(first.map((x) => x.reason)).toEqual([
      null,
      'ratings-apart',
      'dont-know',
      null,
      null,
      'not-applicable',
      null,
    ]);
    expect(c.characteristics.slice(RATINGS.length).every((x) => x.verdict === 'unrated')).toBe(true);
    // Base: the six characteristics two or more respondents rated; three of them agreed.
    expect({ base: c.base, agreed: c.agreed }).toEqual({ base: 6, agreed: 3 });
    expect(first.map((x) => x.consolidated)).toEqual(MEDIAN);
  });

  it('leaves disagreements empty for a meeting, or applies the rule without one', () => {
    const rs = respondents();
    const c = compareRespondents(f, rs);
    const cs = ids(f);
    const meeting = consolidatedAnswers(f, rs, c, 'leave-empty');
    expect(cs.map((id) => meeting.ratings[id] ?? null)).toEqual(AGREED);
    const noMeeting = consolidatedAnswers(f, rs, c, 'apply-rule');
    expect(cs.map((id) => noMeeting.ratings[id] ?? null)).toEqual(MEDIAN);
    // Own judgements 1, 2, 3: the median without a meeting, left for the meeting otherwise.
    expect(noMeeting.judgements[f.elements[0]!.id]!.level).toBe(2);
    expect(meeting.judgements[f.elements[0]!.id]!.level).toBeUndefined();
    // Every respondent's words are kept, attributed.
    expect(meeting.evidence[cs[1]!]).toBe(
      'Ana Silva (Digital lead): Evidence 1 on the second characteristic\n\n' +
        'Bo Chen (Data lead): Evidence 2 on the second characteristic\n\n' +
        'Cai Jones (Finance): Evidence 3 on the second characteristic',
    );
    expect(meeting.evidence[cs[0]!]).toBe('Cai Jones (Finance): Only the finance view');
    expect(meeting.judgements[f.elements[0]!.id]!.rationale).toMatch(
      /^Ana Silva \(Digital lead\): Rationale 1/,
    );
  });

  it('takes the lowest rating under the "lowest" rule', () => {
    const c = compareRespondents(f, respondents(), 'lowest');
    expect(c.characteristics.slice(0, RATINGS.length).map((x) => x.consolidated)).toEqual([
      'Largely',
      'Partly',
      'Largely',
      'Not applicable',
      'Partly',
      'Partly',
      'Partly',
    ]);
  });

  it('an even count takes the lower middle rating; Not applicable wins only with a majority', () => {
    const [a, b] = respondents();
    const id = ids(f)[0]!;
    a!.answers.ratings = { [id]: 'Fully' };
    b!.answers.ratings = { [id]: 'Not at all' };
    expect(compareRespondents(f, [a!, b!]).characteristics[0]!.consolidated).toBe('Not at all');
    b!.answers.ratings = { [id]: 'Not applicable' };
    expect(compareRespondents(f, [a!, b!]).characteristics[0]!.consolidated).toBe('Fully');
  });
});

describe('merging returns', () => {
  it('says the headline with its base, lists every disagreement with each rating, and keeps diagnostics by file', () => {
    const answers = respondentAnswers(f);
    const returns = answers.map((a, i) => ({
      file: `r${i + 1}.xlsx`,
      read: {
        meta: {
          frameworkId: f.id,
          frameworkVersion: f.version,
          contractVersion: '1.0.0',
          department: i === 1 ? 'department of  HEALTH.' : 'Department of Health',
          ...RESPONDENTS[i]!,
          date: `2026-03-0${i + 1}`,
        },
        answers: a,
        diagnostics:
          i === 2
            ? [{ severity: 'warning' as const, code: 'x', message: 'something odd', sheet: 'S', cell: 'D1' }]
            : [],
      },
    }));
    const m = mergeReturns(f, returns, 'median', 'apply-rule');
    expect(m.warnings).toEqual([]);
    expect(m.summary.headline).toBe(
      'Respondents: 3; they agreed on 50% of characteristics (3 of 6 rated by two or more of them).',
    );
    expect(m.summary.disagreements.map((d) => d.ratingsText)).toEqual([
      'Ana Silva (Digital lead): Fully; Bo Chen (Data lead): Partly; Cai Jones (Finance): Fully',
      "Ana Silva (Digital lead): Largely; Bo Chen (Data lead): Don't know; Cai Jones (Finance): Largely",
      'Ana Silva (Digital lead): Not applicable; Bo Chen (Data lead): Partly; Cai Jones (Finance): Partly',
    ]);
    expect(m.read.meta.department).toBe('Department of Health');
    expect(m.read.meta.date).toBe('2026-03-03');
    expect(m.read.meta.respondent).toBe('Ana Silva (Digital lead); Bo Chen (Data lead); Cai Jones (Finance)');
    expect(m.read.diagnostics.map((d) => d.message)).toEqual(['r3.xlsx: something odd']);
    returns[1]!.read.meta.department = 'Ministry of Defence';
    expect(mergeReturns(f, returns, 'median', 'apply-rule').warnings[0]).toMatch(/different departments/);
  });

  it('folds case, spaces and punctuation in department names', () => {
    expect(departmentKey(' Dept. of  Health & Care ')).toBe(departmentKey('dept of health care'));
    expect(departmentKey('Health')).not.toBe(departmentKey('Wealth'));
  });
});
