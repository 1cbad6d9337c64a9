/**
 * "How you compare" (issue 13): a department's report compares it with the departments of its
 * batch when there are at least five, and never names another department; a report made alone has
 * no such section.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, renderReport, type ReportViewModel } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { buildPeerCohort, comparePeers, MIN_PEERS } from '../../src/report/peers.js';
import type { Answers } from '../../src/scoring/index.js';
import type { ReadResult } from '../../src/workbook/read-result.js';
import { paragraphTexts, unzipDocx } from './docx-xml.js';
import { headingWordsTooWide } from './column-headings.js';
import { department, flat, type HandMade } from './hand-made-batch.js';

const f = builtInFramework();

/** Departments with names that would stand out in any text. */
const peers: HandMade[] = [
  department(f, 'Quokka Ministry', [1, 1, 2, 1, 1, 2, 1]),
  department(f, 'Narwhal Office', [2, 2, 2, 2, 2, 2, 2]),
  department(f, 'Axolotl Agency', [2, 3, 2, 3, 2, 3, 3]),
  department(f, 'Pangolin Board', [3, 3, 3, 3, 3, 3, 3]),
  department(f, 'Okapi Authority', flat(f, 4), { answered: 0.45 }),
];
const own = department(f, 'Heron Department', [3, 2, 1, 2, 4, null, 2]);
const others = peers.map((p) => p.department);

const read = (answers: Answers): ReadResult => ({
  meta: {
    frameworkId: f.id,
    frameworkVersion: f.version,
    contractVersion: '',
    department: own.department,
  },
  answers,
  diagnostics: [],
});
const viewModel = (cohort: HandMade[] | null): ReportViewModel =>
  buildViewModel({
    framework: f,
    current: read(own.answers),
    peers: cohort
      ? buildPeerCohort(
          cohort.map((d) => d.scores),
          f,
        )
      : null,
    options: { now: new Date('2026-11-29T00:00:00Z') },
  });

describe('the peer cohort', () => {
  it('holds the levels of the departments that answered enough, per element, and no names', () => {
    const cohort = buildPeerCohort(
      [...peers, own].map((d) => d.scores),
      f,
    );
    expect(cohort.departmentCount).toBe(5);
    expect(cohort.excludedCount).toBe(1);
    expect(cohort.elements[0]).toEqual({ id: 'ucd', levels: [1, 2, 2, 3, 3] });
    // Heron is not assessed in Funding and capacity.
    expect(cohort.elements[5]!.levels).toEqual([2, 2, 3, 3]);
    expect(JSON.stringify(cohort)).not.toMatch(/Ministry|Office|Agency|Board|Authority|Department/);
  });

  it('is too small below five departments counted', () => {
    expect(MIN_PEERS).toBe(5);
    const four = buildPeerCohort(
      [...peers.slice(0, 3), own].map((d) => d.scores),
      f,
    );
    expect(comparePeers(four, own.scores, f)).toBeNull();
  });
});

