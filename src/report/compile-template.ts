/**
 * Report templates: a folder of Handlebars files given as a map of file name → text, so the CLI
 * (from disk) and the Excel add-in (bundled) compile them the same way.
 *
 * Layout of a template folder (docs/templates.md):
 *   main.hbs          the document (required)
 *   partials/*.hbs    partials, named by file name: partials/element.hbs is {{> element}}
 *   style.css         CSS for the HTML (optional): table borders, spacing, alignment
 *   style-map.json    CSS selector → Word style id (optional), e.g. { "p.lead": "Lead" }
 *
 * Safety: templates are compiled in strict mode (a missing variable is an error naming file and
 * line), prototype access stays disabled (Handlebars' default, never loosened), names that reach
 * into JavaScript internals are refused before anything runs, and every failure becomes a
 * TemplateError naming the file and, when Handlebars knows it, the line.
 */
import Handlebars from 'handlebars';
import { MARKERS, MARKER_TAG, TOC_PAGES, tocPagesAttribute } from './html-blocks.js';
import { TemplateError, positionOf } from './template-error.js';
import { reportHelpers } from './template-helpers.js';
import type { ReportViewModel } from './view-model.js';
import { REPORT_STYLE_IDS } from './style-ids.js';

/** A template as files: path relative to the template folder, with "/" separators → file text. */
export type TemplateFiles = Readonly<Record<string, string>>;

export const MAIN_TEMPLATE = 'main.hbs';
export const STYLESHEET_FILE = 'style.css';
export const STYLE_MAP_FILE = 'style-map.json';

/**
 * A template ready to render. The view model is a department's report by default; the batch's
 * cross-government summary uses the same machinery with its own view model.
 */
export interface CompiledTemplate<VM extends object = ReportViewModel> {
  /** Renders the view model to HTML; throws TemplateError. */
  render(viewModel: VM): string;
  /** CSS handed to the HTML import. */
  stylesheet: string;
  /** CSS selector → Word style id. */
  styleMap: Readonly<Record<string, string>>;
}

/** Names that lead from data to JavaScript's machinery; no view model field has them. */
const FORBIDDEN = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

/** A template's output is a report, not a denial of service: stop past this many characters. */
const MAX_HTML_LENGTH = 50_000_000;

const COMPILE_OPTIONS = {
  strict: true,
  // Indenting a partial's output would add spaces to multi-line workbook text shown pre-wrapped.
  preventIndent: true,
} as const;

const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

const partialName = (file: string) => file.replace(/^partials\//, '').replace(/\.hbs$/, '');

/** Compiles a template's files; throws TemplateError for the first problem found. */
export function compileTemplate<VM extends object = ReportViewModel>(
  files: TemplateFiles,
): CompiledTemplate<VM> {
  const { asts, partials } = checkedTemplate(files);
  return assemble<VM>(files, partials, (env, file) => env.compile(asts.get(file)!, COMPILE_OPTIONS));
}

/** A precompiled template file as Handlebars' runtime takes it (`Handlebars.template`). */
export type PrecompiledSpecs = Readonly<Record<string, Parameters<typeof Handlebars.template>[0]>>;

/**
 * The template's .hbs files precompiled, after the same checks as `compileTemplate`: file → the
 * JavaScript source of its template (`Handlebars.precompile`). For a build step: the Excel add-in
 * bundles these as code, so it renders reports without compiling any (its Content Security Policy
 * forbids eval, which `Handlebars.compile` needs).
 */
export function precompileTemplate(files: TemplateFiles): Record<string, string> {
  const { asts } = checkedTemplate(files);
  return Object.fromEntries(
    [...asts].map(([file, ast]) => [file, Handlebars.precompile(ast, COMPILE_OPTIONS) as unknown as string]),
  );
}

/** A template from `precompileTemplate`'s output (as code), rendering exactly as `compileTemplate`'s. */
export function templateFromPrecompiled<VM extends object = ReportViewModel>(
  files: TemplateFiles,
  specs: PrecompiledSpecs,
): CompiledTemplate<VM> {
  const { partials } = partialFiles(files);
  return assemble<VM>(files, partials, (env, file) => {
    const spec = specs[file];
    if (!spec) throw new TemplateError(file, null, null, 'the template file was not precompiled');
    return env.template(spec);
  });
}

function partialFiles(files: TemplateFiles) {
  const hbsFiles = Object.keys(files)
    .filter((f) => f.endsWith('.hbs'))
    .sort();
  const partials = new Map(hbsFiles.filter((f) => f !== MAIN_TEMPLATE).map((f) => [partialName(f), f]));
  return { hbsFiles, partials };
}

/** The files parsed and checked: every problem a TemplateError naming file and line. */
function checkedTemplate(files: TemplateFiles) {
  const main = files[MAIN_TEMPLATE];
  if (main === undefined) {
    throw new TemplateError(
      MAIN_TEMPLATE,
      null,
      null,
      'the template has no main.hbs (the document template)',
    );
  }
  const { hbsFiles, partials } = partialFiles(files);
  const asts = new Map(hbsFiles.map((f) => [f, parse(f, files[f]!)]));
  const inlineNames = new Set([...asts.values()].flatMap(inlinePartialNames));
  for (const [file, ast] of asts) {
    checkAst(file, ast, (name) => partials.has(name) || inlineNames.has(name), [...partials.keys()]);
    checkMarkers(file, files[file]!);
    strictArguments(ast);
  }
  return { asts, partials };
}

/** The environment (helpers, partials) and the render function, however each file was compiled. */
function assemble<VM extends object>(
  files: TemplateFiles,
  partials: ReadonlyMap<string, string>,
  make: (env: typeof Handlebars, file: string) => HandlebarsTemplateDelegate,
): CompiledTemplate<VM> {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(reportHelpers)) env.registerHelper(name, helper);
  for (const [name, file] of partials) {
    const compiled = make(env, file);
    env.registerPartial(name, ((context: unknown, options: unknown) => {
      try {
        return compiled(context, options as Handlebars.RuntimeOptions);
      } catch (e) {
        throw asTemplateError(e, file);
      }
    }) as unknown as Handlebars.Template);
  }
  const mainCompiled = make(env, MAIN_TEMPLATE);

  return {
    render(viewModel) {
      let html: string;
      try {
        html = mainCompiled(viewModel, RUNTIME_OPTIONS);
      } catch (e) {
        throw asTemplateError(e, MAIN_TEMPLATE);
      }
      if (html.length > MAX_HTML_LENGTH) {
        throw new TemplateError(
          MAIN_TEMPLATE,
          null,
          null,
          'the template produced more than 50 million characters',
        );
      }
      return html;
    },
    stylesheet: files[STYLESHEET_FILE] ?? '',
    styleMap: files[STYLE_MAP_FILE] === undefined ? {} : parseStyleMap(files[STYLE_MAP_FILE]),
  };
}

