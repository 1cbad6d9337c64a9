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

// Closures made for each call that run hot within it: V8 keeps a function's optimised code only
// while one of its closures lives, so such a callback is compiled again after every full collection
// (in a batch's worker, every few briefs). Measured in session 11 (docs/performance.md, "Issue 24,
// session 11"): about a third of a report worker's CPU went to compiling, half of it again. These
// edits move the hottest callbacks into loops of functions the module keeps; same results, in order.

// Writing the XML: one closure per element written, for its children.
edit(
  'format',
  ['index'],
  1,
  `	if (length === 0) return open + (indent ? "\\n" : "");
	return open + content.map((child) => child === void 0 ? "" : format(child, indent, false)).join("") + (length > 1 ? indents : "") + (name ? \`</\${name}>\` : "") + (indent && !isLast ? "\\n" : "");`,
  `	if (length === 0) return open + (indent ? "\\n" : "");
	/* ${MARK}: the children in a loop, no closure for each element */
	let inner = "";
	for (let index = 0; index < length; index++) {
		const child = content[index];
		if (child !== void 0) inner += format(child, indent, false);
	}
	return open + inner + (length > 1 ? indents : "") + (name ? \`</\${name}>\` : "") + (indent && !isLast ? "\\n" : "");`,
);

// A paragraph's text, for a table of contents' entries: one closure for each paragraph read.
edit(
  'textOf',
  ['index'],
  1,
  `var textOf$1 = (paragraph) => {
	const fields = [];
	const read = (element) => {
		const name = nameOf$4(element);
		if (name !== void 0 && TEXT_CONTAINERS.has(name)) return childrenOf$1(element).map(read).join("");
		if (name === "w:fldChar") {
			const type = attributeOf(element, "w:fldCharType");
			if (type === "begin") fields.push(false);
			else if (type === "separate") fields[fields.length - 1] = true;
			else fields.pop();
			return "";
		}
		return fields.every(Boolean) ? textOfRunContent(element) : "";
	};
	return childrenOf$1(paragraph).map(read).join("");
};`,
  `/* ${MARK}: the text read by a function of the module, the open fields passed along */
var textOf$1 = (paragraph) => textOfElements(childrenOf$1(paragraph), []);
var textOfElements = (elements, fields) => {
	let text = "";
	for (let index = 0; index < elements.length; index++) if (index in elements) text += textOfElement(elements[index], fields);
	return text;
};
var textOfElement = (element, fields) => {
	const name = nameOf$4(element);
	if (name !== void 0 && TEXT_CONTAINERS.has(name)) return textOfElements(childrenOf$1(element), fields);
	if (name === "w:fldChar") {
		const type = attributeOf(element, "w:fldCharType");
		if (type === "begin") fields.push(false);
		else if (type === "separate") fields[fields.length - 1] = true;
		else fields.pop();
		return "";
	}
	return fields.every(Boolean) ? textOfRunContent(element) : "";
};`,
);

// The details of each paragraph that could be a heading: one closure for each body.
edit(
  'paragraphDetailsOf',
  ['index'],
  1,
  `	const bookmarks = followBookmarks ? bookmarksOf(paragraphs) : [];
	return paragraphs.map((element, index) => {
		var _bookmarks$index;
		const properties = childOf$2(element, "w:pPr");
		return {
			element,
			styleId: attributeOf(childOf$2(properties, "w:pStyle"), "w:val"),
			outlineLevel: numberAttributeOf(childOf$2(properties, "w:outlineLvl"), "w:val"),
			text: textOf$1(element),
			bookmarks: (_bookmarks$index = bookmarks[index]) !== null && _bookmarks$index !== void 0 ? _bookmarks$index : /* @__PURE__ */ new Set()
		};
	});
};`,
  `	const bookmarks = followBookmarks ? bookmarksOf(paragraphs) : [];
	/* ${MARK}: a loop, no closure for each body */
	const details = [];
	for (let index = 0; index < paragraphs.length; index++) {
		var _bookmarks$index;
		const element = paragraphs[index];
		const properties = childOf$2(element, "w:pPr");
		details.push({
			element,
			styleId: attributeOf(childOf$2(properties, "w:pStyle"), "w:val"),
			outlineLevel: numberAttributeOf(childOf$2(properties, "w:outlineLvl"), "w:val"),
			text: textOf$1(element),
			bookmarks: (_bookmarks$index = bookmarks[index]) !== null && _bookmarks$index !== void 0 ? _bookmarks$index : /* @__PURE__ */ new Set()
		});
	}
	return details;
};`,
);

