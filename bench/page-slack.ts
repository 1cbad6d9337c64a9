/**
 * The fit check's slack on the worst-case briefs (test/report/worst-case-returns.ts, and the case
 * of run-on lists named to their cap, not yet among them), block by
 * block, against LibreOffice's PDF when asked:
 *   npx tsx bench/page-slack.ts [out dir] [--pdf] [--lists-em N]
 * (`--lists-em N`: every element page's run-on lists made within N ems, as the renderer does for a
 * page it could not prove at BRIEF_LIST_EM: src/report/element-lists.ts)
 * Prints, for each planned page, the bound of each top-level block (pt), where the bound puts the
 * block's end, and (with --pdf, LibreOffice converting the briefs) where LibreOffice puts the
 * block's first word, and the page's bound against its body.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packer, type File, type IContext, type IXmlableObject } from 'docx';
import { buildDocument, buildViewModel, compileTemplate } from '../src/report/index.js';
import { loadTemplate } from '../src/report/node/load-template.js';
import { withShorterElementLists } from '../src/report/element-lists.js';
import { checkFit } from '../src/report/pages/fit-check.js';
import { blockText, planPages } from '../src/report/pages/page-plan.js';
import { WordStyleSheet } from '../src/report/pages/word-style-sheet.js';
import { nodesOf } from '../src/report/pages/xml-node.js';
import { convertToPdf, findWriter } from '../test/helpers/libreoffice-writer.js';
import { namedListsCase, worstCases } from '../test/report/worst-case-returns.js';

const args = process.argv.slice(2);
const pdf = args.includes('--pdf');
const listsAt = args.indexOf('--lists-em');
const listsEm = listsAt < 0 ? undefined : Number(args[listsAt + 1]);
const out = args.find((a, i) => !a.startsWith('--') && i !== listsAt + 1) ?? '/tmp/page-slack';
mkdirSync(out, { recursive: true });
const template = compileTemplate(await loadTemplate('ministerial'));

interface Row {
  page: number;
  pt: number;
  text: string;
}
const report: Record<string, { rows: Row[]; pages: { page: number; content: number; body: number }[] }> = {};
for (const c of [...worstCases(), namedListsCase()]) {
  const built = buildViewModel(c.input);
  const vm =
    listsEm === undefined
      ? built
      : withShorterElementLists(built, new Set(built.elements.map((e) => e.anchor)), listsEm);
  const rows: Row[] = [];
  let pages: { page: number; content: number; body: number }[] = [];
  const doc = buildDocument(vm, template, {
    pageNumbers: (body: IXmlableObject, context: IContext) => {
      const planned = planPages(body);
      if (!planned.ok) throw new Error(planned.reason);
      const file = context.file as File;
      const fit = checkFit(planned.plan, {
        styles: new WordStyleSheet(file.Styles.prepForXml(context)),
        headers: file.Headers.flatMap((h) => nodesOf(h.View.prepForXml(context))),
        footers: file.Footers.flatMap((f) => nodesOf(f.View.prepForXml(context))),
        addsParagraphSpacing: false,
        onBlock: (page, height, block) =>
          rows.push({ page, pt: height / 20, text: blockText(block).trim().slice(0, 40) }),
      });
      pages = fit.pages.map((p) => ({
        page: p.page,
        content: p.contentHeight / 20,
        body: p.bodyHeight / 20,
      }));
      return {
        bookmarks: new Map([...planned.plan.bookmarks].map(([n, p]) => [n, String(p)])),
        bookmarkPageNumbers: planned.plan.bookmarks,
        pageCount: planned.plan.pages.length,
        sectionPageCounts: [planned.plan.pages.length],
        relativePositions: new Map(),
        guesses: [],
      };
    },
  });
  writeFileSync(join(out, `${c.name}.docx`), await Packer.pack(doc, 'uint8array'));
  report[c.name] = { rows, pages };
}
if (pdf) {
  const soffice = findWriter();
  if (!soffice) throw new Error('no LibreOffice Writer');
  convertToPdf(
    soffice,
    Object.keys(report).map((n) => join(out, `${n}.docx`)),
    out,
    900_000,
  );
}
for (const [name, { rows, pages }] of Object.entries(report)) {
  console.log(`\n=== ${name}`);
  const words: { page: number; yMin: number; yMax: number; w: string }[] = [];
  if (pdf) {
    execFileSync('pdftotext', ['-bbox', join(out, `${name}.pdf`), join(out, `${name}.html`)]);
    const html = readFileSync(join(out, `${name}.html`), 'utf8');
    let page = 0;
    for (const m of html.matchAll(
      /<page |<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      if (m[0].startsWith('<page')) page++;
      else words.push({ page, yMin: Number(m[1]), yMax: Number(m[2]), w: m[3]! });
    }
  }
  for (const p of pages) {
    const pw = words.filter((w) => w.page === p.page);
    // Lowest word above the footer (footer near the page's foot: below 800 pt on A4).
    const body = pw.filter((w) => w.yMax < 790 && w.yMin > 60);
    const lowest = body.length ? Math.max(...body.map((w) => w.yMax)) : NaN;
    console.log(
      `page ${p.page}: bound ${p.content.toFixed(1)} of ${p.body.toFixed(1)} pt (slack ${(p.body - p.content).toFixed(1)})` +
        (pdf ? `; LibreOffice's lowest word ends at ${lowest.toFixed(1)} pt` : ''),
    );
    let y = 0;
    for (const r of rows.filter((r) => r.page === p.page)) {
      const first = r.text.split(/\s+/)[0] ?? '';
      const hit = first ? pw.find((w) => w.w === first && w.yMin >= y - 40 + 70) : undefined;
      console.log(
        `  ${r.pt.toFixed(1).padStart(6)}  end ${(y + r.pt).toFixed(1).padStart(6)}  ${hit ? `LO top ${hit.yMin.toFixed(1)}` : '          '}  ${r.text}`,
      );
      y += r.pt;
    }
  }
}
