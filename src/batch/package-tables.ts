/**
 * The data package's tables beyond results.csv and answers.csv: the framework itself (what every
 * id means), one row per department, the long table of ratings that lets an analyst recompute a
 * department's levels (each respondent's rating and the rating used), and the summary's common
 * gaps. Each table is described once (its Resource): CSV header, datapackage.json and
 * docs/dataset.md come from the same descriptions.
 */
import { levelNames, readingOf, type Framework } from '../framework/index.js';
import type { ConsolidationSummary } from '../moderation/index.js';
import { countsInGroupFigures, medianLevel } from '../report/peers.js';
import { gapShare, type CommonGapRow } from '../report/summary/common-gaps.js';
import type { Answers } from '../scoring/index.js';
import type { DatasetEntry } from './dataset.js';
import { describedTable, lazily, yesNo, type Cell, type Resource, type Table } from './table-schema.js';

/** One respondent of a department: their own answers, before consolidation. */
export interface RespondentRecord {
  /** The name and role given on "Start here", or the file name. */
  label: string;
  /** The workbook, relative to the output folder. */
  file: string;
  answers: Answers;
}

/** One department as the batch reported it: its result, the ratings used, and who answered. */
export interface DepartmentRecord extends DatasetEntry {
  /** At least one; several when their answers were consolidated. */
  respondents: RespondentRecord[];
  /** How several respondents were consolidated (null for one respondent). */
  consolidation: ConsolidationSummary | null;
  /** The report, relative to the output folder; null when it could not be built. */
  report: string | null;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);

const ITEM_KINDS = ['element', 'characteristic', 'question', 'sub-question'] as const;

export function frameworkResource(framework: Framework): Resource {
  const hasReading = framework.reading !== undefined;
  return {
    name: 'framework',
    title: `The framework: ${framework.title} ${framework.version}`,
    description:
      `Every element, characteristic, question and sub-question of the ${framework.title} ` +
      `(${framework.publisher}, ${framework.published}; ${framework.licence}), with its id: the ` +
      "table the others join to. The reading columns are this tool's reading of each " +
      "characteristic (docs/framework-data.md), not the framework's text" +
      (hasReading ? '.' : '; this framework has none, so they are blank.'),
    primaryKey: ['Item ID'],
    fields: [
      {
        name: 'Item ID',
        type: 'string',
        required: true,
        description: 'The item\'s id, e.g. "ucd.l2.03" (element ucd, level 2, third characteristic).',
      },
      { name: 'Kind', type: 'string', enum: ITEM_KINDS, required: true, description: 'What the item is.' },
      {
        name: 'Element ID',
        type: 'string',
        required: true,
        description: "The element it belongs to (an element's own row: itself).",
      },
      { name: 'Element', type: 'string', required: true, description: "The element's title." },
      {
        name: 'Level',
        type: 'integer',
        description: `Characteristics: the level (1 to ${levelNames(framework).length}) it describes; blank for other kinds.`,
      },
      { name: 'Level name', type: 'string', description: 'Characteristics: the name of that level.' },
      {
        name: 'Number',
        type: 'string',
        description: 'Questions and sub-questions: the number or letter the framework prints.',
      },
      {
        name: 'Parent ID',
        type: 'string',
        description:
          "The item this one sits under: a sub-point's characteristic, a sub-question's question; blank otherwise.",
      },
      {
        name: 'Text',
        type: 'string',
        required: true,
        description: "The framework's text (an element's title).",
      },
      {
        name: 'Reading label',
        type: 'string',
        description: "Characteristics: a short clause saying what it says (the tool's reading).",
      },
      {
        name: 'Reading polarity',
        type: 'string',
        enum: ['strength', 'weakness'],
        description:
          'Characteristics: "strength" (something to put in place) or "weakness" (something to move away from); only strengths count as gaps.',
      },
      {
        name: 'Reading actor',
        type: 'string',
        enum: ['department', 'centre', 'both'],
        description:
          'Characteristics: who can act on it: the department alone, the centre of government, or both.',
      },
    ],
  };
}

