/**
 * Schema validation of Office Open XML packages (.xlsx, .docx) against the ECMA-376 transitional
 * schemas committed in vendor/schemas/ooxml-transitional, with xmllint.
 *
 * Each XML part goes through Markup Compatibility processing first, as Word and Excel do (ECMA-376
 * Part 3): elements and attributes of the namespaces a part lists in `mc:Ignorable` are dropped,
 * `mc:AlternateContent` is replaced by the content of its `mc:Fallback`. `xml:space` on
 * SpreadsheetML `<t>` is dropped too (Excel itself writes it; the schema does not declare it).
 * The part is then validated against the schema of its root element's namespace. Parts of the
 * same schema are validated in one xmllint run, so each schema is compiled once.
 *
 * Nothing is skipped silently: every part ends up in the returned list as validated, well-formed
 * only (with the reason it has no schema), a nested package (validated part by part), or binary.
 * An XML part whose root namespace is neither mapped nor known to have no schema is a failure.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';

const SCHEMAS = fileURLToPath(new URL('../../vendor/schemas/ooxml-transitional/', import.meta.url));

const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Root element namespace → schema file (relative to the schema folder), as its README maps them. */
export const SCHEMA_OF_ROOT: Readonly<Record<string, string>> = {
  [SML]: 'sml.xsd',
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'wml.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/chart': 'dml-chart.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing': 'dml-spreadsheetDrawing.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'dml-main.xsd',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'opc-xsd/opc-contentTypes.xsd',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'opc-xsd/opc-relationships.xsd',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'opc-xsd/opc-coreProperties.xsd',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties':
    'shared-documentPropertiesExtended.xsd',
  'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties':
    'shared-documentPropertiesCustom.xsd',
  'http://schemas.openxmlformats.org/officeDocument/2006/customXml': 'shared-customXmlDataProperties.xsd',
};

/** How one part was checked. */
export type PartCheck =
  | { part: string; kind: 'validated'; schema: string }
  | { part: string; kind: 'package' }
  | { part: string; kind: 'binary' };

export interface PackageReport {
  /** Label of the package (a file name; nested packages read "outer.docx › word/embeddings/x.xlsx"). */
  file: string;
  parts: PartCheck[];
}

/** A part that is not valid: the file, the part and the first schema error. */
export interface InvalidPart {
  file: string;
  part: string;
  schema: string;
  error: string;
}

interface PendingPart {
  file: string;
  part: string;
  schema: string;
  xml: string;
}

/** A start tag, end tag or other markup token of an XML text, or the text between them. */
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/[^>]+>|<[^!?/](?:"[^"]*"|'[^']*'|[^'">])*>|[^<]+/g;
const ATTRIBUTE = /([^\s=/]+)\s*=\s*("[^"]*"|'[^']*')/g;

interface Scope {
  ns: Map<string, string>;
  ignorable: Set<string>;
}

