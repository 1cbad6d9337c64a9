/**
 * LibreOffice as an independent formula engine: it opens many .xlsx files in ONE headless run,
 * recalculates every formula on load (ignoring cached results) and exports every sheet as CSV.
 * Used to prove that the workbook's own formulas agree with the scoring engine.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { sofficeConvertArgs } from './soffice-args.js';
import { findTool } from './tools.js';

export const soffice = findTool('soffice', 'libreoffice', '/usr/lib/libreoffice/program/soffice');

/** Profile setting: recalculate .xlsx (OOXML) and .ods formulas on load, always (0). */
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * CSV export filter: comma, double quote, UTF-8, from line 1, no special formatting, raw values
 * (not "as shown"), and the last token -1: every sheet to FILE-SheetName.csv.
 */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
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
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Each workbook (by file name without .xlsx) → sheet name → rows of cells as LibreOffice shows them. */
export type RecalculatedSheets = Map<string, Map<string, string[][]>>;

/** One headless LibreOffice run over `files`, with its own profile, writing CSVs to `out`. */
async function convert(
  files: readonly string[],
  work: string,
  out: string,
  timeoutMs: number,
): Promise<void> {
  const profile = mkdtempSync(join(work, 'profile-'));
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  await promisify(execFile)(
    soffice!,
    sofficeConvertArgs(profile, CSV_FILTER, out, files, ['--infilter=Calc MS Excel 2007 XML']),
    { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
  );
}

/**
 * Recalculates and exports `files` with as few LibreOffice starts as possible: one run per CPU
 * (at most `parallel`), each taking a share of the files. soffice exits 0 even when a file fails,
 * so a workbook without CSV output is an error here.
 */
export async function recalculateToCsv(
  files: readonly string[],
  { timeoutMs = 170_000, parallel = 2 }: { timeoutMs?: number; parallel?: number } = {},
): Promise<RecalculatedSheets> {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const work = mkdtempSync(join(tmpdir(), 'dmf-lo-'));
  const out = join(work, 'csv');
  const runs = Math.max(1, Math.min(parallel, availableParallelism(), files.length));
  const shares = Array.from({ length: runs }, (_, i) => files.filter((_, j) => j % runs === i));
  try {
    await Promise.all(shares.map((share) => convert(share, work, out, timeoutMs)));
    const csvs = readdirSync(out);
    const result: RecalculatedSheets = new Map();
    for (const file of files) {
      const base = basename(file).replace(/\.xlsx$/i, '');
      const sheets = new Map<string, string[][]>();
      for (const csv of csvs.filter((c) => c.startsWith(`${base}-`) && c.endsWith('.csv'))) {
        sheets.set(csv.slice(base.length + 1, -4), parseCsv(readFileSync(join(out, csv), 'utf8')));
      }
      if (!sheets.size) throw new Error(`LibreOffice produced no CSV for ${file}`);
      result.set(base, sheets);
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One workbook held in memory: sheet name → rows, after LibreOffice recalculated everything. */
export async function recalculateBytes(xlsx: Uint8Array): Promise<Map<string, string[][]>> {
  const dir = mkdtempSync(join(tmpdir(), 'dmf-lo-bytes-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, xlsx);
    return (await recalculateToCsv([file], { parallel: 1 })).get('book')!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
