/**
 * The register of a round (src/round/register.ts): official names, codes, aliases, contact and
 * group read from a CSV (and the old one-column list); returns matched by name, code, alias, or a
 * close spelling with a warning — never silently, never ambiguously.
 */
import { describe, expect, it } from 'vitest';
import {
  boundedDistance,
  matchDepartment,
  notReturned,
  parseRegister,
  RegisterError,
  registerOfNames,
} from '../../src/round/register.js';

const csv = [
  '\uFEFFDepartment,Code,Aliases,Contact name,Email,Ministerial department',
  'Department for Work and Pensions,DWP,Work and Pensions; DWP HQ,Jo Bloggs,jo@dwp.example,DWP',
  '"Department for Health & Care",DHC,,,health@example,',
  'HM Treasury,HMT,The Treasury,,,HMT',
  'Ministry of Fun,,,,,',
  '',
].join('\r\n');

describe('parseRegister', () => {
  const register = parseRegister(csv, 'asked.csv');

  it('reads official names, codes, aliases, contact and group', () => {
    expect(register.hasHeader).toBe(true);
    expect(register.groupHeader).toBe('Ministerial department');
    expect(register.entries.map((e) => e.name)).toEqual([
      'Department for Work and Pensions',
      'Department for Health & Care',
      'HM Treasury',
      'Ministry of Fun',
    ]);
    expect(register.entries[0]).toMatchObject({
      codes: ['DWP'],
      aliases: ['Work and Pensions', 'DWP HQ'],
      contact: 'Jo Bloggs, jo@dwp.example',
      group: 'DWP',
      line: 2,
    });
    expect(register.entries[3]).toMatchObject({ codes: [], aliases: [], contact: null, group: null });
  });

  it('still reads the old one-column list, without a header', () => {
    const old = parseRegister('Department of Health\nTreasury\n\ntreasury.\n', 'old.csv');
    expect(old.hasHeader).toBe(false);
    expect(old.entries.map((e) => e.name)).toEqual(['Department of Health', 'Treasury']);
    expect(matchDepartment(old, 'TREASURY')?.how).toBe('name');
  });

  it('refuses a list it cannot use, in one line naming the file and what to do', () => {
    expect(() => parseRegister('', 'a.csv')).toThrow(/a\.csv: no department names/);
    expect(() => parseRegister('Code,Size\n1,2\n', 'b.csv')).toThrow(
      /several columns and none headed "Department"/,
    );
    expect(() => parseRegister('Department\n"Open\n', 'c.csv')).toThrow(
      /c\.csv, line 2: a quoted name is never closed/,
    );
    expect(() => parseRegister('Department,Code\nAlpha Office,AO\n,XO\n', 'd.csv')).toThrow(
      /d\.csv, line 3: no department name in the "Department" column/,
    );
  });

  it('refuses a code or alias that would match two departments, naming both lines', () => {
    expect(() =>
      parseRegister('Department,Code,Alias\nAlpha Office,AO,\nBeta Office,BO,Alpha Office\n', 'e.csv'),
    ).toThrow(RegisterError);
    expect(() => parseRegister('Department,Code\nAlpha Office,AO\nBeta Office,A.O.\n', 'f.csv')).toThrow(
      /f\.csv, line 3: "A\.O\." \(code\) would also match Alpha Office \(line 2\)/,
    );
  });
});

describe('matchDepartment', () => {
  const register = parseRegister(csv, 'asked.csv');
  const m = (name: string) => matchDepartment(register, name);

  it('matches by official name, whatever the case, punctuation, "&" or "Dept"', () => {
    expect(m('department for health and care.')).toMatchObject({
      how: 'name',
      entry: { name: 'Department for Health & Care' },
    });
    expect(m('Dept for Work & Pensions')).toMatchObject({
      how: 'name',
      entry: { name: 'Department for Work and Pensions' },
    });
    expect(m('DWP')?.warning).toBeUndefined();
  });

  it('matches by code and by alias', () => {
    expect(m('dwp')).toMatchObject({ how: 'code', entry: { name: 'Department for Work and Pensions' } });
    expect(m('D.W.P.')).toMatchObject({ how: 'code' });
    expect(m('The Treasury')).toMatchObject({ how: 'alias', entry: { name: 'HM Treasury' } });
    expect(m('Work & Pensions')).toMatchObject({
      how: 'alias',
      entry: { name: 'Department for Work and Pensions' },
    });
    expect(m('Department for Work and Pensions (DWP)')).toMatchObject({ how: 'name' });
    expect(m('Pensions department (DWP)')).toMatchObject({ how: 'code' });
  });

  it('matches a close spelling only with a warning that names both and says how to make it exact', () => {
    const close = m('Department for Work and Pension');
    expect(close).toMatchObject({ how: 'close', entry: { name: 'Department for Work and Pensions' } });
    expect(close!.warning).toMatch(
      /"Department for Work and Pension" is not on the register asked\.csv; taken as its close spelling "Department for Work and Pensions" \(line 2\)/,
    );
    expect(m('Minstry of Fun')).toMatchObject({ how: 'close', entry: { name: 'Ministry of Fun' } });
  });

  it('does not guess: far names, short names and codes, and ties stay unmatched', () => {
    expect(m('Cabinet Office')).toBeUndefined();
    expect(m('DWQ')).toBeUndefined();
    const tie = registerOfNames(['Office of Alphas', 'Office of Alphax']);
    expect(matchDepartment(tie, 'Office of Alphay')).toBeUndefined();
    expect(matchDepartment(tie, 'office of alphas')?.how).toBe('name');
  });

  it('lists who has not returned, in the register order', () => {
    const returned = ['DWP', 'HM Treasury'].map((n) => m(n)!.entry);
    expect(notReturned(register, returned).map((e) => e.name)).toEqual([
      'Department for Health & Care',
      'Ministry of Fun',
    ]);
  });
});

describe('boundedDistance', () => {
  it('counts edits, swaps as one, and stops above the cap', () => {
    expect(boundedDistance('kitten', 'sitting', 5)).toBe(3);
    expect(boundedDistance('abcd', 'abdc', 5)).toBe(1);
    expect(boundedDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBeGreaterThan(2);
  });
});
