/**
 * .xlsx bytes → {@link SheetGrid}[] without exceljs' cell model: the zip's few parts read with a
 * strict tokenizer (./fast/xml-tokens.ts), giving grids deep-equal to
 * `workbookGrids(await loadWorkbook(bytes))` (./exceljs-grid.ts) for every workbook it accepts.
 *
 * Every rule below mirrors exceljs 4.4 (node_modules/exceljs/lib/xlsx/: xlsx.js, xform/book,
 * xform/sheet/cell-xform.js, row-xform.js, worksheet-xform.js, xform/strings, xform/style, and
 * doc/worksheet.js, row.js, cell.js), including its quirks (a formula's result 0 reads as null, a
 * `t="str"` value is entity-decoded twice). Whatever it has no exact rule for — an element or
 * attribute value, a missing part, a strict-OOXML namespace, drawings, comments, array formulas —
 * throws NotSimple and the caller reads the workbook with exceljs: the fast path can only be
 * skipped, never read differently.
 */
import type { CellData, CellScalar, SheetGrid } from './grid.js';
import { NotSimple, notSimple } from './fast/not-simple.js';
import { CLOSE, END, MAIN_NS, OPEN, TEXT, XmlTokens, openRoot } from './fast/xml-tokens.js';
import { excelToDate, readDateStyles } from './fast/date-styles.js';
import { ZipEntries } from './fast/zip-entries.js';
import type { CheckedPart } from '../../io/checked-parts.js';
import { slideFormula } from './fast/slide-formula.js';

export { NotSimple } from './fast/not-simple.js';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HYPERLINK_REL = `${REL_NS}/hyperlink`;
const PRINTER_REL = `${REL_NS}/printerSettings`;

/** Parts the fast reader knows; any other entry (drawings, comments, tables, macros…) is NotSimple. */
const KNOWN_PART =
  /^(\[Content_Types\]\.xml|_rels\/\.rels|docProps\/(app|core|custom)\.xml|xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|calcChain\.xml|theme\/theme\d+\.xml|printerSettings\/printerSettings\d+\.bin|worksheets\/sheet\d+\.xml|worksheets\/_rels\/sheet\d+\.xml\.rels))$/;
/** Parts exceljs parses as XML but whose content the grids do not need: well-formedness only. */
const CHECKED_PART = /^(_rels\/\.rels|docProps\/(app|core)\.xml)$/;

/** exceljs' utils.xmlDecode: applied again to `t="str"` values and sheet names. */
function xmlDecodeAgain(s: string): string {
  return s.includes('&')
    ? s.replace(/&([a-z]*);/g, (c) =>
        c === '&lt;'
          ? '<'
          : c === '&gt;'
            ? '>'
            : c === '&amp;'
              ? '&'
              : c === '&apos;'
                ? "'"
                : c === '&quot;'
                  ? '"'
                  : c,
      )
    : s;
}

/** TextXform's `_xHHHH_` decoding of shared strings. */
const unescapeX = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

const MAX_ROW = 1048576;
const MAX_COL = 16384;
/** Merged cells exceljs would create one by one: a bound keeps the fast path cheap and safe. */
const MAX_MERGED_CELLS = 200_000;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/**
 * A cell reference, `/^([A-Z]{1,3})([1-9][0-9]{0,6})$/` scanned by hand (every cell of every sheet
 * has one): one to three capitals, then a row number without a leading zero, at most seven digits.
 */
function decodeRef(ref: string): { row: number; col: number } {
  let i = 0;
  let col = 0;
  for (let c = ref.charCodeAt(0); c >= 0x41 && c <= 0x5a && i < 4; c = ref.charCodeAt(++i))
    col = col * 26 + (c - 64);
  const digits = ref.length - i;
  let row = 0;
  let ok = i >= 1 && i <= 3 && digits >= 1 && digits <= 7 && ref.charCodeAt(i) !== 0x30;
  for (let j = i; ok && j < ref.length; j++) {
    const d = ref.charCodeAt(j) - 0x30;
    if (d < 0 || d > 9) ok = false;
    else row = row * 10 + d;
  }
  if (!ok) notSimple(`cell reference ${ref}`);
  if (row > MAX_ROW || col > MAX_COL) notSimple('reference out of the sheet');
  return { row, col };
}

