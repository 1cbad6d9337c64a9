/**
 * The consolidated dataset for analysts: one row per department × element (results.csv), and a
 * long table of every answer (answers.csv), each described column by column (the data dictionary
 * of datapackage.json and docs/dataset.md). Written as CSV (formula injection neutralised) and as
 * sheets of results.xlsx. The package's other tables are in package-tables.ts.
 */
import { levelNames, type Framework } from '../framework/index.js';
import type { Answers, ScoreResult } from '../scoring/index.js';
import { countsInGroupFigures } from '../report/peers.js';
import { challengeReasons } from '../report/summary/challenges.js';
import { cleanText, neutraliseFormula } from '../text/safe-text.js';
import {
  describedTable,
  lazily,
  yesNo,
  type Cell,
  type Field,
  type Resource,
  type Table,
} from './table-schema.js';
import { elementChange, type PreviousElement } from '../round/previous-round.js';
import { columnName, xlsxParts } from './xlsx-writer.js';

/** What the dataset needs to know about one successfully read workbook (or one department). */
export interface DatasetEntry {
  department: string;
  /** The workbook's path, relative to the output folder (several, joined by "; ", for a department). */
  file: string;
  scores: ScoreResult;
  answers: Answers;
  /** Who answered (answers.csv): the name and role given on "Start here", or the file name. */
  respondent?: string;
  /**
   * The department's previous result (`--previous`): its level per element, or null when it had
   * none (new this round); absent when no previous round was given (the columns stay empty).
   */
  previous?: { elements: readonly PreviousElement[] } | null;
}

/** The round a batch's tables belong to (results.csv's Round and Date). */
export interface RunInfo {
  round: string;
  /** The date of the run, as YYYY-MM-DD. */
  date: string;
}

export type { Cell, Table } from './table-schema.js';

const round = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);

/** A results.csv `Computed level` that is not a number. */
export const NOT_ASSESSED = 'Not assessed';
const COUNTED = 'yes';
const NOT_COUNTED = 'no (low coverage)';