// The headings a body's tables of contents list: a chain of closures for each body.
edit(
  'tocHeadings',
  ['index'],
  1,
  `	const headings = paragraphDetailsOf(blocks.filter((block) => nameOf$4(block) === "w:p"), followBookmarks).map((paragraph) => ({
		paragraph,
		levels: tables.map(([, { properties }]) => levelIn(properties, paragraph, styles))
	})).filter(({ levels }) => levels.some((level) => level !== void 0)).map((heading, index) => _objectSpread2(_objectSpread2({}, heading), {}, { id: bookmarkIds.get(index) }));`,
  `	/* ${MARK}: loops, no closures for each body */
	const paragraphs = [];
	for (const block of blocks) if (nameOf$4(block) === "w:p") paragraphs.push(block);
	const headings = [];
	for (const paragraph of paragraphDetailsOf(paragraphs, followBookmarks)) {
		const levels = [];
		for (const [, { properties }] of tables) levels.push(levelIn(properties, paragraph, styles));
		if (levels.some(isDefinedLevel)) headings.push({
			paragraph,
			levels,
			id: bookmarkIds.get(headings.length)
		});
	}`,
);

// The level a heading has in a table of contents, or none: a function of the module.
edit(
  'isDefinedLevel',
  ['index'],
  1,
  `var fillTablesOfContents = (body, context, bookmarkIds, listNumbersOf) => {`,
  `/* ${MARK}: whether a heading has a level in a table of contents */
var isDefinedLevel = (level) => level !== void 0;
var fillTablesOfContents = (body, context, bookmarkIds, listNumbersOf) => {`,
);

