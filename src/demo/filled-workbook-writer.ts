/**
 * Writes many workbooks of one shape quickly: exceljs writes the first plan once; every other
 * plan of the same shape — the same sheets, styles, validations, columns and print setup, only
 * cell contents, row heights and the document's title differing, as the demo's departments do —
 * is written by patching those cells and rows into the first one's XML, and zipped with Node's
 * own deflater. A plan of another shape is written by exceljs, as before.
 *
 * Why: exceljs spends about 0.2 s of CPU on each 244-characteristic workbook (its XML writer and
 * a JavaScript deflater), 105 s of the demo's 500 departments. The patched workbook is what
 * exceljs writes for the same plan, for any reader: the same cells (values, formulas, cached
 * results, styles), rows, validations and properties; only the order of the shared strings and
 * the zip's own bytes differ (test/demo/filled-workbook-writer.test.ts compares them cell by cell).
 *
 * The patch writes each changed cell as exceljs' cell writer does (exceljs/lib/xlsx/xform/sheet/
 * cell-xform.js): text through the shared-string table, numbers and booleans inline, formulas with
 * their cached result. Anything it cannot place — a cell the first workbook did not write, a row
 * height that was not there, a formula result of another kind — sends that plan to exceljs.
 */
import type { CellContent, SheetPlan, WorkbookPlan } from '../workbook/plan/types.js';
import { DeflatedContent, zipBytes } from '../io/zip-writer.js';
import type * as ExceljsAdapter from '../workbook/exceljs/index.js';

/**
 * exceljs, loaded when a workbook is written with it (the first one, or a plan the patch cannot
 * write): a writer made from another's state (`fromState`, the demo's helper thread) patches every
 * workbook and never loads it.
 */
const writeWorkbook = async (...args: Parameters<typeof ExceljsAdapter.writeWorkbook>) =>
  (await import('../workbook/exceljs/index.js')).writeWorkbook(...args);

interface Part {
  name: string;
  text: string;
}

interface Span {
  start: number;
  end: number;
}

interface CellSpan extends Span {
  /** The cell's style attribute value, or '' when it has none. */
  style: string;
  /** Whether the base cell holds a shared string (`t="s"`): it counts in the table's `count`. */
  shared: boolean;
}

interface SheetXml {
  part: number;
  cells: Map<string, CellSpan>;
  rows: Map<number, Span & { tag: string }>;
}

/** exceljs' `xmlEncode`: markup characters escaped, control characters XML 1.0 forbids dropped. */
function xmlEncode(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["&'<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/["&'<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) =>
    c === '"'
      ? '&quot;'
      : c === '&'
        ? '&amp;'
        : c === "'"
          ? '&apos;'
          : c === '<'
            ? '&lt;'
            : c === '>'
              ? '&gt;'
              : '',
  );
}

function xmlDecode(text: string): string {
  return text.replace(/&(quot|amp|apos|lt|gt);/g, (_, e: string) =>
    e === 'quot' ? '"' : e === 'amp' ? '&' : e === 'apos' ? "'" : e === 'lt' ? '<' : '>',
  );
}

/** A1-style reference of a 1-based row and column. */
function cellRef(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** The stored (uncompressed) parts of a zip written with compression STORE, in their order. */
function storedParts(zip: Uint8Array): Part[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (name.endsWith('/')) continue; // folder entries: nothing a reader needs
    if (method !== 0) throw new Error(`${name} is compressed`);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    parts.push({ name, text: buf.toString('utf8', data, data + size) });
  }
  return parts;
}

/** Every `<c r="…">` and `<row r="…">` of a worksheet, with where it is in the text. */
function indexSheet(text: string, part: number): SheetXml {
  const cells = new Map<string, CellSpan>();
  const rows = new Map<number, Span & { tag: string }>();
  const tags = /<(c|row) r="([A-Z]*\d+)"([^>]*)>/g;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const start = m.index;
    if (m[1] === 'row') {
      rows.set(Number(m[2]), { start, end: start + m[0].length, tag: m[0] });
      continue;
    }
    const selfClosing = m[3]!.endsWith('/');
    const end = selfClosing ? start + m[0].length : text.indexOf('</c>', start) + 4;
    cells.set(m[2]!, {
      start,
      end,
      style: / s="(\d+)"/.exec(m[3]!)?.[1] ?? '',
      shared: / t="s"/.test(m[3]!),
    });
  }
  return { part, cells, rows };
}

/** The plan without what the patch can write (cell contents, row heights, title and subject). */
function shapeOf(plan: WorkbookPlan): string {
  return JSON.stringify({
    ...plan,
    properties: { ...plan.properties, title: '', subject: '' },
    sheets: plan.sheets.map((s) => ({
      ...s,
      rowHeights: s.rowHeights.map((r) => r.row),
      blocks: s.blocks.map((b) => [b.row, b.column, b.cells.length, b.cells[0]?.length ?? 0]),
    })),
  });
}

const sameContent = (a: CellContent, b: CellContent) =>
  a === b ||
  (typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    a.formula === b.formula &&
    a.result === b.result);