/** results.csv's columns and what they mean (the data dictionary; docs/dataset.md is made from it). */
export function resultsResource(framework: Framework): Resource {
  const names = levelNames(framework);
  const top = names.length;
  return {
    name: 'results',
    title: 'Results: one row per department and element',
    description:
      'The level of each element for each department, as its report gives it (several respondents ' +
      'consolidated into one result), with how sure it is. `Confidence` is the graded confidence ' +
      '(high, medium or low) that the reports and the summary use; until December 2026 it held a ' +
      'two-way flag based on coverage, which is now `Coverage confidence`. `File` is relative to ' +
      'the output folder (it was relative to where the command ran).',
    primaryKey: ['Department', 'File', 'Element ID'],
    foreignKeys: [
      { fields: ['Department', 'File'], resource: 'departments', fieldsThere: ['Department', 'File'] },
      { fields: ['Element ID'], resource: 'framework', fieldsThere: ['Item ID'] },
    ],
    missingValues: ['', NOT_ASSESSED],
    fields: [
      {
        name: 'Department',
        type: 'string',
        required: true,
        description:
          'The department, as named on the workbook\'s "Start here" sheet (or the file name, marked "department not given").',
      },
      {
        name: 'File',
        type: 'string',
        required: true,
        description:
          'The workbook or workbooks the result is made from, relative to the output folder; several respondents\' workbooks are joined by "; ".',
      },
      {
        name: 'Element ID',
        type: 'string',
        required: true,
        description: 'The element\'s id in the framework (framework.csv, kind "element").',
      },
      { name: 'Element', type: 'string', required: true, description: "The element's title." },
      {
        name: 'Computed level',
        type: 'integer',
        description: `The element's level (1 to ${top}) by the scoring rule (docs/scoring.md); "Not assessed" when too little was answered to give one.`,
      },
      { name: 'Level name', type: 'string', description: 'The name of that level; blank when not assessed.' },
      ...names.map((name, i): Field => ({
        name: `Fit L${i + 1}`,
        type: 'number',
        description: `How well level ${i + 1} (${name}) fits the answers: the mean score (0 to 1) of its rated characteristics; blank when none was rated.`,
      })),
      {
        name: 'Coverage',
        type: 'number',
        required: true,
        description:
          'Share (0 to 1) of the element\'s characteristics answered; "Not applicable" counts as answered, "Don\'t know" does not.',
      },
      {
        name: 'Answered',
        type: 'integer',
        required: true,
        description: 'Characteristics of the element answered.',
      },
      {
        name: 'Characteristics',
        type: 'integer',
        required: true,
        description: 'Characteristics of the element.',
      },
      {
        name: 'Confidence',
        type: 'string',
        enum: ['high', 'medium', 'low'],
        description:
          'How sure the level is: the graded confidence (the same as `Confidence grade`), which the reports and the summary use. Meaning changed in December 2026: it was the two-way flag now in `Coverage confidence`.',
      },
      {
        name: 'Confidence reasons',
        type: 'string',
        description: 'Why the confidence is what it is, in plain English.',
      },
      {
        name: 'Own judgement',
        type: 'integer',
        description: 'The level the respondent judged best fitting; blank when not given.',
      },
      {
        name: 'Own minus computed',
        type: 'integer',
        description: 'Own judgement minus the computed level; blank when either is missing.',
      },
      {
        name: 'Counted in summary figures',
        type: 'string',
        enum: [COUNTED, NOT_COUNTED],
        required: true,
        description: `"yes" when the department answered enough of its workbook (${Math.round(framework.scoring.lowCoverage * 100)}% or more) to count in the figures about the group; "no (low coverage)" otherwise.`,
      },
      {
        name: 'Challenge',
        type: 'string',
        description:
          'Why the return deserves a challenge before its levels are relied on (docs/comparisons.md); blank when nothing looks implausible. The same for every element of a department.',
      },
      {
        name: 'Range low',
        type: 'integer',
        description: 'The lowest level the element could have if every open characteristic were answered.',
      },
      {
        name: 'Range high',
        type: 'integer',
        description: 'The highest level the element could have if every open characteristic were answered.',
      },
      {
        name: 'Confidence grade',
        type: 'string',
        enum: ['high', 'medium', 'low'],
        description: 'The graded confidence (docs/scoring.md, "Confidence grade").',
      },
      {
        name: 'Borderline',
        type: 'boolean',
        required: true,
        description: '"yes" when one rating moved one step on the scale would change the level.',
      },
      {
        name: 'Borderline items',
        type: 'string',
        description:
          'The characteristics (ids, separated by spaces) whose one-step move would change the level.',
      },
      {
        name: 'In place',
        type: 'integer',
        required: true,
        description: 'Characteristics rated "in place" (Largely or Fully).',
      },
      {
        name: 'In place with evidence',
        type: 'integer',
        required: true,
        description: 'Of those, the ones with evidence text.',
      },
      {
        name: 'Evidence share',
        type: 'number',
        description: 'In place with evidence ÷ in place; blank when nothing is in place.',
      },
      {
        name: 'Coverage confidence',
        type: 'string',
        enum: ['high', 'low'],
        required: true,
        description:
          "The two-way flag `Confidence` held until December 2026: low when the element's coverage is below the low-coverage threshold or a lowest-level characteristic is rated at the top although a higher level is reached; high otherwise. Kept for comparison with older files; use `Confidence`.",
      },
      {
        name: 'Round',
        type: 'string',
        description:
          'The round of the assessment (`dmf batch --round`; the date of the run by default); blank outside a batch.',
      },
      {
        name: 'Date',
        type: 'date',
        description: 'The date the batch was run (YYYY-MM-DD); blank outside a batch.',
      },
      {
        name: 'Previous level',
        type: 'integer',
        description:
          "The element's computed level in the previous round (`dmf batch --previous`, src/round/previous-round.ts); blank without a previous round, for a department new this round, or when it was not assessed then.",
      },
      {
        name: 'Change',
        type: 'string',
        enum: [
          'new department',
          'up',
          'down',
          'same',
          'newly assessed',
          'no longer assessed',
          'not assessed',
        ],
        description:
          'How the level changed since the previous round: up, down or same; newly assessed (no level then, one now), no longer assessed (the reverse), not assessed (in neither round); new department (no previous result at all, not a change). Blank without a previous round.',
      },
      {
        name: 'Change in levels',
        type: 'integer',
        description: 'Computed level minus previous level; blank unless both rounds have a level.',
      },
    ],
  };
}

