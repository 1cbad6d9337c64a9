/**
 * LibreOffice Calc as a respondent: opens workbooks headless, makes the edits a person would make
 * (unprotect a sheet, sort a range of visible columns, type into a cell, clear a cell) with Calc's
 * own sort and cell editing, and saves them back as .xlsx. One Calc start for many workbooks.
 *
 * The edits run as a small StarBasic macro installed in a private profile: Calc copies its preset
 * Basic library into a new profile on first start, so the profile is initialised by one start and
 * the macro module is written over the preset's empty Module1 afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { soffice } from '../helpers/libreoffice-recalc.js';

export { soffice };

/** One edit, as a respondent makes it in Calc (sheets are unprotected first, as they would be). */
export type CalcEdit =
  /** Sorts `range` (e.g. "B22:E30") by its `by`-th column (0-based), ascending unless said. */
  | { sort: { sheet: string; range: string; by: number; descending?: boolean } }
  /** Types `text` into a cell. */
  | { type: { sheet: string; cell: string; text: string } }
  /** Deletes a cell's content (the Delete key). */
  | { clear: { sheet: string; cell: string } };

const MACRO = `Sub Run(jobFile As String)
  Dim n As Integer, line As String, parts, doc As Object, sheet As Object, rng As Object
  Dim args(0) As New com.sun.star.beans.PropertyValue
  Dim fields(0) As New com.sun.star.table.TableSortField
  Dim desc(0) As New com.sun.star.beans.PropertyValue
  Dim save(0) As New com.sun.star.beans.PropertyValue
  On Error GoTo Failed
  n = FreeFile
  Open jobFile For Input As #n
  Do While Not EOF(n)
    Line Input #n, line
    If line <> "" Then
      parts = Split(line, Chr(9))
      Select Case parts(0)
        Case "open"
          args(0).Name = "Hidden"
          args(0).Value = True
          doc = StarDesktop.loadComponentFromURL(parts(1), "_blank", 0, args())
        Case "sort"
          sheet = doc.Sheets.getByName(parts(1))
          sheet.unprotect("")
          rng = sheet.getCellRangeByName(parts(2))
          fields(0).Field = CInt(parts(3))
          fields(0).IsAscending = (parts(4) = "asc")
          desc(0).Name = "SortFields"
          desc(0).Value = fields()
          rng.sort(desc())
        Case "type"
          sheet = doc.Sheets.getByName(parts(1))
          sheet.unprotect("")
          sheet.getCellRangeByName(parts(2)).setString(parts(3))
        Case "clear"
          sheet = doc.Sheets.getByName(parts(1))
          sheet.unprotect("")
          sheet.getCellRangeByName(parts(2)).clearContents(23)
        Case "save"
          save(0).Name = "FilterName"
          save(0).Value = "Calc MS Excel 2007 XML"
          doc.storeToURL(parts(1), save())
          doc.close(True)
      End Select
    End If
  Loop
  Close #n
  StarDesktop.terminate()
  Exit Sub
Failed:
  n = FreeFile
  Open jobFile & ".error" For Output As #n
  Print #n, "Error " & Err & " in line " & Erl & ": " & Error$ & " (" & line & ")"
  Close #n
  StarDesktop.terminate()
End Sub
`;

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${xml(MACRO)}</script:module>
`;

const run = (args: string[], timeout: number) =>
  promisify(execFile)(soffice!, ['--headless', '--norestore', '--nolockcheck', ...args], {
    timeout,
    maxBuffer: 16 * 1024 * 1024,
  });

/**
 * Opens each workbook in Calc, makes its edits (none: a plain re-save) and saves it as .xlsx.
 * Returns the saved bytes by name.
 */
export async function editInCalc(
  jobs: ReadonlyArray<{ name: string; bytes: Uint8Array; edits: readonly CalcEdit[] }>,
  timeoutMs = 170_000,
): Promise<Map<string, Buffer>> {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const work = mkdtempSync(join(tmpdir(), 'dmf-calc-edit-'));
  try {
    const profile = join(work, 'profile');
    const env = `-env:UserInstallation=${pathToFileURL(profile).href}`;
    await run([env, '--terminate_after_init'], timeoutMs);
    writeFileSync(join(profile, 'user', 'basic', 'Standard', 'Module1.xba'), MODULE);

    mkdirSync(join(work, 'in'));
    mkdirSync(join(work, 'out'));
    const lines: string[] = [];
    for (const job of jobs) {
      const input = join(work, 'in', `${job.name}.xlsx`);
      writeFileSync(input, job.bytes);
      lines.push(`open\t${pathToFileURL(input).href}`);
      for (const edit of job.edits) {
        if ('sort' in edit) {
          const s = edit.sort;
          lines.push(`sort\t${s.sheet}\t${s.range}\t${s.by}\t${s.descending ? 'desc' : 'asc'}`);
        } else if ('type' in edit)
          lines.push(`type\t${edit.type.sheet}\t${edit.type.cell}\t${edit.type.text}`);
        else lines.push(`clear\t${edit.clear.sheet}\t${edit.clear.cell}`);
      }
      lines.push(`save\t${pathToFileURL(join(work, 'out', `${job.name}.xlsx`)).href}`);
    }
    const jobFile = join(work, 'jobs.txt');
    writeFileSync(jobFile, lines.join('\n') + '\n');
    await run([env, `macro:///Standard.Module1.Run("${jobFile}")`], timeoutMs);
    let error = '';
    try {
      error = readFileSync(`${jobFile}.error`, 'utf8');
    } catch {
      // no error file: every job ran
    }
    if (error) throw new Error(`LibreOffice could not make the edits: ${error.trim()}`);
    return new Map(jobs.map((j) => [j.name, readFileSync(join(work, 'out', `${j.name}.xlsx`))]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
