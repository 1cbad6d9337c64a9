/**
 * CRC-32 (the zip and PNG polynomial), so the download window can tell the pane exactly what it
 * received and the pane can compare it with what it sent. Synchronous and plain JavaScript:
 * `crypto.subtle` is asynchronous and exists only in secure contexts, and the window must answer
 * the same way everywhere. A checksum of accidents (a lost or repeated part), not of attacks: the
 * window and the pane are both the add-in's own pages.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of `bytes`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
