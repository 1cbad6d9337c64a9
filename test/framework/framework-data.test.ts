import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInFramework, characteristicsOf, itemIndex } from '../../src/framework/index.js';
import { extract } from '../../scripts/extract-framework.js';
import committed from '../../src/framework/data/dmf-mvp-2022.json' with { type: 'json' };

// The source text is committed under vendor/ (Open Government Licence v3.0; see its README), so
// every clone checks the framework data against it.
const SEED = new URL(
  '../../vendor/framework-source/digital-maturity-framework-mvp-2022.txt',
  import.meta.url,
);
const f = builtInFramework();

describe('the built-in framework', () => {
  it('has the source’s 7 elements, 4 levels each, 244 characteristics, 45 questions, 75 sub-questions', () => {
    expect(f.elements.map((e) => e.id)).toEqual([
      'ucd',
      'culture',
      'data',
      'technology',
      'leadership',
      'funding',
      'capability',
    ]);
    expect(f.elements.every((e) => e.levels.length === 4)).toBe(true);
    expect(f.elements.flatMap(characteristicsOf)).toHaveLength(244);
    expect(f.elements.flatMap((e) => e.questions)).toHaveLength(45);
    expect(f.elements.flatMap((e) => e.questions.flatMap((q) => q.subQuestions))).toHaveLength(75);
  });

  it('keeps the element titles and level names of the source', () => {
    expect(f.elements.map((e) => e.title)).toEqual([
      'User centered design',
      'A culture of digital by design',
      'Data Driven',
      'Appropriate technology and infrastructure',
      'Senior leadership buy-in and appropriate governance',
      'Appropriate institutional funding and capacity',
      'Digital capability',
    ]);
    expect(f.elements[0]!.levels.map((l) => l.name)).toEqual([
      'Non-digital / non-responsive',
      'Technology driven / reactive',
      'Becoming digital / responsive',
      'Digitally mature / proactive',
    ]);
    expect(f.elements[4]!.levels.map((l) => l.label)).toEqual([
      'lack of leadership',
      'passive leadership',
      'active leadership',
      'proactive leadership',
    ]);
  });

  it('gives every item a unique, readable id that records where it sits', () => {
    const index = itemIndex(f);
    expect(index.size).toBe(244 + 45 + 75);
    for (const [id, entry] of index) {
      expect(id.startsWith(`${entry.element.id}.`)).toBe(true);
      if (entry.kind === 'characteristic') expect(id).toMatch(new RegExp(`^${entry.level.id}\\.\\d{2}$`));
      if (entry.kind === 'subQuestion') expect(id).toBe(`${entry.question.id}.${entry.item.label}`);
    }
    expect(index.get('data.l2.02')?.item).toMatchObject({ parentId: 'data.l2.01' });
  });

  it('records sub-points with their parent, in the same level', () => {
    const subs = f.elements.flatMap(characteristicsOf).filter((c) => c.parentId);
    expect(subs).toHaveLength(30);
    expect(itemIndex(f).get('ucd.l2.07')?.item.text).toMatch(/^high volume services may be digitised/);
    expect(itemIndex(f).get('ucd.l2.07')?.item).toMatchObject({ parentId: 'ucd.l2.06' });
  });

  it('repairs the page break inside a characteristic without rewording it', () => {
    expect(itemIndex(f).get('technology.l3.03')?.item.text).toBe(
      'there is a focus on ensuring technology meets user needs, rather than assuming people will use existing ' +
        'technology (for example, ensuring accessible design) and there is greater engagement across departmental ' +
        'boundaries, including private sector and NGOs',
    );
  });

  it('has short titles that are valid, unique Excel sheet names', () => {
    const names = f.elements.map((e) => e.shortTitle);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });
});

describe('faithfulness to the source text', () => {
  const source = readFileSync(SEED, 'utf8');
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const flat = squash(source.replace(/^ ?- /gm, ' '));

  it('the committed data is exactly what the extraction gives today', () => {
    expect(extract(source)).toEqual(committed);
  });

  it('every characteristic, question and description appears word for word in the source', () => {
    for (const e of f.elements) {
      expect(flat).toContain(squash(e.introduction.replace(/^- /gm, ' ')));
      for (const l of e.levels) {
        expect(flat).toContain(squash(l.description));
        for (const c of l.characteristics) expect(flat).toContain(squash(c.text));
      }
      for (const q of e.questions) {
        expect(source).toContain(`${q.label}. ${q.text}`);
        for (const s of q.subQuestions) expect(source).toContain(`- ${s.label}. ${s.text}`);
      }
    }
  });

  it('every bullet of a characteristics section is one characteristic', () => {
    let inSection = false;
    const bullets: string[] = [];
    for (const line of source.split('\n')) {
      if (line.startsWith('Characteristics of')) inSection = true;
      if (line.startsWith('Questions that governments')) inSection = false;
      if (inSection && /^ ?- /.test(line)) bullets.push(line.replace(/^ ?- /, '').trim());
    }
    const texts = f.elements.flatMap(characteristicsOf).map((c) => c.text);
    expect(bullets).toHaveLength(244);
    bullets.forEach((b, i) => expect(texts[i]!.startsWith(b)).toBe(true));
  });
});
