/**
 * The message for web views too old for the bundle (src/addin/taskpane/old-webview.js, with
 * syntax-probe.js loaded just before it): the guard must parse as ECMAScript 5 (Internet Explorer
 * 11) and compile nothing (the pane's Content Security Policy allows no eval); it must say why the
 * pane cannot start where the bundle's syntax does not parse, explain an error in the add-in's own
 * scripts while "Loading…" is shown, say the Office may be too old when "Loading…" stays, and do
 * nothing where the pane starts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const guard = readFileSync(path.join(root, 'src/addin/taskpane/old-webview.js'), 'utf8');
const probe = readFileSync(path.join(root, 'src/addin/taskpane/syntax-probe.js'), 'utf8');

interface FakeElement {
  hidden: boolean;
  innerText: string;
  style: Record<string, string>;
  getElementsByTagName(tag: string): FakeElement[];
}
const element = (hidden: boolean): FakeElement => {
  const heading: FakeElement = {
    hidden: false,
    innerText: '',
    style: {},
    getElementsByTagName: () => [],
  };
  return { hidden, innerText: 'Loading…', style: {}, getElementsByTagName: () => [heading] };
};

/**
 * Loads the probe and the guard as a web view whose JavaScript parses `ecmaVersion` would: a file
 * it cannot parse does not run at all. Returns the page's elements, its window and its timers.
 */
function load(ecmaVersion: 5 | 2020) {
  const elements: Record<string, FakeElement> = {
    loading: element(false),
    'host-too-old': element(true),
    'host-too-old-text': element(false),
  };
  const timers: (() => void)[] = [];
  const window: Record<string, unknown> = { location: { protocol: 'https:', host: 'addin.example' } };
  const context = vm.createContext({
    window,
    document: {
      readyState: 'interactive',
      getElementById: (id: string) => elements[id] ?? null,
      addEventListener: () => undefined,
    },
    setTimeout: (fn: () => void) => timers.push(fn),
  });
  for (const source of [probe, guard]) {
    try {
      parse(source, { ecmaVersion });
    } catch {
      continue; // a SyntaxError: the engine skips the file
    }
    // The probe assigns to `window.…`; in a browser that is the global object, here the `window` object.
    vm.runInContext(source, context);
  }
  const onerror = window.onerror as ((message: string, source: string) => boolean) | undefined;
  return { elements, window, timers, onerror };
}

describe('the task pane in web views too old for its bundle', () => {
  it('is written in ECMAScript 5 and compiles nothing', () => {
    const ast = parse(guard, { ecmaVersion: 5 });
    const names = new Set<string>();
    JSON.stringify(ast, (_k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Identifier') {
        names.add((v as { name: string }).name);
      }
      return v;
    });
    expect(names.has('Function')).toBe(false);
    expect(names.has('eval')).toBe(false);
  });

  it('has a probe in the bundle’s syntax: ES2020 parses it, ES5 does not', () => {
    expect(() => parse(probe, { ecmaVersion: 2020 })).not.toThrow();
    expect(() => parse(probe, { ecmaVersion: 2019 })).toThrow();
  });

  it('says why the pane cannot start, where the bundle’s syntax does not parse', () => {
    const { elements: el } = load(5);
    expect(el.loading!.hidden).toBe(true);
    expect(el['host-too-old']!.hidden).toBe(false);
    expect(el['host-too-old-text']!.innerText).toMatch(/older web browser .* cannot run this add-in/);
    expect(el['host-too-old-text']!.innerText).toContain('Excel on the web');
  });

  it('does nothing where the bundle runs', () => {
    const { elements: el, window } = load(2020);
    expect(window.dmfSyntaxOk).toBe(true);
    expect(el.loading!.hidden).toBe(false);
    expect(el['host-too-old']!.hidden).toBe(true);
  });

  it('explains an error in the add-in’s own scripts while the pane is loading', () => {
    const { elements: el, onerror } = load(2020);
    // Office's own scripts are on another origin: left alone.
    onerror!('Script error.', 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(el['host-too-old']!.hidden).toBe(true);
    onerror!('SyntaxError: Invalid regular expression', 'https://addin.example/taskpane.0123abcd.js');
    expect(el.loading!.hidden).toBe(true);
    expect(el['host-too-old']!.hidden).toBe(false);
    expect(el['host-too-old-text']!.innerText).toContain('Invalid regular expression');
  });

  it('leaves errors after the pane has started to the pane', () => {
    const { elements: el, onerror } = load(2020);
    el.loading!.hidden = true; // the bundle started the pane
    onerror!('TypeError: x', 'https://addin.example/taskpane.0123abcd.js');
    expect(el['host-too-old']!.hidden).toBe(true);
  });

  it('says the Office may be too old when "Loading…" stays, and nothing once the pane has started', () => {
    const stuck = load(2020);
    expect(stuck.timers).toHaveLength(1);
    stuck.timers[0]!();
    expect(stuck.elements.loading!.innerText).toMatch(/^Still loading\. .*may be too old/);

    const started = load(2020);
    started.elements.loading!.hidden = true;
    started.timers[0]!();
    expect(started.elements.loading!.innerText).toBe('Loading…');
  });

  it('is loaded by the page after the probe and before the bundle', () => {
    const html = readFileSync(path.join(root, 'src/addin/taskpane/taskpane.html'), 'utf8');
    expect(html).toMatch(
      /<script src="syntax-probe\.js"><\/script>\s*(<!--[^>]*-->\s*)?<script src="old-webview\.js"><\/script>/,
    );
    // The bundle is injected by the build at the end of <head>, after this tag, with `defer`.
    expect(html.indexOf('old-webview.js')).toBeLessThan(html.indexOf('</head>'));
  });
});
