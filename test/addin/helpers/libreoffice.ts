/**
 * Recalculates a workbook with LibreOffice (headless) and returns every sheet as CSV rows.
 *
 * A private LibreOffice profile with `OOXMLRecalcMode` = 0 makes it recalculate every formula on
 * load instead of trusting cached results (the double stores none). CSV export with sheet "-1"
 * (LibreOffice ≥ 7.2) writes one file per sheet, named `<file>-<sheet>.csv`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Minimal CSV parser (RFC 4180: quotes, doubled quotes, newlines in quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Sheet name → rows of displayed values, after LibreOffice recalculated everything. */
export async function recalculateWithLibreOffice(
  soffice: string,
  xlsx: Buffer,
): Promise<Map<string, string[][]>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dmf-lo-'));
  try {
    const profile = path.join(dir, 'profile');
    await mkdir(path.join(profile, 'user'), { recursive: true });
    await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE);
    const input = path.join(dir, 'book.xlsx');
    await writeFile(input, xlsx);
    const out = path.join(dir, 'out');
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        input,
      ],
      { timeout: 120_000 },
    );
    const sheets = new Map<string, string[][]>();
    for (const file of await readdir(out)) {
      const m = /^book-(.*)\.csv$/.exec(file);
      if (m) sheets.set(m[1]!, parseCsv(await readFile(path.join(out, file), 'utf8')));
    }
    return sheets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
