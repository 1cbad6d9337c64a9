// How the speed part of patches/docx+9.15.2.patch for docx's core and HTML import was made
// (docs/performance.md, "Issue 24, session 7: docx's cost per brief"). Run once on docx 9.15.2 as
// published, then `npx patch-package docx` writes the patch; postinstall applies the patch, never
// this script. Every edit replaces one published function by one that returns the same thing
// faster, and must match the published text exactly as many times as it says, in every build the
// project may load (ESM for Node and webpack, CommonJS, UMD, IIFE), or the script stops: a docx
// upgrade that changed a function shows here instead of being patched silently.
//   node scripts/docx-speed-edits.mjs [--only NAME[,NAME]] [node_modules/docx/dist]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// --only NAME[,NAME]: those edits alone (to add an edit to a docx that has the others already).
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args.splice(onlyAt, 2)[1].split(',')) : undefined;
const dist = args[0] ?? 'node_modules/docx/dist';
const MARK = 'dgx-maturity patch, docs/performance.md';

/**
 * An edit: the published text (its lines; any indentation before each, as the UMD and IIFE builds
 * indent the module one level deeper) and the text that replaces it, indented as the first line was.
 */
const edits = [];
const edit = (name, files, count, from, to) => edits.push({ name, files, count, from, to });

const ALL = ['index', 'html', 'charts', 'math'];
const FORMATS = ['mjs', 'cjs', 'umd.cjs', 'iife.js'];

// Babel's defineProperty helper: class fields and object spreads call it for every key. A string
// key is its own property key (toPropertyKey of a string is the string), so skip the typeof chain.
edit(
  'defineProperty',
  ALL,
  1,
  `function _defineProperty(e, r, t) {
	return (r = toPropertyKey(r)) in e ? Object.defineProperty(e, r, {`,
  `function _defineProperty(e, r, t) {
	/* ${MARK}: a string key is its own property key */
	return (r = typeof r === "string" ? r : toPropertyKey(r)) in e ? Object.defineProperty(e, r, {`,
);

// Babel's objectSpread2 helper: every object spread and every spread with properties beside it
// calls it, and it copies each key through a closure, `_defineProperty` and, for the literal's
// properties, their descriptors. One loop assigning each own enumerable key (symbols too) gives the
// same object where every call spreads into a fresh object and gives object literals without getters
// or setters beside the spreads: test/report/docx-object-spread.test.ts checks every call of every
// build for that. "__proto__" is defined, not assigned, so it stays a key as before. Measured in
// session 10 (docs/performance.md, "Issue 24, session 10"): the HTML import of a brief −15 to −20%.
edit(
  'objectSpread2',
  ALL,
  1,
  `function _objectSpread2(e) {
	for (var r = 1; r < arguments.length; r++) {
		var t = null != arguments[r] ? arguments[r] : {};
		r % 2 ? ownKeys(Object(t), !0).forEach(function(r) {
			_defineProperty(e, r, t[r]);
		}) : Object.getOwnPropertyDescriptors ? Object.defineProperties(e, Object.getOwnPropertyDescriptors(t)) : ownKeys(Object(t)).forEach(function(r) {
			Object.defineProperty(e, r, Object.getOwnPropertyDescriptor(t, r));
		});
	}
	return e;
}`,
  `function _objectSpread2(e) {
	/* ${MARK}: each own enumerable key assigned in one loop */
	for (var r = 1; r < arguments.length; r++) {
		var t = arguments[r];
		if (t === null || t === void 0) continue;
		var keys = Object.keys(t);
		for (var i = 0; i < keys.length; i++) {
			var k = keys[i];
			if (k === "__proto__") _defineProperty(e, k, t[k]);
			else e[k] = t[k];
		}
		var symbols = Object.getOwnPropertySymbols(t);
		for (var j = 0; j < symbols.length; j++) if (Object.prototype.propertyIsEnumerable.call(t, symbols[j])) e[symbols[j]] = t[symbols[j]];
	}
	return e;
}`,
);

// Attributes given as { key, value } pairs: one object filled in order instead of a spread copy
// of all the keys so far for each key (quadratic). A key seen before keeps its place and takes the
// later value, as with the spreads; defined as a data property, so "__proto__" stays a key.
edit(
  'NextAttributeComponent',
  ['index'],
  1,
  `		return { _attr: Object.values(this.root).filter(({ value }) => value !== void 0).reduce((acc, { key, value }) => _objectSpread2(_objectSpread2({}, acc), {}, { [key]: value }), {}) };`,
  `		/* ${MARK}: one object filled in order, not a spread copy per key */
		const attrs = {};
		for (const { key, value } of Object.values(this.root)) if (value !== void 0) Object.defineProperty(attrs, key, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		return { _attr: attrs };`,
);