/** framework.csv: every item of the framework, in its order. */
export function frameworkTable(framework: Framework): Table {
  return describedTable(
    'Framework',
    frameworkResource(framework),
    lazily(function* (): Generator<Cell[]> {
      for (const e of framework.elements) {
        yield [e.id, 'element', e.id, e.title, null, '', '', '', e.title, '', '', ''];
        for (const l of e.levels)
          for (const c of l.characteristics) {
            const r = readingOf(framework, c.id);
            yield [
              c.id,
              'characteristic',
              e.id,
              e.title,
              l.rank,
              l.name,
              '',
              c.parentId ?? '',
              c.text,
              r?.label ?? '',
              r?.polarity ?? '',
              r?.actor ?? '',
            ];
          }
        for (const q of e.questions) {
          yield [q.id, 'question', e.id, e.title, null, '', q.label, '', q.text, '', '', ''];
          for (const s of q.subQuestions)
            yield [s.id, 'sub-question', e.id, e.title, null, '', s.label, q.id, s.text, '', '', ''];
        }
      }
    }),
  );
}

const MODERATION = [
  'one respondent',
  'several respondents, all agreed',
  'several respondents, consolidated by rule',
] as const;

function moderationOf(d: DepartmentRecord): (typeof MODERATION)[number] {
  if (!d.consolidation) return MODERATION[0];
  return d.consolidation.hasDisagreements ? MODERATION[2] : MODERATION[1];
}

export function departmentsResource(framework: Framework): Resource {
  return {
    name: 'departments',
    title: 'Departments: one row per department reported',
    description:
      'Each department the batch reported: the workbooks and respondents its result rests on, how ' +
      'much it answered, how far several respondents agreed, and whether it counts in the figures ' +
      'about the group.',
    primaryKey: ['Department', 'File'],
    fields: [
      {
        name: 'Department',
        type: 'string',
        required: true,
        description: 'The department, as in results.csv.',
      },
      {
        name: 'File',
        type: 'string',
        required: true,
        description:
          'Its workbook or workbooks, relative to the output folder, joined by "; " (as in results.csv).',
      },
      {
        name: 'Respondents',
        type: 'integer',
        required: true,
        description: 'How many returned workbooks the result consolidates.',
      },
      {
        name: 'Respondent names',
        type: 'string',
        description:
          'Who answered, joined by "; ": the name and role given on "Start here", or the file name.',
      },
      {
        name: 'Coverage',
        type: 'number',
        required: true,
        description: 'Share (0 to 1) of all characteristics answered in the ratings used.',
      },
      {
        name: 'Elements assessed',
        type: 'integer',
        required: true,
        description: `Elements (of ${framework.elements.length}) with a level.`,
      },
      {
        name: 'Median level',
        type: 'integer',
        description:
          "The median of its element levels (the lower middle one when their number is even), the summary's overall level; blank when none is assessed.",
      },
      {
        name: 'Counted in summary figures',
        type: 'boolean',
        required: true,
        description: `"yes" when it answered ${Math.round(framework.scoring.lowCoverage * 100)}% or more of its workbook and so counts in the figures about the group.`,
      },
      {
        name: 'Moderation status',
        type: 'string',
        enum: MODERATION,
        required: true,
        description:
          'One respondent; several who agreed on every characteristic two or more of them rated; or several whose disagreements were settled by the consolidation rule (not yet moderated in a meeting: see `dmf moderate`).',
      },
      {
        name: 'Consolidation rule',
        type: 'string',
        enum: ['median', 'lowest'],
        description: 'Several respondents: how their ratings became one (docs/moderation.md).',
      },
      {
        name: 'Rated by two or more',
        type: 'integer',
        description:
          'Several respondents: characteristics rated by two or more of them (the base of the agreement).',
      },
      {
        name: 'Agreed',
        type: 'integer',
        description: 'Several respondents: of those, the characteristics they agreed on.',
      },
      {
        name: 'Disagreements',
        type: 'integer',
        description:
          "Several respondents: characteristics they disagreed on (listed in batch-log.json and the report's annex).",
      },
      {
        name: 'Report',
        type: 'string',
        description:
          "The department's report, relative to the output folder; blank when it could not be built.",
      },
    ],
  };
}

