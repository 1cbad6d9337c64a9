/**
 * Extracts, from @types/office-js, the requirement set Microsoft documents for every member of
 * every class, option interface and enum in the `Excel` namespace (the `[Api set: ExcelApi x.y]`
 * tag of its doc comment), with the member's declared type, so the Excel test double can refuse
 * what an older host lacks.
 *
 *   npx tsx scripts/excel-api-sets.ts        rewrites test/addin/fake-excel/excel-api-sets.json
 *
 * The JSON is committed; test/addin/excel-api-sets.test.ts re-runs the extraction on the installed
 * @types/office-js and fails when they differ (so an upgrade of the types shows up in review).
 *
 * A tag naming several versions is recorded in full: the lowest as the member's `set` (it exists
 * from then), the highest as `highest`, a version "for set"/"for setting" as `write` (checked when
 * the add-in sets the property), a version tied to a parameter by name ("1.15 for adding
 * `alwaysInsert` parameter", "1.7 for password", or an `@param` line's own tag) as that
 * parameter's `set` (checked when a call passes it). A parameter or property typed with an Excel
 * enum or option interface names it, so the double checks each enum value and option member
 * used. Versions a tag ties to neither a parameter nor setting ("1.4 allows adding of multiple
 * rows", "1.7 for Array") are kept in `highest` only: the double cannot tell those uses apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ParamApi {
  name: string;
  /** The set a call needs when it passes this parameter, when the tag ties one to it. */
  set?: string;
  /** The Excel enum the parameter takes (its values are checked one by one). */
  enum?: string;
  /** The Excel option interface the parameter takes (its members are checked one by one). */
  type?: string;
}

export interface MemberApi {
  /**
   * The set from which the member exists: "ExcelApi 1.14", "ExcelApiOnline 1.1", … or null when
   * it carries no tag. A tag naming several versions gives its lowest here.
   */
  set: string | null;
  /** The highest version the tag names, when it names more than one ("1.1 for …; 1.15 for …"). */
  highest?: string;
  /** Setting a property: its set when the tag gives one for setting ("1.1 for get, 1.8 for set"). */
  write?: string;
  /** The declared class of a property or a method's result ("Range"), when it is an Excel class. */
  type?: string;
  /** A property's enum (the values set are checked). */
  enum?: string;
  /** A method's parameters, when one of them has a set of its own, an enum or an option interface. */
  params?: ParamApi[];
}

/**
 * Class, option interface or enum name → member name (for an enum: each value, as the string
 * Office.js takes) → what it needs. Sorted, so the JSON diffs cleanly.
 */
export type ApiSets = Record<string, Record<string, MemberApi>>;

const TAG = /\[Api set: (ExcelApi\w*) ([^\]]+)\]/;
const VERSION = /(\d+\.\d+)/g;

interface Tag {
  name: string;
  /** Each version with the words that follow it up to the next version. */
  parts: { version: string; about: string }[];
}

function tagOf(comment: string): Tag | null {
  const m = TAG.exec(comment);
  if (!m) return null;
  const text = m[2]!;
  const found = [...text.matchAll(VERSION)];
  return {
    name: m[1]!,
    parts: found.map((v, i) => ({
      version: v[1]!,
      about: text.slice(v.index! + v[1]!.length, found[i + 1]?.index ?? text.length),
    })),
  };
}

const versionOrder = (a: string, b: string) => {
  const [x1, y1] = a.split('.').map(Number);
  const [x2, y2] = b.split('.').map(Number);
  return x1! - x2! || y1! - y2!;
};

/** `Excel.Range` → `Range`; arrays, unions and primitives → undefined. */
function classType(declared: string): string | undefined {
  const t = declared.trim().replace(/^Excel\./, '');
  return /^[A-Z]\w*$/.test(t) ? t : undefined;
}

/** The first `Excel.X` a declared type names (an enum or an interface, checked later). */
const excelName = (declared: string) => /Excel\.(\w+)/.exec(declared)?.[1];

