/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `--cpu-prof-dir` for worker threads): the
 * functions with the most self time, and the inclusive time of named functions (what runs under
 * them), as shares of the profile's samples outside idle time.
 *   npx tsx bench/profile-summary.ts FILE.cpuprofile [functionName...]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...named] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary FILE.cpuprofile [functionName...]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)');
const total = [...self.values()].reduce((a, b) => a + b, 0) - idle.reduce((a, [, t]) => a + t, 0);
const where = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench|test)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;

const selfByFunction = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(idle)') continue;
  selfByFunction.set(where(n), (selfByFunction.get(where(n)) ?? 0) + t);
}
console.log(`profile: ${(total / 1000).toFixed(0)} ms of samples outside idle time\n\nself time, top 25:`);
for (const [f, t] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${pct(t)}  ${f}`);

if (named.length) {
  console.log('\ninclusive time (samples with the function on the stack):');
  for (const name of named) {
    let t = 0;
    for (const [id, time] of self) {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (byId.get(at)!.callFrame.functionName === name) {
          t += time;
          break;
        }
      }
    }
    console.log(`${pct(t)}  ${name}`);
  }
}