/**
 * One row per department × element: level, fits, coverage, confidence, own judgement; whether the
 * department is counted in the summary's figures (enough answers) and why its return is to be
 * challenged, if it is (the same rules as summary.docx); then the range, confidence grade,
 * borderline and evidence strength; then the two-way flag that `Confidence` used to hold, the round
 * and the date. Columns are only ever appended (older readers keep working).
 */
export function resultsTable(framework: Framework, entries: readonly DatasetEntry[], run?: RunInfo): Table {
  return describedTable(
    'Results',
    resultsResource(framework),
    lazily(function* () {
      for (const d of entries) {
        const counted = countsInGroupFigures(d.scores, framework) ? COUNTED : NOT_COUNTED;
        const challenge = challengeReasons(framework, d.scores, d.answers).join('; ');
        for (const e of d.scores.elements) {
          const since = d.previous === undefined ? null : elementChange(e.level, d.previous, e.id);
          yield [
            d.department,
            d.file,
            e.id,
            e.title,
            e.level ?? NOT_ASSESSED,
            e.levelName ?? '',
            ...e.fits.map((f) => round(f.fit)),
            round(e.coverage),
            e.answered,
            e.total,
            // One confidence everywhere: the grade (the reports' and the summary's).
            e.confidence.grade,
            e.confidence.reasons.join(' '),
            e.ownJudgement.rank,
            e.ownJudgement.differsBy,
            counted,
            challenge,
            e.range.low,
            e.range.high,
            e.confidence.grade,
            yesNo(e.borderline),
            e.borderlineItems.join(' '),
            e.evidence.inPlace,
            e.evidence.withEvidence,
            round(e.evidence.share),
            e.confidence.rating,
            run?.round ?? '',
            run?.date ?? '',
            since?.previousLevel ?? null,
            since?.change ?? null,
            since?.delta ?? null,
          ];
        }
      }
    }),
  );
}

const ANSWER_KINDS = ['characteristic', 'question', 'sub-question', 'own judgement'] as const;

/** answers.csv's columns and what they mean. */
export function answersResource(framework: Framework): Resource {
  const top = levelNames(framework).length;
  return {
    name: 'answers',
    title: 'Answers: every item of every returned workbook',
    description:
      'What each respondent wrote, one row per item of the framework and per workbook, unanswered ' +
      "items included (blank `Answer`): each characteristic's rating and evidence, each question's " +
      "response, each element's own judgement. Several respondents of one department each have " +
      'their own rows (`Respondent`). `Item ID` joins framework.csv. Until December 2026 unanswered ' +
      'items were left out and `File` was relative to where the command ran; `Level` means the ' +
      "characteristic's level on characteristic rows and the judged level on own-judgement rows: " +
      '`Framework level` and `Own judgement level` say each apart.',
    primaryKey: ['File', 'Item ID'],
    foreignKeys: [{ fields: ['Item ID'], resource: 'framework', fieldsThere: ['Item ID'] }],
    fields: [
      {
        name: 'Department',
        type: 'string',
        required: true,
        description: 'The department the workbook is for.',
      },
      {
        name: 'File',
        type: 'string',
        required: true,
        description: 'The workbook, relative to the output folder.',
      },
      { name: 'Element ID', type: 'string', required: true, description: 'The element the item belongs to.' },
      {
        name: 'Item ID',
        type: 'string',
        required: true,
        description:
          "The item's id in the framework (framework.csv); for an own judgement, the element's id.",
      },
      {
        name: 'Kind',
        type: 'string',
        enum: ANSWER_KINDS,
        required: true,
        description:
          "What the item is: a characteristic (rated), a question or sub-question (answered in words), or the own judgement of the element's level.",
      },
      {
        name: 'Level',
        type: 'integer',
        description:
          'Kept for older readers; it means two things: on characteristic rows the level the characteristic belongs to, on own-judgement rows the level judged. Use `Framework level` or `Own judgement level`.',
      },
      {
        name: 'Answer',
        type: 'string',
        description: 'The rating (characteristics) or the response (questions); blank when unanswered.',
      },
      {
        name: 'Evidence or rationale',
        type: 'string',
        description:
          'The evidence given for a rating, or the rationale of an own judgement; blank when none.',
      },
      {
        name: 'Respondent',
        type: 'string',
        description: 'Who answered: the name and role given on "Start here", or the file name.',
      },
      {
        name: 'Framework level',
        type: 'integer',
        description: `Characteristic rows: the level (1 to ${top}) the characteristic belongs to; blank on other rows.`,
      },
      {
        name: 'Own judgement level',
        type: 'integer',
        description:
          'Own-judgement rows: the level the respondent judged best fitting; blank when not given and on other rows.',
      },
    ],
  };
}

