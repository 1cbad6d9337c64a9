/**
 * The fast reader's tokenizer scans tags by hand (src/workbook/read/fast/xml-tokens.ts); before, it
 * read them with sticky regular expressions. The two must accept, tokenize and refuse exactly the
 * same texts, or the fast path would read a workbook differently from what its tests established.
 * The regular-expression version is kept in test/workbook/fast/regex-xml-tokens.ts as the reference;
 * this test compares the two on generated texts near the grammar's edges (spaces, tabs and newlines
 * around names and `=`, quotes, `<` in values, duplicates, self-closing and close tags, mismatches,
 * references) and on every one-character mutation of a few real parts.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE, END, OPEN, TEXT, XmlTokens } from '../../src/workbook/read/fast/xml-tokens.js';
import { RegexXmlTokens } from './fast/regex-xml-tokens.js';

interface Tokenizer {
  next(): number;
  name: string;
  attrs: Record<string, string>;
  readonly text: string;
  skip(forbidden?: ReadonlySet<string>): void;
  drain(): void;
}

type Mode = 'tokens' | 'skip-root' | 'drain';

/** Every token with what it carries, then how it ended: END, or the error's name and message. */
function trace(make: () => Tokenizer, mode: Mode): string[] {
  const out: string[] = [];
  try {
    const x = make();
    if (mode === 'drain') {
      x.drain();
      return ['drained'];
    }
    for (let i = 0; i < 10_000; i++) {
      const t = x.next();
      if (t === END) {
        out.push('END');
        return out;
      }
      if (t === OPEN) {
        out.push(`OPEN ${x.name} ${JSON.stringify(x.attrs)}`);
        if (mode === 'skip-root') {
          x.skip(new Set(['forbidden']));
          out.push('skipped');
        }
      } else if (t === CLOSE) out.push(`CLOSE ${x.name}`);
      else if (t === TEXT) out.push(`TEXT ${JSON.stringify(x.text)}`);
    }
    out.push('too many tokens');
  } catch (e) {
    out.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  return out;
}

function expectSame(xml: string): void {
  for (const mode of ['tokens', 'skip-root', 'drain'] as const) {
    const hand = trace(() => new XmlTokens(xml), mode);
    const regex = trace(() => new RegexXmlTokens(xml), mode);
    if (hand.join('\n') !== regex.join('\n')) expect({ xml, mode, hand }).toEqual({ xml, mode, hand: regex });
  }
}

/** A small seeded generator (mulberry32), so a failure names a text that can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'c', 'row', 'x:y', '_b', 'a.b-c', 'v1', 'forbidden', '1a', 'é', '-a', 'a b', ''];
const SPACES = [' ', '  ', '\n', '\t', ' \n\t', ''];
const VALUES = [
  '1',
  'A1',
  'a&amp;b',
  'a&quot;b',
  'a<b',
  "it's",
  'x"y',
  'tab\there',
  'nl\nhere',
  '&#65;',
  '&#0;',
  '&bogus;',
  '&',
  '',
  'a>b',
  '/',
];
const TEXTS = [
  'text',
  ' ',
  '\n',
  '&quot;&apos;&amp;quot;&gt',
  '&amp',
  '&ap;',
  'a &amp; b',
  '&lt;x&gt;',
  '&#x41;',
  '&#xD800;',
  'a & b',
  '&nope;',
  ']]',
  '',
];

function generate(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const name = () => (next() < 0.85 ? pick(NAMES.slice(0, 7)) : pick(NAMES));
  const attribute = (): string => {
    const q = next() < 0.45 ? '"' : next() < 0.9 ? "'" : '';
    const close = next() < 0.93 ? q : '';
    const eq = next() < 0.95 ? `${pick(SPACES)}=${pick(SPACES)}` : pick(SPACES);
    return `${next() < 0.9 ? pick(SPACES.slice(0, 5)) : pick(SPACES)}${name()}${eq}${q}${pick(VALUES)}${close}`;
  };
  const element = (depth: number): string => {
    const n = name();
    let open = `<${n}`;
    const count = Math.floor(next() * 4);
    for (let i = 0; i < count; i++)
      open += next() < 0.1 && i > 0 ? open.slice(open.indexOf(' ')) : attribute();
    open += pick(SPACES.slice(3));
    if (next() < 0.3) return `${open}${next() < 0.9 ? '/>' : '/ >'}`;
    if (next() < 0.02) return open;
    let body = '';
    const children = depth > 2 ? 0 : Math.floor(next() * 3);
    for (let i = 0; i < children; i++) body += next() < 0.3 ? pick(TEXTS) : element(depth + 1);
    const closeName = next() < 0.95 ? n : name();
    return `${open}>${body}</${closeName}${next() < 0.2 ? pick(SPACES) : ''}>`;
  };
  const declaration = next() < 0.5 ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : '';
  return declaration + element(0) + (next() < 0.05 ? pick(TEXTS) : '');
}

/** Real shapes from our workbooks: a sheet's rows and cells, shared strings, relationships. */
const PARTS = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData><row r="1" ht="25" customHeight="1" spans="2:2" x14ac:dyDescent="0.25"><c r="B1" s="1" t="s"><v>281</v></c><c r="C1"><f>IF($F$9=&quot;fully&quot;,1,0)</f><v>0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>',
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"><si><t xml:space="preserve"> a &amp; b </t></si><si><r><rPr><b/></rPr><t>x</t></r></si></sst>',
  "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'><Relationship Id='rId1' Type='t' Target='x.xml' /></Relationships>",
];
const MUTATIONS = ['', '<', '>', '/', '"', "'", '=', ' ', '\t', '&', 'a'];

describe('the hand-scanned tokenizer against the regular-expression one', () => {
  it('tokenizes and refuses 8,000 generated texts exactly as before', () => {
    const next = random(24_7);
    for (let i = 0; i < 8_000; i++) expectSame(generate(next));
  });

  it('every one-character change of real parts: the same tokens or the same refusal', () => {
    for (const part of PARTS) {
      expectSame(part);
      for (let at = 0; at < part.length; at++) {
        for (const m of MUTATIONS) {
          expectSame(part.slice(0, at) + m + part.slice(at + 1)); // replaced (or deleted)
          if (m) expectSame(part.slice(0, at) + m + part.slice(at)); // inserted
        }
      }
    }
  });
});
