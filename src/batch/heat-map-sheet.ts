/**
 * The "Heat map" sheet of results.xlsx: characteristics down, departments across, each cell the
 * rating used for the department's result. It is what an analyst opens first: the ids, element,
 * level and a short label stay in view (frozen), the header row names the departments, and each
 * rating has a fill by conditional formatting. The cell always says the rating in words, so
 * nothing rests on colour alone; the fills are light enough for black text (contrast above 4.5:1).
 */
import { readingOf, type Framework } from '../framework/index.js';
import type { DepartmentRecord } from './package-tables.js';
import { type Cell, type Table } from './table-schema.js';

/** Light fills from the best rating to the worst (green to red), then grey for "Don't know". */
const SCORED_FILLS = ['B7DFC0', 'DCEFD9', 'FBE5B6', 'F5C6C0'];
const UNANSWERED_FILL = 'E3E3E3';
const EXCLUDED_FILL = 'FFFFFF';
const FIXED = ['Characteristic ID', 'Element', 'Level', 'Characteristic'] as const;
/** The label column: the tool's reading when there is one, else the framework's text cut to this. */
const LABEL_MAX = 90;

/** Each rating label's fill: scored ratings spread over the palette by their order on the scale. */
export function ratingFills(framework: Framework): { text: string; fill: string }[] {
  const scored = framework.scoring.ratings
    .filter((r) => r.kind === 'scored')
    .sort((a, b) => b.value! - a.value!);
  return framework.scoring.ratings.map((r) => {
    if (r.kind === 'unanswered') return { text: r.label, fill: UNANSWERED_FILL };
    if (r.kind === 'excluded') return { text: r.label, fill: EXCLUDED_FILL };
    const i = scored.indexOf(r);
    const at = scored.length === 1 ? 0 : Math.round((i / (scored.length - 1)) * (SCORED_FILLS.length - 1));
    return { text: r.label, fill: SCORED_FILLS[at]! };
  });
}

const shortText = (text: string) =>
  text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1).trimEnd()}…` : text;

/**
 * The sheet for the departments, in the order given (results.csv's); a blank cell is a
 * characteristic the ratings used leave unanswered.
 */
export function heatMapSheet(framework: Framework, departments: readonly DepartmentRecord[]): Table {
  // Two departments of one name (--no-consolidate) are told apart by their files.
  const twice = new Set(departments.map((d) => d.department).filter((n, i, all) => all.indexOf(n) !== i));
  const header = [
    ...FIXED,
    ...departments.map((d) => (twice.has(d.department) ? `${d.department} (${d.file})` : d.department)),
  ];
  function* rows(): Generator<Cell[]> {
    for (const e of framework.elements)
      for (const l of e.levels)
        for (const c of l.characteristics)
          yield [
            c.id,
            e.shortTitle,
            l.rank,
            readingOf(framework, c.id)?.label ?? shortText(c.text),
            ...departments.map((d) => d.answers.ratings[c.id] ?? ''),
          ];
  }
  return {
    name: 'Heat map',
    header,
    rows: { [Symbol.iterator]: rows },
    layout: {
      frozenColumns: FIXED.length,
      widths: [
        16,
        18,
        7,
        48,
        ...departments.map((d) => Math.min(24, Math.max(11, d.department.length / 2 + 2))),
      ],
      fills: { fromColumn: FIXED.length + 1, rules: ratingFills(framework) },
    },
  };
}
