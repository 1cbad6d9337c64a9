/**
 * Every part of every kind of file the project writes is valid Office Open XML: checked against the
 * ECMA-376 transitional schemas (vendor/schemas/ooxml-transitional) with xmllint, after Markup
 * Compatibility processing. The nearest thing to "opens in Word and Excel without a repair prompt"
 * that runs here; it runs again on every docx or exceljs upgrade. See docs/compatibility.md.
 *
 * Skips with a visible reason without xmllint; fails instead under CI_REQUIRE_TOOLS=1.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMarkupCompatibility,
  describeInvalid,
  validatePackages,
  type InvalidPart,
  type PackageReport,
} from '../helpers/ooxml-validate.js';
import { ROOT, runDmf } from '../helpers/run-cli.js';
import { findTool, skipWithout } from '../helpers/tools.js';
import { hostileResult, imperfectResult, sampleResult } from '../report/fixtures.js';
import { workbookOf } from '../report/workbooks.js';

const xmllint = findTool('xmllint');
const skip = skipWithout(
  xmllint,
  'xmllint',
  'validating every .xlsx and .docx part against the ECMA-376 schemas',
);

/** Every report template in templates/ (a new one is picked up by itself); `summary` is the batch's. */
const TEMPLATES = readdirSync(join(ROOT, 'templates')).filter(
  (name) => name !== 'summary' && statSync(join(ROOT, 'templates', name)).isDirectory(),
);

describe('Markup Compatibility processing', () => {
  it('drops ignorable elements and attributes, keeps the Fallback of AlternateContent, and xml:space on t', () => {
    const { xml, rootNamespace } = applyMarkupCompatibility(
      '<?xml version="1.0"?><w:document xmlns:w="urn:w" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="urn:w14" mc:Ignorable="w14">' +
        '<w:p w14:paraId="1"><w14:x a="1"><w:r/></w14:x><w:r w:k="v"/></w:p>' +
        '<mc:AlternateContent><mc:Choice Requires="w14"><w14:new/></mc:Choice><mc:Fallback><w:old/></mc:Fallback></mc:AlternateContent>' +
        '</w:document>',
    );
    expect(rootNamespace).toBe('urn:w');
    expect(xml).toBe(
      '<?xml version="1.0"?><w:document xmlns:w="urn:w" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="urn:w14">' +
        '<w:p><w:r w:k="v"/></w:p><w:old/></w:document>',
    );
    const sst = applyMarkupCompatibility(
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t xml:space="preserve"> a </t></si></sst>',
    );
    expect(sst.xml).toBe(
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t> a </t></si></sst>',
    );
  });
});

