/**
 * The message for web views too old for the bundle (src/addin/taskpane/old-webview.js): it must
 * parse as ECMAScript 5 (Internet Explorer 11), say why the pane cannot start there, and do
 * nothing where the bundle runs. The built bundle itself is checked to need more than ES5, so the
 * guard is not dead weight, and the page loads the guard before the bundle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = readFileSync(path.join(root, 'src/addin/taskpane/old-webview.js'), 'utf8');

interface FakeElement {
  hidden: boolean;
  innerText: string;
  style: Record<string, string>;
  getElementsByTagName(tag: string): FakeElement[];
}
const element = (hidden: boolean): FakeElement => {
  const el: FakeElement = {
    hidden,
    innerText: '',
    style: {},
    getElementsByTagName: () => [heading],
  };
  return el;
};
const heading = element(false);

/** Runs the guard in a sandbox whose `Function` compiles only what `ecmaVersion` allows. */
function runGuard(ecmaVersion: 5 | 2022) {
  const elements: Record<string, FakeElement> = {
    loading: element(false),
    'host-too-old': element(true),
    'host-too-old-text': element(false),
  };
  const document = {
    readyState: 'interactive',
    getElementById: (id: string) => elements[id] ?? null,
    addEventListener: () => undefined,
  };
  function EngineFunction(body: string) {
    try {
      parse(body, { ecmaVersion, allowReturnOutsideFunction: true });
    } catch (e) {
      throw new SyntaxError(String(e), { cause: e });
    }
    return () => undefined;
  }
  vm.runInNewContext(source, { document, Function: EngineFunction, SyntaxError });
  return elements;
}

describe('the task pane in web views too old for its bundle', () => {
  it('is written in ECMAScript 5', () => {
    expect(() => parse(source, { ecmaVersion: 5 })).not.toThrow();
  });

  it('says why the pane cannot start, where modern syntax does not compile', () => {
    const el = runGuard(5);
    expect(el.loading!.hidden).toBe(true);
    expect(el['host-too-old']!.hidden).toBe(false);
    expect(el['host-too-old-text']!.innerText).toMatch(/older web browser .* cannot run this add-in/);
    expect(el['host-too-old-text']!.innerText).toContain('Excel on the web');
  });

  it('does nothing where the bundle runs', () => {
    const el = runGuard(2022);
    expect(el.loading!.hidden).toBe(false);
    expect(el['host-too-old']!.hidden).toBe(true);
  });

  it('is loaded by the page before the bundle', () => {
    const html = readFileSync(path.join(root, 'src/addin/taskpane/taskpane.html'), 'utf8');
    expect(html).toMatch(/<script src="old-webview\.js"><\/script>/);
    // The bundle is injected by the build at the end of <head>, after this tag, with `defer`.
    expect(html.indexOf('old-webview.js')).toBeLessThan(html.indexOf('</head>'));
  });
});
