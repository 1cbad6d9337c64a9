/**
 * One neutral description of a workbook, built from either the Excel API double or an exceljs
 * workbook, so a test can demand that both adapters produced the same thing: sheet order, values,
 * formulas, number formats, locks, validations, protection and what is hidden.
 */
import type ExcelJS from 'exceljs';
import type { WorkbookModel } from '../fake-excel/index.js';

export interface NormalCell {
  value?: string | number | boolean;
  /** Without the leading "=". */
  formula?: string;
  numberFormat: string;
  locked: boolean;
}

export interface NormalValidation {
  list: string[];
  ignoreBlanks: boolean;
  prompt: { title: string; message: string };
  error: { style: string; title: string; message: string };
}

export interface NormalProtection {
  selectLockedCells: boolean;
  selectUnlockedCells: boolean;
  formatColumns: boolean;
  formatRows: boolean;
  insertRows: boolean;
  deleteRows: boolean;
  sort: boolean;
  autoFilter: boolean;
}

export interface NormalSheet {
  name: string;
  visibility: string;
  protection: NormalProtection | null;
  hiddenColumns: number[];
  freeze: { rows: number; columns: number };
  cells: Record<string, NormalCell>;
  validations: Record<string, NormalValidation>;
}

/** A cell worth comparing: it holds something, or is formatted as text, or is unlocked. */
const keep = (c: NormalCell) =>
  c.value !== undefined || c.formula !== undefined || c.numberFormat !== 'General' || !c.locked;

export function gridOfFake(model: WorkbookModel): NormalSheet[] {
  return model.sheets.map((s) => {
    const cells: Record<string, NormalCell> = {};
    for (const [addr, c] of s.cells) {
      const cell: NormalCell = {
        ...(c.formula !== null ? { formula: c.formula.slice(1) } : c.value !== '' ? { value: c.value } : {}),
        numberFormat: c.numberFormat,
        locked: c.locked,
      };
      if (keep(cell)) cells[addr] = cell;
    }
    const validations: Record<string, NormalValidation> = {};
    for (const [addr, v] of s.validations) {
      validations[addr] = {
        list: String(v.rule.list?.source ?? '').split(','),
        ignoreBlanks: v.ignoreBlanks,
        prompt: { title: v.prompt?.title ?? '', message: v.prompt?.message ?? '' },
        error: {
          style: (v.errorAlert?.style ?? '').toLowerCase(),
          title: v.errorAlert?.title ?? '',
          message: v.errorAlert?.message ?? '',
        },
      };
    }
    const o = s.protection.options;
    return {
      name: s.name,
      visibility: { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' }[s.visibility],
      protection: s.protection.protected
        ? {
            selectLockedCells: (o.selectionMode ?? 'Normal') === 'Normal',
            selectUnlockedCells: (o.selectionMode ?? 'Normal') !== 'None',
            formatColumns: o.allowFormatColumns === true,
            formatRows: o.allowFormatRows === true,
            insertRows: o.allowInsertRows === true,
            deleteRows: o.allowDeleteRows === true,
            sort: o.allowSort === true,
            autoFilter: o.allowAutoFilter === true,
          }
        : null,
      hiddenColumns: [...s.columns]
        .filter(([, c]) => c.hidden)
        .map(([i]) => i + 1)
        .sort((a, b) => a - b),
      freeze: { ...s.freeze },
      cells,
      validations,
    };
  });
}

function excelCell(c: ExcelJS.Cell): NormalCell {
  const v = c.value as unknown;
  const base = { numberFormat: c.numFmt ?? 'General', locked: c.protection?.locked ?? true };
  if (v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    return { formula: c.formula, ...base };
  }
  // An empty string is an empty cell in Excel (Office.js clears a cell written with "").
  if (v === null || v === undefined || v === '') return base;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v, ...base };
  return { value: String(c.text), ...base };
}

export function gridOfExcelJs(wb: ExcelJS.Workbook): NormalSheet[] {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, NormalCell> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const cell = excelCell(c);
        if (keep(cell)) cells[c.address] = cell;
      }),
    );
    const validations: Record<string, NormalValidation> = {};
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    for (const [addr, v] of Object.entries(model)) {
      const list = String(v.formulae?.[0] ?? '').replace(/^"|"$/g, '');
      validations[addr] = {
        list: list.split(','),
        ignoreBlanks: v.allowBlank === true,
        prompt: { title: v.promptTitle ?? '', message: v.prompt ?? '' },
        error: { style: v.errorStyle ?? '', title: v.errorTitle ?? '', message: v.error ?? '' },
      };
    }
    const p = (ws as unknown as { sheetProtection?: Record<string, boolean | undefined> }).sheetProtection;
    // exceljs: `true` means allowed; select* are allowed unless explicitly false.
    const allowed = (key: string) => (key.startsWith('select') ? p?.[key] !== false : p?.[key] === true);
    const view = ws.views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const hiddenColumns: number[] = [];
    for (let i = 1; i <= ws.columnCount; i++) if (ws.getColumn(i).hidden) hiddenColumns.push(i);
    return {
      name: ws.name,
      visibility: ws.state ?? 'visible',
      protection: p?.sheet
        ? {
            selectLockedCells: allowed('selectLockedCells'),
            selectUnlockedCells: allowed('selectUnlockedCells'),
            formatColumns: allowed('formatColumns'),
            formatRows: allowed('formatRows'),
            insertRows: allowed('insertRows'),
            deleteRows: allowed('deleteRows'),
            sort: allowed('sort'),
            autoFilter: allowed('autoFilter'),
          }
        : null,
      hiddenColumns,
      freeze:
        view?.state === 'frozen'
          ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 }
          : { rows: 0, columns: 0 },
      cells,
      validations,
    };
  });
}
