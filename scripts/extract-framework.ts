/**
 * Extracts the Digital Maturity Framework MVP from its source text into the framework data file.
 *
 *   npx tsx scripts/extract-framework.ts [SOURCE.txt] [OUT.json]
 *
 * The result is committed (src/framework/data/dmf-mvp-2022.json); this script documents, as code,
 * every judgement call made on the extracted text (see docs/framework-data.md), and a test re-runs
 * it against the source to prove the committed data is still faithful.
 *
 * Only extraction artefacts are repaired: paragraphs split by a page break are joined, list markers
 * are normalised. The wording is never changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';

interface ElementSpec {
  id: string;
  /** Heading exactly as printed in the source. */
  title: string;
  shortTitle: string;
}

/** Element headings in source order, with the ids and sheet names this project gives them. */
const ELEMENTS: readonly ElementSpec[] = [
  { id: 'ucd', title: 'User centered design', shortTitle: 'User centered design' },
  { id: 'culture', title: 'A culture of digital by design', shortTitle: 'Culture of digital by design' },
  { id: 'data', title: 'Data Driven', shortTitle: 'Data driven' },
  {
    id: 'technology',
    title: 'Appropriate technology and infrastructure',
    shortTitle: 'Technology and infrastructure',
  },
  {
    id: 'leadership',
    title: 'Senior leadership buy-in and appropriate governance',
    shortTitle: 'Leadership and governance',
  },
  {
    id: 'funding',
    title: 'Appropriate institutional funding and capacity',
    shortTitle: 'Funding and capacity',
  },
  { id: 'capability', title: 'Digital capability', shortTitle: 'Digital capability' },
];

/** The four generic level names, in the order of the source's level headings. */
const LEVEL_NAMES = [
  'Non-digital / non-responsive',
  'Technology driven / reactive',
  'Becoming digital / responsive',
  'Digitally mature / proactive',
] as const;

const LEVEL_HEADING = /^Characteristics of a (?:government that is )?(.+?)(?: government)?(?: \((.+)\))?$/;
const QUESTIONS_HEADING = 'Questions that governments need to consider';
const END_HEADING = 'Next steps';

const pad = (n: number) => String(n).padStart(2, '0');

/** True when a paragraph ends mid-sentence, i.e. a page break split it. */
const endsMidSentence = (s: string) => !/[.:;!?)]$/.test(s.trim());

/**
 * Joins paragraphs that a page break split. A paragraph that does not end a sentence and is
 * followed by one that starts in lower case is one paragraph ("siloed ways" / "of working.").
 */
function joinParagraphs(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const prev = out[out.length - 1];
    if (prev !== undefined && endsMidSentence(prev) && /^[a-z]/.test(p) && !prev.startsWith('- ')) {
      out[out.length - 1] = `${prev} ${p}`;
    } else {
      out.push(p);
    }
  }
  return out;
}

export function extract(source: string): unknown {
  const lines = source.split(/\r?\n/);
  // Element headings appear twice: in the table of contents (followed by a tab and page number)
  // and as real headings (alone on the line). Only the latter count.
  const start = (title: string) => {
    const i = lines.findIndex((l) => l === title);
    if (i < 0) throw new Error(`element heading "${title}" not found in the source`);
    return i;
  };
  const bounds = ELEMENTS.map((e) => start(e.title));
  const end = lines.findIndex((l, i) => l === END_HEADING && i > bounds[bounds.length - 1]!);

  const elements = ELEMENTS.map((spec, ei) => {
    const body = lines.slice(bounds[ei]! + 1, ei + 1 < bounds.length ? bounds[ei + 1] : end);
    return parseElement(spec, body);
  });

  return {
    id: 'dgx-dmf-mvp',
    version: '1.0.0',
    title: 'Digital Maturity Framework MVP',
    publisher:
      'Digital Government Exchange (DGX) Working Group on Digital Maturity, chaired by the UK Government Digital Service',
    published: 'February 2022',
    licence: 'Open Government Licence v3.0',
    source:
      'Digital Government Exchange Working Group: Digital Maturity — Digital Maturity Framework MVP (February 2022)',
    elements,
    scoring: {
      rule: 'staged-threshold',
      ratings: [
        { label: 'Fully', meaning: 'This describes us completely.', kind: 'scored', value: 1 },
        { label: 'Largely', meaning: 'This describes us in most respects.', kind: 'scored', value: 2 / 3 },
        { label: 'Partly', meaning: 'This describes us in some respects.', kind: 'scored', value: 1 / 3 },
        { label: 'Not at all', meaning: 'This does not describe us.', kind: 'scored', value: 0 },
        {
          label: "Don't know",
          meaning: 'You cannot tell. Counts as not answered.',
          kind: 'unanswered',
        },
        {
          label: 'Not applicable',
          meaning: 'This does not apply to your organisation. Left out of the calculation.',
          kind: 'excluded',
        },
      ],
      threshold: 2 / 3,
      stagedFrom: 3,
      lowCoverage: 0.5,
      epsilon: 1e-9,
      // How sure a result is (docs/scoring.md, "Confidence"): this tool's parameters, not the framework's.
      confidence: {
        decidingCoverage: { high: 0.8, medium: 0.5 },
        evidenceShare: { high: 0.75, medium: 0.4 },
        rangeWidth: { medium: 1, low: 2 },
        borderline: 'medium',
      },
    },
  };
}