type Node = { type?: string; loc?: { start: { line: number; column: number } } } & Record<string, unknown>;

function parse(file: string, source: string): hbs.AST.Program {
  try {
    return Handlebars.parse(source);
  } catch (e) {
    throw asTemplateError(e, file);
  }
}

/** Every node of a Handlebars AST (it is plain data: nodes with a `type`, linked by properties). */
function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const v of value) yield* nodes(v);
  } else if (value && typeof value === 'object') {
    const node = value as Node;
    if (typeof node.type === 'string') yield node;
    for (const [k, v] of Object.entries(node)) if (k !== 'loc') yield* nodes(v);
  }
}

function fail(file: string, node: Node, reason: string): never {
  const loc = node.loc?.start;
  throw new TemplateError(file, loc ? loc.line : null, loc ? loc.column + 1 : null, reason);
}

function inlinePartialNames(ast: hbs.AST.Program): string[] {
  return [...nodes(ast)].flatMap((n) => {
    const path = n.path as Node | undefined;
    const first = (n.params as Node[] | undefined)?.[0];
    return n.type === 'DecoratorBlock' && path?.original === 'inline' && first?.type === 'StringLiteral'
      ? [String(first.value)]
      : [];
  });
}

/** Refuses what no report template needs: JavaScript internals, unknown partials and helpers. */
function checkAst(
  file: string,
  ast: hbs.AST.Program,
  partialExists: (name: string) => boolean,
  partialNames: string[],
): void {
  for (const n of nodes(ast)) {
    if (n.type === 'PathExpression') {
      const bad = (n.parts as string[]).find((p) => FORBIDDEN.has(p));
      if (bad) fail(file, n, `"${bad}" is not allowed in templates (it is not a view model field)`);
    }
    if (n.type === 'StringLiteral' && FORBIDDEN.has(String(n.value))) {
      fail(file, n, `"${String(n.value)}" is not allowed in templates (it is not a view model field)`);
    }
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = n.name as Node;
      if (
        name.type === 'PathExpression' &&
        name.original !== '@partial-block' &&
        !partialExists(String(name.original))
      ) {
        fail(
          file,
          n,
          `there is no partial "${String(name.original)}" (partials are the .hbs files of partials/: ` +
            `${partialNames.join(', ') || 'none'})`,
        );
      }
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const path = n.path as Node;
      const takesArguments = (n.params as unknown[]).length > 0 || n.hash !== undefined;
      const name = String(path.original);
      if (
        path.type === 'PathExpression' &&
        takesArguments &&
        !path.data &&
        !BUILT_IN_HELPERS.has(name) &&
        !(name in reportHelpers)
      ) {
        fail(
          file,
          path,
          `there is no helper "${name}" (helpers: ${[...BUILT_IN_HELPERS, ...Object.keys(reportHelpers)].join(', ')})`,
        );
      }
    }
  }
}

/**
 * Handlebars' strict mode checks the names a template prints, but not the arguments of helpers and
 * blocks: `{{#if cover.departmnet}}` would quietly be false. Marking those paths strict makes the
 * compiler look them up as it does printed names, so a misspelt field is an error there too.
 * (Data variables such as `@index` and block parameters are left as they are.)
 */
