/**
 * Extracts, from @types/office-js, the requirement set Microsoft documents for every member of
 * every class in the `Excel` namespace (the `[Api set: ExcelApi x.y]` tag of its doc comment),
 * with the member's declared type, so the Excel test double can refuse what an older host lacks.
 *
 *   npx tsx scripts/excel-api-sets.ts        rewrites test/addin/fake-excel/excel-api-sets.json
 *
 * The JSON is committed; test/addin/excel-api-sets.test.ts re-runs the extraction on the installed
 * @types/office-js and fails when they differ (so an upgrade of the types shows up in review).
 *
 * A tag such as "ExcelApi 1.1 for reading visibility; 1.2 for setting it" is recorded with its
 * first (lowest) version: the double checks that the member exists on the host, not each use of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface MemberApi {
  /** "ExcelApi 1.14", "ExcelApiOnline 1.1", … or null when the member carries no tag. */
  set: string | null;
  /** The declared class of a property or a method's result ("Range"), when it is an Excel class. */
  type?: string;
}

/** Class name → member name → what it needs. Sorted, so the JSON diffs cleanly. */
export type ApiSets = Record<string, Record<string, MemberApi>>;

const TAG = /\[Api set: (ExcelApi\w*) (\d+\.\d+)/;

/** The sets a member's doc comment names, as "ExcelApi 1.7" (lowest first). */
function setOf(comment: string): string | null {
  const m = TAG.exec(comment);
  return m ? `${m[1]} ${m[2]}` : null;
}

/** `Excel.Range` → `Range`; arrays, unions and primitives → undefined. */
function classType(declared: string): string | undefined {
  const t = declared.trim().replace(/^Excel\./, '');
  return /^[A-Z]\w*$/.test(t) ? t : undefined;
}

const lower = (a: string | null, b: string | null): string | null => {
  if (a === null || b === null) return a ?? b;
  const [sa, va] = a.split(' ');
  const [sb, vb] = b.split(' ');
  if (sa !== sb) return sa === 'ExcelApi' ? a : b;
  const [x1, y1] = va!.split('.').map(Number);
  const [x2, y2] = vb!.split('.').map(Number);
  return x1! < x2! || (x1 === x2 && y1! <= y2!) ? a : b;
};

export function extractApiSets(dts: string): ApiSets {
  const lines = dts.split('\n');
  const start = lines.findIndex((l) => l.startsWith('declare namespace Excel {'));
  if (start < 0) throw new Error('@types/office-js has no "declare namespace Excel".');
  const out: ApiSets = {};
  let cls: string | undefined;
  let comment = '';
  let inComment = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('}') || line.startsWith('    namespace ')) break; // end of the classes
    const open = /^ {4}class (\w+)/.exec(line);
    if (open) {
      cls = open[1]!;
      out[cls] ??= {};
      continue;
    }
    if (/^ {4}\}/.test(line)) {
      cls = undefined;
      continue;
    }
    if (!cls) continue;
    if (/^ {8}\/\*\*/.test(line)) {
      inComment = !line.includes('*/');
      comment = line;
      continue;
    }
    if (inComment) {
      comment += `\n${line}`;
      if (line.includes('*/')) inComment = false;
      continue;
    }
    const member = /^ {8}(?:readonly )?(\w+)\??(\(|:|<)/.exec(line);
    if (!member) continue;
    const name = member[1]!;
    // The declaration ends at the first line ending in ";" (load overloads span several lines).
    let decl = line;
    for (let j = i; !decl.trimEnd().endsWith(';') && j + 1 < lines.length;) decl += lines[++j]!;
    const declared =
      member[2] === ':'
        ? /^\s*(?:readonly )?\w+\??:\s*([^;]+);/.exec(decl)?.[1]
        : /\)\s*:\s*([^;]+);\s*$/.exec(decl)?.[1];
    const type = declared ? classType(declared) : undefined;
    const set = setOf(comment);
    comment = '';
    if (name === 'context' || name === 'toJSON' || name === 'constructor') continue;
    const before = out[cls]![name];
    out[cls]![name] = {
      set: before ? lower(before.set, set) : set,
      ...((before?.type ?? type) ? { type: before?.type ?? type } : {}),
    };
  }
  return Object.fromEntries(
    Object.entries(out)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, members]) => [
        c,
        Object.fromEntries(Object.entries(members).sort(([a], [b]) => a.localeCompare(b))),
      ]),
  );
}

/** The installed @types/office-js declaration file. */
export function officeJsTypes(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
}

export const API_SETS_JSON = fileURLToPath(
  new URL('../test/addin/fake-excel/excel-api-sets.json', import.meta.url),
);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sets = extractApiSets(officeJsTypes());
  writeFileSync(API_SETS_JSON, `${JSON.stringify(sets, null, 2)}\n`);
  console.log(`${Object.keys(sets).length} classes written to ${API_SETS_JSON}`);
}
