import { describe, expect, it } from 'vitest';
import { interpretTypedNumber, parseDecimal } from './typedNumber';

const units = { min: 1, max: 64, integer: true };

describe('a typed number', () => {
  it('rejects what is not a number, including an empty field (never 0)', () => {
    for (const text of ['', '   ', 'abc', '1e', 'NaN', 'Infinity', '-Infinity']) {
      expect(interpretTypedNumber(text, units)).toEqual({ kind: 'rejected' });
    }
  });

  it('rejects notations other than decimal, which Number would read as numbers', () => {
    for (const text of ['0x10', '0b11', '0o7', '-0x10', '1_0', '1e', '.', '+', '1e5.5', '١٢']) {
      expect(interpretTypedNumber(text, units), text).toEqual({ kind: 'rejected' });
    }
    expect(parseDecimal('0x10')).toBeNull();
    expect(parseDecimal(' 5')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('Infinity')).toBeNull();
    expect([parseDecimal('-.5'), parseDecimal('5.'), parseDecimal('+2e3'), parseDecimal('007')]).toEqual([-0.5, 5, 2000, 7]);
  });

  it('clamps into the range and says it did', () => {
    expect(interpretTypedNumber('0', units)).toEqual({ kind: 'accepted', value: 1, adjusted: true });
    expect(interpretTypedNumber('65', units)).toEqual({ kind: 'accepted', value: 64, adjusted: true });
    expect(interpretTypedNumber('1e9', units)).toEqual({ kind: 'accepted', value: 64, adjusted: true });
    expect(interpretTypedNumber('-3', { min: 0, max: 50, integer: false })).toEqual({ kind: 'accepted', value: 0, adjusted: true });
  });

  it('rounds whole-number fields and says it did', () => {
    expect(interpretTypedNumber('7.6', units)).toEqual({ kind: 'accepted', value: 8, adjusted: true });
    expect(interpretTypedNumber('0.25', { min: 0, max: 1, integer: false })).toEqual({ kind: 'accepted', value: 0.25, adjusted: false });
  });

  it('accepts a value in range unchanged', () => {
    expect(interpretTypedNumber(' 12 ', units)).toEqual({ kind: 'accepted', value: 12, adjusted: false });
  });
});
