/**
 * docx's output pinned: patches/docx+9.15.2.patch makes docx's core and HTML import faster
 * (scripts/docx-speed-edits.mjs: Babel's defineProperty and objectSpread2 helpers (the latter's
 * conditions on its callers: docx-object-spread.test.ts), every element's children in one loop, attributes filled in one object, escaping tested before replacing, the author style
 * sheets' rules compiled once, the paragraph styles read once per body) and must not change a
 * byte of what it writes. Why golden hashes: the patch's edits are spread through docx's builds,
 * so there is no one switch to turn them off and compare with (as test/report/docx-patch.test.ts
 * does for the layout); the hashes below were taken with docx 9.15.2 as published (no patch) and
 * are the same with the patch. A patch, or an upgrade of docx, that changes docx's output fails
 * here, naming the parts that changed. The documents are made by docx alone from fixed HTML, CSS
 * and docx's API (test/report/docx-golden-documents.ts), not from the report's templates or view
 * model, so a change of those never moves these hashes; the parts are made stable from one packing
 * to the next first (random relationship ids, bookmark numbers, dates: normalised-docx.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenDocuments, partHashes } from './docx-golden-documents.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Each part's SHA-256 (its first 16 hex digits), by document and part. */
const GOLDEN: Record<string, Record<string, string>> = {
  html: {
    '[Content_Types].xml': '7052d2df1dd93d4e',
    '_rels/.rels': '6cbcd1ce160cca13',
    'docProps/app.xml': '579eba9a8d602575',
    'docProps/core.xml': '471337dfa8ac0102',
    'docProps/custom.xml': '8ec73cc7ce297e42',
    'word/_rels/document.xml.rels': '7c54effc9919f499',
    'word/_rels/endnotes.xml.rels': 'bf64631f0bc7bd46',
    'word/_rels/fontTable.xml.rels': 'bf64631f0bc7bd46',
    'word/_rels/footnotes.xml.rels': 'bf64631f0bc7bd46',
    'word/document.xml': '8bf5005fd149f39a',
    'word/endnotes.xml': '52f6c33e62c233e0',
    'word/fontTable.xml': 'a746dbb577ec5d68',
    'word/footnotes.xml': '774ce254f01cde10',
    'word/numbering.xml': 'afb09d536982ecf9',
    'word/settings.xml': '8229735081fc1cf7',
    'word/styles.xml': '5845439b932cbfb3',
    'word/theme/theme1.xml': '14d6fc4b249d866d',
  },
  fields: {
    '[Content_Types].xml': '441ca5a936418c64',
    '_rels/.rels': '6cbcd1ce160cca13',
    'docProps/app.xml': '579eba9a8d602575',
    'docProps/core.xml': '471337dfa8ac0102',
    'docProps/custom.xml': '8ec73cc7ce297e42',
    'word/_rels/document.xml.rels': '40ef35d48a1004dd',
    'word/_rels/endnotes.xml.rels': 'bf64631f0bc7bd46',
    'word/_rels/fontTable.xml.rels': 'bf64631f0bc7bd46',
    'word/_rels/footer1.xml.rels': 'bf64631f0bc7bd46',
    'word/_rels/footnotes.xml.rels': 'bf64631f0bc7bd46',
    'word/document.xml': 'ef42606354183bdc',
    'word/endnotes.xml': '52f6c33e62c233e0',
    'word/fontTable.xml': 'a746dbb577ec5d68',
    'word/footer1.xml': 'a9bfa5c633ab3f56',
    'word/footnotes.xml': '774ce254f01cde10',
    'word/numbering.xml': '805a1aa1e744da8e',
    'word/settings.xml': '8229735081fc1cf7',
    'word/styles.xml': '5845439b932cbfb3',
    'word/theme/theme1.xml': '14d6fc4b249d866d',
  },
};

/** What each build of a module carries of the patch's speed edits (their comments, one per edit). */
const MARK = 'dgx-maturity patch, docs/performance.md:';
const EDITS_PER_MODULE = { index: 16, html: 6, charts: 2, math: 2 };

describe("docx's output", () => {
  for (const [name, make] of Object.entries({
    html: () => goldenDocuments().html,
    fields: () => goldenDocuments().fields,
  })) {
    it(`is byte for byte the published docx's for the fixed '${name}' document`, async () => {
      expect(await partHashes(make())).toEqual(GOLDEN[name]);
    });
  }

  it('is the same when the same style sheet is read again (the compiled rules are reused)', async () => {
    // Twice in one process: the second time the rules come from the patch's memo.
    expect(await partHashes(goldenDocuments().html)).toEqual(await partHashes(goldenDocuments().html));
  });

  it("comes from docx's builds with the speed edits, every one of them (ESM, CommonJS, UMD, IIFE)", () => {
    const patch = readFileSync(join(ROOT, 'patches/docx+9.15.2.patch'), 'utf8');
    for (const [module, edits] of Object.entries(EDITS_PER_MODULE)) {
      for (const build of ['mjs', 'cjs', 'umd.cjs', 'iife.js']) {
        const file = `${module}.${build}`;
        expect(patch, file).toContain(`a/node_modules/docx/dist/${file}`);
        const code = readFileSync(join(ROOT, 'node_modules/docx/dist', file), 'utf8');
        expect(code.split(MARK).length - 1, file).toBe(edits);
      }
    }
  });
});
