/**
 * The one parser: a returned workbook (as grids) → `{ meta, answers by id, diagnostics }`.
 *
 * Tolerant of what respondents do (renamed, moved or extra sheets, inserted or reordered rows and
 * columns, answers typed in another case or with spaces): every table is found by a header row
 * containing "ID", every column by its header, every answer by the item id on its row, never by
 * position. Strict about what matters, with diagnostics naming sheet, cell and fix. Item-level
 * problems leave the item unanswered and the rest is still read. Browser-safe (no I/O).
 */
import { itemIndex, levelNames, type Element, type Framework } from '../../framework/index.js';
import { emptyAnswers, matchRating, normaliseLabel, ratingLabels, score } from '../../scoring/index.js';
import type { Answers } from '../../scoring/index.js';
import { cleanLine } from '../../text/safe-text.js';
import {
  CONTRACT_VERSION,
  FIELDS,
  HEADER,
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

export interface ReadOptions {
  /** The file's name, used in messages about the whole file. */
  fileName?: string;
}

type Role = 'id' | 'rating' | 'evidence' | 'response' | 'result';

const ROLE_BY_HEADER = new Map<string, Role>([
  [normaliseLabel(HEADER.id), 'id'],
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

type Special =
  { kind: 'field'; name: FieldName } | { kind: 'judgement' | 'rationale' | 'level'; element: Element };

const cellAt = (sheet: SheetGrid, row: number, column: number): CellData | undefined =>
  sheet.rows[row - 1]?.[column - 1];

/** `Sheet "X", cell D12` */
const where = (sheet: string, row: number, column: number) =>
  `Sheet "${cleanLine(sheet)}", cell ${cellAddress(row, column)}`;

/** Finds the header rows and id rows of one sheet. */
function scanSheet(sheet: SheetGrid): Occurrence[] {
  const found: Occurrence[] = [];
  let table: Table | null = null;
  sheet.rows.forEach((cells, index) => {
    if (!cells) return;
    const row = index + 1;
    const header = headerOf(sheet, row, cells);
    if (header) {
      table = header;
      return;
    }
    if (!table) return;
    const id = plainText(cells[table.columns.id! - 1]);
    if (id) found.push({ id, row, table });
  });
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

/** The `_meta` sheet: by name, or (renamed) by its first row. */
function findMeta(grids: readonly SheetGrid[]): { sheet: SheetGrid; values: Map<string, string> } | null {
  const isMeta = (g: SheetGrid) =>
    g.name.toLowerCase() === SHEET.meta ||
    (plainText(cellAt(g, 1, 1)) === META_KEY.marker && plainText(cellAt(g, 1, 2)) === META_MARKER);
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
    const occurrences = this.grids.filter((g) => g !== metaSheet?.sheet).flatMap(scanSheet);
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

    const levelCells = new Map<string, Occurrence>();
    for (const [id, list] of byId) {
      const o = list[0]!;
      if (list.length > 1) {
        if (this.specials.get(id)?.kind === 'level') levelCells.set(id, o);
        continue;
      }
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
    this.compareCachedLevels(levelCells);
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
  }

  private rating(o: Occurrence, column: number, reading: CellReading): string | undefined {
    if (reading.kind === 'empty') return undefined;
    if (reading.kind === 'text') {
      let rating = this.ratingByText.get(reading.text);
      if (rating === undefined && !this.ratingByText.has(reading.text)) {
        rating = matchRating(this.framework, reading.text);
        this.ratingByText.set(reading.text, rating);
      }
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

  /** Warns when the level a workbook showed (its cached formula result) is not the engine's. */
  private compareCachedLevels(levelCells: Map<string, Occurrence>): void {
    const result = score(this.framework, this.answers);
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
          fix: 'Nothing to do for the report. If the respondent saw the other level, open the workbook in Excel and let it recalculate, or check whether its formulas were changed.',
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