interface Rel {
  type: string;
  target: string;
  mode: string | undefined;
}

function readRels(text: string): Map<string, Rel> {
  const x = new XmlTokens(text);
  openRoot(x, 'Relationships', PKG_REL_NS);
  const rels = new Map<string, Rel>();
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.tag() !== 'Relationship') notSimple('rels element');
    const { Id, Type, Target, TargetMode } = x.attrs;
    if (!Id || Type === undefined || Target === undefined || rels.has(Id)) notSimple('relationship');
    rels.set(Id, { type: Type, target: Target, mode: TargetMode });
    x.skip();
  }
  return rels;
}

interface SheetEntry {
  name: string;
  visibility: SheetGrid['visibility'];
  part: string;
  sheetNo: string;
}

const WORKBOOK_SKIPPED = new Set([
  'fileVersion',
  'fileSharing',
  'workbookProtection',
  'bookViews',
  'calcPr',
  'extLst',
  'mc:AlternateContent',
  'xr:revisionPtr',
  'fileRecoveryPr',
  'oleSize',
  'x15ac:absPath',
]);
const WORKBOOK_READ = new Set(['sheets', 'sheet', 'definedNames', 'definedName', 'workbookPr', 'workbook']);
const SIMPLE_RANGE =
  /^(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})(?::\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6}))?$/;
const SHEET_NAME_FORBIDDEN = /[*?:/\\[\]]/;

function readWorkbookPart(zip: ZipEntries): { sheets: SheetEntry[]; date1904: boolean } {
  const rels = readRels(zip.text('xl/_rels/workbook.xml.rels'));
  const x = new XmlTokens(zip.text('xl/workbook.xml'));
  openRoot(x, 'workbook', MAIN_NS);
  if (x.attrs['xmlns:r'] !== REL_NS) notSimple('relationships prefix');
  let date1904 = false;
  let seenSheets = false;
  const sheets: SheetEntry[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  const parts = new Set<string>();
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.tag() === 'workbookPr') {
      const d = x.attrs['date1904'];
      // exceljs reads only "1" as the 1904 system; "true" (which Excel reads as 1904 too) is declined.
      if (d !== undefined && d !== '0' && d !== '1' && d !== 'false') notSimple('date1904 value');
      date1904 = d === '1';
      x.skip();
    } else if (x.tag() === 'sheets') {
      if (seenSheets) notSimple('two sheets elements');
      seenSheets = true;
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 'sheet') notSimple('sheets child');
        const { name: rawName, sheetId, state, 'r:id': rId } = x.attrs;
        if (rawName === undefined || sheetId === undefined || rId === undefined)
          notSimple('sheet attributes');
        if (!/^[1-9][0-9]{0,8}$/.test(sheetId) || ids.has(sheetId)) notSimple('sheetId');
        ids.add(sheetId);
        const name = xmlDecodeAgain(rawName);
        if (
          name === '' ||
          name.length > 31 ||
          name === 'History' ||
          SHEET_NAME_FORBIDDEN.test(name) ||
          /(^')|('$)/.test(name) ||
          names.has(name.toLowerCase())
        ) {
          notSimple('sheet name');
        }
        names.add(name.toLowerCase());
        if (state !== undefined && state !== 'visible' && state !== 'hidden' && state !== 'veryHidden') {
          notSimple('sheet state');
        }
        const rel = rels.get(rId) ?? notSimple('sheet relationship');
        const m = /^(?:\/xl\/)?worksheets\/sheet(\d+)\.xml$/.exec(rel.target) ?? notSimple('sheet target');
        const part = `xl/worksheets/sheet${m[1]}.xml`;
        if (!zip.has(part) || parts.has(part)) notSimple('sheet part');
        parts.add(part);
        sheets.push({ name, visibility: state === undefined ? 'visible' : state, part, sheetNo: m[1]! });
        x.skip();
      }
    } else if (x.tag() === 'definedNames') {
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u === TEXT) continue;
        if (x.tag() !== 'definedName') notSimple('definedNames child');
        const printTitles = x.attrs['name'] === '_xlnm.Print_Titles';
        let text = '';
        for (let v = x.next(); v !== CLOSE; v = x.next()) {
          if (v !== TEXT) notSimple('definedName content');
          text += x.text;
        }
        // Print titles only go through regular expressions in exceljs (workbook-xform reconcile);
        // other names are decoded and every cell of their range indexed (CellMatrix): keep those
        // to small plain ranges.
        if (printTitles) continue;
        const m = SIMPLE_RANGE.exec(text) ?? notSimple('defined name');
        if (m[3]) {
          const area =
            (Math.abs(Number(m[4]) - Number(m[2])) + 1) * (Math.abs(colNumber(m[3]) - colNumber(m[1]!)) + 1);
          if (area > 100_000) notSimple('large defined name');
        }
      }
    } else if (WORKBOOK_SKIPPED.has(x.tag())) {
      x.skip(WORKBOOK_READ);
    } else notSimple(`workbook element ${x.tag()}`);
  }
  if (x.next() !== END) notSimple('after workbook');
  if (sheets.length === 0) notSimple('no sheets');
  // exceljs also reads worksheet parts no sheet names (without a name): not ours.
  for (const n of zip.names())
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(n) && !parts.has(n)) notSimple('orphan sheet');
  return { sheets, date1904 };
}

