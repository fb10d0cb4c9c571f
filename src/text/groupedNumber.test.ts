import { describe, expect, it } from 'vitest';
import { groupedNumber } from './groupedNumber';

/** A seeded stream (mulberry32), so a failure names a value that can be tried again. */
function stream(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values across magnitudes and signs: whole, with decimals, ties at the third and at the given decimal. */
function values(): number[] {
  const next = stream(20);
  const listed = [0, -0, 1, -1, 999, 1000, -1000, 999999, 1e6, 123456789, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5e25, -3.2e30, 0.5, 1.5, 2.5, -2.5, 0.0005, 0.0015, 1.0005, 1234.5678, -0.0001, 0.125, 1e-7, 12.3, 0.9995, 999.9995, 9.9999, -0.0004, 99999.5, Number.MIN_VALUE, Number.MAX_VALUE];
  const drawn = Array.from({ length: 4000 }, (_, i) => {
    const magnitude = 10 ** Math.floor(next() * 16 - 4);
    const value = next() * magnitude * (next() < 0.3 ? -1 : 1);
    // A quarter whole, a quarter at three or four decimals (ties in the last one), the rest as drawn.
    return i % 4 === 0 ? Math.round(value) : i % 4 === 1 ? Math.round(value * 1e4) / 1e4 : value;
  });
  // Whole numbers of every length up to 2^53 - 1.
  const wholes = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, ...Array.from({ length: 16 }, (_, k) => 10 ** k - 1), ...Array.from({ length: 16 }, (_, k) => 3 * 10 ** k + 1)];
  return [...listed, ...wholes, ...drawn];
}

describe('groupedNumber: en-US number text without ICU', () => {
  it('writes every value as toLocaleString("en-US") does', () => {
    const wrong = values().filter((v) => groupedNumber(v) !== v.toLocaleString('en-US'));
    expect(wrong.map((v) => `${v}: ${groupedNumber(v)} ≠ ${v.toLocaleString('en-US')}`)).toEqual([]);
  });

  it('with a fixed number of decimals, as minimum = maximum fraction digits', () => {
    for (const digits of [0, 1, 2, 3, 4, 5, 6]) {
      const wrong = values().filter((v) => groupedNumber(v, digits) !== v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
      expect(wrong.map((v) => `${v} at ${digits}: ${groupedNumber(v, digits)}`)).toEqual([]);
    }
  });

  it('refuses a count of decimals ICU refuses', () => {
    for (const digits of [-1, 21]) {
      expect(() => (1).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })).toThrow(RangeError);
      expect(() => groupedNumber(1, digits)).toThrow(RangeError);
    }
  });

  it('names what is not a number, and infinities', () => {
    expect([Number.NaN, Infinity, -Infinity].map((v) => groupedNumber(v))).toEqual(['NaN', '∞', '-∞']);
  });
});
