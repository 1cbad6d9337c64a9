/** How the reading splits each level of a framework: strengths and weaknesses, and who can act. */
import type { Framework } from './schema.js';
import type { Actor, Polarity } from './reading.js';

export type ReadingCounts = Record<Polarity | Actor, number>;

/** Per level (index = rank − 1), over all elements; undefined when the framework has no reading. */
export function readingCountsByLevel(framework: Framework): ReadingCounts[] | undefined {
  const reading = framework.reading;
  if (!reading) return undefined;
  const counts = framework.elements[0]!.levels.map((): ReadingCounts => ({
    strength: 0,
    weakness: 0,
    department: 0,
    centre: 0,
    both: 0,
  }));
  for (const e of framework.elements) {
    e.levels.forEach((l, i) => {
      for (const c of l.characteristics) {
        // The schema guarantees an entry for every characteristic when there is a reading.
        const r = reading.characteristics[c.id]!;
        counts[i]![r.polarity] += 1;
        counts[i]![r.actor] += 1;
      }
    });
  }
  return counts;
}