function parseElement(spec: ElementSpec, body: string[]) {
  const levelStarts = body.flatMap((l, i) => (LEVEL_HEADING.test(l) ? [i] : []));
  const questionsStart = body.indexOf(QUESTIONS_HEADING);
  if (levelStarts.length !== LEVEL_NAMES.length || questionsStart < 0) {
    throw new Error(`element "${spec.title}": expected 4 level headings and a questions heading`);
  }
  const introduction = joinParagraphs(paragraphs(body.slice(0, levelStarts[0]))).join('\n\n');
  const levels = levelStarts.map((s, li) => {
    const heading = LEVEL_HEADING.exec(body[s]!)!;
    const stop = li + 1 < levelStarts.length ? levelStarts[li + 1]! : questionsStart;
    return parseLevel(spec, li, heading[2], body.slice(s + 1, stop));
  });
  return {
    id: spec.id,
    shortTitle: spec.shortTitle,
    title: spec.title,
    introduction,
    levels,
    questions: parseQuestions(spec, body.slice(questionsStart + 1)),
  };
}

/** Non-empty lines grouped into paragraphs at blank lines; list lines stay lines of their own. */
function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push(current.join(' '));
    current = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) flush();
    else if (line.startsWith('- ')) {
      flush();
      out.push(line);
    } else current.push(line);
  }
  flush();
  // The technology element's introduction carries a two-point list ("…to having:"): keep it as
  // list lines under the paragraph that introduces it.
  return out.reduce<string[]>((acc, p) => {
    if (p.startsWith('- ') && acc.length) acc[acc.length - 1] = `${acc[acc.length - 1]}\n${p}`;
    else acc.push(p);
    return acc;
  }, []);
}

function parseLevel(spec: ElementSpec, index: number, label: string | undefined, lines: string[]) {
  const levelId = `${spec.id}.l${index + 1}`;
  const firstBullet = lines.findIndex((l) => /^ ?- /.test(l));
  const description = joinParagraphs(paragraphs(lines.slice(0, firstBullet))).join('\n\n');

  const characteristics: { id: string; text: string; parentId?: string }[] = [];
  let lastTopLevel: string | undefined;
  for (const raw of lines.slice(firstBullet)) {
    if (!raw.trim()) continue; // blank lines between bullets are page breaks
    const bullet = /^( ?)- (.*)$/.exec(raw);
    if (!bullet) {
      // A line that is not a bullet continues the previous bullet across a page break
      // (technology, level 3: "… accessible design) and" / "there is greater engagement …").
      const prev = characteristics[characteristics.length - 1];
      if (!prev) throw new Error(`${levelId}: text before the first characteristic: "${raw}"`);
      prev.text = `${prev.text} ${raw.trim()}`;
      continue;
    }
    const id = `${levelId}.${pad(characteristics.length + 1)}`;
    const indented = bullet[1] === ' ';
    if (indented && !lastTopLevel) throw new Error(`${id}: sub-point without a parent`);
    characteristics.push(
      indented ? { id, text: bullet[2]!.trim(), parentId: lastTopLevel } : { id, text: bullet[2]!.trim() },
    );
    if (!indented) lastTopLevel = id;
  }
  return {
    id: levelId,
    rank: index + 1,
    name: LEVEL_NAMES[index],
    ...(label ? { label } : {}),
    description,
    characteristics,
  };
}

function parseQuestions(spec: ElementSpec, lines: string[]) {
  const questions: {
    id: string;
    label: string;
    text: string;
    subQuestions: { id: string; label: string; text: string }[];
  }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    // Questions are "N. text"; the source sometimes prefixes them with a stray "- " (capability).
    const q = /^(?:- )?(\d+)\. (.+)$/.exec(line);
    // Sub-questions are "- x. text", indented or not (the indentation is lost at page breaks).
    const s = /^- ([a-z])\. (.+)$/.exec(line);
    if (q) {
      questions.push({ id: `${spec.id}.q${q[1]}`, label: q[1]!, text: q[2]!.trim(), subQuestions: [] });
    } else if (s) {
      const parent = questions[questions.length - 1];
      if (!parent) throw new Error(`${spec.id}: sub-question before the first question: "${line}"`);
      parent.subQuestions.push({ id: `${parent.id}.${s[1]}`, label: s[1]!, text: s[2]!.trim() });
    } else {
      throw new Error(`${spec.id}: unexpected line among the questions: "${line}"`);
    }
  }
  return questions;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const src = process.argv[2] ?? `${here}../../shared/seed/digital-maturity-framework-mvp-2022.txt`;
  const out = process.argv[3] ?? `${here}../src/framework/data/dmf-mvp-2022.json`;
  writeFileSync(out, `${JSON.stringify(extract(readFileSync(src, 'utf8')), null, 2)}\n`);
  console.log(`wrote ${out}`);
}
