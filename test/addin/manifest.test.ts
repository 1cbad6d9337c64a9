/**
 * The add-in manifest: valid against Microsoft's schemas (offline, xmllint), declaring the
 * requirement set the code checks at run time, with icons of the sizes it names.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REQUIRED } from '../../src/addin/excel/requirements.js';
import { findTool, skipWithout } from '../helpers/tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
// Microsoft's schemas are committed under vendor/ (see its README), so every clone runs this check.
const xsd = path.join(root, 'vendor/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd');
const xmllint = findTool('xmllint');

describe('manifest.xml', () => {
  it.skipIf(skipWithout(xmllint, 'xmllint', 'the offline manifest schema check'))(
    'validates against the Office add-in manifest schema',
    () => {
      const out = execFileSync(
        xmllint!,
        ['--noout', '--nonet', '--schema', xsd, path.join(root, 'manifest.xml')],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(out).toBe('');
    },
  );

  it('is a task pane add-in for workbooks that reads and writes the document', () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  it('declares the requirement set the pane checks at run time', () => {
    expect(manifest).toContain(`<Set Name="${REQUIRED.set}" MinVersion="${REQUIRED.version}"/>`);
  });

  it('names icons that exist, as PNG images of the stated sizes', () => {
    const icons = [...manifest.matchAll(/assets\/icon-(\d+)\.png/g)].map((m) => Number(m[1]));
    expect(new Set(icons)).toEqual(new Set([16, 32, 64, 80]));
    for (const size of new Set(icons)) {
      const png = readFileSync(path.join(root, 'assets', `icon-${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
