/**
 * The one parser: a returned workbook (as grids) → `{ meta, answers by id, diagnostics }`.
 *
 * Tolerant of what respondents do (renamed, moved or extra sheets, inserted or reordered rows and
 * columns, answers typed in another case or with spaces): every table is found by a header row
 * containing "ID", every column by its header, every answer by the item id on its row, never by
 * position. Strict about what matters, with diagnostics naming sheet, cell and fix. Item-level
 * problems leave the item unanswered and the rest is still read. Browser-safe (no I/O).
 */
import type { Element, Framework } from '../../framework/index.js';
import { itemIndex, levelNames } from '../../framework/lookup.js';
import type { Answers } from '../../scoring/index.js';
// The scoring modules themselves, not its index: the index also brings the answers' zod schema,
// which the reader never needs (docs/performance.md, issue 24 session 7).
import { emptyAnswers } from '../../scoring/answers-check.js';
import { matchRating, normaliseLabel, ratingLabels } from '../../scoring/ratings.js';
import { score, type ScoreResult } from '../../scoring/score.js';
import { cleanLine } from '../../text/safe-text.js';
import {
  CONTRACT_VERSION,
  FIELDS,
  HEADER,
  MARKING_MAX_LENGTH,
  META_KEY,
  META_MARKER,
  NOT_ASSESSED,
  SHEET,
  type FieldName,
} from '../contract.js';
import { cellAddress } from '../plan/address.js';
import type { Diagnostic, ReadResult, Severity, WorkbookMeta } from '../read-result.js';
import { plainText, quote, readCell, type CellReading } from './cell-text.js';
import type { DiagnosticCode } from './diagnostic-codes.js';
import { isFormula, type CellData, type SheetGrid } from './grid.js';
import { checkRow, rowLabelOf, type RowVerdict } from './row-check.js';
import { parseModerationRecord, unsettledRatings, unsettledWarnings } from '../../round/moderation-record.js';

export interface ReadOptions {
  /** The file's name, used in messages about the whole file. */
  fileName?: string;
  /**
   * Given the scores of the answers read: the reader scores them anyway, to compare the levels
   * the workbook showed, so a caller that needs them (the batch) need not score them again.
   */
  onScored?: (scores: ScoreResult) => void;
}

type Role = 'id' | 'ref' | 'text' | 'rating' | 'evidence' | 'response' | 'result';

/** The columns a respondent answers in: a row with something there but no id is reported. */
const ANSWER_ROLES = ['rating', 'evidence', 'response'] as const;

const ROLE_BY_HEADER = new Map<string, Role>([
  [normaliseLabel(HEADER.id), 'id'],
  [normaliseLabel(HEADER.ref), 'ref'],
  [normaliseLabel(HEADER.characteristic), 'text'],
  [normaliseLabel(HEADER.question), 'text'],
  [normaliseLabel(HEADER.field), 'text'],
  [normaliseLabel(HEADER.rating), 'rating'],
  [normaliseLabel(HEADER.evidence), 'evidence'],
  [normaliseLabel(HEADER.response), 'response'],
  [normaliseLabel(HEADER.result), 'result'],
]);
const KNOWN_HEADERS = new Set(Object.values(HEADER).map(normaliseLabel));

/** A table: the header row that starts it and where its columns are. */
interface Table {
  sheet: SheetGrid;
  row: number;
  columns: Partial<Record<Role, number>>;
  /** Roles already reported missing for this table (one diagnostic per table and role). */
  reported: Set<Role>;
}

/** A row carrying an id in the ID column of a table. */
interface Occurrence {
  id: string;
  row: number;
  table: Table;
}

/** A row inside a table with something in an answer column but no id. */
interface Stray {
  row: number;
  table: Table;
  /** The answer cells that hold something: column and what it holds. */
  cells: { column: number; reading: CellReading }[];
}

type Special =
  { kind: 'field'; name: FieldName } | { kind: 'judgement' | 'rationale' | 'level'; element: Element };

const cellAt = (sheet: SheetGrid, row: number, column: number): CellData | undefined =>
  sheet.rows[row - 1]?.[column - 1];

/** `Sheet "X", cell D12` */
const where = (sheet: string, row: number, column: number) =>
  `Sheet "${cleanLine(sheet)}", cell ${cellAddress(row, column)}`;

/** Nothing in the cell (a cheap test: no copy of a long text is made). */
const isBlank = (cell: CellData | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && !/\S/.test(cell));

/** The answer cells of a row without an id that hold something (none: not a stray). */
function strayCells(table: Table, cells: ReadonlyArray<CellData | undefined>): Stray['cells'] {
  const found: Stray['cells'] = [];
  for (const role of ANSWER_ROLES) {
    const column = table.columns[role];
    if (column === undefined || isBlank(cells[column - 1])) continue;
    const reading = readCell(cells[column - 1]);
    if (reading.kind !== 'empty') found.push({ column, reading });
  }
  return found;
}

/**
 * Finds the header rows, id rows and stray rows of one sheet. A table runs from its header row to
 * the next header; a row without an id but with answers is a stray when it is inside the table:
 * before the table's last id row, or right after it with no blank row between (a row appended at
 * the end). Text below a table's closing blank row (Start here's steps) is not the table's.
 */
