/**
 * How much of a report's CPU goes to compiling the same functions again (issue 24, session 11).
 * V8 keeps a function's optimised code only while one of its closures lives: a closure made for
 * each body (a callback, a function returned by a factory) that runs hot is compiled again after
 * every full collection, which in a batch's worker comes every few briefs. This runs the batch's
 * read and render tasks of N workbooks, ROUNDS times, in one thread (one isolate, so each
 * compilation can be matched with its source) under `--trace-opt --print-opt-source`, with the
 * render workers' young generation (`--max-semi-space-size=8`, about their 24 MB) and heap growth,
 * and prints the compile time in total, the share of it in functions compiled three times or more,
 * and the sites that cost most, with their file and line.
 *
 *   npm run build:cli && node bench/recompiles.mjs WORKBOOK_DIR [N=80] [ROUNDS=3] [TOP=25]
 *
 * The times are V8's own (`took` prepare + execute + finalize, wall clock of each phase), so they
 * are a measure of where compiling goes, not of CPU; read them against the "render cpu" line.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));

if (process.argv[2] === '--child') {
  const [, , , dir, n, rounds] = process.argv;
  const load = (p) => import(pathToFileURL(join(lib, p)).href);
  const { processWorkbook } = await load('batch/process-workbook.js');
  const { builtInFramework } = await load('framework/index.js');
  const { loadTemplate } = await load('report/node/load-template.js');
  const { buildPeerCohort } = await load('report/peers.js');
  const framework = builtInFramework();
  const data = { framework, templateFiles: await loadTemplate('ministerial'), now: '2026-11-27T10:00:00Z' };
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .slice(0, Number(n));
  const reads = [];
  for (const f of files)
    reads.push({ file: f, result: await processWorkbook({ kind: 'read', path: join(dir, f) }, data) });
  const ok = reads.filter((r) => r.result.status === 'read');
  const peers = buildPeerCohort(
    ok.map((r) => r.result.scores),
    framework,
  );
  const started = process.cpuUsage();
  for (let round = 0; round < Number(rounds); round++)
    for (const r of ok)
      await processWorkbook(
        { kind: 'render', read: r.result.read, sourceName: r.file, consolidation: null, peers },
        data,
      );
  const used = process.cpuUsage(started);
  console.log(
    `render cpu ${((used.user + used.system) / 1000).toFixed(0)} ms for ${ok.length * Number(rounds)} briefs`,
  );
} else {
  const [dir, n = '80', rounds = '3', top = '25'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: recompiles.mjs WORKBOOK_DIR [N] [ROUNDS] [TOP]');
  const flags = [
    '--trace-opt',
    '--print-opt-source',
    '--max-semi-space-size=8',
    '--heap-growing-percent=100',
  ];
  const child = spawn(
    process.execPath,
    [...flags, fileURLToPath(import.meta.url), '--child', dir, n, rounds],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Each compilation job: its "[compiling method …]" line, then (with the job's id, in the same
  // order, one isolate) its source's position, then "[completed compiling …]" with its times.
  const started = []; // sfi of each job, by id
  const source = new Map(); // id → { url, name, start }
  const took = new Map(); // sfi → { ms, count }
  let summary = '';
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      let m = /^\[compiling method \S+ <JSFunction .*?\(sfi = (\S+)\)>/.exec(line);
      if (m) started.push(m[1]);
      else if ((m = /^--- FUNCTION SOURCE \((.*):(.*?)\) id\{(\d+),-1\} start\{(\d+)\}/.exec(line)))
        source.set(Number(m[3]), { url: m[1], name: m[2], start: Number(m[4]) });
      else if (
        (m =
          /^\[completed compiling \S+ <JSFunction .*?\(sfi = (\S+)\)>.*took ([\d.]+), ([\d.]+), ([\d.]+)/.exec(
            line,
          ))
      ) {
        const t = took.get(m[1]) ?? { ms: 0, count: 0 };
        t.ms += Number(m[2]) + Number(m[3]) + Number(m[4]);
        t.count++;
        took.set(m[1], t);
      } else if (line.startsWith('render cpu')) summary = line;
    }
  });
  await new Promise((resolve, reject) =>
    child.on('exit', (code) => (code ? reject(new Error(`exit ${code}`)) : resolve())),
  );
  const where = new Map();
  started.forEach((sfi, id) => source.has(id) && where.set(sfi, source.get(id)));
  const texts = new Map();
  const line = ({ url, name, start }) => {
    if (!url.startsWith('file://')) return `${url} ${name || '(anonymous)'}`;
    const path = fileURLToPath(url);
    if (!texts.has(path)) texts.set(path, readFileSync(path, 'utf8'));
    const text = texts.get(path);
    return `${path.replace(/^.*\/(node_modules|lib)\//, '$1/')}:${text.slice(0, start).split('\n').length} ${name || '(anonymous)'}`;
  };
  const all = [...took.values()].reduce((a, t) => a + t.ms, 0);
  const again = [...took.values()].filter((t) => t.count >= 3).reduce((a, t) => a + t.ms, 0);
  console.log(summary);
  console.log(
    `compiling: ${all.toFixed(0)} ms, of which ${again.toFixed(0)} ms (${((100 * again) / all).toFixed(0)}%) in functions compiled 3 times or more`,
  );
  for (const [sfi, t] of [...took].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(top)))
    console.log(
      `${String(t.count).padStart(4)}× ${t.ms.toFixed(0).padStart(6)} ms  ${where.has(sfi) ? line(where.get(sfi)) : sfi}`,
    );
}
