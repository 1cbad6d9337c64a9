/**
 * What a saved .xlsx says, in its XML, about the parts of the workbook that keep answers in the
 * right place: which sheets are protected and how they are shown, which cells are unlocked for
 * input, and which cells have a dropdown (a list data validation) with which list. Read straight
 * from the XML (not through exceljs), so a test sees exactly what another program wrote.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface SheetFacts {
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  /** `<sheetProtection sheet="1|true">`. */
  protected: boolean;
  /** The other attributes of sheetProtection, normalised to 0/1 (e.g. formatColumns: '0'). */
  protection: Record<string, string>;
  /** Addresses of cells whose style has `<protection locked="0|false">`, sorted. */
  unlocked: string[];
  /** Cell address → the list of its dropdown (formula1 of a list validation). */
  dropdowns: Record<string, string>;
}

const attrs = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

const bool = (v: string | undefined) => (v === 'true' ? '1' : v === 'false' ? '0' : v);

function column(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function letters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "D9:D12 E76" → D9, D10, D11, D12, E76. */
function expand(sqref: string): string[] {
  return sqref.split(/\s+/).flatMap((range) => {
    const [a, b = a] = range.replace(/\$/g, '').split(':') as [string, string?];
    const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(a)!;
    const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(b)!;
    const cells: string[] = [];
    for (let c = column(c1!); c <= column(c2!); c++)
      for (let r = Number(r1); r <= Number(r2); r++) cells.push(`${letters(c)}${r}`);
    return cells;
  });
}

/** Sheet name → its facts. */
export function protectionFacts(xlsx: Uint8Array): Map<string, SheetFacts> {
  const files = unzipSync(xlsx);
  const text = (name: string) => {
    const data = files[name];
    if (!data) throw new Error(`no part ${name}`);
    return strFromU8(data);
  };
  // Styles: which cellXfs entries unlock the cell.
  const styles = text('xl/styles.xml');
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!;
  const unlockedStyles = new Set<number>();
  [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>([\s\S]*?)<\/xf>)/g)].forEach((m, i) => {
    const p = /<protection\b[^>]*>/.exec(m[1] ?? '');
    if (p && bool(attrs(p[0]).locked) === '0') unlockedStyles.add(i);
  });
  // Sheets, by name, through the workbook's relationships.
  const rels = new Map(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
      const a = attrs(m[0]);
      return [a.Id!, a.Target!.replace(/^\/?xl\//, '').replace(/^\//, '')];
    }),
  );
  const facts = new Map<string, SheetFacts>();
  for (const [tag] of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const a = attrs(tag);
    const xml = text(`xl/${rels.get(a['r:id']!)!}`);
    const protection = /<sheetProtection\b[^>]*>/.exec(xml);
    const p = protection ? attrs(protection[0]) : {};
    const unlocked = [...xml.matchAll(/<c\b[^>]*>/g)]
      .map((m) => attrs(m[0]))
      .filter((c) => unlockedStyles.has(Number(c.s ?? 0)))
      .map((c) => c.r!)
      .sort();
    const dropdowns: Record<string, string> = {};
    for (const m of xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)) {
      const v = attrs(m[1]!);
      if (v.type !== 'list') continue;
      const formula = /<formula1>([\s\S]*?)<\/formula1>/.exec(m[2]!)?.[1] ?? '';
      for (const cell of expand(v.sqref!)) dropdowns[cell] = formula;
    }
    facts.set(a.name!, {
      state: a.state ?? 'visible',
      protected: bool(p.sheet) === '1',
      protection: Object.fromEntries(
        Object.entries(p)
          .filter(([k]) => k !== 'sheet')
          .map(([k, v]) => [k, bool(v)!]),
      ),
      unlocked,
      dropdowns,
    });
  }
  return facts;
}
