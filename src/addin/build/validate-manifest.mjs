#!/usr/bin/env node
/**
 * `npm run validate [-- path/to/manifest.xml] [-p]`: checks the add-in manifest twice.
 *
 * 1. Offline, against Microsoft's XSD schemas with xmllint (committed in
 *    vendor/schemas/office-addin-manifest; DMF_MANIFEST_SCHEMAS may point to another copy).
 * 2. Online, with `office-addin-manifest validate`, which posts the manifest to a Microsoft
 *    service; `-p` (`--production`) asks it for the store's production checks, which refuse
 *    localhost addresses: use it on the built manifest (dist/manifest.xml, built with
 *    ADDIN_BASE_URL set to the real address). Without internet that check cannot run: we say so plainly and do not fail, because
 *    the offline check has already covered the structure.
 *
 * A missing xmllint or schema folder is reported and skipped, except when CI_REQUIRE_TOOLS=1,
 * where it fails: CI must never pass without having checked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const production = args.some((a) => a === '-p' || a === '--production');
const manifestArg = args.find((a) => !a.startsWith('-'));
const manifest = path.resolve(manifestArg ?? path.join(root, 'manifest.xml'));
const schemas = path.resolve(
  process.env.DMF_MANIFEST_SCHEMAS ?? path.join(root, 'vendor/schemas/office-addin-manifest'),
);
const requireTools = process.env.CI_REQUIRE_TOOLS === '1';
let failed = false;

function skip(reason) {
  if (requireTools) {
    console.error(`FAIL  ${reason} (CI_REQUIRE_TOOLS=1 requires this check)`);
    failed = true;
  } else {
    console.warn(`SKIP  ${reason}`);
  }
}

// 1. Offline schema check.
const xsd = path.join(schemas, 'OfficeAppManifestV1_1.xsd');
if (!existsSync(xsd)) {
  skip(`offline schema check: ${xsd} not found (set DMF_MANIFEST_SCHEMAS to the schema folder)`);
} else {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, manifest], { encoding: 'utf8' });
  if (run.error) {
    skip(`offline schema check: xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)`);
  } else if (run.status === 0) {
    console.log(`OK    ${path.relative(root, manifest)} matches the Office add-in manifest schema (offline)`);
  } else {
    console.error(`FAIL  ${path.relative(root, manifest)} does not match the manifest schema:`);
    console.error((run.stderr || run.stdout).trim());
    failed = true;
  }
}

// 2. Online check by Microsoft's validation service.
const online = spawnSync(
  'npx',
  ['--no-install', 'office-addin-manifest', 'validate', ...(production ? ['-p'] : []), manifest],
  {
    encoding: 'utf8',
    shell: process.platform === 'win32',
    timeout: 120_000,
  },
);
const output = `${online.stdout ?? ''}${online.stderr ?? ''}`.trim();
if (online.error || /Unable to contact the manifest validation service/i.test(output)) {
  const reason = online.error?.message ?? output.split('\n').at(-1);
  console.warn(`SKIP  online check by Microsoft's validation service: it could not be reached (${reason})`);
} else if (online.status === 0) {
  console.log(`OK    Microsoft's validation service accepts the manifest`);
  if (output) console.log(output);
} else {
  console.error(`FAIL  Microsoft's validation service rejects the manifest:`);
  console.error(output);
  failed = true;
}

process.exit(failed ? 1 : 0);