function split(qname: string): [prefix: string, local: string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

function decodeAttribute(quoted: string): string {
  return quoted
    .slice(1, -1)
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Markup Compatibility processing for a consumer that understands exactly the namespaces of the
 * transitional schemas (so every namespace a part declares ignorable is ignored). Returns the XML
 * and the namespace of its root element. Expects well-formed XML (xmllint checks that afterwards).
 */
export function applyMarkupCompatibility(xml: string): { xml: string; rootNamespace: string } {
  const out: string[] = [];
  const scopes: Scope[] = [{ ns: new Map([['xml', XML_NS]]), ignorable: new Set() }];
  // Depth inside content being dropped (an ignorable element, mc:Choice, or AlternateContent
  // without Fallback); 0 when writing.
  let dropDepth = 0;
  // For each open mc:AlternateContent / mc:Fallback we pass through: it is not written itself.
  const unwrapped: boolean[] = [];
  let rootNamespace = '';
  for (const [token] of xml.matchAll(TOKEN)) {
    if (token.startsWith('</')) {
      scopes.pop();
      if (dropDepth > 0) {
        dropDepth--;
        continue;
      }
      if (unwrapped.pop()) continue;
      out.push(token);
      continue;
    }
    if (!token.startsWith('<') || token.startsWith('<!') || token.startsWith('<?')) {
      if (dropDepth === 0) out.push(token);
      continue;
    }
    // A start tag (or an empty element).
    const selfClosing = token.endsWith('/>');
    const body = token.slice(1, selfClosing ? -2 : -1);
    const name = /^[^\s/>]+/.exec(body)![0];
    const attributes = [...body.slice(name.length).matchAll(ATTRIBUTE)].map((m) => ({
      name: m[1]!,
      raw: m[0],
      value: decodeAttribute(m[2]!),
    }));
    const parent = scopes[scopes.length - 1]!;
    const scope: Scope = { ns: new Map(parent.ns), ignorable: new Set(parent.ignorable) };
    for (const a of attributes) {
      if (a.name === 'xmlns') scope.ns.set('', a.value);
      else if (a.name.startsWith('xmlns:')) scope.ns.set(a.name.slice(6), a.value);
    }
    const uri = (prefix: string) => scope.ns.get(prefix) ?? '';
    for (const a of attributes) {
      const [p, local] = split(a.name);
      if (p && uri(p) === MC && local === 'Ignorable') {
        for (const prefix of a.value.split(/\s+/).filter(Boolean)) scope.ignorable.add(uri(prefix));
      }
    }
    const [prefix, local] = split(name);
    const elementNs = uri(prefix);
    if (!rootNamespace) rootNamespace = elementNs;

    let drop = dropDepth > 0 || scope.ignorable.has(elementNs);
    let unwrap = false;
    if (!drop && elementNs === MC) {
      // AlternateContent: write nothing of its own; keep only the Fallback's content.
      if (local === 'AlternateContent' || local === 'Fallback') unwrap = true;
      else drop = true; // mc:Choice (we take the Fallback)
    }
    if (selfClosing) {
      if (!drop && !unwrap) out.push(rewriteTag(name, attributes, scope, elementNs, local, true));
      continue;
    }
    scopes.push(scope);
    if (drop) dropDepth++;
    else if (unwrap) unwrapped.push(true);
    else {
      unwrapped.push(false);
      out.push(rewriteTag(name, attributes, scope, elementNs, local, false));
    }
  }
  if (dropDepth !== 0 || scopes.length !== 1) throw new Error('not well-formed XML (unbalanced tags)');
  return { xml: out.join(''), rootNamespace };
}

/** The start tag without ignorable attributes, mc: attributes, or xml:space on SpreadsheetML t. */
function rewriteTag(
  name: string,
  attributes: { name: string; raw: string }[],
  scope: Scope,
  elementNs: string,
  local: string,
  selfClosing: boolean,
): string {
  const kept = attributes.filter((a) => {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) return true;
    const [p, l] = split(a.name);
    if (!p) return true;
    const ns = scope.ns.get(p) ?? '';
    if (ns === MC || scope.ignorable.has(ns)) return false;
    if (ns === XML_NS && l === 'space' && elementNs === SML && local === 't') return false;
    return true;
  });
  return `<${name}${kept.map((a) => ` ${a.raw}`).join('')}${selfClosing ? '/>' : '>'}`;
}

/**
 * Parts that are XML but have no schema in ECMA-376, with the reason. They must still be
 * well-formed (xmllint parses them). Anything else without a schema fails the check.
 */
const NO_SCHEMA: readonly { part: RegExp; why: string }[] = [
  { part: /^customXml\/item\d+\.xml$/, why: 'custom XML data: its own schema, not ECMA-376' },
];

/** Unpacks a package into part checks, recursing into embedded packages. */
function collect(
  file: string,
  bytes: Uint8Array,
  reports: PackageReport[],
  pending: PendingPart[],
  wellFormedOnly: PendingPart[],
  unknown: InvalidPart[],
): void {
  const report: PackageReport = { file, parts: [] };
  reports.push(report);
  for (const [part, data] of Object.entries(unzipSync(bytes))) {
    if (part.endsWith('/')) continue; // a folder entry
    if (/\.(xlsx|docx|xlsm|docm)$/i.test(part)) {
      report.parts.push({ part, kind: 'package' });
      collect(`${file} › ${part}`, data, reports, pending, wellFormedOnly, unknown);
      continue;
    }
    if (!/\.(xml|rels|vml)$/i.test(part)) {
      report.parts.push({ part, kind: 'binary' });
      continue;
    }
    const text = strFromU8(data);
    const noSchema = NO_SCHEMA.find((n) => n.part.test(part));
    if (noSchema) {
      report.parts.push({ part, kind: 'validated', schema: `well-formed only (${noSchema.why})` });
      wellFormedOnly.push({ file, part, schema: 'well-formed', xml: text });
      continue;
    }
    let processed: { xml: string; rootNamespace: string };
    try {
      processed = applyMarkupCompatibility(text);
    } catch (e) {
      unknown.push({ file, part, schema: '-', error: (e as Error).message });
      continue;
    }
    const schema = SCHEMA_OF_ROOT[processed.rootNamespace];
    if (!schema) {
      unknown.push({
        file,
        part,
        schema: '-',
        error: `no schema for the root namespace "${processed.rootNamespace}" (map it in SCHEMA_OF_ROOT or explain in NO_SCHEMA)`,
      });
      continue;
    }
    report.parts.push({ part, kind: 'validated', schema });
    pending.push({ file, part, schema, xml: processed.xml });
  }
}

/** First error xmllint printed for each file it failed: temp file path → message. */
function firstErrors(stderr: string): Map<string, string> {
  const errors = new Map<string, string>();
  for (const line of stderr.split('\n')) {
    const m = /^(.+?\.xml):(\d+): (.*)$/.exec(line);
    if (m && !errors.has(m[1]!)) errors.set(m[1]!, `line ${m[2]}: ${m[3]!.trim()}`);
    const f = /^(.+?\.xml) fails to validate$/.exec(line);
    if (f && !errors.has(f[1]!)) errors.set(f[1]!, 'fails to validate');
  }
  return errors;
}

const run = promisify(execFile);

async function xmllintBatch(
  xmllint: string,
  dir: string,
  schema: string | null,
  parts: PendingPart[],
  offset: number,
): Promise<InvalidPart[]> {
  const files = parts.map((p, i) => {
    const path = join(dir, `${String(offset + i).padStart(5, '0')}.xml`);
    writeFileSync(path, p.xml);
    return path;
  });
  const args = ['--noout', '--nonet', ...(schema ? ['--schema', join(SCHEMAS, schema)] : []), ...files];
  // xmllint exits non-zero when a file fails; its messages are what we want either way.
  const stderr = await run(xmllint, args, { maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stderr,
    (e: { stderr?: string }) => e.stderr ?? String(e),
  );
  if (/failed to compile/.test(stderr)) throw new Error(`schema ${schema} failed to compile:\n${stderr}`);
  const errors = firstErrors(stderr);
  return parts.flatMap((p, i) => {
    const error = errors.get(files[i]!);
    return error ? [{ file: p.file, part: p.part, schema: schema ?? 'well-formed', error }] : [];
  });
}

/**
 * Validates every part of every package. Returns what was checked and the invalid parts (the
 * first error of each).
 */
export async function validatePackages(
  xmllint: string,
  packages: readonly { file: string; bytes: Uint8Array }[],
): Promise<{ reports: PackageReport[]; invalid: InvalidPart[] }> {
  const reports: PackageReport[] = [];
  const pending: PendingPart[] = [];
  const wellFormedOnly: PendingPart[] = [];
  const invalid: InvalidPart[] = [];
  for (const { file, bytes } of packages) collect(file, bytes, reports, pending, wellFormedOnly, invalid);
  const dir = mkdtempSync(join(tmpdir(), 'dmf-ooxml-'));
  try {
    const bySchema = new Map<string, PendingPart[]>();
    for (const p of pending) bySchema.set(p.schema, [...(bySchema.get(p.schema) ?? []), p]);
    let offset = 0;
    const batches: Promise<InvalidPart[]>[] = [];
    for (const [schema, parts] of bySchema) {
      batches.push(xmllintBatch(xmllint, dir, schema, parts, offset));
      offset += parts.length;
    }
    if (wellFormedOnly.length) batches.push(xmllintBatch(xmllint, dir, null, wellFormedOnly, offset));
    for (const found of await Promise.all(batches)) invalid.push(...found);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { reports, invalid };
}

/** One line per invalid part: file, part, schema and the first error. */
export function describeInvalid(invalid: readonly InvalidPart[]): string {
  return invalid.map((i) => `${i.file}: ${i.part} (${i.schema}): ${i.error}`).join('\n');
}