/** Shared strings as exceljs gives them to a cell's grid: plain or runs concatenated. */
function readSharedStrings(zip: ZipEntries): string[] | undefined {
  if (!zip.has('xl/sharedStrings.xml')) return undefined;
  const x = new XmlTokens(zip.text('xl/sharedStrings.xml'));
  openRoot(x, 'sst', MAIN_NS);
  const out: string[] = [];
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.tag() !== 'si') notSimple('sst child');
    let plain: string | undefined;
    let runs: string | undefined;
    for (let u = x.next(); u !== CLOSE; u = x.next()) {
      if (u !== OPEN) continue;
      if (x.tag() === 't') {
        if (plain !== undefined || runs !== undefined) notSimple('si content');
        plain = unescapeX(readText(x));
      } else if (x.tag() === 'r') {
        if (plain !== undefined) notSimple('si content');
        let runText: string | undefined;
        for (let v = x.next(); v !== CLOSE; v = x.next()) {
          if (v !== OPEN) continue;
          if (x.tag() === 't') {
            if (runText !== undefined) notSimple('two texts in a run');
            runText = unescapeX(readText(x));
          } else if (x.tag() === 'rPr') x.skip();
          else notSimple('run child');
        }
        runs = (runs ?? '') + (runText ?? '');
      } else if (x.tag() === 'rPh' || x.tag() === 'phoneticPr') {
        x.skip(); // phonetic runs are not part of the text, as in exceljs
      } else notSimple('si child');
    }
    const s = plain ?? runs ?? notSimple('empty si');
    out.push(s);
  }
  if (x.next() !== END) notSimple('after sst');
  return out;
}

/** The text of a leaf element (after its OPEN), through its CLOSE. */
function readText(x: XmlTokens): string {
  let s = '';
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== TEXT) notSimple('element inside text');
    s += x.text;
  }
  return s;
}

interface Context {
  date1904: boolean;
  dateStyles: boolean[] | 'no-cellXfs' | undefined;
  strings: string[] | undefined;
}

