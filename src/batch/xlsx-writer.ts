/**
 * results.xlsx written as SpreadsheetML directly, sheet by sheet and row by row, into a streaming
 * zip (src/io/zip-writer.ts). The batch's tables are plain text and numbers with a bold header
 * row, so the sheets need none of a general writer's machinery: exceljs' streaming writer spent
 * most of its time serialising every cell's style to look it up (issue 24: 500 departments took
 * about 100 s in it). The parts are those exceljs wrote for the same workbook — same sheets,
 * header styles, column widths, frozen panes, filters, conditional formats, text as text — so a
 * reader sees the same workbook (test/batch/xlsx-writer.test.ts compares them part by part).
 */
import { createRequire } from 'node:module';
import { cleanText } from '../text/safe-text.js';
import { zipStream, type ZipEntry } from '../io/zip-writer.js';
import type { Cell, Table } from './table-schema.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
/** Pieces of about this many characters go to the deflater. */
const PIECE = 1 << 16;

// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[<>&'"\u007f\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
// eslint-disable-next-line no-control-regex
const XML_SPECIAL_ALL = /[<>&'"\u007f\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

/** Text for XML: the five specials as entities, characters XML 1.0 cannot hold dropped. */
export function xmlText(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, (c) => ENTITIES[c] ?? '') : s;
}

/** A spreadsheet column's letters: 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let name = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name;
  return name;
}

/** The two cell formats a sheet uses: the header row, bold, and wrapped at the top when laid out. */
type HeaderStyle = 'bold' | 'bold-wrapped';
const XF: Record<HeaderStyle, string> = {
  bold: '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  'bold-wrapped':
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">' +
    '<alignment vertical="top" wrapText="1"/></xf>',
};

/** Styles shared by the sheets, numbered in the order first used (as cellXfs and dxfs are). */
class Styles {
  readonly xfs: HeaderStyle[] = [];
  readonly dxfFills: string[] = [];
  xf(style: HeaderStyle): number {
    if (!this.xfs.includes(style)) this.xfs.push(style);
    return this.xfs.indexOf(style) + 1;
  }
  dxf(fill: string): number {
    this.dxfFills.push(fill);
    return this.dxfFills.length - 1;
  }
  xml(): string {
    const fonts =
      '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>' +
      (this.xfs.length ? '<font><b/></font>' : '');
    const dxfs = this.dxfFills
      .map(
        (f) =>
          `<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF${f}"/></patternFill></fill></dxf>`,
      )
      .join('');
    return (
      `${XML_HEAD}\n<styleSheet xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
      `<fonts count="${this.xfs.length ? 2 : 1}" x14ac:knownFonts="1">${fonts}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${this.xfs.map((s) => XF[s]).join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfFills.length}">${dxfs}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>'
    );
  }
}

/**
 * One row's cells; a null cell is left out. The span is the whole row given, nulls included, and a
 * row of nulls is still written (empty), as exceljs did; an empty row is not written.
 */
function rowXml(number: number, cells: readonly Cell[], style: number): string {
  if (cells.length === 0) return '';
  let body = '';
  const s = style ? ` s="${style}"` : '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) continue;
    const ref = `${columnName(i + 1)}${number}`;
    // Text is stored as text (exceljs' "str" cells), so "=cmd" stays the literal text it was typed as.
    body +=
      typeof v === 'number'
        ? `<c r="${ref}"${s}><v>${String(v)}</v></c>`
        : `<c r="${ref}"${s} t="str"><v>${xmlText(cleanText(v))}</v></c>`;
  }
  const open = `<row r="${number}" spans="1:${cells.length}"${style ? ` s="${style}" customFormat="1"` : ''} x14ac:dyDescent="0.25"`;
  return body ? `${open}>${body}</row>` : `${open}/>`;
}

/** The `<cols>` element: each column's width, runs of equal widths merged. */
function colsXml(widths: readonly number[]): string {
  let xml = '';
  for (let i = 0; i < widths.length;) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    xml += `<col min="${i + 1}" max="${j + 1}" width="${widths[i]}" customWidth="1"/>`;
    i = j + 1;
  }
  return `<cols>${xml}</cols>`;
}

