/** The reading on the command line: `dmf framework` shows it, `--reading` replaces it everywhere. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { builtInFramework, readingOf } from '../../src/framework/index.js';
import { runDmf } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dmf-reading-'));
const f = builtInFramework();

type Listed = {
  reading?: { provenance: { by: string } };
  elements: { levels: { characteristics: Record<string, unknown>[] }[] }[];
};
const listedCharacteristics = (json: Listed) =>
  json.elements.flatMap((e) => e.levels.flatMap((l) => l.characteristics));

function write(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

/** The built-in reading, made someone else's, with one characteristic read the other way. */
function otherReading() {
  const r = structuredClone(f.reading!);
  r.provenance.by = 'Ministry of Examples';
  r.characteristics['funding.l2.02']!.polarity = 'weakness';
  return r;
}

describe('dmf framework', () => {
  it('--json gives every characteristic its polarity, actor and label, and the provenance', () => {
    const r = runDmf(['framework', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Listed;
    expect(json.reading!.provenance).toEqual(f.reading!.provenance);
    const listed = listedCharacteristics(json);
    expect(listed).toHaveLength(244);
    for (const c of listed) {
      const reading = readingOf(f, c.id as string)!;
      expect(c, c.id as string).toMatchObject({
        polarity: reading.polarity,
        actor: reading.actor,
        label: reading.label,
      });
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text']));
    }
  });

  it('counts strengths and weaknesses per level and says whose reading it is', () => {
    const r = runDmf(['framework']);
    expect(r.stdout).toMatch(
      /Reading of the characteristics: dgx-maturity \(this tool's reading; not part of the DGX framework\)/,
    );
    expect(r.stdout).toMatch(/Level\s+Strengths\s+Weaknesses\s+Department\s+Centre\s+Both/);
    expect(r.stdout).toMatch(/^L1\s+0\s+43\s/m);
    expect(r.stdout).toMatch(/^L2\s+9\s+61\s/m);
  });

  it('--reading replaces the reading, and --json then shows the new one', () => {
    const file = write('other-reading.json', otherReading());
    expect(runDmf(['framework', '--reading', file]).stdout).toMatch(
      /Reading of the characteristics: Ministry of Examples/,
    );
    const json = JSON.parse(runDmf(['framework', '--json', '--reading', file]).stdout) as Listed;
    expect(json.reading!.provenance.by).toBe('Ministry of Examples');
    expect(listedCharacteristics(json).find((c) => c.id === 'funding.l2.02')!.polarity).toBe('weakness');
  });

  it('--framework without a reading has none, and says so; --reading then gives one', () => {
    const bare = structuredClone(f);
    delete bare.reading;
    const file = write('bare.json', bare);
    const table = runDmf(['framework', '--framework', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Reading: none\. This framework brings no reading/);
    const json = JSON.parse(runDmf(['framework', '--json', '--framework', file]).stdout) as Listed;
    expect(json.reading).toBeUndefined();
    expect(listedCharacteristics(json).some((c) => 'polarity' in c)).toBe(false);

    const withOther = runDmf([
      'framework',
      '--framework',
      file,
      '--reading',
      write('r.json', otherReading()),
    ]);
    expect(withOther.stdout).toMatch(/Reading of the characteristics: Ministry of Examples/);
  });

  it('refuses a reading that does not fit in one line per problem, naming the file and the id', () => {
    const r = otherReading();
    delete r.characteristics['technology.l4.17'];
    const file = write('short-reading.json', r);
    const run = runDmf(['framework', '--reading', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /short-reading\.json is not a valid reading for dgx-dmf-mvp 1\.0\.0 \(1 problem\)/,
    );
    expect(run.stderr).toMatch(/no reading for characteristic "technology\.l4\.17"/);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(runDmf(['framework', '--reading', join(dir, 'missing.json')]).stderr).toMatch(
      /missing\.json: cannot read the reading file \(ENOENT\)/,
    );
  });

  it('--json loads back as a framework file, and an edited copy of the reading is refused, not lost', () => {
    const json = JSON.parse(runDmf(['framework', '--json']).stdout) as Listed;
    expect(runDmf(['framework', '--framework', write('listed.json', json)]).code).toBe(0);
    json.elements[5]!.levels[1]!.characteristics[6]!.actor = 'department';
    const run = runDmf(['framework', '--framework', write('edited.json', json)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /elements\[5\]\.levels\[1\]\.characteristics\[6\]\.actor: "department" differs from reading\.characteristics\["funding\.l2\.07"\]\.actor \("centre"\)/,
    );
  });
});

describe('--reading is accepted wherever --framework is', () => {
  it('in every command that takes --framework', () => {
    const commands = buildProgram().commands.filter((c) => c.options.some((o) => o.long === '--framework'));
    expect(commands.map((c) => c.name()).sort()).toEqual(
      ['batch', 'framework', 'moderate', 'report', 'score', 'template', 'validate'].sort(),
    );
    for (const c of commands)
      expect(
        c.options.map((o) => o.long),
        c.name(),
      ).toContain('--reading');
  });

  it('and a bad one stops the command before it does anything', () => {
    const file = write('bad.json', { provenance: { by: 'x', date: 'y', basis: 'z' }, characteristics: {} });
    const out = join(dir, 'never.xlsx');
    const run = runDmf(['template', '-o', out, '--reading', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.json is not a valid reading for dgx-dmf-mvp 1\.0\.0 \(244 problems\)/);
  });
});