/**
 * zlib's fastest level for the patched workbooks: about 470 KB of XML changes from one department
 * to the next, and level 6 spent 3–4 ms more of CPU on each than level 1 for files about a third
 * larger (still a tenth of the XML). Any reader inflates either alike (docs/performance.md, issue 24
 * session 10).
 */
export const DEMO_DEFLATE_LEVEL = 1;

/** Signals a plan the patch cannot write; the caller writes it with exceljs. */
class NotPatchable extends Error {}

interface SharedStrings {
  part: number;
  index: Map<string, number>;
  unique: number;
  count: number;
}

/**
 * What a writer patches from, as plain data (maps and arrays): another thread's writer is made
 * from it (`fromState`) without exceljs and without writing the first workbook again.
 */
export interface FilledWorkbookState {
  readonly base: WorkbookPlan;
  readonly shape: string;
  readonly parts: readonly Part[];
  readonly sheets: readonly SheetXml[];
  readonly strings: SharedStrings;
}

export class FilledWorkbookWriter {
  /** How many plans were patched, and how many written by exceljs (for the demo's figures). */
  readonly counts = { patched: 0, exceljs: 0 };
  /** The base's parts deflated, each at the first workbook that leaves it unchanged. */
  private readonly deflated: (DeflatedContent | undefined)[] = [];

  private constructor(
    private readonly base: WorkbookPlan,
    private readonly shape: string,
    private readonly parts: readonly Part[],
    private readonly sheets: readonly SheetXml[],
    private readonly strings: SharedStrings,
  ) {}

  /** This writer's state, to make the same writer in another thread (structured clone). */
  state(): FilledWorkbookState {
    const { base, shape, parts, sheets, strings } = this;
    return { base, shape, parts, sheets, strings };
  }

  /** A writer that patches from `state` (another writer's), writing the same bytes as it. */
  static fromState(state: FilledWorkbookState): FilledWorkbookWriter {
    return new FilledWorkbookWriter(state.base, state.shape, state.parts, state.sheets, state.strings);
  }

