/**
 * The framework as `dmf framework --json` prints it: each characteristic also carries its reading
 * (`polarity`, `actor`, `label`), so that a reader of the JSON needs no lookup.
 *
 * That copy is a view: the reading's one place stays `reading.characteristics`, as in any
 * framework file. The printed JSON must still load as a framework file (people edit it to make
 * their own), so `stripReadingView` removes the copy before validation, and refuses it where it
 * no longer matches the reading — an edit there would otherwise be silently lost.
 */
import type { Framework } from './schema.js';
import type { Actor, Polarity } from './reading.js';

/** The fields of the reading that `dmf framework --json` copies onto each characteristic. */
export const VIEW_FIELDS = ['polarity', 'actor', 'label'] as const;

type ViewFields = { polarity: Polarity; actor: Actor; label: string };

/** The framework with each characteristic's reading copied onto it (unchanged without a reading). */
export function frameworkWithReadingView(framework: Framework): unknown {
  const reading = framework.reading;
  if (!reading) return framework;
  return {
    ...framework,
    elements: framework.elements.map((e) => ({
      ...e,
      levels: e.levels.map((l) => ({
        ...l,
        characteristics: l.characteristics.map((c) => {
          const r = reading.characteristics[c.id];
          const view: Partial<ViewFields> = r ? { polarity: r.polarity, actor: r.actor, label: r.label } : {};
          return { ...c, ...view };
        }),
      })),
    })),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Removes the copied reading fields from the characteristics of untrusted framework data, so that
 * the output of `dmf framework --json` loads again. Returns the data without them and one problem
 * line (with its JSON path) per copy that disagrees with `reading.characteristics` or has no
 * reading to copy. Data without copies is returned as it is.
 */
export function stripReadingView(data: unknown): { data: unknown; problems: string[] } {
  if (!isRecord(data) || !Array.isArray(data.elements)) return { data, problems: [] };
  const readingData = isRecord(data.reading) ? data.reading : undefined;
  const entries =
    readingData && isRecord(readingData.characteristics) ? readingData.characteristics : undefined;
  const problems: string[] = [];
  let copied = false;
  const elements = data.elements.map((e, ei) => {
    if (!isRecord(e) || !Array.isArray(e.levels)) return e;
    return {
      ...e,
      levels: e.levels.map((l, li) => {
        if (!isRecord(l) || !Array.isArray(l.characteristics)) return l;
        return {
          ...l,
          characteristics: l.characteristics.map((c, ci) => {
            if (!isRecord(c) || !VIEW_FIELDS.some((k) => k in c)) return c;
            copied = true;
            const path = `elements[${ei}].levels[${li}].characteristics[${ci}]`;
            const id = typeof c.id === 'string' ? c.id : '?';
            const entry = entries?.[id];
            const rest = { ...c };
            for (const k of VIEW_FIELDS) delete rest[k];
            if (!isRecord(entry)) {
              problems.push(
                `${path}: carries a reading (${VIEW_FIELDS.filter((k) => k in c).join(', ')}) but reading.characteristics has none for "${id}"; put the reading there (docs/framework-data.md)`,
              );
              return rest;
            }
            for (const k of VIEW_FIELDS) {
              if (k in c && entry[k] !== c[k]) {
                problems.push(
                  `${path}.${k}: ${JSON.stringify(c[k])} differs from reading.characteristics["${id}"].${k} (${JSON.stringify(entry[k])}); edit the reading there, this field is only a copy`,
                );
              }
            }
            return rest;
          }),
        };
      }),
    };
  });
  return copied ? { data: { ...data, elements }, problems } : { data, problems };
}