/** departments.csv: one row per department, in the order of results.csv. */
export function departmentsTable(framework: Framework, departments: readonly DepartmentRecord[]): Table {
  return describedTable(
    'Departments',
    departmentsResource(framework),
    lazily(function* (): Generator<Cell[]> {
      for (const d of departments) {
        const levels = d.scores.elements.flatMap((e) => (e.level === null ? [] : [e.level]));
        const c = d.consolidation;
        yield [
          d.department,
          d.file,
          d.respondents.length,
          d.respondents.map((r) => r.label).join('; '),
          round(d.scores.coverage),
          d.scores.assessedCount,
          medianLevel(levels),
          yesNo(countsInGroupFigures(d.scores, framework)),
          moderationOf(d),
          c?.rule ?? '',
          c?.base ?? null,
          c?.agreed ?? null,
          c ? c.disagreements.length : null,
          d.report ?? '',
        ];
      }
    }),
  );
}

export function ratingsResource(framework: Framework): Resource {
  return {
    name: 'ratings',
    title: 'Ratings: every characteristic, every respondent, and the rating used',
    description:
      'One row per respondent and characteristic, unanswered included: what the respondent rated, ' +
      "whether they gave evidence, and the rating used for the department's result (the " +
      "consolidated rating when several respondents answered; the respondent's own otherwise). " +
      'Scoring the ratings used of a department (docs/scoring.md) gives its levels in results.csv.',
    primaryKey: ['Respondent file', 'Characteristic ID'],
    foreignKeys: [
      { fields: ['Department', 'File'], resource: 'departments', fieldsThere: ['Department', 'File'] },
      { fields: ['Characteristic ID'], resource: 'framework', fieldsThere: ['Item ID'] },
    ],
    fields: [
      {
        name: 'Department',
        type: 'string',
        required: true,
        description: 'The department, as in results.csv.',
      },
      {
        name: 'File',
        type: 'string',
        required: true,
        description: "The department's workbooks, as in results.csv (joins departments.csv).",
      },
      {
        name: 'Respondent',
        type: 'string',
        required: true,
        description: 'Who answered: the name and role given on "Start here", or the file name.',
      },
      {
        name: 'Respondent file',
        type: 'string',
        required: true,
        description: "The respondent's own workbook, relative to the output folder.",
      },
      {
        name: 'Element ID',
        type: 'string',
        required: true,
        description: 'The element the characteristic belongs to.',
      },
      {
        name: 'Characteristic ID',
        type: 'string',
        required: true,
        description: 'The characteristic (framework.csv).',
      },
      {
        name: 'Level',
        type: 'integer',
        required: true,
        description: 'The level the characteristic belongs to.',
      },
      {
        name: 'Rating',
        type: 'string',
        enum: framework.scoring.ratings.map((r) => r.label),
        description: "The respondent's rating; blank when they left it empty.",
      },
      {
        name: 'Evidence given',
        type: 'boolean',
        required: true,
        description: '"yes" when the respondent wrote evidence or a comment for it.',
      },
      {
        name: 'Rating used',
        type: 'string',
        enum: framework.scoring.ratings.map((r) => r.label),
        description:
          "The rating the department's result uses; blank when none (no respondent rated it, or a disagreement left it open).",
      },
      {
        name: 'Value used',
        type: 'number',
        description: `The score (0 to 1) of the rating used; blank when it has none ("Don't know", "Not applicable", blank). A level's fit is the mean of these; "in place" means ${Math.round(framework.scoring.threshold * 1000) / 10}% or more.`,
      },
    ],
  };
}