describe('How you compare', () => {
  const vm = viewModel([...peers, own]);

  it('places the department against the median and the distribution of each element', () => {
    const p = vm.peers!;
    expect(p.departmentCount).toBe(5);
    expect(p.includesThisDepartment).toBe(true);
    const ucd = p.rows[0]!;
    expect(ucd).toMatchObject({ level: 3, median: 2, position: 'above', positionText: 'Above the median' });
    expect(ucd.counts.map((c) => c.count)).toEqual([1, 2, 2, 0]);
    expect(p.rows[2]).toMatchObject({ level: 1, median: 2, position: 'below' });
    expect(p.rows[5]).toMatchObject({ level: null, position: 'not-assessed', positionText: 'Not assessed' });
    expect(p.headline).toBe(
      'Among the 5 departments compared, this department is above the median in User centered design and ' +
        'Leadership and governance. It is below the median in Data driven. ' +
        'It is at the median in the other 3 elements.',
    );
    // One side holding every element compared is said so, not spelt out element by element.
    const lowest = department(f, 'Heron Department', [1, 1, 1, 1, 1, null, 1]);
    const below = buildViewModel({
      framework: f,
      current: read(lowest.answers),
      peers: buildPeerCohort(
        [...peers, lowest].map((d) => d.scores),
        f,
      ),
      options: { now: new Date('2026-11-29T00:00:00Z') },
    }).peers!;
    expect(below.rows.map((r) => r.position)).toEqual([
      'below',
      'below',
      'below',
      'below',
      'below',
      'not-assessed',
      'below',
    ]);
    expect(below.headline).toBe(
      'Among the 5 departments compared, this department is below the median in every element assessed.',
    );
    expect(p.chart.altText).toMatch(
      /^Chart of how many of the 5 departments are at each level in each element/,
    );
  });

  it('is absent below five departments, and from a report made alone', () => {
    expect(viewModel([...peers.slice(0, 3), own]).peers).toBeNull();
    expect(viewModel(null).peers).toBeNull();
  });

  describe('in the Word report', () => {
    let withPeers: Uint8Array;
    let fewPeers: Uint8Array;
    beforeAll(async () => {
      const template = await loadTemplate('ministerial');
      withPeers = await renderReport(vm, template);
      fewPeers = await renderReport(viewModel([...peers.slice(0, 3), own]), template);
    }, 120_000);

    const everything = (bytes: Uint8Array) => {
      const docx = unzipDocx(bytes);
      return Object.values(docx.parts).join('\n');
    };

    it('has the section, its chart with alt text, and the same data as a table', () => {
      const docx = unzipDocx(withPeers);
      const text = paragraphTexts(docx.part('word/document.xml')).join('\n');
      expect(text).toContain('How you compare');
      expect(text).toContain('Table 2: This department’s level against all departments compared');
      expect(docx.matching(/^word\/charts\/chart\d+\.xml$/)).toHaveLength(2);
      expect(docx.part('word/document.xml')).toMatch(
        /<wp:docPr [^>]*descr="Chart of how many of the 5 departments/,
      );
    });

    it('gives every column heading room for its longest word', () => {
      expect(headingWordsTooWide(unzipDocx(withPeers).part('word/document.xml'))).toEqual([]);
    });

    it('labels each bar with the element’s short title, as table 2 names it, and this department’s level', () => {
      const docx = unzipDocx(withPeers);
      const charts = docx.matching(/^word\/charts\/chart\d+\.xml$/);
      const peersChart = charts.find((c) => c.includes('(you: '))!;
      const text = docx.part('word/document.xml');
      for (const row of vm.peers!.rows) {
        const label = `${row.shortTitle} (you: ${row.level === null ? 'not assessed' : `level ${row.level}`})`;
        expect(peersChart).toContain(label);
        expect(text).toContain(`>${row.shortTitle}<`); // table 2's name for it
      }
      // One name for one thing: where a short title differs, the framework's title is not on a bar.
      for (const row of vm.peers!.rows.filter((r) => r.shortTitle !== r.title))
        expect(peersChart).not.toContain(`${row.title} (you: `);
    });

    it('labels each bar with the framework’s title in the full record, as its table 2 does', async () => {
      const full = unzipDocx(await renderReport(vm, await loadTemplate('full')));
      const peersChart = full.matching(/^word\/charts\/chart\d+\.xml$/).find((c) => c.includes('(you: '))!;
      for (const row of vm.peers!.rows)
        expect(peersChart).toContain(
          `${row.title} (you: ${row.level === null ? 'not assessed' : `level ${row.level}`})`,
        );
    }, 120_000);

    it('names no other department anywhere in the file, chart data included', () => {
      const all = everything(withPeers);
      for (const name of others) expect(all).not.toContain(name);
      expect(all).toContain('Heron Department');
    });

    it('is left out below five departments', () => {
      const docx = unzipDocx(fewPeers);
      expect(paragraphTexts(docx.part('word/document.xml')).join('\n')).not.toContain('How you compare');
      expect(docx.matching(/^word\/charts\/chart\d+\.xml$/)).toHaveLength(1);
    });
  });
});
