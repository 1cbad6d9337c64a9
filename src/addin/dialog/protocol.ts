/**
 * The messages between the task pane and the download window (download.html), as JSON strings:
 * Office's dialog API carries strings only (`messageParent`, `Dialog.messageChild`).
 *
 * window → pane: `ready` once it listens, `saved` when the respondent chose the link, `close` when
 * they chose "Close this window". pane → window: the report in `part`s of base64 text. Microsoft
 * documents no size limit for one message, so the file travels in parts of at most PART_CHARS
 * characters: a precaution, not a documented figure (see docs/addin-platforms.md).
 */
export const PART_CHARS = 32_000;

export type FromWindow = { kind: 'ready' } | { kind: 'saved' } | { kind: 'close' };

export interface FilePart {
  kind: 'part';
  fileName: string;
  mimeType: string;
  /** 0-based position of this part, and how many parts make the file. */
  index: number;
  count: number;
  base64: string;
}

export type ToWindow = FilePart;

/** Parses a message, or returns undefined for anything that is not one of ours. */
export function parseMessage<T extends { kind: string }>(
  text: string,
  kinds: readonly T['kind'][],
): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && kinds.includes((value as { kind: T['kind'] }).kind)) {
      return value as T;
    }
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}

/** The file as base64 parts (btoa works on "binary strings", one character per byte). */
export function toParts(bytes: Uint8Array, fileName: string, mimeType: string): FilePart[] {
  const bytesPerPart = (PART_CHARS / 4) * 3;
  const count = Math.max(1, Math.ceil(bytes.length / bytesPerPart));
  const parts: FilePart[] = [];
  for (let index = 0; index < count; index++) {
    const slice = bytes.subarray(index * bytesPerPart, (index + 1) * bytesPerPart);
    let binary = '';
    for (let i = 0; i < slice.length; i += 0x8000) {
      binary += String.fromCharCode(...slice.subarray(i, i + 0x8000));
    }
    parts.push({ kind: 'part', fileName, mimeType, index, count, base64: btoa(binary) });
  }
  return parts;
}

/** Joins parts back into the file; undefined while any is missing. */
export function fromParts(parts: readonly (FilePart | undefined)[]): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  // A plain loop: `some` and `map` skip the holes of a sparse array.
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) return undefined;
    chunks.push(Uint8Array.from(atob(part.base64), (c) => c.charCodeAt(0)));
  }
  if (chunks.length === 0) return undefined;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
