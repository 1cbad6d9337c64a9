/**
 * The built-in framework with the tool's reading attached (src/framework/data/*.reading.json), and
 * readings made up for tests. Once `builtInFramework()` brings its reading itself, this returns it.
 */
import reading from '../../src/framework/data/dmf-mvp-2022.reading.json' with { type: 'json' };
import {
  builtInFramework,
  parseFramework,
  type Framework,
  type FrameworkReading,
} from '../../src/framework/index.js';

let cached: Framework | undefined;

/** The built-in framework with its reading. */
export function frameworkWithReading(): Framework {
  const f = builtInFramework();
  cached ??= f.reading ? f : parseFramework({ ...f, reading }, 'built-in framework with its reading');
  return cached;
}

/** The built-in framework without any reading (as a user's framework file without one). */
export function frameworkWithoutReading(): Framework {
  const f = builtInFramework();
  if (!f.reading) return f;
  const { reading: _, ...rest } = f;
  return parseFramework(rest, 'built-in framework without its reading');
}

/** The built-in framework with a reading made by `decide` for each characteristic (labels: its id). */
export function frameworkWithMadeUpReading(
  decide: (
    id: string,
    levelRank: number,
  ) => Pick<FrameworkReading['characteristics'][string], 'polarity' | 'actor'>,
): Framework {
  const f = frameworkWithoutReading();
  const characteristics: FrameworkReading['characteristics'] = {};
  for (const e of f.elements)
    for (const l of e.levels)
      for (const c of l.characteristics)
        characteristics[c.id] = { ...decide(c.id, l.rank), label: `label of ${c.id}` };
  return parseFramework(
    {
      ...f,
      reading: { provenance: { by: 'a test', date: '2026-12-06', basis: 'made up' }, characteristics },
    },
    'test framework',
  );
}