function* sheetXml(t: Table, selected: boolean, styles: Styles): Generator<string> {
  const frozen = t.layout?.frozenColumns ?? 0;
  const pane = frozen
    ? `<pane xSplit="${frozen}" ySplit="1" topLeftCell="${columnName(frozen + 1)}2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight"/>`
    : '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>';
  const widths = t.header.map((h, i) => t.layout?.widths[i] ?? Math.min(60, Math.max(10, h.length + 2)));
  let piece =
    `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>' +
    `${widths.length ? colsXml(widths) : ''}<sheetData>` +
    rowXml(1, t.header, styles.xf(t.layout ? 'bold-wrapped' : 'bold'));
  let n = 0;
  for (const r of t.rows) {
    piece += rowXml(++n + 1, r, 0);
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  piece += `</sheetData><autoFilter ref="A1:${columnName(t.header.length)}1"/>`;
  const fills = t.layout?.fills;
  if (fills && n > 0 && t.header.length >= fills.fromColumn) {
    const rules = fills.rules.map(
      (rule, i) =>
        `<cfRule type="cellIs" dxfId="${styles.dxf(rule.fill)}" priority="${i + 1}" operator="equal">` +
        `<formula>${xmlText(`"${rule.text.replace(/"/g, '""')}"`)}</formula></cfRule>`,
    );
    piece += `<conditionalFormatting sqref="${columnName(fills.fromColumn)}2:${columnName(t.header.length)}${n + 1}">${rules.join('')}</conditionalFormatting>`;
  }
  piece +=
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/></worksheet>';
  yield piece;
}

const relationships = (rels: readonly { type: string; target: string }[]) =>
  `${XML_HEAD}\n<Relationships xmlns="${PKG_REL}">${rels.map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`;

/** The theme exceljs writes (Office's default), so that the fonts' theme colour resolves alike. */
function theme(): string {
  return createRequire(import.meta.url)('exceljs/lib/xlsx/xml/theme1.js') as string;
}

/** W3CDTF to the second, as Office writes it. */
const w3c = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/**
 * The tables as the sheets of one workbook, a bold header row frozen and filters on, the sheet
 * `activeSheet` (0-based) the one it opens on; bytes to write as they come.
 */
export function xlsxParts(
  tables: readonly Table[],
  options: { activeSheet?: number; now?: Date } = {},
): AsyncGenerator<Uint8Array> {
  const active = options.activeSheet ?? 0;
  const now = options.now ?? new Date();
  const styles = new Styles();
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  function* entries(): Generator<ZipEntry> {
    yield { name: 'xl/theme/theme1.xml', data: theme() };
    yield {
      name: '_rels/.rels',
      data: relationships([
        { type: `${REL}/officeDocument`, target: 'xl/workbook.xml' },
        { type: `${PKG_REL}/metadata/core-properties`, target: 'docProps/core.xml' },
        { type: `${REL}/extended-properties`, target: 'docProps/app.xml' },
      ]),
    };
    for (const [i, t] of tables.entries())
      yield { name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(t, i === active, styles) };
    yield {
      name: '[Content_Types].xml',
      data:
        `${XML_HEAD}\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        tables
          .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`)
          .join('') +
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    };
    yield {
      name: 'docProps/app.xml',
      data:
        `${XML_HEAD}\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${tables.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${tables.length}" baseType="lpstr">${tables.map((t) => `<vt:lpstr>${xmlText(t.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
        '<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
    };
    yield {
      name: 'docProps/core.xml',
      data: `${XML_HEAD}\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>dgx-maturity</dc:creator><cp:lastModifiedBy>dgx-maturity</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${w3c(now)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${w3c(now)}</dcterms:modified></cp:coreProperties>`,
    };
    // Written after the sheets: the conditional formats' fills are numbered as the sheets are made.
    yield { name: 'xl/styles.xml', data: lazyText(() => styles.xml()) };
    yield {
      name: 'xl/_rels/workbook.xml.rels',
      data: relationships([
        { type: `${REL}/styles`, target: 'styles.xml' },
        { type: `${REL}/theme`, target: 'theme/theme1.xml' },
        ...tables.map((_, i) => ({ type: `${REL}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
      ]),
    };
    yield {
      name: 'xl/workbook.xml',
      data:
        `${XML_HEAD}\n<workbook xmlns="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>` +
        `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" firstSheet="0" activeTab="${active}"/></bookViews>` +
        `<sheets>${tables.map((t, i) => `<sheet sheetId="${i + 1}" name="${xmlText(t.name)}" state="visible" r:id="rId${i + 3}"/>`).join('')}</sheets><calcPr calcId="171027"/></workbook>`,
    };
  }
  return zipStream(entries(), { modified: now });
}

/** Text made when the zip writer reaches it, not when the entry is listed. */
function lazyText(make: () => string): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      yield make();
    },
  };
}
