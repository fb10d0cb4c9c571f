/**
 * A PNG's print resolution: a pHYs chunk (PNG specification, 3rd ed., §11.3.5.3: pixels per metre on each axis,
 * unit 1 = metre) written right after IHDR, so a paper figure of 1050 px at 300 dpi opens 3.5 in wide in a word
 * processor instead of 11 in at 96 dpi.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG uses it (ISO 3309, the PNG specification's Annex D). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Signature (8 bytes) and IHDR (4 length + 4 type + 13 data + 4 CRC): pHYs goes after them. */
const AFTER_IHDR = 33;

/** The PNG with a pHYs chunk of `dpi` dots per inch (any pHYs already there is left, and this one is first). */
export function withDpi(png: Uint8Array, dpi: number): Uint8Array<ArrayBuffer> {
  const perMetre = Math.round(dpi / 0.0254);
  const chunk = new Uint8Array(21);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  view.setUint32(8, perMetre);
  view.setUint32(12, perMetre);
  chunk[16] = 1;
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, AFTER_IHDR), 0);
  out.set(chunk, AFTER_IHDR);
  out.set(png.subarray(AFTER_IHDR), AFTER_IHDR + chunk.length);
  return out;
}
