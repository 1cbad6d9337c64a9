/**
 * exceljs' utils/shared-formula.js slideFormula, ported line for line: a shared formula's child
 * reports the master's formula with its relative references moved by the offset between the two
 * cells, and `cell.formula` is what the grid keeps. A column that slides out of A..XFD makes
 * exceljs throw while the grid is built: here it is NotSimple, so exceljs does exactly that.
 */
import { notSimple } from './not-simple.js';

const replacementCandidateRx = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CRrx = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;
const ADDRESS = /^\$?([A-Z]+)\$?(\d+)$/;

function l2n(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  if (letters.length > 3 || n > 16384) notSimple('column out of bounds');
  return n;
}

function n2l(n: number): string {
  if (n < 1 || n > 16384) notSimple('column out of bounds');
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

function decode(address: string): { row: number; col: number } {
  const m = ADDRESS.exec(address) ?? notSimple('address');
  return { col: l2n(m[1]!), row: parseInt(m[2]!, 10) };
}

export function slideFormula(formula: string, fromCell: string, toCell: string): string {
  const offset = decode(fromCell);
  const to = decode(toCell);
  return formula.replace(
    replacementCandidateRx,
    (
      refMatch: string,
      sheet: string | undefined,
      _sheetMaybe: string,
      addrPart: string,
      trailingParen: string | undefined,
    ) => {
      if (trailingParen) return refMatch;
      const match = CRrx.exec(addrPart);
      if (!match) return refMatch;
      const colDollar = match[1];
      const colStr = match[2]!.toUpperCase();
      const rowDollar = match[3];
      const rowStr = match[4]!;
      if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return refMatch;
      let col = l2n(colStr);
      let row = parseInt(rowStr, 10);
      if (!colDollar) col += to.col - offset.col;
      if (!rowDollar) row += to.row - offset.row;
      return (sheet || '') + (colDollar || '') + n2l(col) + (rowDollar || '') + row;
    },
  );
}
