/**
 * Benchmarks that run in child processes run compiled JavaScript, as the installed `dmf` does
 * (lib/, `npm run build:cli`), not TypeScript through tsx: tsx's loader costs every process and
 * every worker thread tens of MB and seconds of start-up (measured: a 12-workbook batch peaked at
 * 504 MB under tsx, 400 MB compiled), which would be charged to the code measured.
 *
 * `compiledPath()` compiles src/ (as tsconfig.build.json does) and the child scripts of the cases
 * (bench/cases/*-child.ts) with the project's own tsc into a temporary folder, once per benchmark
 * process, and says where the compiled copy of a source file is. The folder gets a package.json (ES modules), and links to
 * node_modules and templates/ so that the compiled code finds what lib/ finds. Type errors (another
 * engineer's work in progress) do not stop the build: tsc still writes the JavaScript; they are
 * printed as a warning.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** Compiled besides src/: every case's child scripts. */
const CHILDREN = 'bench/cases/*-child.ts';

let build: Promise<string> | undefined;

async function compile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dmf-bench-build-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'build');
  const config = {
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: {
      noEmit: false,
      noEmitOnError: false,
      outDir: out,
      rootDir: ROOT,
      declaration: false,
      sourceMap: false,
      lib: ['ES2023'],
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules/@types')],
    },
    include: [join(ROOT, 'src'), join(ROOT, CHILDREN)],
    exclude: [join(ROOT, 'src/addin')],
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const started = performance.now();
  try {
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (e) {
    const { stdout } = e as { stdout?: string };
    if (!stdout || !existsSync(join(out, 'src'))) throw e;
    console.error(
      `  warning: type errors in the sources (the JavaScript was written and is measured):\n${stdout
        .split('\n')
        .slice(0, 5)
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
  }
  // The version too: the CLI reads it at start (`dmf --version`).
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'module', private: true, version }));
  await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  await symlink(join(ROOT, 'templates'), join(out, 'templates'), 'dir');
  console.error(
    `  compiled src/ and the benchmark's child scripts in ${((performance.now() - started) / 1000).toFixed(0)} s (not timed)`,
  );
  return out;
}

/** The compiled copy of `source`: a .ts file of src/ or a child script (an absolute path). */
export async function compiledPath(source: string): Promise<string> {
  build ??= compile();
  const path = join(await build, relative(ROOT, source).replace(/\.ts$/, '.js'));
  if (!existsSync(path))
    throw new Error(`${source} has no compiled copy (src/ and ${CHILDREN} are compiled)`);
  return path;
}
