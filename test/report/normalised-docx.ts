/**
 * Two .docx files compared part by part, with what differs from one packing to the next made
 * stable (shared by the tests that show a change of how page numbers are worked out changes
 * nothing else in the document).
 */
import { Packer, type Document } from 'docx';
import { expect } from 'vitest';
import { unzipDocx } from './docx-xml.js';

/**
 * Every XML part of a .docx, with what differs from one packing to the next made stable: random
 * relationship ids, bookmark (`_Toc`, `w:id`) and drawing (`wp:docPr`) numbers renumbered in order of first appearance, dates of
 * creation and change blanked.
 */
export async function normalisedParts(document: Document): Promise<Record<string, string>> {
  return normalisedPackage(await Packer.pack(document, 'uint8array'));
}

/** {@link normalisedParts} of a .docx's bytes. */
export function normalisedPackage(bytes: Uint8Array): Record<string, string> {
  const { parts } = unzipDocx(bytes);
  const names = new Map<string, string>();
  const stable = (token: string, kind: string) => {
    const key = `${kind}:${token}`;
    if (!names.has(key)) names.set(key, `${kind}${names.size}`);
    return names.get(key)!;
  };
  const out: Record<string, string> = {};
  for (const name of Object.keys(parts).sort()) {
    out[name] = parts[name]!.replace(/\brId[\w-]+/g, (t) => stable(t, 'rId'))
      .replace(/\b_Toc\d+/g, (t) => stable(t, '_Toc'))
      .replace(
        /(<w:bookmark(?:Start|End)\b[^>]*? w:id=")(\d+)/g,
        (_, tag: string, id: string) => tag + stable(id, 'b'),
      )
      .replace(/(<wp:docPr id=")(\d+)/g, (_, tag: string, id: string) => tag + stable(id, 'docPr'))
      .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1');
  }
  return out;
}

export function expectSameDocuments(fast: Record<string, string>, full: Record<string, string>): void {
  expect(Object.keys(fast)).toEqual(Object.keys(full));
  for (const name of Object.keys(full)) expect(firstDifference(fast[name]!, full[name]!), name).toBe('');
  // The contents were filled in with page numbers, so the comparison covers them.
  expect(full['word/document.xml']).toMatch(
    /PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>\d+<\/w:t>/,
  );
}

/** Where two texts first differ, with some context; '' when they are the same (short failure messages). */
function firstDifference(a: string, b: string): string {
  if (a === b) return '';
  let i = 0;
  while (a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 120), i + 80)}… ≠ …${b.slice(Math.max(0, i - 120), i + 80)}…`;
}
