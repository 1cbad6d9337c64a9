/**
 * What `dmf` loads before a command runs, and what the reading worker loads (issue 24 session 6,
 * docs/performance.md): a command's heavy modules are imported inside its action, so `dmf report`
 * never loads exceljs, cli-progress or tinyglobby in its own thread (about 0.5 s of CPU), and the
 * worker that reads a workbook loads exceljs' Workbook class, not the package's entry (its
 * streaming reader and writer: about 0.25 s more). Checked on the static import graph of the
 * sources (value imports; `import type` and `await import()` load nothing at start).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every package a source file loads at start, through static value imports, with the chain that reaches it. */
function packagesLoadedAtStart(entry: string): Map<string, string> {
  return loadedAtStart(entry).packages;
}

/** The packages (as above) and the project's own files (relative to the root) a source file loads at start. */
function loadedAtStart(entry: string): { packages: Map<string, string>; files: Set<string> } {
  const seen = new Map<string, string | null>();
  const packages = new Map<string, string>();
  const queue: [string, string | null][] = [[resolve(ROOT, entry), null]];
  const chain = (file: string) => {
    const files: string[] = [];
    for (let at: string | null | undefined = file; at; at = seen.get(at)) files.unshift(relative(ROOT, at));
    return files.join(' > ');
  };
  while (queue.length) {
    const [file, from] = queue.shift()!;
    if (seen.has(file)) continue;
    seen.set(file, from);
    const source = readFileSync(file, 'utf8');
    const statements = source.matchAll(
      /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    );
    for (const [, , typeOnly, specifier] of statements) {
      if (typeOnly || !specifier) continue;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
        if (existsSync(target)) queue.push([target, file]);
      } else if (!specifier.startsWith('node:') && !packages.has(specifier)) {
        packages.set(specifier, chain(file));
      }
    }
    // createRequire(import.meta.url)('pkg/…') loads at start too.
    for (const [, specifier] of source.matchAll(/createRequire\(import\.meta\.url\)\(\s*['"]([^'"]+)['"]/g))
      if (specifier && !packages.has(specifier)) packages.set(specifier, chain(file));
  }
  return { packages, files: new Set([...seen.keys()].map((f) => relative(ROOT, f))) };
}

describe('what dmf loads at start', () => {
  it('the command line loads no command’s heavy modules before the command runs', () => {
    const loaded = packagesLoadedAtStart('src/cli/main.ts');
    for (const heavy of [
      'exceljs',
      'docx',
      'docx/html',
      'docx/layout',
      'cli-progress',
      'tinyglobby',
      'handlebars',
    ])
      expect(loaded.get(heavy), `${heavy} is loaded at start by ${loaded.get(heavy)}`).toBeUndefined();
    // What every command needs is there (the check sees imports at all).
    expect([...loaded.keys()]).toEqual(expect.arrayContaining(['commander']));
  });

  it('the command line loads no part of the reader: workbooks are read in the guarded worker', () => {
    // The reader (read-grids.ts and what it needs: about 20 modules) used to come with the
    // blocking-diagnostic helper through the reader's browser entry (core.ts).
    const { files } = loadedAtStart('src/cli/main.ts');
    for (const reader of ['src/workbook/read/read-grids.ts', 'src/workbook/read/core.ts'])
      expect(files.has(reader), `${reader} is loaded at start`).toBe(false);
    expect(files.has('src/cli/workbook-file.ts')).toBe(true);
  });

  it('dmf report loads no zod: not at start, not in its report modules, not in the reading worker or the batch’s', () => {
    // zod and the schemas cost each thread that loads them 0.1–0.2 s of CPU; they are loaded only
    // to validate a file (--framework, --reading, answers JSON): the built-in framework is proved
    // valid by test/framework/built-in.test.ts, and the reader's answers are typed.
    for (const entry of [
      'src/cli/main.ts',
      'src/cli/framework-option.ts',
      'src/report/index.ts',
      'src/report/node/load-template.ts',
      'src/report/node/precompiled-template.ts',
      'src/workbook/read/read-file-task.ts',
      // The batch's workers take the framework from the batch's thread, as the reading worker does.
      'src/batch/process-workbook.ts',
    ]) {
      const loaded = packagesLoadedAtStart(entry);
      expect(loaded.get('zod'), `zod is loaded by ${loaded.get('zod')}`).toBeUndefined();
    }
  });

  it('the reading worker loads no exceljs at start (the fast reader; exceljs’ Workbook class on fallback only)', () => {
    const loaded = packagesLoadedAtStart('src/workbook/read/read-file-task.ts');
    expect(loaded.get('exceljs'), `exceljs is loaded by ${loaded.get('exceljs')}`).toBeUndefined();
    expect(loaded.get('exceljs/lib/doc/workbook.js')).toBeUndefined();
    // The fallback still names the Workbook class alone, never the package's entry.
    expect(readFileSync(resolve(ROOT, 'src/workbook/read/read-workbook.ts'), 'utf8')).toContain(
      "'exceljs/lib/doc/workbook.js'",
    );
    for (const other of ['docx', 'handlebars', 'commander', 'cli-progress'])
      expect(loaded.has(other)).toBe(false);
  });
});

describe('the start-up check itself', () => {
  it('sees a heavy import where there is one', () => {
    // src/workbook/exceljs writes workbooks with the whole package: the check must find it.
    expect(packagesLoadedAtStart('src/workbook/exceljs/index.ts').has('exceljs')).toBe(true);
    // Validating a framework file needs zod: the check must find it through the barrel.
    expect(packagesLoadedAtStart('src/framework/index.ts').has('zod')).toBe(true);
  });
});