function scanSheet(sheet: SheetGrid, strays: Stray[]): Occurrence[] {
  const found: Occurrence[] = [];
  let table: Table | null = null;
  /** Strays after a blank row: kept only if another id row of the table follows. */
  let pending: Stray[] = [];
  let open = false;
  for (let index = 0; index < sheet.rows.length; index++) {
    const cells = sheet.rows[index];
    const row = index + 1;
    if (!cells || cells.every(isBlank)) {
      open = false;
      continue;
    }
    const header = headerOf(sheet, row, cells);
    if (header) {
      table = header;
      pending = [];
      open = true;
      continue;
    }
    if (!table) continue;
    const id = plainText(cells[table.columns.id! - 1]);
    if (id) {
      found.push({ id, row, table });
      strays.push(...pending);
      pending = [];
      open = true;
      continue;
    }
    const answers = strayCells(table, cells);
    if (answers.length) (open ? strays : pending).push({ row, table, cells: answers });
  }
  return found;
}

/** A header row: an "ID" cell and at least one other header of the contract. */
function headerOf(sheet: SheetGrid, row: number, cells: ReadonlyArray<CellData | undefined>): Table | null {
  // Cheap test first: most rows have no cell saying "ID" and need no normalising.
  if (!cells.some((c) => typeof c === 'string' && c.length < 8 && c.trim().toLowerCase() === 'id'))
    return null;
  const columns: Partial<Record<Role, number>> = {};
  let others = 0;
  cells.forEach((cell, i) => {
    if (typeof cell !== 'string' || cell.length > 60) return;
    const text = normaliseLabel(cell);
    const role = ROLE_BY_HEADER.get(text);
    if (role && columns[role] === undefined) columns[role] = i + 1;
    if (role !== 'id' && KNOWN_HEADERS.has(text)) others++;
  });
  return columns.id !== undefined && others > 0 ? { sheet, row, columns, reported: new Set() } : null;
}

/**
 * Where a table header row puts its ID and its other known headers (1-based columns), or null
 * when the row is not a header. The add-in uses it to load only the columns a table needs.
 */
export function tableHeader(cells: ReadonlyArray<CellData | undefined>): { id: number; last: number } | null {
  const table = headerOf({ name: '', visibility: 'visible', rows: [] }, 0, cells);
  if (!table) return null;
  return { id: table.columns.id!, last: Math.max(...Object.values(table.columns)) };
}

/** True when a sheet's first row marks it as `_meta` (renamed or not). */
export const isMetaMarker = (cells: ReadonlyArray<CellData | undefined> | undefined): boolean =>
  plainText(cells?.[0]) === META_KEY.marker && plainText(cells?.[1]) === META_MARKER;

/** The `_meta` sheet: by name, or (renamed) by its first row. */
function findMeta(grids: readonly SheetGrid[]): { sheet: SheetGrid; values: Map<string, string> } | null {
  const isMeta = (g: SheetGrid) => g.name.toLowerCase() === SHEET.meta || isMetaMarker(g.rows[0]);
  const sheet = grids.find(isMeta);
  if (!sheet) return null;
  const values = new Map<string, string>();
  for (const cells of sheet.rows) {
    const key = plainText(cells?.[0]);
    if (key && !values.has(key)) values.set(key, plainText(cells?.[1]));
  }
  return { sheet, values };
}

/**
 * A date typed where Excel made it a serial number (days since 1899-12-30) shown as General:
 * the day as ISO text. Numbers outside 1954–2119 are kept as they are.
 */
function serialDate(serial: number): string {
  if (!(serial >= 20000 && serial < 80000)) return String(serial);
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000).toISOString().slice(0, 10);
}

