/**
 * The messages between the task pane and the download window (download.html), as JSON strings:
 * Office's dialog API carries strings only (`messageParent`, `Dialog.messageChild`).
 *
 * window → pane: `ready` once its handler for the pane's messages is registered (the callback of
 * `addHandlerAsync` said so: messages sent earlier can be lost, office-js #2372), or `not-listening`
 * when registering failed; `received` with the byte count and CRC-32 of the file it put together
 * (the pane reports success only when both match what it sent); `refused` when the parts broke the
 * rules below; `saved` when the respondent chose the link; `close` when they chose "Close this
 * window". pane → window: the report in `part`s of base64 text.
 *
 * Microsoft documents no size limit for one message, so the file travels in parts of at most
 * PART_CHARS characters: a precaution, not a documented figure (see docs/addin-platforms.md).
 *
 * Nothing in a message is trusted: each side accepts messages only from the add-in's own origin
 * (`acceptOrigin`), and every field is checked against a fixed pattern or a cap before use.
 */
import { crc32 } from './checksum.js';

export const PART_CHARS = 32_000;
/** Bytes carried by one full part (4 base64 characters per 3 bytes). */
export const PART_BYTES = (PART_CHARS / 4) * 3;
/** The largest report the window accepts. A DMF report is 20–200 KB; this is far above any. */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;
export const MAX_PARTS = Math.ceil(MAX_REPORT_BYTES / PART_BYTES);
/** The only type the window offers: a Word document (`DOCX_MIME` of the report chunk). */
export const REPORT_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The name the window uses when a message's file name does not have the report's form. */
export const FALLBACK_FILE_NAME = 'Digital maturity report.docx';
/**
 * The form of `reportFileName` (src/addin/report/word-report.ts): a fixed start, an optional
 * department of at most 80 characters without path separators, control or format characters, and
 * a date.
 */
const REPORT_FILE_NAME =
  /^Digital maturity report(?: - [^\\/:*?"<>|\p{Cc}\p{Cf}\p{Zl}\p{Zp}]{1,80})? \d{4}-\d{2}-\d{2}\.docx$/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type FromWindow =
  | { kind: 'ready' }
  | { kind: 'not-listening' }
  | { kind: 'received'; bytes: number; crc32: number }
  | { kind: 'refused' }
  | { kind: 'saved' }
  | { kind: 'close' };

export interface FilePart {
  kind: 'part';
  fileName: string;
  mimeType: string;
  /** Length of the whole file in bytes. */
  size: number;
  /** 0-based position of this part, and how many parts make the file. */
  index: number;
  count: number;
  base64: string;
}

export type ToWindow = FilePart;

/**
 * Whether a message comes from the expected origin. `origin` is undefined on hosts without
 * DialogOrigin 1.1 (Microsoft: the property is undefined there); such hosts cannot message across
 * domains at all, so a message there is from the add-in's own domain. Where the host reports
 * origins (`originsReported`), a message without one is refused.
 */
export function acceptOrigin(
  origin: string | undefined,
  expected: string,
  originsReported: boolean,
): boolean {
  if (origin === undefined || origin === '') return !originsReported;
  return origin === expected;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function json(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || text.length > PART_CHARS + 1_000) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined; // Not JSON: not ours.
  }
}

/** A message from the window, or undefined for anything that is not exactly one of ours. */
export function parseFromWindow(text: unknown): FromWindow | undefined {
  const v = json(text);
  switch (v?.kind) {
    case 'ready':
    case 'not-listening':
    case 'refused':
    case 'saved':
    case 'close':
      return { kind: v.kind };
    case 'received':
      return isCount(v.bytes, 0, MAX_REPORT_BYTES) && isCount(v.crc32, 0, 0xffffffff)
        ? { kind: 'received', bytes: v.bytes, crc32: v.crc32 }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * A part from the pane, or undefined when any field is off: the type is the report's, the counts
 * are whole numbers within the caps and agree with the size, the text is base64 of the right
 * length. The file name is not checked here but where it is used (`reportName`).
 */
export function parsePart(text: unknown): FilePart | undefined {
  const v = json(text);
  if (v?.kind !== 'part') return undefined;
  const { fileName, mimeType, size, index, count, base64 } = v;
  if (typeof fileName !== 'string' || fileName.length > 200) return undefined;
  if (mimeType !== REPORT_MIME) return undefined;
  if (!isCount(size, 0, MAX_REPORT_BYTES) || !isCount(count, 1, MAX_PARTS)) return undefined;
  if (count !== partCount(size) || !isCount(index, 0, count - 1)) return undefined;
  if (typeof base64 !== 'string' || base64.length > PART_CHARS || !BASE64.test(base64)) return undefined;
  const bytes = index < count - 1 ? PART_BYTES : size - PART_BYTES * (count - 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  if ((base64.length / 4) * 3 - padding !== bytes) return undefined;
  return { kind: 'part', fileName, mimeType, size, index, count, base64 };
}

/** The file name to save under: the message's if it has the report's form, else a fixed one. */
export function reportName(fileName: string): string {
  return REPORT_FILE_NAME.test(fileName) ? fileName : FALLBACK_FILE_NAME;
}

const partCount = (size: number) => Math.max(1, Math.ceil(size / PART_BYTES));

/** The file as base64 parts (btoa works on "binary strings", one character per byte). */
export function toParts(bytes: Uint8Array, fileName: string, mimeType: string): FilePart[] {
  const count = partCount(bytes.length);
  const parts: FilePart[] = [];
  for (let index = 0; index < count; index++) {
    const slice = bytes.subarray(index * PART_BYTES, (index + 1) * PART_BYTES);
    let binary = '';
    for (let i = 0; i < slice.length; i += 0x8000) {
      binary += String.fromCharCode(...slice.subarray(i, i + 0x8000));
    }
    parts.push({ kind: 'part', fileName, mimeType, size: bytes.length, index, count, base64: btoa(binary) });
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

/** What the window has after a part: still waiting, the whole file, a refusal, or done already. */
export type Collected =
  | { kind: 'waiting'; have: number; of: number }
  | { kind: 'ignored' }
  | { kind: 'complete'; bytes: Uint8Array; fileName: string; crc32: number }
  | { kind: 'refused'; why: string };

/**
 * Puts the file together in the window. Every part must describe the same file as the first (name,
 * size, count); a repeated part is ignored; the joined bytes must have the announced size.
 */
export class PartCollector {
  private first: FilePart | undefined;
  private parts: (FilePart | undefined)[] = [];
  private have = 0;
  private finished = false;

  add(part: FilePart): Collected {
    // A part repeated after the file was complete (or refused) changes nothing.
    if (this.finished) return { kind: 'ignored' };
    const first = (this.first ??= part);
    if (part.fileName !== first.fileName || part.size !== first.size || part.count !== first.count) {
      this.finished = true;
      return { kind: 'refused', why: 'its parts do not describe the same file' };
    }
    if (this.parts.length === 0) this.parts.length = first.count;
    if (!this.parts[part.index]) {
      this.parts[part.index] = part;
      this.have++;
    }
    if (this.have < first.count) return { kind: 'waiting', have: this.have, of: first.count };
    this.finished = true;
    const bytes = fromParts(this.parts);
    if (!bytes || bytes.length !== first.size)
      return { kind: 'refused', why: 'its size is not the one announced' };
    return { kind: 'complete', bytes, fileName: reportName(first.fileName), crc32: crc32(bytes) };
  }
}
