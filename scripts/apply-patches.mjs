// postinstall: applies patches/ with patch-package (docs/performance.md). The docx patch only makes
// the page layout faster; the documents are the same without it. An install without dev
// dependencies (`npm ci --omit=dev`) has no patch-package: it keeps docx as published, and says so,
// instead of failing the install.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let bin;
try {
  bin = require.resolve('patch-package/index.js');
} catch {
  console.log(
    'patch-package is not installed (no dev dependencies): docx is used as published, a little slower.',
  );
  process.exit(0);
}
const run = spawnSync(process.execPath, [bin, '--error-on-fail'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
