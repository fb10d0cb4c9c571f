import { describe, expect, it } from 'vitest';
import { crc32, withDpi } from './pngDpi';

describe('crc32', () => {
  it('gives the standard check value', () => {
    // CRC-32 of "123456789" is 0xCBF43926 (the catalogue's check value for CRC-32/ISO-HDLC).
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('withDpi', () => {
  it('writes a pHYs chunk of 300 dpi (11811 px/m) right after IHDR, with its CRC', () => {
    const png = new Uint8Array(33 + 12).map((_, i) => i);
    const out = withDpi(png, 300);
    expect(out.length).toBe(png.length + 21);
    expect(Array.from(out.subarray(0, 33))).toEqual(Array.from(png.subarray(0, 33)));
    const view = new DataView(out.buffer, 33, 21);
    expect(view.getUint32(0)).toBe(9);
    expect(new TextDecoder().decode(out.subarray(37, 41))).toBe('pHYs');
    expect([view.getUint32(8), view.getUint32(12), out[49]]).toEqual([11811, 11811, 1]);
    // The chunk's CRC as Python's zlib.crc32 gives it for b'pHYs' + (11811, 11811, 1).
    expect(view.getUint32(17)).toBe(0x78a53f76);
    expect(Array.from(out.subarray(54))).toEqual(Array.from(png.subarray(33)));
  });
});
