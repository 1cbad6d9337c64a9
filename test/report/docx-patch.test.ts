/**
 * docx is patched at install (patches/docx+9.15.2.patch, applied by patch-package from the root
 * package's `postinstall`): its layout remembers the widths it measures and the East Asian font each font name is,
 * and spreads objects with Object.assign instead of Babel's slower helper (docs/performance.md).
 * The patch is written against docx 9.15.2 exactly; these tests fail when the installed docx is
 * another version or the patch is missing, and prove the patched layout lays every built-in
 * template's report out line for line as docx's own code does, which the test rebuilds from the
 * installed file by switching the patch's memos off (test/report/docx-patch-reversal.ts).
 */
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Document } from 'docx';
import * as patchedLayout from 'docx/layout';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildDocument, buildViewModel, compileTemplate } from '../../src/report/index.js';
import { layoutPageNumbers } from '../../src/report/pages/layout-page-numbers.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { PATCH_SWITCHES, unpatchedLayoutSource } from './docx-patch-reversal.js';
import { hostileResult, imperfectResult, sampleResult } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCX_VERSION = '9.15.2';
const PATCH = `patches/docx+${DOCX_VERSION}.patch`;
const framework = builtInFramework();
const NOW = new Date('2026-11-27T10:00:00Z');

const layoutFile = (name: string) => join(ROOT, 'node_modules/docx/dist', name);
const tmp = mkdtempSync(join(tmpdir(), 'dmf-docx-patch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the docx patch', () => {
  it('is for the docx version installed, which package.json pins exactly', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.dependencies.docx).toBe(DOCX_VERSION);
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/docx/package.json'), 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe(DOCX_VERSION);
    expect(readdirSync(join(ROOT, 'patches')).filter((f) => f.startsWith('docx+'))).toEqual([
      `docx+${DOCX_VERSION}.patch`,
    ]);
    expect(pkg.scripts.postinstall).toBe('node scripts/apply-patches.mjs');
    expect(readFileSync(join(ROOT, 'scripts/apply-patches.mjs'), 'utf8')).toContain("'--error-on-fail'");
  });

  it('is applied to every build of docx/layout', () => {
    const patch = readFileSync(join(ROOT, PATCH), 'utf8');
    for (const file of ['layout.mjs', 'layout.cjs', 'layout.umd.cjs', 'layout.iife.js']) {
      expect(patch).toContain(`a/node_modules/docx/dist/${file}`);
      const code = readFileSync(layoutFile(file), 'utf8');
      for (const { patched, published } of PATCH_SWITCHES) {
        expect(code, file).toContain(patched);
        expect(code, file).not.toContain(published);
      }
    }
  });

  /** docx/layout as published: the installed file with the patch's change taken back out. */
  async function unpatchedLayout(): Promise<typeof patchedLayout> {
    const file = join(tmp, 'layout-unpatched.mjs');
    writeFileSync(file, unpatchedLayoutSource(readFileSync(layoutFile('layout.mjs'), 'utf8')));
    return (await import(pathToFileURL(file).href)) as typeof patchedLayout;
  }

  /** A layout as text, with the bookmark numbers each new document counts afresh renumbered in order. */
  function layoutText(layout: ReturnType<typeof patchedLayout.layoutDocument>): string {
    const numbers = new Map<string, number>();
    return JSON.stringify(layout).replace(/_Toc\d+/g, (t) => {
      if (!numbers.has(t)) numbers.set(t, numbers.size);
      return `_Toc#${numbers.get(t)}`;
    });
  }

  const templates = readdirSync(join(ROOT, 'templates'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'summary')
    .map((e) => e.name);

  for (const name of templates) {
    it(`lays the '${name}' report out line for line as docx's own layout does`, async () => {
      const published = await unpatchedLayout();
      const template = compileTemplate(await loadTemplate(name));
      for (const current of [sampleResult(), imperfectResult(), hostileResult()]) {
        const vm = buildViewModel({ framework, current, options: { now: NOW } });
        // The contents' numbers by the (patched) layout, as every report's were before they could be had by design.
        const document = (): Document => buildDocument(vm, template, { pageNumbers: layoutPageNumbers });
        const expected = published.layoutDocument(document(), { guess: true });
        expect(expected.pages.length).toBeGreaterThan(1);
        // Twice: the second time every width comes from the memo.
        for (let i = 0; i < 2; i++) {
          expect(layoutText(patchedLayout.layoutDocument(document(), { guess: true }))).toBe(
            layoutText(expected),
          );
        }
      }
    }, 600_000);
  }
});
