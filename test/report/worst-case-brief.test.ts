/**
 * The brief keeps its fixed shape in the worst case: every part of the ministerial template starts
 * its own page (or the page its budget shares) and none runs over, for returns that put every part
 * at its worst (test/report/worst-case-returns.ts). LibreOffice Writer lays each brief out; the
 * PDF must have exactly the designed pages, each starting with the heading designed for it, and
 * the contents' page numbers must be where LibreOffice puts each heading. Each worst case must also
 * be proved to fit by the fit check (src/report/pages/fit-check.ts), so that even the worst brief
 * never needs docx/layout, and each page of LibreOffice's PDF must start with the first text the
 * page plan puts on that page. Skips with a visible reason when LibreOffice Writer or pdftotext is
 * absent (the proof itself needs neither and always runs); fails instead under CI_REQUIRE_TOOLS=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Packer, type IContext, type IXmlableObject } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocument,
  buildViewModel,
  compileTemplate,
  renderReportAsPacked,
  type ReportViewModel,
} from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { pageNumbersByDesign, type ByDesign } from '../../src/report/pages/by-design.js';
import { blockText, planPages } from '../../src/report/pages/page-plan.js';
import { convertToPdf, findWriter } from '../helpers/libreoffice-writer.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { contentsEntries } from './pdf-contents.js';
import { designedPages } from './worst-case-pages.js';
import { namedListsCase, worstCases } from './worst-case-returns.js';

const soffice = findWriter();
const pdftotext = findTool('pdftotext');
const skip =
  skipWithout(soffice, 'LibreOffice Writer', 'laying out the worst-case briefs') ||
  skipWithout(pdftotext, 'pdftotext (poppler-utils)', 'reading the PDFs LibreOffice makes');

// The named-lists case puts every list of every element page at its cap at once: its element pages
// fit only with their lists made shorter by the renderer (src/report/element-lists.ts).
const CASES = [...worstCases(), namedListsCase()];

/** The view model the renderer packs for a case: the built one, with any element page's lists shortened to fit. */
async function packedModel(vm: ReportViewModel, template: ReturnType<typeof compileTemplate>) {
  return (await renderReportAsPacked(vm, template)).vm;
}

interface Proof {
  byDesign: ByDesign;
  /** The first text of each planned page. */
  firstTexts: string[];
}

/** The fit check's verdict on a brief, and the first text of each page its plan gives. */
async function proveBrief(vm: ReportViewModel, template: ReturnType<typeof compileTemplate>): Promise<Proof> {
  let proof: Proof | undefined;
  const estimator = (body: IXmlableObject, context: IContext) => {
    const planned = planPages(body);
    const byDesign = pageNumbersByDesign(body, context);
    proof = {
      byDesign,
      firstTexts: planned.ok
        ? planned.plan.pages.map((p) => p.blocks.map((b) => blockText(b).trim()).find((t) => t !== '') ?? '')
        : [],
    };
    if (!byDesign.ok) throw new Error(`not proved: ${byDesign.reason}`);
    return byDesign.numbers;
  };
  await Packer.pack(buildDocument(vm, template, { pageNumbers: estimator }), 'uint8array').catch(
    () => undefined,
  );
  return proof!;
}

describe('the worst-case brief, proved to fit', () => {
  it.each(CASES.map((c) => c.name))(
    'proves every page of the %s brief, so it never needs the layout',
    async (name) => {
      const template = compileTemplate(await loadTemplate('ministerial'));
      const vm = await packedModel(buildViewModel(CASES.find((c) => c.name === name)!.input), template);
      const { byDesign } = await proveBrief(vm, template);
      expect(
        byDesign.ok ? [] : (byDesign.pages ?? []).filter((p) => p.problem !== undefined),
        `${name}: ${byDesign.ok ? '' : byDesign.reason}`,
      ).toEqual([]);
      expect(byDesign.ok && byDesign.numbers.pageCount).toBe(designedPages(vm).length);
    },
    60_000,
  );
});

