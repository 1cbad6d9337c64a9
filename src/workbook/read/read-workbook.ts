/**
 * `readWorkbook()`: an .xlsx file (or a loaded exceljs Workbook) → `{ meta, answers, diagnostics }`.
 * Bytes are read by the fast reader (./xlsx-grid.ts) when it can promise exceljs' grids, else
 * loaded with exceljs; either way the grids go to the one parser.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { Framework } from '../../framework/index.js';
import type { CheckedWorkbook } from '../../io/checked-parts.js';
import type { ReadResult } from '../read-result.js';
import { workbookGrids } from './exceljs-grid.js';
import { readGrids, type ReadOptions } from './read-grids.js';
import { tryXlsxGrids } from './xlsx-grid.js';

/** The bytes are not an .xlsx workbook at all (code "not-xlsx"); the message is one line. */
export class WorkbookReadError extends Error {
  readonly code = 'not-xlsx';
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

/**
 * exceljs' Workbook class alone, the same class as `ExcelJS.Workbook` (one CommonJS module, shared
 * by both paths): the package's entry also loads its streaming reader and writer (unzipper,
 * archiver and their dependencies), which reading a workbook never uses — about 0.25 s of CPU in
 * every reading worker's start (docs/performance.md, issue 24 session 6). Required at the first
 * exceljs load only: a worker whose workbooks all take the fast path never loads exceljs.
 */
const requireLater = createRequire(import.meta.url);
let workbookClass: typeof ExcelJS.Workbook | undefined;
const Workbook = (): typeof ExcelJS.Workbook =>
  (workbookClass ??= requireLater('exceljs/lib/doc/workbook.js') as typeof ExcelJS.Workbook);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** WorkbookReadError (one clear line) for bytes that are not a zip at all: both paths check first. */
function refuseNotZip(bytes: Uint8Array, fileName: string): void {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new WorkbookReadError(
      `${fileName} is an old-style .xls workbook or is password-protected; save it as an Excel Workbook (.xlsx) without a password.`,
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new WorkbookReadError(`${fileName} is not an Excel workbook (.xlsx).`);
  }
}

/** Loads .xlsx bytes with exceljs; WorkbookReadError (one clear line) when that is impossible. */
export async function loadWorkbook(bytes: Uint8Array, fileName = 'The file'): Promise<ExcelJS.Workbook> {
  refuseNotZip(bytes, fileName);
  const wb = new (Workbook())();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
    throw new WorkbookReadError(`${fileName} cannot be opened as an Excel workbook (${reason}).`);
  }
  return wb;
}

/**
 * Reads an assessment workbook: its bytes, the bytes and inflated parts the inspection checked
 * (src/io's `inspectAndKeepWorkbookFile`: nothing inflated twice), or a loaded exceljs workbook.
 * Throws WorkbookReadError only when the bytes are not a workbook; anything wrong inside a
 * workbook becomes a diagnostic.
 */
export async function readWorkbook(
  framework: Framework,
  input: Uint8Array | CheckedWorkbook | ExcelJS.Workbook,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const checked = isChecked(input) ? input : undefined;
  const bytes = checked ? checked.bytes : input instanceof Uint8Array ? input : undefined;
  if (bytes) {
    refuseNotZip(bytes, options.fileName ?? 'The file');
    const grids = tryXlsxGrids(bytes, checked?.parts);
    if (grids) return readGrids(framework, grids, options);
  }
  const wb = bytes ? await loadWorkbook(bytes, options.fileName) : (input as ExcelJS.Workbook);
  return readGrids(framework, workbookGrids(wb), options);
}

function isChecked(input: Uint8Array | CheckedWorkbook | ExcelJS.Workbook): input is CheckedWorkbook {
  return !(input instanceof Uint8Array) && 'parts' in input && input.parts instanceof Map;
}