const major = (v: string) => Number(v.split('.')[0]);
const minor = (v: string) => Number(v.split('.')[1] ?? 0);

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly answers: Answers;
  readonly meta: WorkbookMeta;
  private readonly index;
  private readonly specials = new Map<string, Special>();
  private readonly labels: string;
  private readonly names: string[];
  /**
   * The framework version `_meta` names when it is not the reader's: item texts may have been
   * reworded between versions, so a row whose text is no item's is then a warning, not an error.
   */
  private otherVersion: string | undefined;
  /** matchRating() by typed text: a workbook repeats a handful of texts hundreds of times. */
  private readonly ratingByText = new Map<string, ReturnType<typeof matchRating>>();

  constructor(
    private readonly framework: Framework,
    private readonly grids: readonly SheetGrid[],
    private readonly options: ReadOptions,
  ) {
    this.answers = emptyAnswers(framework);
    this.meta = { frameworkId: framework.id, frameworkVersion: framework.version, contractVersion: '' };
    this.index = itemIndex(framework);
    this.labels = ratingLabels(framework).join(', ');
    this.names = levelNames(framework);
    for (const f of FIELDS) this.specials.set(`field:${f.name}`, { kind: 'field', name: f.name });
    for (const element of framework.elements) {
      this.specials.set(`judgement:${element.id}`, { kind: 'judgement', element });
      this.specials.set(`rationale:${element.id}`, { kind: 'rationale', element });
      this.specials.set(`level:${element.id}`, { kind: 'level', element });
    }
  }

  add(severity: Severity, code: DiagnosticCode, message: string, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ severity, code, message, ...extra });
  }

  private get file(): string {
    return this.options.fileName ? `"${cleanLine(this.options.fileName)}"` : 'This workbook';
  }

  read(): void {
    const metaSheet = findMeta(this.grids);
    const strays: Stray[] = [];
    const occurrences = this.grids.filter((g) => g !== metaSheet?.sheet).flatMap((g) => scanSheet(g, strays));
    const isKnown = (id: string) =>
      this.index.has(id) || this.specials.has(id) || /^(fit|coverage|summary):/.test(id);

    if (!metaSheet && !occurrences.some((o) => this.index.has(o.id))) {
      this.add(
        'error',
        'not-an-assessment',
        `${this.file} is not a ${this.framework.title} assessment workbook: it has no hidden "${SHEET.meta}" sheet and no column headed "${HEADER.id}" with item ids.`,
        { fix: 'Send the workbook made by "dmf template" (or the add-in), filled in.' },
      );
      return;
    }
    if (metaSheet ? !this.readMeta(metaSheet.sheet, metaSheet.values) : !this.noMeta()) return;

    const byId = new Map<string, Occurrence[]>();
    for (const o of occurrences) {
      const list = byId.get(o.id);
      if (list) list.push(o);
      else byId.set(o.id, [o]);
    }
    this.reportUnknown(occurrences.filter((o) => !isKnown(o.id)));
    const duplicates = [...byId].filter(
      ([id, list]) => list.length > 1 && (this.index.has(id) || this.specials.get(id)?.kind !== 'level'),
    );
    this.reportDuplicates(duplicates);
    this.reportMissing(byId);
    this.reportStrays(strays, occurrences);
    const moved = this.checkRows(
      [...byId.values()].filter((list) => list.length === 1).map((list) => list[0]!),
    );

    const levelCells = new Map<string, Occurrence>();
    for (const [id, list] of byId) {
      const o = list[0]!;
      if (list.length > 1) {
        if (this.specials.get(id)?.kind === 'level') levelCells.set(id, o);
        continue;
      }
      if (moved.has(o)) continue;
      const item = this.index.get(id);
      if (item?.kind === 'characteristic') this.readCharacteristic(o);
      else if (item) this.readResponse(o);
      else {
        const special = this.specials.get(id);
        if (special?.kind === 'level') levelCells.set(id, o);
        else if (special) this.readSpecial(o, special);
      }
    }
    this.reportUnanswered(byId);
    this.reportUnsettled(byId);
    this.compareCachedLevels(levelCells);
  }

  /**
   * An agreed workbook (dmf moderate) whose meeting has not settled every disagreement: one
   * warning per sheet, saying how many ratings are still to agree and in which cells.
   */
  private reportUnsettled(byId: Map<string, Occurrence[]>): void {
    const record = this.meta.moderation;
    if (!record) return;
    const groups = unsettledRatings(
      record,
      (id) => this.answers.ratings[id] !== undefined,
      (id) => {
        const o = byId.get(id)?.[0];
        const column = o?.table.columns.rating;
        return o && column !== undefined
          ? { sheet: o.table.sheet.name, cell: cellAddress(o.row, column) }
          : undefined;
      },
    );
    for (const w of unsettledWarnings(groups)) {
      const { message, ...extra } = w;
      this.add('warning', 'moderation-unsettled', message, extra);
    }
  }

  /** Checks `_meta`; false when the workbook cannot be read as one of this framework. */
  private readMeta(sheet: SheetGrid, values: Map<string, string>): boolean {
    const get = (key: string) => values.get(key) ?? '';
    const frameworkId = get(META_KEY.frameworkId);
    const frameworkVersion = get(META_KEY.frameworkVersion);
    const contractVersion = get(META_KEY.contractVersion);
    Object.assign(this.meta, {
      frameworkId: frameworkId || this.framework.id,
      frameworkVersion: frameworkVersion || this.framework.version,
      contractVersion,
    });
    if (get(META_KEY.createdAt)) this.meta.createdAt = get(META_KEY.createdAt);
    if (get(META_KEY.createdBy)) this.meta.createdBy = get(META_KEY.createdBy);
    if (values.has(META_KEY.moderation)) {
      const record = parseModerationRecord(get(META_KEY.moderation));
      if (record) this.meta.moderation = record;
      else
        this.add(
          'warning',
          'moderation-record-unreadable',
          `${this.file} is an agreed workbook, but its hidden record of the returns it was made from cannot be read; a batch counts it as one more respondent beside them.`,
          {
            sheet: sheet.name,
            fix: 'Make it again with "dmf moderate", or leave its sources out of the batch.',
          },
        );
    }
    const at = { sheet: sheet.name };
    if (frameworkId && frameworkId !== this.framework.id) {
      this.add(
        'error',
        'framework-mismatch',
        `${this.file} was made for the framework "${cleanLine(frameworkId)}" ${cleanLine(frameworkVersion)}, not "${this.framework.id}".`,
        {
          ...at,
          fix: `Read it with that framework (--framework FILE.json), or have it filled in again on a template of ${this.framework.id}.`,
        },
      );
      return false;
    }
    if (!frameworkId || !contractVersion) {
      this.add(
        'warning',
        'meta-incomplete',
        `The hidden "${SHEET.meta}" sheet does not say which ${frameworkId ? 'layout version' : 'framework'} the workbook uses; it is read as ${this.framework.id} ${this.framework.version}, layout ${CONTRACT_VERSION}.`,
        { ...at, fix: 'Check that the workbook came from "dmf template" or the add-in.' },
      );
    }
    if (contractVersion && /^\d+\.\d+\.\d+$/.test(contractVersion) === false) {
      this.add(
        'error',
        'contract-unsupported',
        `The workbook's layout version "${cleanLine(contractVersion)}" is not one this reader knows.`,
        {
          ...at,
          fix: 'Use a newer version of dmf, or have the assessment filled in on a current template.',
        },
      );
      return false;
    }
    if (contractVersion && major(contractVersion) !== major(CONTRACT_VERSION)) {
      this.add(
        'error',
        'contract-unsupported',
        `The workbook uses layout version ${contractVersion}; this reader reads version ${major(CONTRACT_VERSION)}.x only.`,
        {
          ...at,
          fix: 'Use the version of dmf that made the template, or have it filled in on a current template.',
        },
      );
      return false;
    }
    if (contractVersion && minor(contractVersion) > minor(CONTRACT_VERSION)) {
      this.add(
        'info',
        'contract-newer',
        `The workbook uses layout version ${contractVersion}, newer than this reader's ${CONTRACT_VERSION}; anything new in it is ignored.`,
        at,
      );
    }
    if (frameworkVersion && frameworkVersion !== this.framework.version) {
      this.otherVersion = frameworkVersion;
      this.add(
        'warning',
        'framework-version-differs',
        `The workbook was made for ${this.framework.id} version ${cleanLine(frameworkVersion)}; it is read with version ${this.framework.version}, matching items by id.`,
        { ...at, fix: 'Check the diagnostics below for items that are missing or unknown.' },
      );
    }
    return true;
  }

  private noMeta(): boolean {
    this.add(
      'warning',
      'meta-missing',
      `The hidden "${SHEET.meta}" sheet is missing, so the workbook's framework cannot be checked; it is read as ${this.framework.id} ${this.framework.version}.`,
      { fix: 'Use the workbook made by "dmf template" or the add-in rather than a copy of its sheets.' },
    );
    return true;
  }

  private reportUnknown(unknown: Occurrence[]): void {
    const bySheet = new Map<SheetGrid, Occurrence[]>();
    for (const o of unknown) bySheet.set(o.table.sheet, [...(bySheet.get(o.table.sheet) ?? []), o]);
    for (const [sheet, list] of bySheet) {
      const shown = list
        .slice(0, 5)
        .map((o) => `"${cleanLine(o.id).slice(0, 40)}" (${cellAddress(o.row, o.table.columns.id!)})`);
      this.add(
        'warning',
        'unknown-id',
        `Sheet "${cleanLine(sheet.name)}" has ${list.length} row${list.length === 1 ? '' : 's'} whose ID the framework does not know: ${shown.join(', ')}${list.length > 5 ? ', …' : ''}. ${list.length === 1 ? 'It was' : 'They were'} ignored.`,
        {
          sheet: sheet.name,
          cell: cellAddress(list[0]!.row, list[0]!.table.columns.id!),
          fix: `Do not change the hidden ${HEADER.id} column; copy answers into the rows the template provides.`,
        },
      );
    }
  }

  private reportDuplicates(duplicates: [string, Occurrence[]][]): void {
    const cellOf = (o: Occurrence) =>
      `"${cleanLine(o.table.sheet.name)}"!${cellAddress(o.row, o.table.columns.id!)}`;
    // A copied sheet repeats every id of an element: one diagnostic for the pair of sheets.
    const byPair = new Map<string, [string, Occurrence[]][]>();
    for (const d of duplicates) {
      const key = d[1].map((o) => o.table.sheet.name).join('\u0000');
      byPair.set(key, [...(byPair.get(key) ?? []), d]);
    }
    for (const group of byPair.values()) {
      const [firstId, firstList] = group[0]!;
      const sheets = [...new Set(firstList.map((o) => o.table.sheet.name))];
      const base = {
        sheet: firstList[1]!.table.sheet.name,
        cell: cellAddress(firstList[1]!.row, firstList[1]!.table.columns.id!),
        itemId: firstId,
        elementId: this.elementOf(firstId)?.id,
      };
      if (group.length >= 5 && sheets.length > 1) {
        this.add(
          'error',
          'duplicate-id',
          `Sheets ${sheets.map((s) => `"${cleanLine(s)}"`).join(' and ')} both hold the same ${group.length} items ` +
            `(for example ${firstId} at ${firstList.map(cellOf).join(' and ')}), so none of them can be read: they are left unanswered.`,
          { ...base, fix: 'Delete the copied sheet, keeping the one with the answers.' },
        );
        continue;
      }
      for (const [id, list] of group) {
        this.add(
          'error',
          'duplicate-id',
          `The item ${cleanLine(id)} appears ${list.length === 2 ? 'twice' : `${list.length} times`}: at ${list.map(cellOf).join(' and ')}. It is left unanswered.`,
          {
            ...base,
            sheet: list[1]!.table.sheet.name,
            cell: cellAddress(list[1]!.row, list[1]!.table.columns.id!),
            itemId: id,
            elementId: this.elementOf(id)?.id,
            fix: 'Delete the copied row, keeping the one with the answer.',
          },
        );
      }
    }
  }

  private elementOf(id: string): Element | undefined {
    const item = this.index.get(id);
    if (item) return item.element;
    const special = this.specials.get(id);
    return special && 'element' in special ? special.element : undefined;
  }

  /** Deleted element sheets (nothing of the element found) and deleted rows. */
  private reportMissing(byId: Map<string, Occurrence[]>): void {
    for (const element of this.framework.elements) {
      const ids = [...this.index.entries()].filter(([, item]) => item.element === element).map(([id]) => id);
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length === ids.length) {
        this.add(
          'error',
          'sheet-missing',
          `The sheet "${element.shortTitle}" (${element.title}) is missing: none of its items were found, so the element is not assessed.`,
          {
            sheet: element.shortTitle,
            elementId: element.id,
            fix: `Restore the sheet "${element.shortTitle}" (e.g. from the respondent's earlier copy or a new template) with its answers.`,
          },
        );
      } else if (missing.length) {
        const home = ids.map((id) => byId.get(id)?.[0]).find((o) => o)!.table.sheet.name;
        this.add(
          'warning',
          'items-missing',
          `Sheet "${cleanLine(home)}": ${missing.length} row${missing.length === 1 ? '' : 's'} of ${element.title} ${missing.length === 1 ? 'was' : 'were'} deleted (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); ${missing.length === 1 ? 'it counts' : 'they count'} as unanswered.`,
          {
            sheet: home,
            elementId: element.id,
            fix: 'Copy the answers into a new template, which has every row.',
          },
        );
      }
    }
  }

  /** The element a table belongs to: the element of the first known id in it. */
  private tableElement(table: Table, occurrences: readonly Occurrence[]): Element | undefined {
    for (const o of occurrences) if (o.table === table && this.elementOf(o.id)) return this.elementOf(o.id);
    return undefined;
  }

  /** Rows inside a table with answers but no id: their answers cannot be read. */
  private reportStrays(strays: readonly Stray[], occurrences: readonly Occurrence[]): void {
    for (const { row, table, cells } of strays) {
      const sheet = table.sheet.name;
      const shown = cells
        .slice(0, 3)
        .map((c) => `${cellAddress(row, c.column)} ${quote(c.reading)}`)
        .join(', ');
      this.add(
        'error',
        'row-without-id',
        `Sheet "${cleanLine(sheet)}", row ${row} has answers (${shown}) but no ${HEADER.id}: this row is not part of the assessment, so its answers are not counted.`,
        {
          sheet,
          cell: cellAddress(row, cells[0]!.column),
          elementId: this.tableElement(table, occurrences)?.id,
          fix: 'Move the answers into the row of the item they are for, then delete this row.',
        },
      );
    }
  }

  /** The answer cells of a row that hold something, as "D12, E12"; '' when none. */
  private answeredCells(o: Occurrence): string {
    const cells: string[] = [];
    for (const role of ANSWER_ROLES) {
      const column = o.table.columns[role];
      if (column !== undefined && !isBlank(cellAt(o.table.sheet, o.row, column)))
        cells.push(cellAddress(o.row, column));
    }
    return cells.join(', ');
  }

  /**
   * Compares each answered row's visible Ref and text with its id's (./row-check.ts). A row that
   * shows another item, an unknown text or nothing is an error and its answers are not used: they
   * would otherwise be read under an id they were not given for. Returns those rows.
   */
  private checkRows(occurrences: readonly Occurrence[]): Set<Occurrence> {
    const found: { o: Occurrence; verdict: Exclude<RowVerdict, { kind: 'ok' }>; answered: string }[] = [];
    const rejected = new Set<Occurrence>();
    for (const o of occurrences) {
      const answered = this.answeredCells(o);
      if (!answered) continue;
      const { ref, text } = o.table.columns;
      const raw = (column: number | undefined) => {
        const cell = column === undefined ? undefined : cellAt(o.table.sheet, o.row, column);
        return typeof cell === 'string' ? cell : plainText(cell);
      };
      const verdict = checkRow(this.framework, o.id, {
        ref: raw(ref),
        text: raw(text),
        hasRef: ref !== undefined,
        hasText: text !== undefined,
      });
      if (verdict.kind !== 'ok') found.push({ o, verdict, answered });
    }
    // Several rows of one table showing other items: the table was sorted without its ID column.
    const othersByTable = new Map<Table, number>();
    for (const { o, verdict } of found)
      if (verdict.kind === 'other') othersByTable.set(o.table, (othersByTable.get(o.table) ?? 0) + 1);

    for (const { o, verdict, answered } of found) {
      const { sheet } = o.table;
      const column = o.table.columns.ref ?? o.table.columns.text!;
      const shownRef = o.table.columns.ref ? plainText(cellAt(sheet, o.row, o.table.columns.ref)) : '';
      const shownText = o.table.columns.text ? plainText(cellAt(sheet, o.row, o.table.columns.text)) : '';
      const clip = (t: string) => (t.length > 50 ? `${t.slice(0, 49).trimEnd()}…` : t);
      const expected = `${verdict.expected.ref ? `${verdict.expected.ref} ` : ''}"${clip(verdict.expected.text)}"`;
      const shows = [shownRef, shownText ? `"${clip(cleanLine(shownText))}"` : ''].filter(Boolean).join(' ');
      const visible = [o.table.columns.ref, o.table.columns.text]
        .filter((c) => c !== undefined)
        .map((c) => cellAddress(o.row, c!))
        .join(' and ');
      const head = `${where(sheet.name, o.row, column)}: `;
      const notCounted = `so its answers (${answered}) are not counted`;
      let message: string;
      let fix: string;
      if (verdict.kind === 'other') {
        const other = rowLabelOf(this.framework, verdict.otherId);
        const sorted = (othersByTable.get(o.table) ?? 0) > 1;
        message =
          `${head}the row shows ${shows} (${visible}), but its hidden ID is ${o.id} (${expected}), ${notCounted}. ` +
          (sorted
            ? `The table may have been sorted without its hidden ${HEADER.id} column.`
            : `The row's cells may have been cut and pasted or dragged here without the hidden ${HEADER.id} column.`);
        fix = sorted
          ? `Undo the sort, or sort whole rows (select the row numbers, so that the hidden ${HEADER.id} column moves too); the answers shown beside ${other.ref || 'that text'} belong in its own row.`
          : `Undo the move, or move the answers to the row of ${other.ref || 'that text'} and give this row back its own text.`;
      } else if (verdict.kind === 'changed' && this.otherVersion) {
        // Made for another version of the framework: the item may simply have been reworded.
        this.add(
          'warning',
          'row-mismatch',
          `${head}the row shows ${shows} (${visible}), which is not the text of ${o.id} in version ${this.framework.version} (${expected}); the workbook was made for version ${cleanLine(this.otherVersion)}, so its answers (${answered}) are read as ${o.id}'s.`,
          {
            sheet: sheet.name,
            cell: cellAddress(o.row, column),
            itemId: o.id,
            elementId: this.elementOf(o.id)?.id,
            fix: 'Check that the answers still fit the item as this version words it.',
          },
        );
        continue;
      } else if (verdict.kind === 'changed') {
        message = `${head}the row shows ${shows} (${visible}), which is neither the text of its hidden ID ${o.id} (${expected}) nor any other item's, ${notCounted}. The text may have been edited.`;
        fix = `Give the row back its own text (${expected}, as in a new template), or copy the answers into a new template.`;
      } else {
        message = `${head}the row shows no reference or text (${visible}), so its answers (${answered}) cannot be tied to ${o.id} (${expected}) and are not counted.`;
        fix = `Undo the change that emptied the row, or copy the answers into a new template.`;
      }
      this.add('error', 'row-mismatch', message, {
        sheet: sheet.name,
        cell: cellAddress(o.row, column),
        itemId: o.id,
        elementId: this.elementOf(o.id)?.id,
        fix,
      });
      rejected.add(o);
    }
    return rejected;
  }

  /** The column of `role` in the table of `o`, or undefined (reported once per table). */
  private column(o: Occurrence, role: Role, severity: Severity): number | undefined {
    const column = o.table.columns[role];
    if (column !== undefined) return column;
    if (!o.table.reported.has(role)) {
      o.table.reported.add(role);
      const header = { rating: HEADER.rating, evidence: HEADER.evidence, response: HEADER.response }[
        role as 'rating' | 'evidence' | 'response'
      ];
      this.add(
        severity,
        'column-missing',
        `Sheet "${cleanLine(o.table.sheet.name)}", row ${o.table.row}: the table has no column headed "${header}", so its ${role === 'rating' ? 'ratings' : 'answers'} cannot be read.`,
        {
          sheet: o.table.sheet.name,
          cell: cellAddress(o.table.row, o.table.columns.id!),
          elementId: this.elementOf(o.id)?.id,
          fix: `Put the header "${header}" back above that column.`,
        },
      );
    }
    return undefined;
  }

  private readCharacteristic(o: Occurrence): void {
    const ratingColumn = this.column(o, 'rating', 'error');
    if (ratingColumn !== undefined) {
      const reading = readCell(cellAt(o.table.sheet, o.row, ratingColumn));
      const rating = this.rating(o, ratingColumn, reading);
      if (rating) this.answers.ratings[o.id] = rating;
    }
    const evidenceColumn = this.column(o, 'evidence', 'warning');
    if (evidenceColumn !== undefined) {
      const text = this.text(o, evidenceColumn);
      if (text !== undefined) this.answers.evidence[o.id] = text;
    }
    if (ratingColumn !== undefined && this.answers.ratings[o.id] === undefined)
      this.reportMisplacedRating(o, ratingColumn);
  }

  /**
   * A rating typed alone in the Evidence (or Response) cell of a row whose Rating cell is empty:
   * the respondent meant it as the rating, but it is not read as one (nor as evidence), so say
   * where it should go.
   */
  private reportMisplacedRating(o: Occurrence, ratingColumn: number): void {
    if (readCell(cellAt(o.table.sheet, o.row, ratingColumn)).kind !== 'empty') return;
    for (const role of ['evidence', 'response'] as const) {
      const column = o.table.columns[role];
      if (column === undefined) continue;
      const reading = readCell(cellAt(o.table.sheet, o.row, column));
      if (reading.kind !== 'text') continue;
      const rating = this.matchRating(reading.text);
      if (!rating) continue;
      const target = cellAddress(o.row, ratingColumn);
      this.add(
        'error',
        'rating-in-wrong-column',
        `${where(o.table.sheet.name, o.row, column)}: ${quote(reading)} is a rating, but the ${HEADER.rating} cell ${target} is empty, so ${o.id} counts as unanswered.`,
        {
          sheet: o.table.sheet.name,
          cell: cellAddress(o.row, column),
          itemId: o.id,
          elementId: this.elementOf(o.id)?.id,
          fix: `Move it to the ${HEADER.rating} column: ${target}.`,
        },
      );
      // A rating is not evidence: the report would show "Fully" as what the department said.
      if (role === 'evidence') delete this.answers.evidence[o.id];
      return;
    }
  }

  /** matchRating(), remembered by typed text: a workbook repeats a handful of texts. */
  private matchRating(text: string): ReturnType<typeof matchRating> {
    let rating = this.ratingByText.get(text);
    if (rating === undefined && !this.ratingByText.has(text)) {
      rating = matchRating(this.framework, text);
      this.ratingByText.set(text, rating);
    }
    return rating;
  }

  private rating(o: Occurrence, column: number, reading: CellReading): string | undefined {
    if (reading.kind === 'empty') return undefined;
    if (reading.kind === 'text') {
      const rating = this.matchRating(reading.text);
      if (rating) return rating.label;
    }
    const at = {
      sheet: o.table.sheet.name,
      cell: cellAddress(o.row, column),
      itemId: o.id,
      elementId: this.elementOf(o.id)?.id,
    };
    const fix = `Choose one of ${this.labels} from the dropdown (capitals and spaces do not matter).`;
    const place = where(o.table.sheet.name, o.row, column);
    if (reading.kind === 'formula') {
      this.add(
        'error',
        'formula-in-answer',
        `${place}: the rating of ${o.id} is ${quote(reading)}; formulas are not evaluated, so it counts as unanswered.`,
        { ...at, fix },
      );
    } else if (reading.kind === 'error') {
      this.add(
        'error',
        'cell-error',
        `${place}: the rating of ${o.id} is ${quote(reading)}, so it counts as unanswered.`,
        { ...at, fix },
      );
    } else {
      this.add(
        'error',
        'rating-off-scale',
        `${place}: ${quote(reading)} is not on the rating scale, so ${o.id} counts as unanswered.`,
        { ...at, fix },
      );
    }
    return undefined;
  }

  /** Free text of an answer cell; formulas are kept as their text, error values dropped. */
  private text(o: Occurrence, column: number): string | undefined {
    const reading = readCell(cellAt(o.table.sheet, o.row, column));
    const at = {
      sheet: o.table.sheet.name,
      cell: cellAddress(o.row, column),
      itemId: o.id,
      elementId: this.elementOf(o.id)?.id,
    };
    const place = where(o.table.sheet.name, o.row, column);
    switch (reading.kind) {
      case 'empty':
        return undefined;
      case 'text':
        return reading.text.trim();
      case 'formula':
        this.add(
          'warning',
          'formula-in-answer',
          `${place}: the answer is ${quote(reading)}; it was read as that text, not evaluated.`,
          {
            ...at,
            fix: 'Type the answer as text.',
          },
        );
        return `=${reading.formula}`;
      case 'error':
        this.add('warning', 'cell-error', `${place}: the answer is ${quote(reading)}; it was ignored.`, {
          ...at,
          fix: 'Type the answer as text.',
        });
        return undefined;
    }
  }

  private readResponse(o: Occurrence): void {
    const column = this.column(o, 'response', 'warning');
    if (column === undefined) return;
    const text = this.text(o, column);
    if (text !== undefined) this.answers.responses[o.id] = text;
  }

  private readSpecial(o: Occurrence, special: Special): void {
    if (special.kind === 'level') return;
    const column = this.column(o, 'response', 'warning');
    if (column === undefined) return;
    if (special.kind === 'field') {
      const cell = cellAt(o.table.sheet, o.row, column);
      const text =
        special.name === 'date' && typeof cell === 'number' ? serialDate(cell) : this.text(o, column);
      if (text !== undefined) this.meta[special.name] = text;
      if (special.name === 'marking' && text !== undefined) this.checkMarking(o, column, text);
      return;
    }
    const judgement = () => (this.answers.judgements[special.element.id] ??= {});
    if (special.kind === 'rationale') {
      const text = this.text(o, column);
      if (text !== undefined) judgement().rationale = text;
      return;
    }
    const reading = readCell(cellAt(o.table.sheet, o.row, column));
    if (reading.kind === 'empty') return;
    const rank = reading.kind === 'text' ? this.levelRank(reading.text) : undefined;
    if (rank !== undefined) judgement().level = rank;
    else {
      this.add(
        'warning',
        'judgement-off-scale',
        `${where(o.table.sheet.name, o.row, column)}: the own judgement for ${special.element.title} is ${quote(reading)}, which is not a level; it was ignored.`,
        {
          sheet: o.table.sheet.name,
          cell: cellAddress(o.row, column),
          itemId: o.id,
          elementId: special.element.id,
          fix: `Choose one of ${this.names.join(', ')} from the dropdown.`,
        },
      );
    }
  }

  /** A marking too long for a report's header: said when the workbook is read, not first by the batch. */
  private checkMarking(o: Occurrence, column: number, marking: string): void {
    const length = [...marking].length;
    if (length <= MARKING_MAX_LENGTH) return;
    this.add(
      'warning',
      'marking-too-long',
      `${where(o.table.sheet.name, o.row, column)}: the protective marking is ${length} characters long; reports print it whole on one line, so it can be at most ${MARKING_MAX_LENGTH}. A report of this workbook is refused unless another marking is given.`,
      {
        sheet: o.table.sheet.name,
        cell: cellAddress(o.row, column),
        fix: `Shorten the protective marking to ${MARKING_MAX_LENGTH} characters or fewer (e.g. "OFFICIAL-SENSITIVE"), or give one with --marking when making the reports.`,
      },
    );
  }

  /** A level given by name, by number ("3") or as "Level 3". */
  private levelRank(text: string): number | undefined {
    const key = normaliseLabel(text);
    const byName = this.names.findIndex((n) => normaliseLabel(n) === key);
    if (byName >= 0) return byName + 1;
    const number = /^(?:level\s*)?(\d+)(?:\.0+)?$/.exec(key);
    const rank = number ? Number(number[1]) : NaN;
    return rank >= 1 && rank <= this.names.length ? rank : undefined;
  }

  /** One diagnostic per element saying how much is unanswered. */
  private reportUnanswered(byId: Map<string, Occurrence[]>): void {
    const { lowCoverage } = this.framework.scoring;
    const kindOf = new Map(this.framework.scoring.ratings.map((r) => [r.label, r.kind]));
    for (const element of this.framework.elements) {
      const characteristics = element.levels.flatMap((l) => l.characteristics);
      if (!characteristics.some((c) => byId.has(c.id)) && !element.questions.some((q) => byId.has(q.id)))
        continue;
      const ratings = characteristics.map((c) => this.answers.ratings[c.id]);
      const answered = ratings.filter((r) => r !== undefined && kindOf.get(r) !== 'unanswered').length;
      const dontKnow = ratings.filter((r) => r !== undefined && kindOf.get(r) === 'unanswered').length;
      const questions = element.questions.flatMap((q) => [q.id, ...q.subQuestions.map((s) => s.id)]);
      const noResponse = questions.filter((id) => !this.answers.responses[id]).length;
      const unrated = characteristics.length - answered;
      if (!unrated && !noResponse) continue;
      const coverage = answered / characteristics.length;
      const home =
        characteristics.map((c) => byId.get(c.id)?.[0]).find((o) => o)?.table.sheet.name ??
        element.shortTitle;
      const parts = [
        unrated
          ? `${unrated} of ${characteristics.length} characteristics ${unrated === 1 ? 'has' : 'have'} no rating` +
            (dontKnow
              ? ` (${dontKnow} of them "${this.framework.scoring.ratings.find((r) => r.kind === 'unanswered')?.label}")`
              : '')
          : '',
        noResponse
          ? `${noResponse} of ${questions.length} questions ${noResponse === 1 ? 'has' : 'have'} no response`
          : '',
      ].filter(Boolean);
      this.add(
        answered === 0 || coverage < lowCoverage ? 'warning' : 'info',
        'unanswered',
        `Sheet "${cleanLine(home)}": ${parts.join('; ')}.` +
          (answered === 0 ? ` With no rating that counts, ${element.title} is ${NOT_ASSESSED}.` : ''),
        {
          sheet: home,
          elementId: element.id,
          fix: unrated
            ? 'Rate every characteristic; use "Not applicable" where one does not apply.'
            : 'Answer the questions, if you can.',
        },
      );
    }
  }

  /**
   * What to do about a shown level that differs. Never "nothing to do" while the workbook has an
   * error: the error (a copied sheet, a renamed header, a sorted table) is then the likely reason.
   */
  private cachedLevelFix(elementId: string, title: string, errors: readonly Diagnostic[]): string {
    const own = errors.filter((d) => d.elementId === elementId).length;
    if (own)
      return `Correct the ${own === 1 ? 'error' : `${own} errors`} listed for ${title} first: the recomputed level leaves out the answers ${own === 1 ? 'it affects' : 'they affect'}.`;
    if (errors.length)
      return 'Correct the errors listed for this workbook first; if the level still differs, open the workbook in Excel and let it recalculate.';
    return 'Nothing to do for the report. If the respondent saw the other level, open the workbook in Excel and let it recalculate, or check whether its formulas were changed.';
  }

  /** Warns when the level a workbook showed (its cached formula result) is not the engine's. */
  private compareCachedLevels(levelCells: Map<string, Occurrence>): void {
    // The last step of reading: these are the answers returned, and these their scores.
    const result = score(this.framework, this.answers);
    this.options.onScored?.(result);
    const errors = this.diagnostics.filter((d) => d.severity === 'error');
    for (const e of result.elements) {
      const o = levelCells.get(`level:${e.id}`);
      const column = o?.table.columns.result;
      if (!o || column === undefined) continue;
      const cell = cellAt(o.table.sheet, o.row, column);
      const shown = isFormula(cell) ? cell.result : cell;
      if (shown === null || shown === undefined || shown === '') continue;
      const expected = e.assessed ? e.level : NOT_ASSESSED;
      const same =
        typeof shown === 'number'
          ? shown === e.level
          : typeof shown === 'string' &&
            (normaliseLabel(shown) === normaliseLabel(String(expected)) ||
              (e.assessed && Number(shown) === e.level));
      if (same) continue;
      const text =
        typeof shown === 'object' ? ('error' in shown ? shown.error : shown.toISOString()) : String(shown);
      this.add(
        'warning',
        'cached-level-differs',
        `${where(o.table.sheet.name, o.row, column)}: the workbook showed the level "${cleanLine(text).slice(0, 40)}" for ${e.title}, ` +
          `but its answers give ${e.assessed ? `level ${e.level} (${e.levelName})` : NOT_ASSESSED}. The recomputed level is used.`,
        {
          sheet: o.table.sheet.name,
          cell: cellAddress(o.row, column),
          elementId: e.id,
          fix: this.cachedLevelFix(e.id, e.title, errors),
        },
      );
    }
  }
}

/** Reads a workbook given as grids (see ./grid.ts); never throws on workbook content. */
export function readGrids(
  framework: Framework,
  grids: readonly SheetGrid[],
  options: ReadOptions = {},
): ReadResult {
  const reader = new Reader(framework, grids, options);
  reader.read();
  return { meta: reader.meta, answers: reader.answers, diagnostics: reader.diagnostics };
}