function strictArguments(ast: hbs.AST.Program): void {
  for (const n of nodes(ast)) {
    const args = [
      ...((n.params as Node[] | undefined) ?? []),
      ...(((n.hash as Node | undefined)?.pairs as Node[] | undefined) ?? []).map((p) => p.value as Node),
    ];
    for (const a of args) {
      if (a.type === 'PathExpression' && !a.data && (a.parts as string[]).length > 0) a.strict = true;
    }
  }
}

/** Marker elements must be ones the renderer knows, or the content would silently go missing. */
function checkMarkers(file: string, source: string): void {
  for (const m of source.matchAll(MARKER_TAG)) {
    const name = m[1]!.toLowerCase();
    if (!(MARKERS as readonly string[]).includes(name)) {
      const { line, column } = positionOf(source, m.index);
      throw new TemplateError(
        file,
        line,
        column,
        `unknown marker <dmf-${name}> (markers: ${MARKERS.map((k) => `<dmf-${k}>`).join(', ')})`,
      );
    }
    const pages = name === 'toc' ? tocPagesAttribute(m[2] ?? '') : undefined;
    if (pages !== undefined && !(TOC_PAGES as readonly string[]).includes(pages.toLowerCase())) {
      const { line, column } = positionOf(source, m.index);
      throw new TemplateError(
        file,
        line,
        column,
        `<dmf-toc pages="${pages}">: pages is "by-design" or "layout"`,
      );
    }
  }
}

/** Turns whatever a template threw into a TemplateError naming `file` (the innermost one wins). */
function asTemplateError(e: unknown, file: string): TemplateError {
  if (e instanceof TemplateError) return e;
  if (e instanceof Error && /maximum call stack/i.test(e.message)) {
    return new TemplateError(
      file,
      null,
      null,
      'partials include each other without end (a partial calls itself?)',
    );
  }
  const err = (e ?? {}) as { message?: unknown; lineNumber?: unknown; column?: unknown };
  let message = String(err.message ?? e).replace(/ - \d+:\d+$/, '');
  let line = typeof err.lineNumber === 'number' ? err.lineNumber : null;
  let column = typeof err.column === 'number' ? err.column + 1 : null;

  const parseError = /^Parse error on line (\d+):\n([^\n]*)\n(-*)\^\n(.*)$/s.exec(message);
  if (parseError) {
    line = Number(parseError[1]);
    column = null;
    const got = /got '([^']+)'/.exec(parseError[4]!)?.[1];
    message = `syntax error${got ? ` (unexpected ${got === 'EOF' ? 'end of file' : got})` : ''} near "${parseError[2]!.trim()}"`;
  }
  const missing = /^"([^"]+)" not defined in /.exec(message);
  if (missing)
    message = `"${missing[1]}" is not defined here (no such field in the view model; see docs/templates.md)`;
  const notObject = /^Cannot use 'in' operator to search for '([^']+)' in /.exec(message);
  if (notObject) message = `"${notObject[1]}" is looked up in a text or number value, which has no fields`;
  return new TemplateError(file, line, column, message);
}

/** Reads style-map.json: an object of CSS selector → one of the report's Word style ids. */
function parseStyleMap(text: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    const pos = at === null ? null : positionOf(text, at);
    const reason = (e as Error).message.split('\n')[0];
    throw new TemplateError(
      STYLE_MAP_FILE,
      pos?.line ?? null,
      pos?.column ?? null,
      `not valid JSON (${reason})`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new TemplateError(
      STYLE_MAP_FILE,
      null,
      null,
      'must be a JSON object of CSS selector → Word style id',
    );
  }
  const known = new Set<string>(REPORT_STYLE_IDS);
  const map: Record<string, string> = {};
  for (const [selector, style] of Object.entries(data)) {
    const where = text.indexOf(JSON.stringify(selector));
    const pos = where >= 0 ? positionOf(text, where) : null;
    if (typeof style !== 'string' || !known.has(style)) {
      throw new TemplateError(
        STYLE_MAP_FILE,
        pos?.line ?? null,
        pos?.column ?? null,
        `"${selector}" maps to ${JSON.stringify(style)}, which is not a style of the report (styles: ${REPORT_STYLE_IDS.join(', ')})`,
      );
    }
    map[selector] = style;
  }
  return map;
}

/**
 * Where JSON.parse fails, as an offset: the first prefix that fails other than by ending too
 * early ends at the offending character (V8 does not always say the position). Small files only.
 */
function jsonErrorOffset(text: string): number | null {
  if (text.length > 20_000) return null;
  for (let k = 1; k <= text.length; k++) {
    try {
      JSON.parse(text.slice(0, k));
    } catch (e) {
      const message = (e as Error).message;
      const at = /position (\d+)/.exec(message);
      if (at ? Number(at[1]) < k : !/end of JSON input|Unterminated string/i.test(message)) {
        return at ? Number(at[1]) : k - 1;
      }
    }
  }
  return null;
}
