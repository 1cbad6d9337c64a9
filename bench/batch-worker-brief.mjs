/**
 * CPU of a brief as a batch worker makes it: the compiled `processWorkbook` of one or more builds
 * (lib/ folders), each in its own worker thread with the batch's young-generation cap, given the
 * read results of N returned workbooks (phase 1, as the batch reads them) and then one render task
 * per workbook with the round's peer cohort (phase 2). Builds are paired in one process: the
 * workers take turns brief by brief, one at a time, so the process's CPU time over a task is that
 * worker's (its garbage collector's helper threads included) and the load falls on every build alike.
 *
 *   node bench/batch-worker-brief.mjs WORKBOOK_DIR N ROUNDS LIB_A [LIB_B ...] [--young MB] [--old MB] [--out DIR]
 *
 * A build may be given as LIB@YOUNG or LIB@YOUNG@OLD to give its worker caps of its own (MB), e.g.
 * lib@12 lib@32 to pair one build at two young-generation caps. Defaults: the batch's (12, 256).
 *
 * Prints, per build: median and sum of the render tasks' CPU (ms) over the timed rounds (the first
 * round is a warm-up). With --out, each build's reports of the last round are written to DIR/<i>/
 * (for bench/compare-docx-folders.mjs).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

if (!isMainThread) {
  const { lib, data } = workerData;
  const { processWorkbook } = await import(pathToFileURL(join(lib, 'batch/process-workbook.js')).href);
  parentPort.on('message', async (task) => {
    const c = process.cpuUsage();
    const result = await processWorkbook(task, data);
    const used = process.cpuUsage(c);
    parentPort.postMessage({ result, cpu: (used.user + used.system) / 1000 });
  });
} else {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : fallback;
  };
  const young = Number(opt('--young', '12'));
  const old = Number(opt('--old', '256'));
  const out = opt('--out', undefined);
  const [dir, nArg, roundsArg, ...specs] = args;
  const builds = specs.map((spec) => {
    const [lib, y, o] = spec.split('@');
    return { lib, young: y ? Number(y) : young, old: o ? Number(o) : old };
  });
  const libs = builds.map((b) => b.lib);
  const n = Number(nArg);
  const rounds = Number(roundsArg);
  const first = resolve(libs[0]);
  const { builtInFramework } = await import(pathToFileURL(join(first, 'framework/index.js')).href);
  const { loadTemplate } = await import(pathToFileURL(join(first, 'report/node/load-template.js')).href);
  const { buildPeerCohort } = await import(pathToFileURL(join(first, 'report/peers.js')).href);
  const framework = builtInFramework();
  const data = { framework, templateFiles: await loadTemplate('ministerial'), now: '2026-11-27T10:00:00Z' };
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .slice(0, n);
  const workers = builds.map((b) => {
    const w = new Worker(new URL(import.meta.url), {
      workerData: { lib: resolve(b.lib), data },
      resourceLimits: { maxYoungGenerationSizeMb: b.young, maxOldGenerationSizeMb: b.old },
    });
    return w;
  });
  const ask = (w, task) =>
    new Promise((res, rej) => {
      const fail = (e) => rej(e);
      w.once('error', fail);
      w.once('message', (m) => {
        w.off('error', fail);
        res(m);
      });
      w.postMessage(task);
    });
  // Phase 1 in each worker (its own read results are not used: build A's are sent to all).
  const reads = [];
  for (const f of files) {
    for (const w of workers) {
      const { result } = await ask(w, { kind: 'read', path: join(dir, f) });
      if (w === workers[0]) reads.push({ file: f, result });
    }
  }
  const ok = reads.filter((r) => r.result.status === 'read');
  const peers = buildPeerCohort(
    ok.map((r) => r.result.scores),
    framework,
  );
  const cpu = libs.map(() => []);
  for (let round = 0; round < rounds + 1; round++) {
    for (const r of ok) {
      for (let i = 0; i < workers.length; i++) {
        const task = {
          kind: 'render',
          read: r.result.read,
          sourceName: r.file,
          consolidation: null,
          peers,
        };
        const { result, cpu: ms } = await ask(workers[i], task);
        if (round > 0) cpu[i].push(ms);
        if (out && round === rounds) {
          await mkdir(join(out, String(i)), { recursive: true });
          await writeFile(join(out, String(i), r.file.replace(/\.xlsx$/, '.docx')), result.report);
        }
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (let i = 0; i < libs.length; i++) {
    const sum = cpu[i].reduce((a, b) => a + b, 0);
    console.log(
      JSON.stringify({
        lib: libs[i],
        young: builds[i].young,
        old: builds[i].old,
        briefs: cpu[i].length,
        median: +median(cpu[i]).toFixed(1),
        mean: +(sum / cpu[i].length).toFixed(1),
      }),
    );
  }
  await Promise.all(workers.map((w) => w.terminate()));
}
