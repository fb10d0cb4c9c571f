import { describe, expect, it } from 'vitest';
import { formatLoss } from './format';

describe('formatLoss', () => {
  it('shows 4 significant digits, and an exponent for every loss below 0.001', () => {
    expect([0.6931471, 12.3456, 0.0012346, 0.00039624, 3.9624e-6, 1.0821e-7].map(formatLoss)).toEqual(['0.6931', '12.35', '0.001235', '3.962e-4', '3.962e-6', '1.082e-7']);
    expect([0, Number.NaN, Number.POSITIVE_INFINITY, undefined].map(formatLoss)).toEqual(['0.000', 'NaN', 'Infinity', '—']);
  });
});
