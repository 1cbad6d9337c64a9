/**
 * The consolidated dataset for analysts: one row per department × element, and a long table of
 * every answer. Written as CSV (formula injection neutralised) and as an .xlsx with two sheets.
 */
import { PassThrough } from 'node:stream';
import { itemIndex, levelNames, type Framework } from '../framework/index.js';
import type { Answers, ScoreResult } from '../scoring/index.js';
import { countsInGroupFigures } from '../report/peers.js';
import { challengeReasons } from '../report/summary/challenges.js';
import { cleanText, neutraliseFormula } from '../text/safe-text.js';
import { elementChange, type PreviousElement } from '../round/previous-round.js';

/** What the dataset needs to know about one successfully read workbook. */
export interface DatasetEntry {
  department: string;
  file: string;
  scores: ScoreResult;
  answers: Answers;
  /**
   * The department's previous result (`--previous`): its level per element, or null when it had
   * none (new this round); absent when no previous round was given (the columns stay empty).
   */
  previous?: { elements: readonly PreviousElement[] } | null;
}

export type Cell = string | number | null;
export interface Table {
  name: string;
  header: string[];
  /**
   * Made row by row each time they are iterated (CSV, then xlsx), never held all at once: the
   * answers table of a large batch has a hundred thousand rows or more.
   */
  rows: Iterable<Cell[]>;
}

/** A re-iterable sequence from a generator function. */
const lazily = <T>(generate: () => Generator<T>): Iterable<T> => ({ [Symbol.iterator]: generate });

const round = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);

/**
 * One row per department × element: level, fits, coverage, confidence, own judgement; whether the
 * department is counted in the summary's figures (enough answers) and why its return is to be
 * challenged, if it is (the same rules as summary.docx); then the range, confidence grade,
 * borderline and evidence strength.
 */
export function resultsTable(framework: Framework, entries: readonly DatasetEntry[]): Table {
  const names = levelNames(framework);
  return {
    name: 'Results',
    header: [
      'Department',
      'File',
      'Element ID',
      'Element',
      'Computed level',
      'Level name',
      ...names.map((_, i) => `Fit L${i + 1}`),
      'Coverage',
      'Answered',
      'Characteristics',
      'Confidence',
      'Confidence reasons',
      'Own judgement',
      'Own minus computed',
      'Counted in summary figures',
      'Challenge',
      // Added with the graded confidence (docs/scoring.md): appended, so older readers keep working.
      'Range low',
      'Range high',
      'Confidence grade',
      'Borderline',
      'Borderline items',
      'In place',
      'In place with evidence',
      'Evidence share',
      // Added with last round's results (src/round/previous-round.ts): appended, empty without --previous.
      'Previous level',
      'Change',
      'Change in levels',
    ],
    rows: lazily(function* () {
      for (const d of entries) {
        const counted = countsInGroupFigures(d.scores, framework) ? 'yes' : 'no (low coverage)';
        const challenge = challengeReasons(framework, d.scores, d.answers).join('; ');
        for (const e of d.scores.elements) {
          const since = d.previous === undefined ? null : elementChange(e.level, d.previous, e.id);
          yield [
            d.department,
            d.file,
            e.id,
            e.title,
            e.level ?? 'Not assessed',
            e.levelName ?? '',
            ...e.fits.map((f) => round(f.fit)),
            round(e.coverage),
            e.answered,
            e.total,
            e.confidence.rating,
            e.confidence.reasons.join(' '),
            e.ownJudgement.rank,
            e.ownJudgement.differsBy,
            counted,
            challenge,
            e.range.low,
            e.range.high,
            e.confidence.grade,
            e.borderline ? 'yes' : 'no',
            e.borderlineItems.join(' '),
            e.evidence.inPlace,
            e.evidence.withEvidence,
            round(e.evidence.share),
            since?.previousLevel ?? null,
            since?.change ?? null,
            since?.delta ?? null,
          ];
        }
      }
    }),
  };
}

/** Every answer, one row each: ratings with evidence, responses to questions, own judgements. */
export function answersTable(framework: Framework, entries: readonly DatasetEntry[]): Table {
  const index = itemIndex(framework);
  function* rows(): Generator<Cell[]> {
    for (const d of entries) {
      const seen = new Set<string>();
      for (const [id, rating] of Object.entries(d.answers.ratings)) {
        const item = index.get(id);
        seen.add(id);
        if (item?.kind !== 'characteristic') continue;
        yield [
          d.department,
          d.file,
          item.element.id,
          id,
          'characteristic',
          item.level.rank,
          rating,
          d.answers.evidence[id] ?? '',
        ];
      }
      for (const [id, evidence] of Object.entries(d.answers.evidence)) {
        const item = index.get(id);
        if (seen.has(id) || item?.kind !== 'characteristic') continue;
        yield [d.department, d.file, item.element.id, id, 'characteristic', item.level.rank, '', evidence];
      }
      for (const [id, response] of Object.entries(d.answers.responses)) {
        const item = index.get(id);
        if (!item) continue;
        yield [
          d.department,
          d.file,
          item.element.id,
          id,
          item.kind === 'question' ? 'question' : 'sub-question',
          null,
          response,
          '',
        ];
      }
      for (const [elementId, j] of Object.entries(d.answers.judgements)) {
        yield [
          d.department,
          d.file,
          elementId,
          elementId,
          'own judgement',
          j.level ?? null,
          '',
          j.rationale ?? '',
        ];
      }
    }
  }
  return {
    name: 'Answers',
    header: [
      'Department',
      'File',
      'Element ID',
      'Item ID',
      'Kind',
      'Level',
      'Answer',
      'Evidence or rationale',
    ],
    rows: lazily(rows),
  };
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
 * bytes to write as they come (writeFileAtomic takes it). Written with exceljs' streaming writer,
 * row by row: the answers table of a large batch has a hundred thousand rows or more (about 260
 * per department), and the in-memory workbook model costs about 10 KB per row (measured on 165 000
 * rows: 1.5 GB and 17.5 s; streamed, 0.1 GB and 6 s). The writer pauses every few hundred rows so
 * that what it has compressed is written out rather than piling up.
 */
export function xlsxStream(tables: readonly Table[]): AsyncIterable<Uint8Array> {
  const stream = new PassThrough();
  const write = async () => {
    // Loaded here, not at the top: the batch's main thread needs exceljs only at the very end.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    wb.creator = 'dgx-maturity';
    for (const t of tables) {
      const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      // Column widths come before the rows in the sheet's XML: set them before the first commit.
      t.header.forEach((h, i) => {
        ws.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2));
      });
      const header = ws.addRow(t.header);
      header.font = { bold: true };
      header.commit();
      let n = 0;
      for (const r of t.rows) {
        // Text is stored as text: cleanText removes control characters, and exceljs writes strings
        // as strings, so "=cmd" stays the literal text it was typed as.
        ws.addRow(r.map((v) => (typeof v === 'string' ? cleanText(v) : v))).commit();
        if (++n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
      ws.commit();
    }
    await wb.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return stream;
}

/** The whole .xlsx in memory (small tables; a batch writes xlsxStream). */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of xlsxStream(tables)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