describe.skipIf(skip)('every part of every file the project writes is schema-valid', () => {
  let dir: string;
  const packages: { file: string; bytes: Uint8Array }[] = [];
  let reports: PackageReport[] = [];
  let invalid: InvalidPart[] = [];
  const at = (name: string) => join(dir, name);
  const add = (file: string) => packages.push({ file, bytes: readFileSync(at(file)) });
  const dmf = (args: string[]) => {
    const r = runDmf(args, { cwd: dir });
    if (r.code !== 0) throw new Error(`dmf ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dmf-ooxml-'));
    // Workbooks: blank (as `dmf template` writes it) and filled, with ordinary, hostile and CJK text.
    dmf(['template', '-o', 'blank.xlsx', '--department', 'Ministry of <Tests> & 数字化转型']);
    writeFileSync(at('filled.xlsx'), await workbookOf(sampleResult()));
    writeFileSync(at('hostile.xlsx'), await workbookOf(hostileResult()));
    writeFileSync(at('imperfect.xlsx'), await workbookOf(imperfectResult()));
    const previous = sampleResult({ seed: 99, strengths: [0.5, 0.55, 0.2, 0.6, 0.7, 0.3, 0.3] });
    previous.meta.date = '2025-03-10';
    writeFileSync(at('previous.xlsx'), await workbookOf(previous));
    for (const f of ['blank.xlsx', 'filled.xlsx', 'hostile.xlsx', 'imperfect.xlsx']) add(f);
    // A report of each template: hostile and CJK text with the previous round, and an ordinary one.
    // The previous workbook is another department's: --force compares anyway and the report says so,
    // so the warning (with the hostile department name in it) is validated too.
    for (const template of TEMPLATES) {
      dmf([
        'report',
        'hostile.xlsx',
        '-o',
        `${template}-hostile.docx`,
        '--template',
        template,
        '--previous',
        'previous.xlsx',
        '--force',
      ]);
      dmf(['report', 'imperfect.xlsx', '-o', `${template}-imperfect.docx`, '--template', template]);
      add(`${template}-hostile.docx`);
      add(`${template}-imperfect.docx`);
    }
    // Templates may ask for the profile as a radar chart (`<dmf-chart type="radar">`), another
    // chart part: the first template, changed to ask for it, with the previous round's series.
    const radar = at('radar-template');
    cpSync(join(ROOT, 'templates', TEMPLATES[0]!), radar, { recursive: true });
    let charts = 0;
    for (const hbs of readdirSync(radar, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.hbs'),
    )) {
      const text = readFileSync(join(radar, hbs), 'utf8');
      charts += (text.match(/<dmf-chart>/g) ?? []).length;
      writeFileSync(join(radar, hbs), text.replace(/<dmf-chart>/g, '<dmf-chart type="radar">'));
    }
    if (!charts) throw new Error(`templates/${TEMPLATES[0]} has no <dmf-chart> to turn into a radar chart`);
    dmf([
      'report',
      'hostile.xlsx',
      '-o',
      'radar.docx',
      '--template',
      radar,
      '--previous',
      'previous.xlsx',
      '--force',
    ]);
    add('radar.docx');
    // The batch: summary (with the previous round), results.xlsx, and a report per department.
    const r = runDmf(
      ['batch', 'filled.xlsx', 'hostile.xlsx', 'imperfect.xlsx', '-o', 'out', '--previous', 'previous.xlsx'],
      {
        cwd: dir,
      },
    );
    if (r.code > 1) throw new Error(`dmf batch failed (${r.code}): ${r.stderr}`);
    add('out/summary.docx');
    add('out/results.xlsx');
    for (const report of readdirSync(at('out/reports'))) add(`out/reports/${report}`);
    const started = Date.now();
    ({ reports, invalid } = await validatePackages(xmllint!, packages));
    console.info(`xmllint validated ${packages.length} files in ${Date.now() - started} ms`);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks a report of every template, the summary and results.xlsx', () => {
    expect(TEMPLATES).toContain('ministerial');
    const files = reports.map((r) => r.file);
    for (const t of TEMPLATES) expect(files).toContain(`${t}-hostile.docx`);
    expect(files).toContain('radar.docx');
    const radar = unzipSync(packages.find((p) => p.file === 'radar.docx')!.bytes);
    expect(strFromU8(radar['word/charts/chart1.xml']!)).toContain('<c:radarChart>');
    expect(files).toContain('out/summary.docx');
    expect(files).toContain('out/results.xlsx');
    // The chart's embedded workbook inside each report is a package of its own, checked too.
    expect(files.some((f) => /\.docx › word\/embeddings\/.+\.xlsx$/.test(f))).toBe(true);
  });

  it('has no invalid part', () => {
    expect(describeInvalid(invalid)).toBe('');
  });

  it('validates every XML part against a schema (and lists them)', () => {
    const kinds = new Set<string>();
    for (const r of reports) {
      for (const p of r.parts) {
        // No part escapes: XML parts are validated, nested packages recursed into, and the only
        // binary parts are images.
        if (p.kind === 'binary') expect(p.part).toMatch(/\.(png|jpe?g|gif|emf|wmf)$/i);
        kinds.add(`${p.part.replace(/\d+(?=\.\w+$)/, 'N')} → ${p.kind === 'validated' ? p.schema : p.kind}`);
      }
    }
    const list = [...kinds].sort();
    console.info(`OOXML parts checked (${reports.length} packages):\n  ${list.join('\n  ')}`);
    for (const part of [
      'xl/worksheets/sheetN.xml',
      'xl/sharedStrings.xml',
      'word/document.xml',
      'word/charts/chartN.xml',
    ])
      expect(list.some((k) => k.startsWith(`${part} → `) && k.endsWith('.xsd'))).toBe(true);
  });

  it('names the file, the part and the first schema error of an invalid part', async () => {
    const good = packages.find((p) => p.file === 'out/results.xlsx')!;
    const broken = zipSync({
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml"/></Types>',
      ),
      'xl/workbook.xml': strToU8(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><bogus/></workbook>',
      ),
    });
    const result = await validatePackages(xmllint!, [good, { file: 'broken.xlsx', bytes: broken }]);
    expect(result.invalid.map((i) => [i.file, i.part]).sort()).toEqual([
      ['broken.xlsx', '[Content_Types].xml'],
      ['broken.xlsx', 'xl/workbook.xml'],
    ]);
    expect(describeInvalid(result.invalid)).toMatch(
      /broken\.xlsx: xl\/workbook\.xml \(sml\.xsd\): line 1: .*Element '\{[^}]+\}bogus': This element is not expected/,
    );
    expect(describeInvalid(result.invalid)).toMatch(/\[Content_Types\]\.xml .*ContentType.*required/);
  });
});