const WORKSHEET_SKIPPED = new Set([
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetProtection',
  'autoFilter',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'ignoredErrors',
  'extLst',
]);
const WORKSHEET_READ = new Set([
  'sheetData',
  'row',
  'c',
  'mergeCells',
  'mergeCell',
  'hyperlinks',
  'hyperlink',
  'drawing',
  'legacyDrawing',
  'tableParts',
  'worksheet',
]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Rows = (CellData | undefined)[][];

interface SheetState {
  rows: Rows;
  /** Addresses of `<c>` elements whose value is not a string (hyperlinks on them are NotSimple). */
  notString: Set<string>;
  /** Shared-formula masters whose formula children read (a merge must not cover them). */
  masters: Set<string>;
}

/** A `<c>` element, its reference `address` already decoded (`at`) by the row's loop. */
function readCell(
  x: XmlTokens,
  rowNumber: number,
  address: string,
  at: { row: number; col: number },
  ctx: Context,
  sheet: SheetState,
  formulae: Map<string, { formula: string; address: string }>,
): void {
  const attrs = x.attrs;
  for (const k in attrs)
    if (k !== 'r' && k !== 't' && k !== 's' && k !== 'ph') notSimple(`cell attribute ${k}`);
  const { t: type, s } = attrs;
  const { row, col } = at;
  if (row !== rowNumber) notSimple('cell outside its row');
  if (s !== undefined && !/^\d+$/.test(s)) notSimple('cell style');
  const styleId = s === undefined ? 0 : Number(s);
  if (type !== undefined && !['s', 'str', 'inlineStr', 'b', 'e', 'n'].includes(type))
    notSimple(`cell type ${type}`);
  let formula: string | undefined;
  let shared: { si: string; ref: string | undefined } | undefined;
  let value: string | undefined;
  let seenV = false;
  let seenIs = false;
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.tag() === 'v') {
      if (seenV || seenIs) notSimple('two values');
      seenV = true;
      const v = readText(x);
      if (v !== '') value = v;
    } else if (x.tag() === 'f') {
      if (formula !== undefined || shared) notSimple('two formulas');
      const { t: ft, si, ref, ...frest } = x.attrs;
      for (const k in frest) if (k !== 'ca' && k !== 'aca') notSimple(`formula attribute ${k}`);
      if (ft === 'shared') {
        if (si === undefined || !/^\d+$/.test(si)) notSimple('shared formula index');
        shared = { si, ref };
      } else if (ft !== undefined || ref !== undefined || si !== undefined) notSimple('formula kind');
      formula = readText(x);
    } else if (x.tag() === 'is') {
      if (seenV || seenIs || type !== 'inlineStr') notSimple('inline string');
      seenIs = true;
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 't' || value !== undefined) notSimple('inline string content');
        const v = readText(x);
        if (v !== '') value = v;
      }
    } else notSimple(`cell child ${x.tag()}`);
  }
  // exceljs looks a style up only for a non-zero s; no styles part means no dates, a styles part
  // without cellXfs makes it throw, and an s past the end finds no style (no date).
  if (styleId !== 0 && ctx.dateStyles === 'no-cellXfs') notSimple('style without cellXfs');
  const isDate = styleId !== 0 && Array.isArray(ctx.dateStyles) && ctx.dateStyles[styleId] === true;
  let data: CellData;
  if (formula || shared) {
    if (seenIs) notSimple('formula with inline string');
    let result: CellScalar | undefined;
    if (value !== undefined) {
      if (type === 'str') result = xmlDecodeAgain(value);
      else if (type === 'b') result = boolean(value);
      else if (type === 'e') result = { error: value };
      else if (type === undefined || type === 'n') result = number(value);
      else notSimple('formula result type');
    }
    if (result !== undefined && isDate) result = excelToDate(result, ctx.date1904);
    let text: string;
    if (shared?.ref) {
      // exceljs takes a shared formula with a (non-empty) ref as the master, any other as a child.
      if (!formula) notSimple('shared formula master without formula');
      formulae.set(shared.si, { formula, address });
      text = formula;
    } else if (shared) {
      if (formula) text = formula;
      else {
        const master = formulae.get(shared.si) ?? notSimple('shared formula before its master');
        sheet.masters.add(master.address);
        text = slideFormula(master.formula, master.address, address);
      }
    } else text = formula!;
    // exceljs' FormulaValue copies only truthy fields: a result of 0, false or '' reads as null.
    data = { formula: text, result: result ? dateOrScalar(result) : null };
  } else if (value !== undefined) {
    switch (type) {
      case 's': {
        if (!/^\d+$/.test(value)) notSimple('shared string index');
        const str = ctx.strings?.[Number(value)] ?? notSimple('shared string out of range');
        data = str;
        break;
      }
      case 'str':
        data = xmlDecodeAgain(value);
        break;
      case 'inlineStr':
        data = value;
        break;
      case 'b':
        data = boolean(value);
        break;
      case 'e':
        data = { error: value };
        break;
      default: {
        const n = number(value);
        data = isDate ? dateOrScalar(excelToDate(n, ctx.date1904)) : n;
      }
    }
  } else {
    // No value: a styled cell is exceljs' Null (not listed), an unstyled one its Merge type, which
    // a row does not add at all. Either way the grid has no entry.
    sheet.notString.add(address);
    return;
  }
  if (typeof data !== 'string') sheet.notString.add(address);
  (sheet.rows[row - 1] ??= [])[col - 1] = data;
}

