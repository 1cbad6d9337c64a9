/**
 * The docx patch's object-spread helper (scripts/docx-speed-edits.mjs, edit `objectSpread2`):
 * Babel's `_objectSpread2` copies each key through a closure and `_defineProperty`, and the
 * properties written beside a spread through their descriptors; the patch assigns each own
 * enumerable key in one loop. That gives the same object on two conditions about the callers,
 * checked here on every call of every build of docx the project may load:
 *  - the target is fresh: an object literal with plain data properties, or another
 *    `_objectSpread2(…)` call (no setter, no read-only key on the way);
 *  - what Babel passes at even places (the properties written beside a spread) is an object literal
 *    without getters or setters (so its own properties are enumerable data properties).
 * A docx upgrade that breaks either fails here, naming the file and the call. The helper itself is
 * compared with the published one on the cases its loop could get wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type Node } from 'acorn';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../node_modules/docx/dist/', import.meta.url));
const BUNDLES = ['index', 'html', 'charts', 'math'];
const FORMATS = ['mjs', 'cjs', 'umd.cjs', 'iife.js'];
const HELPER = '_objectSpread2';
const MARK = 'dgx-maturity patch, docs/performance.md: each own enumerable key assigned in one loop';

type AnyNode = Node & Record<string, unknown>;

/** Every node of a tree, depth first. */
function* nodes(node: unknown): Generator<AnyNode> {
  if (Array.isArray(node)) {
    for (const item of node) yield* nodes(item);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return;
  yield node as AnyNode;
  for (const [key, value] of Object.entries(node)) if (key !== 'type') yield* nodes(value);
}

const isHelper = (node: unknown) =>
  (node as AnyNode | undefined)?.type === 'Identifier' && (node as { name?: string }).name === HELPER;
const isHelperCall = (node: AnyNode) => node.type === 'CallExpression' && isHelper(node.callee);

/**
 * Why an object literal is not plain (own enumerable data properties only, the plain prototype);
 * undefined when it is. A spread in it is Babel's helper again, never native here.
 */
function notPlain(literal: AnyNode): string | undefined {
  for (const property of literal.properties as AnyNode[]) {
    if (property.type !== 'Property' || property.kind !== 'init')
      return `has a ${String(property.kind ?? property.type)}`;
    const key = property.key as AnyNode;
    const name = key.type === 'Identifier' ? key.name : key.type === 'Literal' ? key.value : undefined;
    if (!property.computed && name === '__proto__') return 'sets its prototype';
  }
  return undefined;
}

/** Why a call's use of the helper would not give the published helper's object; undefined when it would. */
function unsafe(call: AnyNode): string | undefined {
  const args = call.arguments as AnyNode[];
  const target = args[0];
  if (!target || !(isHelperCall(target) || (target.type === 'ObjectExpression' && !notPlain(target))))
    return 'the target is not a fresh object';
  for (let i = 2; i < args.length; i += 2) {
    const literal = args[i]!;
    if (literal.type !== 'ObjectExpression') return `argument ${i} is not an object literal`;
    const why = notPlain(literal);
    if (why) return `argument ${i} ${why}`;
  }
  return undefined;
}

describe("the docx patch's object-spread helper", () => {
  for (const bundle of BUNDLES)
    for (const format of FORMATS) {
      const file = `${bundle}.${format}`;
      it(`${file}: patched, and every call spreads into a fresh object beside plain literals`, () => {
        const text = readFileSync(join(DIST, file), 'utf8');
        expect(text.split(MARK).length - 1, 'the patched helper, once').toBe(1);
        const tree = parse(text, {
          ecmaVersion: 'latest',
          sourceType: format === 'mjs' ? 'module' : 'script',
        });
        let calls = 0;
        const problems: string[] = [];
        const callees = new Set<unknown>();
        for (const node of nodes(tree)) {
          if (!isHelperCall(node)) continue;
          calls++;
          callees.add(node.callee);
          const why = unsafe(node);
          if (why) problems.push(`${file}:${text.slice(0, node.start).split('\n').length}: ${why}`);
        }
        // The helper is only ever called (not passed on, nor called through apply or call).
        const others = [...nodes(tree)].filter(
          (n) => isHelper(n) && !callees.has(n) && text.slice(n.end, n.end + 3) !== '(e)',
        );
        expect(problems).toEqual([]);
        expect(others.map((n) => text.slice(n.start - 20, n.end + 20))).toEqual([]);
        expect(calls).toBeGreaterThan(0);
      });
    }

  it('gives the published helper’s objects on the cases a loop could get wrong', () => {
    const text = readFileSync(join(DIST, 'html.mjs'), 'utf8');
    const from = text.indexOf('function _typeof(o) {');
    const to = text.indexOf('\n}\n', text.indexOf('function _defineProperty(e, r, t) {')) + 3;
    const start = text.indexOf(`function ${HELPER}(e) {`);
    const patchedSource = text.slice(start, text.indexOf('\n}\n', start) + 3);
    expect(from).toBeGreaterThan(0);
    expect(patchedSource).toContain(MARK);
    const helpers = text.slice(from, to);
    // Babel's (oxc's) helper as published in docx 9.15.2 (the text the edit replaces).
    const publishedSource = `function ownKeys(e, r) {
	var t = Object.keys(e);
	if (Object.getOwnPropertySymbols) {
		var o = Object.getOwnPropertySymbols(e);
		r && (o = o.filter(function(r) {
			return Object.getOwnPropertyDescriptor(e, r).enumerable;
		})), t.push.apply(t, o);
	}
	return t;
}
function ${HELPER}(e) {
	for (var r = 1; r < arguments.length; r++) {
		var t = null != arguments[r] ? arguments[r] : {};
		r % 2 ? ownKeys(Object(t), !0).forEach(function(r) {
			_defineProperty(e, r, t[r]);
		}) : Object.getOwnPropertyDescriptors ? Object.defineProperties(e, Object.getOwnPropertyDescriptors(t)) : ownKeys(Object(t)).forEach(function(r) {
			Object.defineProperty(e, r, Object.getOwnPropertyDescriptor(t, r));
		});
	}
	return e;
}`;
    type Spread = (...args: unknown[]) => object;
    const load = (source: string) => new Function(`${helpers}\n${source}\nreturn ${HELPER};`)() as Spread;
    const published = load(publishedSource);
    const patched = load(patchedSource);

    const visible = Symbol('visible');
    const hidden = Symbol('hidden');
    const withSymbols = { a: 1, [visible]: 2 };
    Object.defineProperty(withSymbols, hidden, { value: 3, enumerable: false });
    const withHidden = Object.defineProperty({ shown: 1 }, 'secret', { value: 2, enumerable: false });
    const inherited = Object.create({ fromPrototype: 1 }, { own: { value: 2, enumerable: true } });
    const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "b": 2}') as object;
    const cases: [string, (spread: Spread) => object][] = [
      ['plain spread', (s) => s({}, { a: 1, b: 2 })],
      ['spread then properties', (s) => s(s({}, { a: 1, b: 2 }), {}, { b: 3, c: 4 })],
      ['later keys win, first place kept', (s) => s(s(s({}, { x: 1, y: 2 }), {}, { z: 3 }), { x: 9 })],
      ['null and undefined', (s) => s(s({}, null), {}, { a: undefined }, undefined)],
      ['a string spreads its characters', (s) => s({}, 'ab')],
      ['symbols: enumerable copied, others not', (s) => s({}, withSymbols)],
      ['non-enumerable keys left out', (s) => s({}, withHidden)],
      ['inherited keys left out', (s) => s({}, inherited)],
      ['"__proto__" stays an own key', (s) => s({}, protoKey)],
      ['computed "__proto__" beside a spread', (s) => s(s({}, { a: 1 }), {}, { ['__proto__']: { p: 1 } })],
      ['numeric keys', (s) => s(s({}, { 2: 'b', 1: 'a' }), {}, { 0: 'z' })],
      ['key named like Object.prototype', (s) => s({}, { constructor: 1, toString: 2, hasOwnProperty: 3 })],
    ];
    const describeObject = (o: object) => ({
      prototype: Object.getPrototypeOf(o) === Object.prototype,
      keys: Reflect.ownKeys(o).map(String),
      descriptors: Reflect.ownKeys(o).map((k) => {
        const d = Object.getOwnPropertyDescriptor(o, k)!;
        return [String(k), d.value, d.enumerable, d.writable, d.configurable];
      }),
    });
    for (const [name, make] of cases)
      expect(describeObject(make(patched)), name).toEqual(describeObject(make(published)));
  });
});