/** The parameters of a method declaration: `name?: type` split at top-level commas. */
function paramsOf(decl: string): { name: string; declared: string }[] {
  const open = decl.indexOf('(');
  let depth = 0;
  let close = open;
  for (let i = open; i < decl.length; i++) {
    const ch = decl[i]!;
    if ('(<{['.includes(ch)) depth++;
    else if (')>}]'.includes(ch) && !(ch === '>' && decl[i - 1] === '=')) depth--;
    if (depth === 0) {
      close = i;
      break;
    }
  }
  const inner = decl.slice(open + 1, close);
  const parts: string[] = [];
  let part = '';
  depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if ('(<{['.includes(ch)) depth++;
    else if (')>}]'.includes(ch) && !(ch === '>' && inner[i - 1] === '=')) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(part);
      part = '';
    } else part += ch;
  }
  if (part.trim()) parts.push(part);
  return parts.flatMap((p) => {
    const m = /^\s*(\w+)\??\s*:\s*([\s\S]*)$/.exec(p);
    return m ? [{ name: m[1]!, declared: m[2]!.trim() }] : [];
  });
}

export function extractApiSets(dts: string): ApiSets {
  const lines = dts.split('\n');
  const start = lines.findIndex((l) => l.startsWith('declare namespace Excel {'));
  if (start < 0) throw new Error('@types/office-js has no "declare namespace Excel".');
  const out: ApiSets = {};
  const kinds = new Map<string, 'class' | 'interface' | 'enum'>();
  let owner: string | undefined;
  let comment = '';
  let inComment = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('}') || line.startsWith('    namespace ')) break; // end of the declarations
    const open = /^ {4}(class|interface|enum) (\w+)/.exec(line);
    if (open) {
      owner = open[2]!;
      if (kinds.has(owner)) throw new Error(`Excel.${owner} is declared twice.`);
      kinds.set(owner, open[1] as 'class' | 'interface' | 'enum');
      out[owner] = {};
      comment = '';
      continue;
    }
    if (/^ {4}\}/.test(line)) {
      owner = undefined;
      continue;
    }
    if (!owner) continue;
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
    const tag = tagOf(comment);
    const currentComment = comment;
    if (kinds.get(owner) === 'enum') {
      const value = /^ {8}\w+ = "([^"]*)"/.exec(line);
      if (value) {
        out[owner]![value[1]!] = { set: tag ? `${tag.name} ${lowest(tag)}` : null };
        comment = '';
      }
      continue;
    }
    const member = /^ {8}(?:readonly )?(\w+)\??(\(|:|<)/.exec(line);
    if (!member) continue;
    const name = member[1]!;
    // The declaration ends at the first line ending in ";" (load overloads span several lines).
    let decl = line;
    for (let j = i; !decl.trimEnd().endsWith(';') && j + 1 < lines.length;) decl += lines[++j]!;
    comment = '';
    if (name === 'context' || name === 'toJSON' || name === 'constructor') continue;
    const isProperty = member[2] === ':';
    const declared = isProperty
      ? /^\s*(?:readonly )?\w+\??:\s*([^;]+);/.exec(decl)?.[1]
      : /\)\s*:\s*([^;]+);\s*$/.exec(decl)?.[1];
    const api = memberApi(tag, currentComment, isProperty, declared, isProperty ? [] : paramsOf(decl));
    const before = out[owner]![name];
    out[owner]![name] = before ? merge(before, api) : api;
  }
  // An `Excel.X` named by a parameter or a property is kept only when X is an enum or an interface.
  for (const members of Object.values(out))
    for (const api of Object.values(members)) {
      if (api.enum && kinds.get(api.enum) !== 'enum') delete api.enum;
      // A property typed with an enum holds a string: nothing to wrap.
      if (api.type && kinds.get(api.type) === 'enum') delete api.type;
      api.params = api.params
        ?.map((p) => {
          const { enum: e, type, ...rest } = p;
          return {
            ...rest,
            ...(e && kinds.get(e) === 'enum' ? { enum: e } : {}),
            ...(type && kinds.get(type) === 'interface' ? { type } : {}),
          };
        })
        .filter(Boolean);
      if (api.params && !api.params.some((p) => p.set || p.enum || p.type)) delete api.params;
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

const lowest = (tag: Tag) => tag.parts.map((p) => p.version).sort(versionOrder)[0]!;
const highestOf = (tag: Tag) =>
  tag.parts
    .map((p) => p.version)
    .sort(versionOrder)
    .at(-1)!;

/** What one declaration needs, from its tag (and its parameters' own tags). */
function memberApi(
  tag: Tag | null,
  comment: string,
  isProperty: boolean,
  declared: string | undefined,
  params: { name: string; declared: string }[],
): MemberApi {
  const set = tag ? `${tag.name} ${lowest(tag)}` : null;
  const api: MemberApi = { set };
  if (tag && tag.parts.length > 1 && highestOf(tag) !== lowest(tag))
    api.highest = `${tag.name} ${highestOf(tag)}`;
  const type = declared ? classType(declared) : undefined;
  if (type) api.type = type;
  if (isProperty) {
    const writing = tag?.parts.find((p) => /\bset/i.test(p.about));
    if (writing && tag) api.write = `${tag.name} ${writing.version}`;
    const e = declared ? excelName(declared) : undefined;
    if (e) api.enum = e;
    return api;
  }
  // "1.15 for adding `alwaysInsert` parameter", "1.7 for password": a version tied to a parameter.
  const names = params.map((p) => p.name);
  const paramSets = new Map<string, string>();
  for (const part of tag?.parts ?? []) {
    const named = names.find((n) => new RegExp(`\\b${n}\\b`).test(part.about));
    if (named) paramSets.set(named, `${tag!.name} ${part.version}`);
  }
  // `@param name … [Api set: ExcelApi 1.10 for string, 1.11 for …]`: the parameter from its lowest.
  for (const m of comment.matchAll(/@param (\w+)[^\n]*?\[Api set: (ExcelApi\w*) ([^\]]+)\]/g)) {
    const t = tagOf(`[Api set: ${m[2]} ${m[3]}]`);
    if (t && names.includes(m[1]!)) paramSets.set(m[1]!, `${t.name} ${lowest(t)}`);
  }
  api.params = params.map(({ name, declared: d }) => {
    const e = excelName(d);
    return {
      name,
      ...(paramSets.has(name) && paramSets.get(name) !== set ? { set: paramSets.get(name)! } : {}),
      ...(e ? { enum: e, type: e } : {}),
    };
  });
  return api;
}

