/**
 * The page plan of a document "by design": its pages follow from its structure alone. A page
 * starts at the document's start, at a paragraph with `w:pageBreakBefore` and after a run's
 * `w:br w:type="page"`; each bookmark is on the page where it stands. Anything whose page does not
 * follow from the structure (several sections, a column break, a page break inside a table, a
 * `\p` page reference, page numbers that do not start at 1 or are not decimal) makes the document
 * unplannable, and its numbers are left to the layout. That each planned page really fits on one
 * printed page is the fit check's to prove (fit-check.ts).
 */
import type { IXmlableObject } from 'docx';
import { attr, bodyNode, child, elements, numberAttr, onOff, textOf, type XmlNode } from './xml-node.js';

/** One planned page: the blocks (paragraphs, tables, the contents) on it, in order. */
export interface PlannedPage {
  /** Counted from 1. */
  readonly number: number;
  readonly blocks: readonly XmlNode[];
}

export interface PagePlan {
  readonly pages: readonly PlannedPage[];
  /** The page each bookmark is on, by the bookmark's name. */
  readonly bookmarks: ReadonlyMap<string, number>;
  /** The body's section properties (page size, margins), for the fit check. */
  readonly section: XmlNode;
}

export type PlanResult =
  { readonly ok: true; readonly plan: PagePlan } | { readonly ok: false; readonly reason: string };

class Unplannable extends Error {}

/** The page plan of a formatted body, or why its pages do not follow from its structure. */
export function planPages(body: IXmlableObject): PlanResult {
  try {
    return { ok: true, plan: plan(body) };
  } catch (e) {
    if (e instanceof Unplannable) return { ok: false, reason: e.message };
    throw e;
  }
}

function plan(body: IXmlableObject): PagePlan {
  const root = bodyNode(body);
  if (!root) throw new Unplannable('the body has no w:body');
  const pages: XmlNode[][] = [[]];
  const bookmarks = new Map<string, number>();
  let section: XmlNode | undefined;
  let current: XmlNode[] = pages[0]!;
  const newPage = () => pages.push((current = []));
  const blocks = elements(root);
  // A loop in this function, not a callback made for each body: V8 keeps a function's optimised
  // code only while one of its closures lives, so a closure made per brief is compiled again after
  // every full collection (docs/performance.md, "Issue 24, session 11").
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.name === 'w:sectPr') {
      if (i !== blocks.length - 1) throw new Unplannable('a section break');
      section = block;
      continue;
    }
    if (block.name === 'w:p') {
      const pPr = child(block, 'w:pPr');
      if (child(pPr, 'w:sectPr')) throw new Unplannable('several sections');
      if (onOff(pPr, 'w:pageBreakBefore') && (pages.length > 1 || current.length > 0)) newPage();
      // A page break in the paragraph's runs splits it: what follows the break is on the next page.
      let part: (XmlNode | string)[] = pPr ? [pPr] : [];
      for (const c of elements(block)) {
        if (c.name === 'w:pPr') continue;
        if (c.name === 'w:r' && elements(c).some(isPageBreak)) {
          if (
            elements(c).some(
              (x) => x.name !== 'w:br' && x.name !== 'w:rPr' && x.name !== 'w:lastRenderedPageBreak',
            )
          )
            throw new Unplannable('a page break inside a run with text');
          current.push({ ...block, children: part });
          newPage();
          part = pPr ? [pPr] : [];
          continue;
        }
        scan(c, bookmarks, pages.length, false);
        part.push(c);
      }
      current.push({ ...block, children: part });
      continue;
    }
    if (block.name === 'w:tbl' || block.name === 'w:sdt') {
      scan(block, bookmarks, pages.length, true);
      current.push(block);
      continue;
    }
    if (block.name === 'w:bookmarkStart' || block.name === 'w:bookmarkEnd') {
      if (block.name === 'w:bookmarkStart') bookmarks.set(attr(block, 'w:name') ?? '', pages.length);
      continue;
    }
    throw new Unplannable(`a body element not planned: ${block.name}`);
  }
  if (!section) throw new Unplannable('no section properties');
  if (
    numberAttr(child(section, 'w:cols'), 'w:num') !== undefined &&
    numberAttr(child(section, 'w:cols'), 'w:num')! > 1
  )
    throw new Unplannable('columns');
  const numbering = child(section, 'w:pgNumType');
  const start = numberAttr(numbering, 'w:start');
  const format = attr(numbering, 'w:fmt');
  if ((start !== undefined && start !== 1) || (format !== undefined && format !== 'decimal'))
    throw new Unplannable('page numbers that do not start at 1 in figures');
  if (child(numbering, 'w:chapStyle') || attr(numbering, 'w:chapStyle'))
    throw new Unplannable('chapter numbers');
  return {
    pages: pages.map((blocks, i) => ({ number: i + 1, blocks })),
    bookmarks,
    section,
  };
}

const isPageBreak = (n: XmlNode) => n.name === 'w:br' && attr(n, 'w:type') === 'page';

/**
 * Finds the bookmarks of a part of a paragraph, table or the contents (each on `page`), and refuses
 * what the plan cannot place: a page or column break inside (`nested`: within a table or the
 * contents), a section break, a `\p` page reference.
 */
function scan(node: XmlNode, bookmarks: Map<string, number>, page: number, nested: boolean): void {
  if (node.name === 'w:bookmarkStart') bookmarks.set(attr(node, 'w:name') ?? '', page);
  if (node.name === 'w:br') {
    const type = attr(node, 'w:type');
    if (type === 'column') throw new Unplannable('a column break');
    if (type === 'page' && nested) throw new Unplannable('a page break inside a table or the contents');
    if (type === 'page') throw new Unplannable('a page break inside a hyperlink or field');
  }
  if (node.name === 'w:pageBreakBefore' && nested && attr(node, 'w:val') !== 'false')
    throw new Unplannable('a page break before a paragraph inside a table');
  if (node.name === 'w:sectPr') throw new Unplannable('several sections');
  if (node.name === 'w:instrText' && /\bPAGEREF\b[^\\]*(\\[^p]\S*\s*)*\\p\b/i.test(textOf(node)))
    throw new Unplannable('a page reference that says "above" or "below" (\\p)');
  if (node.name === 'w:fldSimple' && /\\p\b/.test(attr(node, 'w:instr') ?? ''))
    throw new Unplannable('a \\p page reference');
  for (const c of elements(node)) scan(c, bookmarks, page, nested);
}

/** The text of a block, for naming a page in a warning. */
export function blockText(node: XmlNode): string {
  if (node.name === 'w:t') return textOf(node);
  if (node.name === 'w:instrText') return '';
  return elements(node).map(blockText).join('');
}