// Every element's children: one loop instead of flatMap (an array per child) then filter.
// flatMap flattens an array a child returns by one level; undefined is left out, as filter did.
edit(
  'BaseXmlComponent.prepForXml',
  ['index'],
  1,
  `		context.stack.push(this);
		const children = this.root.flatMap((comp) => {
			if (isXmlComponent(comp)) {
				const parts = comp.writtenAs;
				return parts ? parts.map((part) => part.prepForXml(context)) : comp.prepForXml(context);
			}
			return comp;
		}).filter((comp) => comp !== void 0);
		context.stack.pop();`,
  `		context.stack.push(this);
		/* ${MARK}: flatMap and filter in one loop */
		const children = [];
		const add = (item) => {
			if (Array.isArray(item)) {
				for (const each of item) if (each !== void 0) children.push(each);
			} else if (item !== void 0) children.push(item);
		};
		for (const comp of this.root) if (isXmlComponent(comp)) {
			const parts = comp.writtenAs;
			if (parts) for (const part of parts) {
				const prepared = part.prepForXml(context);
				if (prepared !== void 0) children.push(prepared);
			}
			else add(comp.prepForXml(context));
		} else add(comp);
		context.stack.pop();`,
);

// Escaping the text and attribute values docx writes: most have nothing to escape; test once
// before replacing. (escapeText, used only to patch a template document, is left as published.)
edit(
  'escapeAll',
  ['index'],
  1,
  `var escapeAll = (value) => value.replace(`,
  `/* ${MARK}: most values have nothing to escape */
var ESCAPED_ALL = /[&"'<>\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]/;
var escapeAll = (value) => !ESCAPED_ALL.test(value) ? value : value.replace(`,
);
// HTML text: most has no character XML forbids and no surrogate; one test before two replaces.
edit(
  'withoutInvalidCharacters',
  ['html'],
  1,
  `var withoutInvalidCharacters = (text) => text.replace(`,
  `/* ${MARK}: most text has nothing to remove */
var MAYBE_INVALID = /[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF\\uD800-\\uDFFF]/;
var withoutInvalidCharacters = (text) => !MAYBE_INVALID.test(text) ? text : text.replace(`,
);

// Neighbouring runs usually share the very same format object.
edit(
  'sameFormat',
  ['html'],
  1,
  `var sameFormat = (a, b) => JSON.stringify(a) === JSON.stringify(b);`,
  `/* ${MARK}: the same object is the same format */
var sameFormat = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);`,
);

// The author style sheets' rules, compiled once for the same style sheets (a template's CSS and
// style map are the same for every document): the rules are only read after, never changed.
edit(
  'compileRules',
  ['html'],
  1,
  `var compileRules = (styleSheets, firstOrder) => {
	let order = firstOrder;`,
  `var compiledRules = /* @__PURE__ */ new Map();
var COMPILED_RULES_KEPT = 16;
/* ${MARK}: the same style sheets compile to the same rules; remembered for the last few */
var compileRules = (styleSheets, firstOrder) => {
	const key = JSON.stringify([firstOrder, styleSheets]);
	const known = compiledRules.get(key);
	if (known !== void 0) return known;
	const rules = compileRulesPublished(styleSheets, firstOrder);
	if (compiledRules.size >= COMPILED_RULES_KEPT) compiledRules.delete(compiledRules.keys().next().value);
	compiledRules.set(key, rules);
	return rules;
};
var compileRulesPublished = (styleSheets, firstOrder) => {
	let order = firstOrder;`,
);

// The paragraph styles a table of contents and SEQ fields' heading levels read: both ask for them
// while the same body is written, and each time docx wrote all the styles' XML to read them.
// Remembered for that body's context (the styles do not change while it is written).
edit(
  'stylesOf',
  ['index'],
  1,
  `var stylesOf = (context) => {
	var _context$file;`,
  `/* ${MARK}: the styles read once for a body's context */
var stylesOfContext = /* @__PURE__ */ new WeakMap();
var stylesOf = (context) => {
	var _context$file2;
	const styles = (_context$file2 = context.file) === null || _context$file2 === void 0 ? void 0 : _context$file2.Styles;
	if (styles === void 0 || styles === null) return stylesOfPublished(context);
	let known = stylesOfContext.get(context);
	if (known === void 0 || known.styles !== styles) {
		known = {
			styles,
			map: stylesOfPublished(context)
		};
		stylesOfContext.set(context, known);
	}
	return known.map;
};
var stylesOfPublished = (context) => {
	var _context$file;`,
);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let failed = false;
for (const { name, files, count, from, to } of edits.filter((e) => !only || only.has(e.name))) {
  for (const file of files) {
    for (const format of FORMATS) {
      const target = path.join(dist, `${file}.${format}`);
      const text = readFileSync(target, 'utf8');
      const lines = from.split('\n');
      const pattern = new RegExp(
        `^([\\t ]*)${lines.map((l) => escape(l.replace(/^\t*/, ''))).join('\\n[\\t ]*')}`,
        'gm',
      );
      const found = [...text.matchAll(pattern)].length;
      if (found !== count) {
        console.error(`${target}: ${name} found ${found} times, expected ${count}`);
        failed = true;
        continue;
      }
      const base = (indent) => (line) =>
        line === '' ? line : indent + line.replace(/^\t*/, (t) => t.slice(lines[0].match(/^\t*/)[0].length));
      const replaced = text.replace(pattern, (_m, indent) => to.split('\n').map(base(indent)).join('\n'));
      writeFileSync(target, replaced);
    }
  }
}
if (failed) process.exit(1);
console.log(`docx ${dist}: ${only ? only.size : edits.length} speed edits applied`);
