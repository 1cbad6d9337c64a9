/**
 * A Word package zipped with Node's zlib (src/io/zip-writer.ts) instead of docx's own zipper,
 * fflate, which deflates in JavaScript: a brief's parts (about 160 KB of XML) take about half the
 * CPU (docs/performance.md, issue 24 session 10). The parts and their order are docx's; only the
 * zip's own bytes differ (each part's sizes and CRC in a data descriptor, as streaming writers
 * do), which Word, LibreOffice and every zip reader read. Node only: the add-in keeps docx's.
 */
import { zipBytes } from '../../io/zip-writer.js';
import type { ZipPackage } from '../render-report.js';

export const zipPackage: ZipPackage = (parts) => zipBytes([...parts].map(([name, data]) => ({ name, data })));