// SEQ fields' numbering and the body's fields: the closures fillFields calls for each paragraph
// (a paragraph's heading level, a section's end) were made for each body; now they are functions of
// the module given their state (bound), so their optimised code is kept between bodies.
edit(
  'sequenceNumbering',
  ['index'],
  1,
  `var sequenceNumbering = (context) => {
	const levelOf = headingLevels(context);
	const numbers = /* @__PURE__ */ new Map();
	const counted = /* @__PURE__ */ new Map();
	const headingsAt = [];
	let unclearAt = -1;
	let paragraph = -1;
	let unknown;
	/**
	* The number of a field that starts the count again after headings of a level or a higher one (\`\\s\`): the number of
	* fields of its identifier since the last of them, with it, as Word counts them. It isn't known when a paragraph
	* whose level isn't clear came after that heading, or a field since it whose number didn't follow as the next one's
	*/
	const afterHeading = (key, level) => {
		var _counted$get;
		const headingAt = Math.max(-1, ...headingsAt.slice(1, level + 1).filter((at) => at !== void 0));
		const since = ((_counted$get = counted.get(key)) !== null && _counted$get !== void 0 ? _counted$get : []).filter((field) => field.paragraph >= headingAt);
		const followed = since.every(({ step }) => (step === null || step === void 0 ? void 0 : step.type) === "next" || (step === null || step === void 0 ? void 0 : step.type) === "heading" && step.level === level);
		return unclearAt > headingAt || !followed ? void 0 : since.length + 1;
	};
	return {
		startParagraph: (element) => {
			paragraph++;
			const level = levelOf(element);
			if (level === "unclear") unclearAt = paragraph;
			else if (level !== void 0) headingsAt[level] = paragraph;
		},
		numberOf: (instruction, place) => {
			var _unknown, _counted$get2, _numberWriterOf;
			const { identifier, sequence } = sequenceFieldOf(instruction);
			if (identifier === void 0 || place === "fallback") return;
			(_unknown = unknown) !== null && _unknown !== void 0 || (unknown = identifiersInCommentsOf(context));
			const key = identifier.toLowerCase();
			if ((sequence === null || sequence === void 0 ? void 0 : sequence.step.type) === "bookmark" && place === "counted" && !unknown.has(key)) return;
			const before = numbers.has(key) ? numbers.get(key) : 0;
			const step = unknown.has(key) || place === "deleted" ? void 0 : sequence === null || sequence === void 0 ? void 0 : sequence.step;
			const value = (step === null || step === void 0 ? void 0 : step.type) === "reset" ? step.to : (step === null || step === void 0 ? void 0 : step.type) === "repeat" ? before : (step === null || step === void 0 ? void 0 : step.type) === "heading" ? afterHeading(key, step.level) : (step === null || step === void 0 ? void 0 : step.type) === "next" && before !== void 0 ? before + 1 : void 0;
			numbers.set(key, value);
			counted.set(key, [...(_counted$get2 = counted.get(key)) !== null && _counted$get2 !== void 0 ? _counted$get2 : [], _objectSpread2({ paragraph }, value === void 0 ? {} : { step })]);
			return value === void 0 || sequence === void 0 ? void 0 : sequence.hidden ? "" : (_numberWriterOf = numberWriterOf(sequence.format)) === null || _numberWriterOf === void 0 ? void 0 : _numberWriterOf(value);
		}
	};
};`,
  `var sequenceNumbering = (context) => {
	/* ${MARK}: the paragraphs counted by a function of the module, on this state */
	const state = {
		levelOf: headingLevels(context),
		headingsAt: [],
		unclearAt: -1,
		paragraph: -1
	};
	const { headingsAt } = state;
	const numbers = /* @__PURE__ */ new Map();
	const counted = /* @__PURE__ */ new Map();
	let unknown;
	/**
	* The number of a field that starts the count again after headings of a level or a higher one (\`\\s\`): the number of
	* fields of its identifier since the last of them, with it, as Word counts them. It isn't known when a paragraph
	* whose level isn't clear came after that heading, or a field since it whose number didn't follow as the next one's
	*/
	const afterHeading = (key, level) => {
		var _counted$get;
		const headingAt = Math.max(-1, ...headingsAt.slice(1, level + 1).filter((at) => at !== void 0));
		const since = ((_counted$get = counted.get(key)) !== null && _counted$get !== void 0 ? _counted$get : []).filter((field) => field.paragraph >= headingAt);
		const followed = since.every(({ step }) => (step === null || step === void 0 ? void 0 : step.type) === "next" || (step === null || step === void 0 ? void 0 : step.type) === "heading" && step.level === level);
		return state.unclearAt > headingAt || !followed ? void 0 : since.length + 1;
	};
	return {
		startParagraph: startSequenceParagraph.bind(null, state),
		numberOf: (instruction, place) => {
			var _unknown, _counted$get2, _numberWriterOf;
			const { identifier, sequence } = sequenceFieldOf(instruction);
			if (identifier === void 0 || place === "fallback") return;
			(_unknown = unknown) !== null && _unknown !== void 0 || (unknown = identifiersInCommentsOf(context));
			const key = identifier.toLowerCase();
			if ((sequence === null || sequence === void 0 ? void 0 : sequence.step.type) === "bookmark" && place === "counted" && !unknown.has(key)) return;
			const before = numbers.has(key) ? numbers.get(key) : 0;
			const step = unknown.has(key) || place === "deleted" ? void 0 : sequence === null || sequence === void 0 ? void 0 : sequence.step;
			const value = (step === null || step === void 0 ? void 0 : step.type) === "reset" ? step.to : (step === null || step === void 0 ? void 0 : step.type) === "repeat" ? before : (step === null || step === void 0 ? void 0 : step.type) === "heading" ? afterHeading(key, step.level) : (step === null || step === void 0 ? void 0 : step.type) === "next" && before !== void 0 ? before + 1 : void 0;
			numbers.set(key, value);
			counted.set(key, [...(_counted$get2 = counted.get(key)) !== null && _counted$get2 !== void 0 ? _counted$get2 : [], _objectSpread2({ paragraph: state.paragraph }, value === void 0 ? {} : { step })]);
			return value === void 0 || sequence === void 0 ? void 0 : sequence.hidden ? "" : (_numberWriterOf = numberWriterOf(sequence.format)) === null || _numberWriterOf === void 0 ? void 0 : _numberWriterOf(value);
		}
	};
};
/** A paragraph counted: its heading level, if it has one (a function of the module, so its optimised code is kept) */
var startSequenceParagraph = (state, element) => {
	state.paragraph++;
	const level = state.levelOf(element);
	if (level === "unclear") state.unclearAt = state.paragraph;
	else if (level !== void 0) state.headingsAt[level] = state.paragraph;
};`,
);