/**
 * Every item of every workbook, one row each, unanswered included, in framework order per workbook:
 * each element's characteristics (level by level), its questions and sub-questions, its own judgement.
 */
export function answersTable(framework: Framework, entries: readonly DatasetEntry[]): Table {
  function* rows(): Generator<Cell[]> {
    for (const d of entries) {
      const row = (
        element: string,
        id: string,
        kind: (typeof ANSWER_KINDS)[number],
        level: number | null,
        answer: string,
        evidence: string,
        frameworkLevel: number | null,
        judged: number | null,
      ): Cell[] => [
        d.department,
        d.file,
        element,
        id,
        kind,
        level,
        answer,
        evidence,
        d.respondent ?? '',
        frameworkLevel,
        judged,
      ];
      for (const element of framework.elements) {
        for (const level of element.levels)
          for (const c of level.characteristics)
            yield row(
              element.id,
              c.id,
              'characteristic',
              level.rank,
              d.answers.ratings[c.id] ?? '',
              d.answers.evidence[c.id] ?? '',
              level.rank,
              null,
            );
        for (const q of element.questions) {
          yield row(element.id, q.id, 'question', null, d.answers.responses[q.id] ?? '', '', null, null);
          for (const s of q.subQuestions)
            yield row(
              element.id,
              s.id,
              'sub-question',
              null,
              d.answers.responses[s.id] ?? '',
              '',
              null,
              null,
            );
        }
        const j = d.answers.judgements[element.id];
        yield row(
          element.id,
          element.id,
          'own judgement',
          j?.level ?? null,
          '',
          j?.rationale ?? '',
          null,
          j?.level ?? null,
        );
      }
    }
  }
  return describedTable('Answers', answersResource(framework), lazily(rows));
}

const csvField = (v: Cell): string => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutraliseFormula(cleanText(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * RFC 4180 CSV with a UTF-8 byte order mark (so Excel opens accents and non-Latin scripts
 * correctly), in chunks of a thousand lines to write as they come. Text cells that a spreadsheet
 * would run as a formula are neutralised.
 */
export function* csvChunks(table: Table, linesPerChunk = 1000): Generator<string> {
  const line = (r: readonly Cell[]) => `${r.map(csvField).join(',')}\r\n`;
  let chunk = `\ufeff${line(table.header)}`;
  let lines = 0;
  for (const r of table.rows) {
    chunk += line(r);
    if (++lines === linesPerChunk) {
      yield chunk;
      chunk = '';
      lines = 0;
    }
  }
  if (chunk) yield chunk;
}

/** The whole CSV as one string (small tables; a batch writes csvChunks). */
export const toCsv = (table: Table): string => [...csvChunks(table)].join('');

/**
 * The tables as sheets of one workbook, with a header row frozen and filters on, as a stream of
 * bytes to write as they come (writeFileAtomic takes it). The sheets' XML is written directly and
 * zipped as it is made (xlsx-writer.ts): the answers table of a large batch has a hundred thousand
 * rows or more, which exceljs' in-memory model could not hold (about 10 KB a row) and its streaming
 * writer took minutes over (it serialises every cell's style to look it up; issue 24).
 */
export function xlsxStream(
  tables: readonly Table[],
  options: { activeSheet?: number; now?: Date } = {},
): AsyncIterable<Uint8Array> {
  return xlsxParts(tables, options);
}

export { columnName };

/** The whole .xlsx in memory (small tables; a batch writes xlsxStream). */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of xlsxStream(tables)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