describe('an element page whose lists at their caps run over', () => {
  it('has its lists made shorter, and only those pages', async () => {
    const template = compileTemplate(await loadTemplate('ministerial'));
    const built = buildViewModel(namedListsCase().input);
    // As built, with every list at its cap, some element pages are not proved to fit.
    const before = await proveBrief(built, template);
    expect(before.byDesign.ok).toBe(false);
    const notProved = (before.byDesign.ok ? [] : (before.byDesign.pages ?? [])).filter((p) => p.problem);
    expect(notProved.length).toBeGreaterThan(0);
    const warnings: string[] = [];
    const packed = await renderReportAsPacked(built, template, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    const shortened = packed.vm.elements.filter((e, i) => e !== built.elements[i]);
    expect(shortened.length).toBeGreaterThan(0);
    // Only pages not proved are shortened; each names fewer items, counting the rest.
    expect(shortened.length).toBeLessThanOrEqual(notProved.length);
    for (const e of shortened) {
      const was = built.elements.find((b) => b.anchor === e.anchor)!;
      const lists = (x: typeof e) => [
        x.moveAwayFromText,
        x.borderlineBriefText,
        x.nextSteps?.notYetAssessedText ?? '',
        ...x.restsOn.flatMap((l) => [l.notInPlaceText, l.notAssessedText]),
      ];
      expect(lists(e).join(' ').length).toBeLessThan(lists(was).join(' ').length);
      expect(lists(e).join(' ')).toMatch(/listed in the full record/);
    }
  }, 120_000);

  it('leaves the lists of a brief that fits as they are', async () => {
    const template = compileTemplate(await loadTemplate('ministerial'));
    for (const c of worstCases()) {
      const built = buildViewModel(c.input);
      expect((await renderReportAsPacked(built, template)).vm, c.name).toBe(built);
    }
  }, 120_000);
});

describe.skipIf(skip)('the worst-case brief, laid out by LibreOffice', () => {
  let dir: string;
  const models = new Map<string, ReportViewModel>();
  const pages = new Map<string, string[]>();
  const proofs = new Map<string, Proof>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dmf-worst-'));
    const template = compileTemplate(await loadTemplate('ministerial'));
    for (const c of CASES) {
      const packed = await renderReportAsPacked(buildViewModel(c.input), template);
      models.set(c.name, packed.vm);
      proofs.set(c.name, await proveBrief(packed.vm, template));
      writeFileSync(join(dir, `${c.name}.docx`), packed.bytes);
    }
    convertToPdf(
      soffice!,
      CASES.map((c) => join(dir, `${c.name}.docx`)),
      dir,
      600_000,
    );
    for (const c of CASES) {
      const pdf = join(dir, `${c.name}.pdf`);
      if (!existsSync(pdf)) continue;
      const text = execFileSync(pdftotext!, ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      // pdftotext ends every page with a form feed, so the last piece is empty.
      pages.set(c.name, text.split('\f').slice(0, -1));
    }
  }, 900_000);
  afterAll(() => {
    if (process.env.DMF_KEEP_WORST_CASE) console.log(`worst-case briefs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => c.name))('lays the %s brief out on exactly its designed pages', (name) => {
    const vm = models.get(name)!;
    const p = pages.get(name);
    expect(p, `${name}.pdf was not written`).toBeDefined();
    const designed = designedPages(vm);
    expect(designed.length).toBeLessThanOrEqual(12);
    const firstLines = p!.map((page) => firstBodyLine(page, vm.marking));
    expect(
      firstLines.map((line, i) => startsHeading(line, designed[i]?.first ?? '')),
      `${name}: ${p!.length} pages, designed ${designed.length}; pages start with:\n` +
        firstLines
          .map((l, i) => `  ${i + 1}: ${l}  [designed: ${designed[i]?.first ?? 'no page'}]`)
          .join('\n'),
    ).toEqual(designed.map(() => true));
    // The parts that share a page are on it.
    designed.forEach(({ also }, i) => {
      for (const heading of also)
        expect(
          lines(p![i]!).some((l) => startsHeading(l, heading)),
          `${name}: "${heading}" on page ${i + 1}`,
        ).toBe(true);
    });
  });

  it.each(CASES.map((c) => c.name))(
    'starts each page of the %s brief in LibreOffice’s PDF with the text the page plan puts first on it',
    (name) => {
      const { byDesign, firstTexts } = proofs.get(name)!;
      expect(byDesign.ok, `${name} is not proved`).toBe(true);
      const vm = models.get(name)!;
      const firstLines = pages.get(name)!.map((page) => firstBodyLine(page, vm.marking));
      expect(firstLines.length, `${name}: pages in the PDF against the plan`).toBe(firstTexts.length);
      firstTexts.forEach((text, i) =>
        expect(
          startsText(firstLines[i]!, text),
          `${name}, page ${i + 1}: LibreOffice starts it with "${firstLines[i]}", the plan with "${text.slice(0, 80)}"`,
        ).toBe(true),
      );
    },
  );

  it.each(CASES.map((c) => c.name))(
    'gives the %s brief’s contents the pages LibreOffice puts each heading on',
    (name) => {
      const p = pages.get(name)!;
      const entries = contentsEntries(p);
      expect(entries.length).toBeGreaterThanOrEqual(9);
      for (const { title, page, found } of entries)
        expect(found, `${name}: ${title}: contents say ${page}, LibreOffice ${found}`).toBe(page);
    },
  );
});

const lines = (page: string) =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The first line of a page's body: after the header's protective marking. */
function firstBodyLine(page: string, marking: string): string {
  const all = lines(page);
  return all[0] === marking.trim() ? (all[1] ?? '') : (all[0] ?? '');
}

/**
 * True when a PDF line (pdftotext -layout: words may be spaced out) is the start of `text`, ignoring
 * white space (a long first paragraph wraps; CJK text has no spaces to keep).
 */
function startsText(line: string, text: string): boolean {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const l = squeeze(line);
  return l.length >= Math.min(10, squeeze(text).length) && squeeze(text).startsWith(l);
}

/** True when `line` is `heading` or its first line (a long heading wraps). */
function startsHeading(line: string, heading: string): boolean {
  return heading !== '' && (line === heading || (line.length >= 15 && heading.startsWith(line)));
}