edit(
  'headingLevels',
  ['index'],
  1,
  `var headingLevels = (context) => {
	const styles = stylesOf(context);
	return (paragraph) => {
		const properties = childOf$2(paragraph, "w:pPr");
		const styleId = attributeOf(childOf$2(properties, "w:pStyle"), "w:val");
		const heading = headingLevelOf(styleId, styles);
		const outlineLevel = outlineLevelOf({
			styleId,
			outlineLevel: numberAttributeOf(childOf$2(properties, "w:outlineLvl"), "w:val")
		}, styles);
		const outline = outlineLevel === void 0 || outlineLevel >= 9 ? void 0 : outlineLevel + 1;
		if (heading !== void 0 && (outline === void 0 || outline === heading)) return heading;
		return outline === void 0 ? void 0 : "unclear";
	};
};`,
  `/* ${MARK}: the level read by a function of the module, given the styles */
var headingLevels = (context) => headingLevelIn.bind(null, stylesOf(context));
var headingLevelIn = (styles, paragraph) => {
	const properties = childOf$2(paragraph, "w:pPr");
	const styleId = attributeOf(childOf$2(properties, "w:pStyle"), "w:val");
	const heading = headingLevelOf(styleId, styles);
	const outlineLevel = outlineLevelOf({
		styleId,
		outlineLevel: numberAttributeOf(childOf$2(properties, "w:outlineLvl"), "w:val")
	}, styles);
	const outline = outlineLevel === void 0 || outlineLevel >= 9 ? void 0 : outlineLevel + 1;
	if (heading !== void 0 && (outline === void 0 || outline === heading)) return heading;
	return outline === void 0 ? void 0 : "unclear";
};`,
);

edit(
  'bodyFieldSections',
  ['index'],
  1,
  `	let section = 0;
	const relativeCounts = /* @__PURE__ */ new Map();
	const relativeTo = (bookmark) => {
		var _relativeCounts$get, _relativePositions$ge;
		const count = (_relativeCounts$get = relativeCounts.get(bookmark)) !== null && _relativeCounts$get !== void 0 ? _relativeCounts$get : 0;
		relativeCounts.set(bookmark, count + 1);
		return relativePositions === null || relativePositions === void 0 || (_relativePositions$ge = relativePositions.get(bookmark)) === null || _relativePositions$ge === void 0 ? void 0 : _relativePositions$ge[count];
	};
	fillFields(tree, [body], [], {
		resultOf: (instruction, place) => resultFrom(instruction, place, {
			estimate,
			sectionPageCount: sectionPageCounts[section],
			blank,
			relativeTo
		}),
		afterParagraph: (paragraph) => {
			section += endsSection(tree, paragraph) ? 1 : 0;
		}
	});`,
  `	/* ${MARK}: the sections counted by a function of the module, on this state */
	const state = {
		tree,
		section: 0
	};
	const relativeCounts = /* @__PURE__ */ new Map();
	const relativeTo = (bookmark) => {
		var _relativeCounts$get, _relativePositions$ge;
		const count = (_relativeCounts$get = relativeCounts.get(bookmark)) !== null && _relativeCounts$get !== void 0 ? _relativeCounts$get : 0;
		relativeCounts.set(bookmark, count + 1);
		return relativePositions === null || relativePositions === void 0 || (_relativePositions$ge = relativePositions.get(bookmark)) === null || _relativePositions$ge === void 0 ? void 0 : _relativePositions$ge[count];
	};
	fillFields(tree, [body], [], {
		resultOf: (instruction, place) => resultFrom(instruction, place, {
			estimate,
			sectionPageCount: sectionPageCounts[state.section],
			blank,
			relativeTo
		}),
		afterParagraph: countSectionEnd.bind(null, state)
	});`,
);

edit(
  'countSectionEnd',
  ['index'],
  1,
  `var fillBodyFields = (tree, body, estimate, { blank }) => {`,
  `/* ${MARK}: a paragraph that ends a section counted, on the filling's state */
var countSectionEnd = (state, paragraph) => {
	state.section += endsSection(state.tree, paragraph) ? 1 : 0;
};
var fillBodyFields = (tree, body, estimate, { blank }) => {`,
);

edit(
  'sequenceFilling',
  ['index'],
  1,
  `var fillSequenceNumbers = (body, context) => {
	const { startParagraph, numberOf } = sequenceNumbering(context);
	fillSequenceFields(FORMATTED, body, {
		beforeParagraph: (paragraph) => startParagraph(paragraph),
		resultOf: (instruction, within) => isSequenceField(instruction) ? numberOf(instruction, within) : void 0
	});
};`,
  `var fillSequenceNumbers = (body, context) => {
	const { startParagraph, numberOf } = sequenceNumbering(context);
	fillSequenceFields(FORMATTED, body, {
		/* ${MARK}: the numbering's own function, bound to its state */
		beforeParagraph: startParagraph,
		resultOf: (instruction, within) => isSequenceField(instruction) ? numberOf(instruction, within) : void 0
	});
};`,
);

