/**
 * docx/layout as published, from the installed (patched) file: patches/docx+9.15.2.patch adds
 * memos (widths, East Asian fonts, decoded width tables), a faster object-spread helper and a
 * faster way of combining formats, and switches each on with one line; putting those
 * lines back as docx has them gives docx's own behaviour (the patch's code is left in, unused).
 * Shared by the patch's test and bench/page-numbers-ab.ts.
 */
export const PATCH_SWITCHES: readonly { patched: string; published: string }[] = [
  {
    patched: 'measureWidth: measureTextWidthRemembered,',
    published: 'measureWidth: (text, font) => measureTextWidthAsDrawn(text, font),',
  },
  {
    patched: 'var knownEastAsianFontOf = rememberEastAsianFont(knownEastAsianFontLookup);',
    published: 'var knownEastAsianFontOf = knownEastAsianFontLookup;',
  },
  {
    // Babel's `_objectSpread2` (the published helper, kept as `objectSpreadPublished`).
    patched: 'var _objectSpread2 = objectSpreadAssigned;',
    published: 'var _objectSpread2 = objectSpreadPublished;',
  },
  {
    patched: 'var decodeMore = decodeMoreRemembered;',
    published: 'var decodeMore = decodeMorePublished;',
  },
  {
    patched: 'var combine = combineAssigned;',
    published: 'var combine = combinePublished;',
  },
];

/** The source of docx/layout with the patch switched off; throws when a switch is not there once. */
export function unpatchedLayoutSource(patchedSource: string): string {
  let code = patchedSource;
  for (const { patched, published } of PATCH_SWITCHES) {
    if (code.split(patched).length !== 2) throw new Error(`the docx patch is not applied: no "${patched}"`);
    code = code.replace(patched, published);
  }
  return code;
}
