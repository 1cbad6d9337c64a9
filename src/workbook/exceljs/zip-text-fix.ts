/**
 * exceljs 4.4.0 hands each part's XML to JSZip as a string, and JSZip encodes a string to UTF-8 in
 * pieces of 16,384 UTF-16 code units: a character outside the Basic Multilingual Plane (an emoji, a
 * rare CJK ideograph: a surrogate pair) that falls across the end of a piece is written as two
 * broken halves, read back as "��". Whether it happens depends on where the text falls in the part,
 * so a respondent's "😀" survived in one workbook and not in the next (test/workbook/round-trip.test.ts
 * found it with generated answers; test/workbook/astral-text.test.ts holds the case).
 *
 * This module, loaded by every exceljs writer of ours (apply-plan.ts), gives JSZip the part's UTF-8
 * bytes instead (as exceljs already does in a browser), encoded whole by Node. At run time rather
 * than in patches/ because an install without dev dependencies has no patch-package, and this is
 * about correct data.
 */
import { createRequire } from 'node:module';

interface ZipWriter {
  append(data: unknown, options: { name: string; base64?: boolean }): void;
}

const require = createRequire(import.meta.url);
const { ZipWriter } = require('exceljs/lib/utils/zip-stream.js') as { ZipWriter: { prototype: ZipWriter } };
const append = ZipWriter.prototype.append;

ZipWriter.prototype.append = function appendWhole(this: ZipWriter, data, options) {
  append.call(this, typeof data === 'string' && !options.base64 ? Buffer.from(data, 'utf8') : data, options);
};
