/**
 * Which returns stand (src/round/returns.ts): copies once, the newest version of one respondent
 * (the date given, then the file's time, then input order), agreed workbooks for their sources,
 * and different people left to be consolidated.
 */
import { describe, expect, it } from 'vitest';
import { givenDate, resolveReturns, type RoundReturn } from '../../src/round/returns.js';
import type { WorkbookMeta } from '../../src/workbook/read-result.js';

const meta = (m: Partial<WorkbookMeta>): WorkbookMeta => ({
  frameworkId: 'f',
  frameworkVersion: '1',
  contractVersion: '1.0.0',
  department: 'Dept',
  ...m,
});
const ret = (id: string, m: Partial<WorkbookMeta>, extra: Partial<RoundReturn> = {}): RoundReturn => ({
  id,
  file: id,
  sha256: `hash-${id}`,
  modifiedMs: 0,
  meta: meta(m),
  department: 'dept',
  ...extra,
});
const standing = (rs: RoundReturn[]) => {
  const d = resolveReturns(rs);
  return rs.filter((r) => d.standing.get(r.id)!.stands).map((r) => r.id);
};

describe('resolveReturns', () => {
  it('keeps the original of identical copies, whatever the order', () => {
    const d = resolveReturns([
      ret('Return (1).xlsx', {}, { sha256: 'same' }),
      ret('Return.xlsx', {}, { sha256: 'same' }),
    ]);
    expect(d.standing.get('Return.xlsx')).toEqual({ stands: true });
    expect(d.standing.get('Return (1).xlsx')).toMatchObject({
      stands: false,
      by: 'Return.xlsx',
      why: 'copy',
    });
    expect(d.standsFor.get('Return.xlsx')).toEqual([{ id: 'Return (1).xlsx', why: 'copy' }]);
  });

  it('takes the newest version of one respondent: the date given first, then the file time', () => {
    const a = ret('a', { respondent: 'Jo Bloggs', date: '2026-03-09' }, { modifiedMs: 1 });
    const b = ret('b', { respondent: 'jo  bloggs', date: '01/03/2026' }, { modifiedMs: 9 });
    expect(standing([a, b])).toEqual(['a']);
    const c = ret('c', { contact: 'jo@x.gov', date: '2026-03-01' }, { modifiedMs: 5 });
    const e = ret('e', { contact: 'JO@x.gov', date: '2026-03-01' }, { modifiedMs: 7 });
    expect(standing([e, c])).toEqual(['e']);
  });

  it('consolidates different people, and the role says who only when no name or contact is given', () => {
    expect(
      standing([
        ret('a', { respondent: 'Ana', role: 'Digital lead' }),
        ret('b', { respondent: 'Bo', role: 'Digital lead' }),
      ]),
    ).toEqual(['a', 'b']);
    expect(
      standing([
        ret('a', { role: 'Digital lead' }, { modifiedMs: 1 }),
        ret('b', { role: 'digital lead' }, { modifiedMs: 2 }),
      ]),
    ).toEqual(['b']);
    // Two departments: never versions of each other.
    expect(
      standing([ret('a', { respondent: 'Ana' }), ret('b', { respondent: 'Ana' }, { department: 'other' })]),
    ).toEqual(['a', 'b']);
  });

  it('lets an agreed workbook stand for its sources, by content or by the same respondent', () => {
    const s1 = ret('s1', { respondent: 'Ana' });
    const s2 = ret('s2', { respondent: 'Bo' });
    const s2b = ret('s2-corrected', { respondent: 'Bo' });
    const other = ret('cai', { respondent: 'Cai' });
    const agreed = ret('agreed', {
      respondent: 'Ana; Bo',
      moderation: {
        version: 1,
        sources: [
          { file: 's1', sha256: 'hash-s1', respondent: 'Ana' },
          { file: 's2', sha256: 'hash-s2', respondent: 'Bo' },
        ],
        toAgree: [],
      },
    });
    const d = resolveReturns([s1, s2, s2b, other, agreed]);
    expect([...d.standing].filter(([, s]) => s.stands).map(([id]) => id)).toEqual(['cai', 'agreed']);
    expect(d.standing.get('s2-corrected')).toMatchObject({ why: 'moderated', by: 'agreed' });
    expect((d.standing.get('s2-corrected') as { message: string }).message).toMatch(
      /not the version moderated/,
    );
  });
});

describe('givenDate', () => {
  it('reads ISO and day-first dates, and nothing else', () => {
    expect(givenDate('2026-03-09')).toBe(Date.UTC(2026, 2, 9));
    expect(givenDate('9/3/2026')).toBe(Date.UTC(2026, 2, 9));
    expect(givenDate('09.03.26')).toBe(Date.UTC(2026, 2, 9));
    expect(givenDate('31/02/2026')).toBeUndefined();
    expect(givenDate('March')).toBeUndefined();
  });
});
