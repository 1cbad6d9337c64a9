/**
 * Issue 22, at scale: when the register gives each department a group, the summary compares
 * groups, and "How you compare" uses the department's own group when it has at least 5 counted
 * members (otherwise the whole round).
 */
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import {
  buildGroupCohorts,
  buildPeerCohort,
  cohortFor,
  comparePeers,
  MIN_PEERS,
} from '../../src/report/peers.js';
import { buildSummaryModel } from '../../src/report/summary/index.js';
import { department, flat } from './hand-made-batch.js';
import { entryOf } from './summary-helpers.js';

const f = builtInFramework();
// Six agencies at level 1, three ministries at level 3, one low-coverage ministry at 4, one without a group.
const agencies = Array.from({ length: 6 }, (_, i) => ({
  d: department(f, `Agency ${i}`, flat(f, 1)),
  group: 'Agencies',
}));
const ministries = Array.from({ length: 3 }, (_, i) => ({
  d: department(f, `Ministry ${i}`, flat(f, 3)),
  group: 'Ministries',
}));
const thin = { d: department(f, 'Thin Ministry', flat(f, 4), { answered: 0.3 }), group: 'Ministries' };
const loose = { d: department(f, 'Loose Office', flat(f, 2)), group: null };
const all = [...agencies, ...ministries, thin, loose];

describe('the summary compares groups', () => {
  const m = buildSummaryModel(
    f,
    all.map((x, i) => entryOf(x.d, i, { group: x.group })),
    [],
    { generatedOn: 'today' },
  );

  it('gives a row per group: counted members, the median level per element and overall', () => {
    expect(m.groups.map((g) => [g.group, g.counted, g.notCounted, g.overallText])).toEqual([
      ['Agencies', 6, 0, '1'],
      ['Ministries', 3, 1, '3'],
      ['No group given', 1, 0, '2'],
    ]);
    expect(m.groups[1]!.medians.map((x) => x.text)).toEqual(f.elements.map(() => '3'));
    expect(m.heatMap.find((r) => r.department === 'Agency 0')!.group).toBe('Agencies');
  });

  it('has no group section when no department has a group', () => {
    const none = buildSummaryModel(
      f,
      all.map((x, i) => entryOf(x.d, i)),
      [],
      { generatedOn: 'today' },
    );
    expect(none.groups).toEqual([]);
  });
});

describe('How you compare uses the department’s own group when it has 5 counted members', () => {
  const round = buildPeerCohort(
    all.map((x) => x.d.scores),
    f,
  );
  const groups = buildGroupCohorts(
    all.map((x) => ({ scores: x.d.scores, group: x.group })),
    f,
  );

  it('builds a cohort per group, leaving out low coverage as the round does', () => {
    expect(groups.get('Agencies')!.departmentCount).toBe(6);
    expect(groups.get('Ministries')).toMatchObject({
      departmentCount: 3,
      excludedCount: 1,
      group: 'Ministries',
    });
    expect(MIN_PEERS).toBe(5);
  });

  it('compares an agency with the agencies, a ministry with the whole round (only 3 counted ministries)', () => {
    expect(cohortFor('Agencies', groups, round).group).toBe('Agencies');
    expect(cohortFor('Ministries', groups, round)).toBe(round);
    expect(cohortFor(null, groups, round)).toBe(round);
    const agency = comparePeers(cohortFor('Agencies', groups, round), agencies[0]!.d.scores, f)!;
    expect(agency.departmentCount).toBe(6);
    expect(agency.basis).toMatch(
      /^The comparison is with the 6 departments of its group \(Agencies\) in this round/,
    );
    expect(agency.rows.every((r) => r.position === 'at')).toBe(true);
    const ministry = comparePeers(cohortFor('Ministries', groups, round), ministries[0]!.d.scores, f)!;
    expect(ministry.departmentCount).toBe(10);
    expect(ministry.basis).toMatch(/^The comparison is with the 10 departments in this round/);
  });
});