function boolean(v: string): boolean {
  if (v !== '0' && v !== '1') notSimple('boolean value');
  return v === '1';
}

function number(v: string): number {
  if (!NUMBER.test(v)) notSimple('number value');
  return parseFloat(v);
}

/** exceljs-grid's scalar() for a Date: an invalid date reads as #VALUE!. */
function dateOrScalar(v: CellScalar): CellScalar {
  return v instanceof Date && Number.isNaN(v.getTime()) ? { error: '#VALUE!' } : v;
}

function readSheet(zip: ZipEntries, entry: SheetEntry, ctx: Context): SheetGrid {
  const relsPart = `xl/worksheets/_rels/sheet${entry.sheetNo}.xml.rels`;
  const rels = zip.has(relsPart) ? readRels(zip.text(relsPart)) : new Map<string, Rel>();
  for (const rel of rels.values()) {
    if (rel.type !== HYPERLINK_REL && rel.type !== PRINTER_REL) notSimple(`sheet relationship ${rel.type}`);
  }
  const x = new XmlTokens(zip.text(entry.part));
  openRoot(x, 'worksheet', MAIN_NS);
  const sheet: SheetState = { rows: [], notString: new Set(), masters: new Set() };
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  const hyperlinked: string[] = [];
  let seenData = false;
  for (let t = x.next(); t !== CLOSE; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.tag() === 'sheetData') {
      if (seenData) notSimple('two sheetData');
      seenData = true;
      const formulae = new Map<string, { formula: string; address: string }>();
      let lastRow = 0;
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 'row') notSimple('sheetData child');
        const r = x.attrs['r'];
        if (r === undefined || !/^[1-9][0-9]{0,6}$/.test(r)) notSimple('row number');
        const rowNumber = Number(r);
        if (rowNumber <= lastRow || rowNumber > MAX_ROW) notSimple('row order');
        lastRow = rowNumber;
        let lastCol = 0;
        for (let v = x.next(); v !== CLOSE; v = x.next()) {
          if (v !== OPEN) continue;
          if (x.tag() !== 'c') notSimple(`row child ${x.tag()}`);
          const ref = x.attrs['r'];
          // A cell without a reference is out of order too (exceljs would place it after the last).
          if (ref === undefined) notSimple('cell order');
          const at = decodeRef(ref);
          if (at.col <= lastCol) notSimple('cell order');
          lastCol = at.col;
          readCell(x, rowNumber, ref, at, ctx, sheet, formulae);
        }
      }
    } else if (x.tag() === 'mergeCells') {
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 'mergeCell') notSimple('mergeCells child');
        const ref = x.attrs['ref'] ?? notSimple('merge without ref');
        const [a, b, extra] = ref.split(':');
        if (a === undefined || b === undefined || extra !== undefined) notSimple('merge range');
        const p = decodeRef(a);
        const q = decodeRef(b);
        merges.push({
          top: Math.min(p.row, q.row),
          left: Math.min(p.col, q.col),
          bottom: Math.max(p.row, q.row),
          right: Math.max(p.col, q.col),
        });
        x.skip();
      }
    } else if (x.tag() === 'hyperlinks') {
      for (let u = x.next(); u !== CLOSE; u = x.next()) {
        if (u !== OPEN) continue;
        if (x.tag() !== 'hyperlink') notSimple('hyperlinks child');
        const { ref, 'r:id': rId } = x.attrs;
        if (rId !== undefined) {
          if (ref === undefined || !rels.has(rId)) notSimple('hyperlink relationship');
          hyperlinked.push(ref);
        }
        x.skip();
      }
    } else if (WORKSHEET_SKIPPED.has(x.tag())) {
      x.skip(WORKSHEET_READ);
    } else notSimple(`worksheet element ${x.tag()}`);
  }
  if (x.next() !== END) notSimple('after worksheet');
  // A hyperlink turns the cell's value into its text: the same grid value for a string only.
  for (const ref of hyperlinked) if (sheet.notString.has(ref)) notSimple('hyperlink on a non-string cell');
  applyMerges(sheet, merges);
  return { name: entry.name, visibility: entry.visibility, rows: sheet.rows };
}

