// Compares every part of every .docx under two output folders (e.g. two `dmf batch` runs, one with
// docx as published or another patch): byte for byte, but with what differs from one packing to
// the next made stable first: the core properties' dates blanked; the charts' random relationship
// ids, the bookmark names and ids and the drawings' ids (counters of the process that packed the
// document) renumbered in order of appearance. Embedded workbooks are compared part by part too.
//   node bench/compare-docx-folders.mjs DIR_A DIR_B
// Prints each part that differs and a JSON line of counts; exits 1 when any part differs.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/compare-docx-folders.mjs DIR_A DIR_B');
  process.exit(2);
}
const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p).map((x) => path.join(f, x)) : [f];
  });

/** A normaliser for one package: the same id gets the same stable name in all its parts. */
const normaliser = () => {
  const ids = new Map();
  const stable = (token) => {
    if (!ids.has(token)) ids.set(token, `ID${ids.size}`);
    return ids.get(token);
  };
  return (name, text) =>
    (/core\.xml$/.test(name)
      ? text.replace(/<dcterms:(created|modified)([^>]*)>[^<]*</g, '<dcterms:$1$2><')
      : text
    )
      .replace(/rId[A-Za-z0-9_-]{15,}/g, stable)
      .replace(/\b_Toc\d+/g, stable)
      .replace(/(<w:bookmark(?:Start|End)\b[^>]*? w:id=")(\d+)/g, (_, tag, id) => tag + stable(`b${id}`))
      .replace(/(<wp:docPr id=")(\d+)/g, (_, tag, id) => tag + stable(`d${id}`));
};

const counts = { documents: 0, packages: 0, parts: 0, differing: 0 };
function compare(label, bytesA, bytesB) {
  counts.packages++;
  const za = unzipSync(bytesA);
  const zb = unzipSync(bytesB);
  const names = Object.keys(za).sort();
  if (names.join('\n') !== Object.keys(zb).sort().join('\n')) {
    console.log(`parts differ: ${label}`);
    counts.differing++;
    return;
  }
  const [na, nb] = [normaliser(), normaliser()];
  for (const name of names) {
    if (name.endsWith('/')) continue;
    counts.parts++;
    if (name.endsWith('.xlsx')) compare(`${label} ${name}`, za[name], zb[name]);
    else if (
      /\.(xml|rels)$/.test(name)
        ? na(name, strFromU8(za[name])) !== nb(name, strFromU8(zb[name]))
        : Buffer.compare(za[name], zb[name]) !== 0
    ) {
      console.log(`differs: ${label} ${name}`);
      counts.differing++;
    }
  }
}
for (const file of walk(a).filter((f) => f.endsWith('.docx'))) {
  counts.documents++;
  if (!existsSync(path.join(b, file))) {
    console.log(`missing in ${b}: ${file}`);
    counts.differing++;
    continue;
  }
  compare(file, readFileSync(path.join(a, file)), readFileSync(path.join(b, file)));
}
console.log(JSON.stringify(counts));
process.exit(counts.differing > 0 ? 1 : 0);
