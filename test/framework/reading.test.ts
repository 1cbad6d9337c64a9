/**
 * The tool's reading of each characteristic (src/framework/data/dmf-mvp-2022.reading.json): that
 * it covers the framework, that its labels can stand in for cut-off text, that the schema and
 * `withReading` refuse a wrong one clearly, and that it survives the trip to batch workers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import builtInData from '../../src/framework/data/dmf-mvp-2022.json' with { type: 'json' };
import builtInReading from '../../src/framework/data/dmf-mvp-2022.reading.json' with { type: 'json' };
import {
  builtInFramework,
  FrameworkError,
  LABEL_MAX,
  parseFramework,
  readingCountsByLevel,
  readingOf,
  withReading,
  type Framework,
  type FrameworkReading,
} from '../../src/framework/index.js';

const f = builtInFramework();
const characteristics = f.elements.flatMap((e) =>
  e.levels.flatMap((l) => l.characteristics.map((c) => ({ element: e, level: l, c }))),
);
const reading = (): FrameworkReading => structuredClone(f.reading!);

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(FrameworkError);
    return [...(e as FrameworkError).problems];
  }
  throw new Error('expected the reading to be refused');
}

describe('the built-in reading', () => {
  it('gives every characteristic of the framework a reading, and names no other id', () => {
    expect(characteristics).toHaveLength(244);
    for (const { c } of characteristics) expect(readingOf(f, c.id), c.id).toBeDefined();
    expect(Object.keys(builtInReading.characteristics).sort()).toEqual(
      characteristics.map((x) => x.c.id).sort(),
    );
  });

  it("is kept apart from the framework's own text, with its provenance", () => {
    expect(builtInData).not.toHaveProperty('reading');
    expect(f.reading!.provenance.by).toMatch(/^dgx-maturity .*not part of the DGX framework/);
    expect(f.reading!.provenance.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has labels that can stand alone: short, complete, in the same form', () => {
    for (const { c } of characteristics) {
      const { label } = readingOf(f, c.id)!;
      expect(label.length, c.id).toBeLessThanOrEqual(LABEL_MAX);
      expect(label, c.id).not.toMatch(/…|\.\.\./);
      // One form for all: no full stop at the end, no stray spaces, lower case first (as the
      // framework's texts are) so that "Put in place: …" and "Move away from: …" read on.
      expect(label, c.id).not.toMatch(/[.;:,]$/);
      expect(label, c.id).toBe(label.trim());
      expect(label, c.id).not.toMatch(/\s{2}/);
      expect(label, c.id).toMatch(/^[a-z]|^[A-Z]{2,}/);
      // Not the framework's text cut off: a label that is the start of the text would be.
      expect(c.text.startsWith(label) && label !== c.text, c.id).toBe(false);
    }
  });

  it('gives every note as whole sentences', () => {
    for (const { c } of characteristics) {
      const { note } = readingOf(f, c.id)!;
      if (note !== undefined) expect(note, c.id).toMatch(/^[A-Z"'].*[.)]$/);
    }
  });

  // Counts checked by reading each text (docs/characteristic-reading.md), not assumed from levels.
  it('reads every level-1 characteristic as a weakness and every level-3 and level-4 one as a strength', () => {
    for (const { level, c } of characteristics) {
      const { polarity } = readingOf(f, c.id)!;
      if (level.rank === 1) expect(polarity, c.id).toBe('weakness');
      if (level.rank >= 3) expect(polarity, c.id).toBe('strength');
    }
  });

  it('reads level 2 by its text: nine strengths among the weaknesses', () => {
    const strengths = characteristics
      .filter(({ level, c }) => level.rank === 2 && readingOf(f, c.id)!.polarity === 'strength')
      .map(({ c }) => c.id);
    expect(strengths).toEqual([
      'culture.l2.08',
      'data.l2.01',
      'leadership.l2.01',
      'leadership.l2.02',
      'leadership.l2.03',
      'leadership.l2.04',
      'leadership.l2.05',
      'funding.l2.01',
      'funding.l2.02',
    ]);
    expect(readingCountsByLevel(f)!.map((c) => [c.strength, c.weakness])).toEqual([
      [0, 43],
      [9, 61],
      [60, 0],
      [71, 0],
    ]);
  });

  it("reads the issue's examples as a minister would", () => {
    // "funding depends on being able to prove short-term economic return …": a problem, the centre's.
    expect(readingOf(f, 'funding.l2.07')).toMatchObject({ polarity: 'weakness', actor: 'centre' });
    // "government agencies are not aligned to the mission and remit of the ICT ministry …"
    expect(readingOf(f, 'culture.l2.03')!.polarity).toBe('weakness');
    // "there is recognition of the need to fully fund digital projects": a real strength at level 2.
    expect(readingOf(f, 'funding.l2.01')!.polarity).toBe('strength');
    // "an emphasis on the need to overcome departmental silos to …" gets a complete label.
    expect(readingOf(f, 'ucd.l3.05')!.label).toBe(
      'work across departmental silos to deliver end-to-end services',
    );
  });

  it('puts the centre-only matters with the centre (spend control, pay, national infrastructure)', () => {
    for (const id of ['funding.l2.06', 'funding.l1.04', 'technology.l2.14', 'data.l3.06', 'capability.l4.05'])
      expect(readingOf(f, id)!.actor, id).toBe('centre');
  });
});

describe('a reading that does not fit the framework is refused, naming the id', () => {
  it('in a framework file: a missing id and an unknown id', () => {
    const r = reading();
    delete r.characteristics['data.l3.04'];
    r.characteristics['data.l9.01'] = r.characteristics['data.l3.05']!;
    const problems = problemsOf(() => parseFramework({ ...f, reading: r }, 'mine.json'));
    expect(problems).toEqual([
      'reading.characteristics: no reading for characteristic "data.l3.04" (a reading must cover every characteristic)',
      'reading.characteristics["data.l9.01"]: "data.l9.01" is not a characteristic of this framework',
    ]);
  });

  it('in a reading file given with --reading: the file and the id in each line', () => {
    const r = reading();
    delete r.characteristics['ucd.l1.02'];
    r.characteristics['ucd.l9.01'] = r.characteristics['ucd.l1.01']!;
    try {
      withReading(f, r, 'my-reading.json');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message.split('\n')).toEqual([
        'my-reading.json is not a valid reading for dgx-dmf-mvp 1.0.0 (2 problems):',
        '  - characteristics: no reading for characteristic "ucd.l1.02" (a reading must cover every characteristic)',
        '  - characteristics["ucd.l9.01"]: "ucd.l9.01" is not a characteristic of this framework',
      ]);
    }
  });

  it('a label too long, an ellipsis, an unknown polarity or actor, a missing provenance', () => {
    const r = reading() as unknown as {
      provenance?: unknown;
      characteristics: Record<string, Record<string, unknown>>;
    };
    r.characteristics['ucd.l1.01']!.label = 'x'.repeat(LABEL_MAX + 1);
    r.characteristics['ucd.l1.02']!.label = 'services designed …';
    r.characteristics['ucd.l1.03']!.polarity = 'neutral';
    r.characteristics['ucd.l1.04']!.actor = 'minister';
    delete r.provenance;
    const problems = problemsOf(() => withReading(f, r, 'my-reading.json')).join('\n');
    expect(problems).toMatch(/^provenance: /m);
    expect(problems).toMatch(/^characteristics\["ucd\.l1\.01"\]\.label: must be at most 70 characters$/m);
    expect(problems).toMatch(/^characteristics\["ucd\.l1\.02"\]\.label: must be a complete clause/m);
    expect(problems).toMatch(/^characteristics\["ucd\.l1\.03"\]\.polarity: /m);
    expect(problems).toMatch(/^characteristics\["ucd\.l1\.04"\]\.actor: /m);
  });
});

describe('replacing the reading', () => {
  it('withReading replaces the whole reading and keeps the framework', () => {
    const r = reading();
    r.provenance.by = 'Ministry of Examples';
    r.characteristics['funding.l2.02']!.polarity = 'weakness';
    const g = withReading(f, r, 'mine.json');
    expect(g.reading!.provenance.by).toBe('Ministry of Examples');
    expect(readingOf(g, 'funding.l2.02')!.polarity).toBe('weakness');
    expect(g.elements).toEqual(f.elements);
    expect(readingOf(f, 'funding.l2.02')!.polarity).toBe('strength'); // the built-in one is untouched
  });

  it('travels to batch workers: the framework sent as data and parsed again keeps its reading', () => {
    // run-batch.ts posts the Framework object to its workers, which parse it again
    // (process-workbook.ts, read-file-task.ts); the same two steps here.
    const r = reading();
    r.characteristics['ucd.l3.01']!.actor = 'centre';
    const replaced = withReading(f, r, 'mine.json');
    for (const sent of [structuredClone(replaced), JSON.parse(JSON.stringify(replaced)) as unknown]) {
      const again: Framework = parseFramework(sent, 'framework');
      expect(again.reading).toEqual(replaced.reading);
      expect(readingOf(again, 'ucd.l3.01')!.actor).toBe('centre');
    }
  });
});

describe('docs/characteristic-reading.md', () => {
  it('is what scripts/reading-table.ts writes today (run npm run docs:reading)', async () => {
    const { readingTable } = await import('../../scripts/reading-table.js');
    const committed = readFileSync(new URL('../../docs/characteristic-reading.md', import.meta.url), 'utf8');
    expect(committed).toBe(readingTable(f));
  });

  it('lists every characteristic with its label, polarity and actor', async () => {
    const { readingTable } = await import('../../scripts/reading-table.js');
    const doc = readingTable(f);
    for (const { c } of characteristics) {
      const r = readingOf(f, c.id)!;
      const row = doc.split('\n').find((l) => l.startsWith(`| ${c.id} |`));
      expect(row, c.id).toBeDefined();
      expect(row).toContain(`| ${r.label} |`);
      expect(row).toMatch(new RegExp(`\\| ${r.polarity} \\| ${r.actor} \\|`, 'i'));
    }
  });
});