// The cascade: the function that works out each element's declarations was made for each document
// converted, so its optimised code was lost at every full collection.
edit(
  'cascadeFor',
  ['html'],
  1,
  `var createCascade = (userAgentStyleSheet, styleSheets, presentationalHints) => {
	const rules = [...userAgentStyleSheet, ...compileRules(styleSheets.map((css) => ({
		css,
		origin: Origin.Author
	})), 1e6)];
	return (element, inherited) => {
		var _element$attribs$styl;
		const candidates = [
			...rules.filter((rule) => rule.matches(element)).flatMap(({ declarations, origin, specificity, order }) => declarations.map((declaration, index) => ({
				declaration,
				origin,
				specificity,
				order: order + index / DECLARATIONS
			}))),
			...presentationalHints(element).map((declaration, order) => ({
				declaration,
				origin: Origin.Presentational,
				specificity: 0,
				order
			})),
			...parseDeclarations((_element$attribs$styl = element.attribs.style) !== null && _element$attribs$styl !== void 0 ? _element$attribs$styl : "").map((declaration, order) => ({
				declaration,
				origin: Origin.Inline,
				specificity: 0,
				order
			}))
		].sort(compareCandidates);
		const custom = /* @__PURE__ */ new Map();
		for (const { declaration } of candidates) if (declaration.property.startsWith("--") && !custom.has(declaration.property)) custom.set(declaration.property, declaration.value);
		const customProperties = customPropertiesOf(custom, inherited);
		const values = /* @__PURE__ */ new Map();
		for (const { declaration } of candidates) {
			var _ref;
			const value = declaration.property.startsWith("--") ? void 0 : substituteVariables(declaration.value, (name) => customProperties.get(name));
			for (const [property, longhandValue] of (_ref = value === void 0 ? void 0 : expandShorthand(declaration.property, value)) !== null && _ref !== void 0 ? _ref : []) {
				var _values$get;
				values.set(property, [...(_values$get = values.get(property)) !== null && _values$get !== void 0 ? _values$get : [], longhandValue]);
			}
		}
		return {
			values,
			customProperties
		};
	};
};`,
  `var createCascade = (userAgentStyleSheet, styleSheets, presentationalHints) => {
	const rules = [...userAgentStyleSheet, ...compileRules(styleSheets.map((css) => ({
		css,
		origin: Origin.Author
	})), 1e6)];
	/* ${MARK}: the cascade of an element worked out by a function of the module, given the rules */
	return cascadeFor.bind(null, rules, presentationalHints);
};
var cascadeFor = (rules, presentationalHints, element, inherited) => {
	var _element$attribs$styl;
	const candidates = [
		...rules.filter((rule) => rule.matches(element)).flatMap(({ declarations, origin, specificity, order }) => declarations.map((declaration, index) => ({
			declaration,
			origin,
			specificity,
			order: order + index / DECLARATIONS
		}))),
		...presentationalHints(element).map((declaration, order) => ({
			declaration,
			origin: Origin.Presentational,
			specificity: 0,
			order
		})),
		...parseDeclarations((_element$attribs$styl = element.attribs.style) !== null && _element$attribs$styl !== void 0 ? _element$attribs$styl : "").map((declaration, order) => ({
			declaration,
			origin: Origin.Inline,
			specificity: 0,
			order
		}))
	].sort(compareCandidates);
	const custom = /* @__PURE__ */ new Map();
	for (const { declaration } of candidates) if (declaration.property.startsWith("--") && !custom.has(declaration.property)) custom.set(declaration.property, declaration.value);
	const customProperties = customPropertiesOf(custom, inherited);
	const values = /* @__PURE__ */ new Map();
	for (const { declaration } of candidates) {
		var _ref;
		const value = declaration.property.startsWith("--") ? void 0 : substituteVariables(declaration.value, (name) => customProperties.get(name));
		for (const [property, longhandValue] of (_ref = value === void 0 ? void 0 : expandShorthand(declaration.property, value)) !== null && _ref !== void 0 ? _ref : []) {
			var _values$get;
			values.set(property, [...(_values$get = values.get(property)) !== null && _values$get !== void 0 ? _values$get : [], longhandValue]);
		}
	}
	return {
		values,
		customProperties
	};
};`,
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
