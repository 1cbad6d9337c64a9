/**
 * The fast reader's one way out: thrown whenever a workbook holds anything the fast reader has no
 * exact rule for, so that `readWorkbook` reads that workbook with exceljs instead. It is never a
 * verdict on the file (exceljs may read it fine, or refuse it with its own message).
 */
export class NotSimple extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotSimple';
  }
}

export function notSimple(reason: string): never {
  throw new NotSimple(reason);
}