  /** Writes `base` with exceljs (uncompressed) and keeps its parts to patch. */
  static async of(base: WorkbookPlan): Promise<FilledWorkbookWriter> {
    const stored = await writeWorkbook(base, { store: true });
    const parts = storedParts(stored);
    const at = (name: string) => parts.findIndex((p) => p.name === name);
    // The sheets' parts in tab order: workbook.xml names their relationship ids, the rels the files.
    const rels = new Map(
      [
        ...parts[at('xl/_rels/workbook.xml.rels')]!.text.matchAll(
          /<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g,
        ),
      ].map((m) => [m[1]!, `xl/${m[2]!.replace(/^\/?xl\//, '')}`]),
    );
    const sheetIds = [...parts[at('xl/workbook.xml')]!.text.matchAll(/<sheet [^>]*r:id="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    if (sheetIds.length !== base.sheets.length) throw new Error('exceljs wrote another number of sheets');
    const sheets = sheetIds.map((id) => {
      const part = at(rels.get(id) ?? '');
      if (part < 0) throw new Error(`no worksheet part for ${id}`);
      return indexSheet(parts[part]!.text, part);
    });
    const sst = at('xl/sharedStrings.xml');
    const index = new Map<string, number>();
    let unique = 0;
    let count = 0;
    if (sst >= 0) {
      const text = parts[sst]!.text;
      count = Number(/<sst [^>]*count="(\d+)"/.exec(text)?.[1] ?? 0);
      for (const m of text.matchAll(/<si>(.*?)<\/si>/gs)) {
        const plain = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/.exec(m[1]!);
        if (plain && !index.has(xmlDecode(plain[1]!))) index.set(xmlDecode(plain[1]!), unique);
        unique++;
      }
    }
    return new FilledWorkbookWriter(base, shapeOf(base), parts, sheets, { part: sst, index, unique, count });
  }

  /** The .xlsx of `plan`: patched when it has the base's shape, else written by exceljs. */
  async write(plan: WorkbookPlan): Promise<Buffer> {
    let parts: Part[] | undefined;
    try {
      parts = this.patched(plan);
    } catch (e) {
      if (!(e instanceof NotPatchable)) throw e;
    }
    if (!parts) {
      this.counts.exceljs++;
      return writeWorkbook(plan);
    }
    this.counts.patched++;
    // A part the patch left as it was (the same object) is deflated once, not once a workbook.
    const data = (p: Part, i: number) =>
      p === this.parts[i] ? (this.deflated[i] ??= new DeflatedContent(p.text, DEMO_DEFLATE_LEVEL)) : p.text;
    return zipBytes(
      parts.map((p, i) => ({ name: p.name, data: data(p, i) })),
      { modified: new Date(plan.properties.created), level: DEMO_DEFLATE_LEVEL },
    );
  }

  private patched(plan: WorkbookPlan): Part[] | undefined {
    if (shapeOf(plan) !== this.shape) return undefined;
    if (this.strings.part < 0) return undefined;
    const added: string[] = [];
    const addedIndex = new Map<string, number>();
    let count = this.strings.count;
    const stringIndex = (text: string): number => {
      const known = this.strings.index.get(text) ?? addedIndex.get(text);
      if (known !== undefined) return known;
      const i = this.strings.unique + added.length;
      added.push(text);
      addedIndex.set(text, i);
      return i;
    };
    const parts = this.parts.slice();
    plan.sheets.forEach((sheet, i) => {
      const xml = this.sheets[i]!;
      const edits = [...this.cellEdits(sheet, this.base.sheets[i]!, xml, stringIndex, (d) => (count += d))];
      edits.push(...rowEdits(sheet, this.base.sheets[i]!, xml));
      if (edits.length)
        parts[xml.part] = { ...parts[xml.part]!, text: applyEdits(parts[xml.part]!.text, edits) };
    });
    if (added.length || count !== this.strings.count) {
      const sst = parts[this.strings.part]!;
      const text = sst.text
        .replace(
          /(<sst [^>]*)count="\d+" uniqueCount="\d+"/,
          `$1count="${count}" uniqueCount="${this.strings.unique + added.length}"`,
        )
        .replace(/<\/sst>$/, `${added.map(sharedString).join('')}</sst>`);
      parts[this.strings.part] = { ...sst, text };
    }
    const { title, subject } = plan.properties;
    if (title !== this.base.properties.title || subject !== this.base.properties.subject) {
      const core = parts.findIndex((p) => p.name === 'docProps/core.xml');
      if (core < 0) return undefined;
      const text = parts[core]!.text.replace(
        /<dc:title>[^<]*<\/dc:title>/,
        `<dc:title>${xmlEncode(title)}</dc:title>`,
      ).replace(/<dc:subject>[^<]*<\/dc:subject>/, `<dc:subject>${xmlEncode(subject)}</dc:subject>`);
      parts[core] = { ...parts[core]!, text };
    }
    return parts;
  }

  private *cellEdits(
    sheet: SheetPlan,
    base: SheetPlan,
    xml: SheetXml,
    stringIndex: (text: string) => number,
    countShared: (delta: number) => void,
  ): Generator<Span & { text: string }> {
    for (let b = 0; b < sheet.blocks.length; b++) {
      const block = sheet.blocks[b]!;
      const baseBlock = base.blocks[b]!;
      for (let r = 0; r < block.cells.length; r++) {
        const line = block.cells[r]!;
        const baseLine = baseBlock.cells[r]!;
        for (let c = 0; c < line.length; c++) {
          const content = line[c]!;
          if (sameContent(content, baseLine[c]!)) continue;
          const ref = cellRef(block.row + r, block.column + c);
          const at = xml.cells.get(ref);
          // A cell exceljs did not write (no value, no style): its row's spans would change.
          if (!at) throw new NotPatchable(ref);
          const text = cellXml(ref, at.style, content, stringIndex);
          if (text === '') throw new NotPatchable(ref);
          countShared((text.includes(' t="s"') ? 1 : 0) - (at.shared ? 1 : 0));
          yield { start: at.start, end: at.end, text };
        }
      }
    }
  }
}

function* rowEdits(sheet: SheetPlan, base: SheetPlan, xml: SheetXml): Generator<Span & { text: string }> {
  for (let i = 0; i < sheet.rowHeights.length; i++) {
    const { row, height } = sheet.rowHeights[i]!;
    if (height === base.rowHeights[i]!.height) continue;
    const at = xml.rows.get(row);
    if (!at || !/ ht="[^"]*"/.test(at.tag)) throw new NotPatchable(`row ${row}`);
    yield { start: at.start, end: at.end, text: at.tag.replace(/ ht="[^"]*"/, ` ht="${height}"`) };
  }
}

function applyEdits(text: string, edits: (Span & { text: string })[]): string {
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** A shared string as exceljs' TextXform writes it. */
function sharedString(text: string): string {
  const preserve = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<si><t${preserve}>${xmlEncode(text)}</t></si>`;
}

/** One cell as exceljs' CellXform writes it; '' for an empty cell without a style (not written). */
function cellXml(
  ref: string,
  style: string,
  content: CellContent,
  stringIndex: (t: string) => number,
): string {
  const attrs = `r="${ref}"${style ? ` s="${style}"` : ''}`;
  if (content === null) return style ? `<c ${attrs}/>` : '';
  if (typeof content === 'string') return `<c ${attrs} t="s"><v>${stringIndex(content)}</v></c>`;
  if (typeof content === 'number') return `<c ${attrs}><v>${content}</v></c>`;
  if (typeof content === 'boolean') return `<c ${attrs} t="b"><v>${content ? '1' : '0'}</v></c>`;
  const f = `<f>${xmlEncode(content.formula)}</f>`;
  const result = content.result;
  if (result === undefined) return `<c ${attrs}>${f}</c>`;
  if (typeof result === 'string') return `<c ${attrs} t="str">${f}<v>${xmlEncode(result)}</v></c>`;
  if (typeof result === 'number') return `<c ${attrs}>${f}<v>${result}</v></c>`;
  return `<c ${attrs} t="b">${f}<v>${result ? 1 : 0}</v></c>`;
}
