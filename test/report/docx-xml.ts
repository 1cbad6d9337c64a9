/** Reading a produced .docx for tests: its parts as XML text, and the text a reader would see. */
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParts {
  /** Part name (e.g. "word/document.xml") → XML text. */
  parts: Record<string, string>;
  part(name: string): string;
  /** The parts whose names match. */
  matching(pattern: RegExp): string[];
}

export function unzipDocx(bytes: Uint8Array): DocxParts {
  const files = unzipSync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    if (/\.(xml|rels)$/.test(name)) parts[name] = strFromU8(data);
  }
  return {
    parts,
    part(name) {
      const p = parts[name];
      if (p === undefined) throw new Error(`no part ${name} (parts: ${Object.keys(parts).join(', ')})`);
      return p;
    },
    matching(pattern) {
      return Object.keys(parts)
        .filter((n) => pattern.test(n))
        .map((n) => parts[n]!);
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data decoded: "&amp;lt;" → "&lt;", "&#x1F680;" → "🚀". */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? m),
  );
}

/** The text of each paragraph of a WordprocessingML part (runs joined, tabs as "\t"). */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((m) => (m[0] === '<w:tab/>' ? '\t' : decodeXml(m[1]!)))
      .join(''),
  );
}

/** How many words the body's paragraphs hold (headers, footers and charts left out): runs of text with a letter or digit. */
export function wordCount(documentXml: string): number {
  return paragraphTexts(documentXml)
    .join('\n')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
