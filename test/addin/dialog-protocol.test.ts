/** The report's trip to the download window: parts small enough for one message, joined exactly. */
import { describe, expect, it } from 'vitest';
import {
  fromParts,
  parseMessage,
  PART_CHARS,
  toParts,
  type FromWindow,
} from '../../src/addin/dialog/protocol.js';

describe('the download window protocol', () => {
  it('splits a file into base64 parts of at most PART_CHARS characters and joins them back', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    const parts = toParts(bytes, 'r.docx', 'application/x-test');
    expect(parts.length).toBe(Math.ceil(100_003 / ((PART_CHARS / 4) * 3)));
    for (const p of parts) expect(p.base64.length).toBeLessThanOrEqual(PART_CHARS);
    expect(parts.map((p) => p.index)).toEqual(parts.map((_, i) => i));
    // Out of order, as messages could arrive; nothing until the last one is in.
    const received: (typeof parts)[number][] = [];
    received.length = parts.length;
    for (const p of [...parts].reverse()) {
      expect(fromParts(received)).toBeUndefined();
      received[p.index] = JSON.parse(JSON.stringify(p)) as (typeof parts)[number];
    }
    expect(fromParts(received)).toEqual(bytes);
  });

  it('sends an empty file as one part', () => {
    const parts = toParts(new Uint8Array(0), 'e', 'x');
    expect(parts).toHaveLength(1);
    expect(fromParts(parts)).toEqual(new Uint8Array(0));
  });

  it('ignores messages that are not its own', () => {
    expect(parseMessage<FromWindow>('{"kind":"ready"}', ['ready', 'saved', 'close'])).toEqual({
      kind: 'ready',
    });
    expect(parseMessage<FromWindow>('{"kind":"other"}', ['ready'])).toBeUndefined();
    expect(parseMessage<FromWindow>('true', ['ready'])).toBeUndefined();
    expect(parseMessage<FromWindow>('not json', ['ready'])).toBeUndefined();
  });
});
