#!/usr/bin/env node
/**
 * Draws the add-in's icons (16, 32, 64 and 80 px PNG) from a few shapes, with no image library:
 * a blue rounded square with four rising white steps (the maturity levels). Each pixel is
 * supersampled 8×8 for smooth edges, and the PNG is written with node's zlib.
 *
 * Run again after changing the design: `node assets/make-icons.mjs`. The PNGs are committed, so
 * the build does not need this script.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 64, 80];
const BLUE = [29, 112, 184]; // GOV.UK blue #1d70b8
const WHITE = [255, 255, 255];
const SAMPLES = 8;

/** Is the unit-square point (x, y) inside the rounded background square? */
function inBackground(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Four rising bars, left to right, each one step taller: the maturity levels. */
function inStep(x, y) {
  const left = 0.17;
  const width = 0.13;
  const gap = 0.05;
  const bottom = 0.8;
  for (let i = 0; i < 4; i++) {
    const x0 = left + i * (width + gap);
    const top = bottom - 0.16 - i * 0.15;
    if (x >= x0 && x < x0 + width && y >= top && y < bottom) return true;
  }
  return false;
}

function pixel(px, py, size) {
  let bg = 0;
  let fg = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / size;
      const y = (py + (sy + 0.5) / SAMPLES) / size;
      if (!inBackground(x, y)) continue;
      if (inStep(x, y)) fg++;
      else bg++;
    }
  }
  const n = SAMPLES * SAMPLES;
  const alpha = (bg + fg) / n;
  if (alpha === 0) return [0, 0, 0, 0];
  const mix = fg / (bg + fg);
  const rgb = BLUE.map((b, i) => Math.round(b + (WHITE[i] - b) * mix));
  return [...rgb, Math.round(alpha * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y, size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  const file = new URL(`icon-${size}.png`, import.meta.url);
  writeFileSync(file, png(size));
  console.log(`wrote ${file.pathname}`);
}