/** Cells a merge covers become exceljs' Merge type (null in the grid), created where missing. */
function applyMerges(
  sheet: SheetState,
  merges: { top: number; left: number; bottom: number; right: number }[],
): void {
  let cells = 0;
  for (let i = 0; i < merges.length; i++) {
    const m = merges[i]!;
    for (let j = 0; j < i; j++) {
      const o = merges[j]!;
      if (!(o.bottom < m.top || o.top > m.bottom || o.right < m.left || o.left > m.right)) {
        notSimple('overlapping merges'); // exceljs refuses the workbook: let it say so
      }
    }
    cells += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (cells > MAX_MERGED_CELLS) notSimple('too many merged cells');
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        (sheet.rows[r - 1] ??= [])[c - 1] = null;
      }
    }
    for (const master of sheet.masters) {
      const { row, col } = decodeRef(master);
      if (
        row >= m.top &&
        row <= m.bottom &&
        col >= m.left &&
        col <= m.right &&
        !(row === m.top && col === m.left)
      ) {
        notSimple('merge covers a shared formula master');
      }
    }
  }
}

/**
 * The grids of an .xlsx workbook, or NotSimple (thrown) when the fast reader cannot promise the
 * same grids as exceljs. The caller has already checked the bytes are a zip (magic number).
 */
export function xlsxGrids(bytes: Uint8Array, checked?: ReadonlyMap<number, CheckedPart>): SheetGrid[] {
  const zip = new ZipEntries(bytes, checked);
  for (const name of zip.names()) {
    if (name.endsWith('/')) continue;
    if (!KNOWN_PART.test(name)) notSimple(`part ${name}`);
    if (CHECKED_PART.test(name)) new XmlTokens(zip.text(name)).drain();
  }
  const { sheets, date1904 } = readWorkbookPart(zip);
  const ctx: Context = { date1904, dateStyles: readDateStyles(zip), strings: readSharedStrings(zip) };
  return sheets.map((s) => readSheet(zip, s, ctx));
}

/**
 * How workbooks were read, for tests and measurements: counts of each path and the last reason
 * for a fallback. `enabled` switches the fast path off (tests compare both paths, and a
 * measurement runs the exceljs path alone).
 */
export const fastReadStats = { enabled: true, fast: 0, fallback: 0, lastReason: '' };

/** The grids, or undefined when the workbook needs exceljs (the reason is kept in the stats). */
export function tryXlsxGrids(
  bytes: Uint8Array,
  checked?: ReadonlyMap<number, CheckedPart>,
): SheetGrid[] | undefined {
  if (!fastReadStats.enabled) return undefined;
  try {
    const grids = xlsxGrids(bytes, checked);
    fastReadStats.fast++;
    return grids;
  } catch (e) {
    if (!(e instanceof NotSimple)) {
      // A bug or a bound (RangeError…) in the fast path must not decide the reading: exceljs does.
      fastReadStats.lastReason = `error: ${e instanceof Error ? e.message : String(e)}`;
    } else fastReadStats.lastReason = e.message;
    fastReadStats.fallback++;
    return undefined;
  }
}
