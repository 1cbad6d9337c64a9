/**
 * A Word package zipped with Node's zlib (src/report/node/zip-package.ts) holds docx's parts, in
 * docx's order, byte for byte: the parts `Packer.pack` would zip (docx's compiler is reached
 * through `Packer.compiler`, which is not in docx's public types), in a zip that every reader the
 * tool's users have reads (fflate, as docx and mammoth unzip; yauzl, as the tool's own checks do;
 * LibreOffice in test/report/libreoffice.test.ts and the batch's tests).
 */
import mammoth from 'mammoth';
import { strFromU8, unzipSync } from 'fflate';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { builtInFramework } from '../../src/framework/index.js';
import { buildViewModel, compileTemplate, renderReport } from '../../src/report/index.js';
import { loadTemplate } from '../../src/report/node/load-template.js';
import { zipPackage } from '../../src/report/node/zip-package.js';
import type { ZipPackage } from '../../src/report/render-report.js';
import { sampleResult } from './fixtures.js';
import { normalisedPackage } from './normalised-docx.js';

const framework = builtInFramework();
const vm = buildViewModel({
  framework,
  current: sampleResult(),
  options: { now: new Date('2026-11-27T10:00:00Z'), sourceName: 'sample.xlsx' },
});

/** The entries' names in a zip's central directory, in order, as yauzl reads them. */
function yauzlNames(bytes: Uint8Array): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          stream.on('end', () => zip.readEntry()).resume();
        });
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('a report zipped with Node’s zlib', () => {
  it('holds docx’s parts, in docx’s order, byte for byte', async () => {
    let given: ReadonlyMap<string, string | Uint8Array> | undefined;
    const spy: ZipPackage = (parts) => {
      given = parts;
      return zipPackage(parts);
    };
    const bytes = await renderReport(vm, compileTemplate(await loadTemplate('ministerial')), { zip: spy });
    expect(given?.size).toBeGreaterThan(10);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual([...given!.keys()]);
    for (const [name, data] of given!)
      expect(strFromU8(files[name]!), name).toBe(typeof data === 'string' ? data : strFromU8(data));
    expect(await yauzlNames(bytes)).toEqual([...given!.keys()]);
  });

  it('is the document docx zips itself, but for what differs from one packing to the next', async () => {
    const template = compileTemplate(await loadTemplate('ministerial'));
    const ours = await renderReport(vm, template, { zip: zipPackage });
    const docx = await renderReport(vm, template);
    expect(normalisedPackage(ours)).toEqual(normalisedPackage(docx));
    const text = await mammoth.extractRawText({ buffer: Buffer.from(ours) });
    expect(text.value).toContain(vm.cover.title);
  });
});
