import { describe, expect, it } from 'vitest';
import { formatLoss, formatWhole } from './format';

describe('formatLoss', () => {
  it('shows 4 significant digits, and an exponent for every loss below 0.001', () => {
    expect([0.6931471, 12.3456, 0.0012346, 0.00039624, 3.9624e-6, 1.0821e-7].map(formatLoss)).toEqual(['0.6931', '12.35', '0.001235', '3.962e-4', '3.962e-6', '1.082e-7']);
    expect([0, Number.NaN, Number.POSITIVE_INFINITY, undefined].map(formatLoss)).toEqual(['0.000', 'NaN', 'Infinity', '—']);
  });
});

describe('formatWhole', () => {
  it('groups thousands with commas as en-US does, and hands other numbers to toLocaleString', () => {
    expect([0, 7, 999, 1000, 105, 12345, 1234567, -1000, -999999].map(formatWhole)).toEqual(['0', '7', '999', '1,000', '105', '12,345', '1,234,567', '-1,000', '-999,999']);
    // The oracle: ICU's en-US format, over whole numbers of every length up to 2^53 - 1.
    const wholes = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, ...Array.from({ length: 16 }, (_, k) => 10 ** k - 1), ...Array.from({ length: 16 }, (_, k) => 3 * 10 ** k + 1)];
    for (const n of wholes) expect(formatWhole(n)).toBe(n.toLocaleString('en-US'));
    for (const n of [1234.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatWhole(n)).toBe(n.toLocaleString('en-US'));
  });
});