/** Overloads of one method: the lowest set, the highest version, every parameter seen. */
function merge(a: MemberApi, b: MemberApi): MemberApi {
  const sets = [a.set, b.set].filter((s): s is string => s !== null);
  const byVersion = (x: string, y: string) => versionOrder(x.split(' ')[1]!, y.split(' ')[1]!);
  const sameSet = sets.every((s) => s.split(' ')[0] === 'ExcelApi');
  const set = sets.length
    ? sameSet
      ? [...sets].sort(byVersion)[0]!
      : (sets.find((s) => s.startsWith('ExcelApi ')) ?? sets[0]!)
    : null;
  const merged: MemberApi = { ...a, set };
  const highest = [a.highest, b.highest, a.set, b.set]
    .filter((s): s is string => !!s && s.startsWith('ExcelApi '))
    .sort(byVersion)
    .at(-1);
  if (highest && highest !== set) merged.highest = highest;
  else delete merged.highest;
  if (!merged.type && b.type) merged.type = b.type;
  if (b.params) {
    const params = [...(a.params ?? [])];
    b.params.forEach((p, i) => {
      const same = params[i];
      if (!same) params[i] = p;
      else if (same.name === p.name) params[i] = { ...p, ...same };
    });
    merged.params = params;
  }
  return merged;
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