/** ratings.csv: every respondent × characteristic, with the rating used for the department. */
export function ratingsTable(framework: Framework, departments: readonly DepartmentRecord[]): Table {
  const value = new Map(framework.scoring.ratings.map((r) => [r.label, r.value ?? null]));
  return describedTable(
    'Ratings',
    ratingsResource(framework),
    lazily(function* (): Generator<Cell[]> {
      for (const d of departments)
        for (const r of d.respondents)
          for (const e of framework.elements)
            for (const l of e.levels)
              for (const c of l.characteristics) {
                const used = d.answers.ratings[c.id];
                yield [
                  d.department,
                  d.file,
                  r.label,
                  r.file,
                  e.id,
                  c.id,
                  l.rank,
                  r.answers.ratings[c.id] ?? '',
                  yesNo(Boolean(r.answers.evidence[c.id]?.trim())),
                  used ?? '',
                  used === undefined ? null : (value.get(used) ?? null),
                ];
              }
    }),
  );
}

export function commonGapsResource(): Resource {
  return {
    name: 'common-gaps',
    title: 'Common gaps: what departments one level below lack of the next level',
    description:
      "For each element's next level, each characteristic and the departments counted in the " +
      'group figures whose level is one below: how many rated it, how many of those lack it (rated ' +
      'below "in place"), and how many said "Not applicable", "Don\'t know" or left it blank. ' +
      "Unanswered items are never counted as lacking. When the framework has the tool's reading, " +
      "only strengths are listed. The summary's common gaps are made from these rows by the same " +
      'rule (src/report/summary/common-gaps.ts); nothing is cut here.',
    primaryKey: ['Characteristic ID'],
    foreignKeys: [{ fields: ['Characteristic ID'], resource: 'framework', fieldsThere: ['Item ID'] }],
    fields: [
      { name: 'Element ID', type: 'string', required: true, description: 'The element.' },
      {
        name: 'Characteristic ID',
        type: 'string',
        required: true,
        description: 'A characteristic of the next level (framework.csv).',
      },
      {
        name: 'Level',
        type: 'integer',
        required: true,
        description:
          'The level the characteristic belongs to: the next level of the departments counted here.',
      },
      {
        name: 'Departments one level below',
        type: 'integer',
        required: true,
        description: 'Counted departments whose level in the element is one below `Level`.',
      },
      {
        name: 'Departments that rated it',
        type: 'integer',
        required: true,
        description:
          'Of those, the departments that gave it a scored rating (Not at all to Fully): the denominator.',
      },
      {
        name: 'Departments lacking it',
        type: 'integer',
        required: true,
        description:
          'Of the departments that rated it, those that rated it below "in place" (Partly or Not at all).',
      },
      {
        name: 'Share lacking',
        type: 'number',
        description: 'Departments lacking it ÷ departments that rated it; blank when none rated it.',
      },
      {
        name: 'Not applicable',
        type: 'integer',
        required: true,
        description: 'Departments one level below that rated it "Not applicable".',
      },
      {
        name: "Don't know",
        type: 'integer',
        required: true,
        description: 'Departments one level below that said "Don\'t know".',
      },
      {
        name: 'Blank',
        type: 'integer',
        required: true,
        description: 'Departments one level below that left it empty.',
      },
      {
        name: 'Departments lacking',
        type: 'string',
        description: 'The departments lacking it, by name, joined by "; ".',
      },
    ],
  };
}

/** The rows, once computed (they are few: one per characteristic at most). */
export function commonGapsTable(rows: readonly CommonGapRow[]): Table {
  return describedTable(
    'Common gaps',
    commonGapsResource(),
    rows.map((r) => [
      r.elementId,
      r.characteristicId,
      r.rank,
      r.departmentsBelow,
      r.rated,
      r.lacking,
      round(gapShare(r)),
      r.notApplicable,
      r.dontKnow,
      r.blank,
      r.lackingDepartments.join('; '),
    ]),
  );
}
