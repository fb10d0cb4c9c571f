/**
 * What a number typed into a field means: rejected (not a number: the field keeps its value), or a value
 * clamped into the field's range and rounded when the field is whole, with a flag saying it was changed so
 * the page can report it. One rule for every typed number (sliders' boxes, seed, layer units), and decimal
 * notation only (parseDecimal), as in the address.
 */

export interface TypedRange {
  min: number;
  max: number;
  integer: boolean;
}

export type TypedNumber = { kind: 'rejected' } | { kind: 'accepted'; value: number; adjusted: boolean };

/**
 * Decimal notation: an optional sign, digits with an optional decimal point (digits on at least one side),
 * an optional exponent. Nothing else: `Number` would also read 0x10, 0b11 and 0o7 as 16, 3 and 7, ' 5' as 5,
 * '' as 0 and 'Infinity' as a number.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a text writes in decimal notation (DECIMAL, no surrounding spaces), or null if it writes none. */
export function parseDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

export function interpretTypedNumber(text: string, range: TypedRange): TypedNumber {
  // A box's surrounding spaces are the typist's, not part of the number.
  const parsed = parseDecimal(text.trim());
  if (parsed === null || !Number.isFinite(parsed)) return { kind: 'rejected' };
  let value = Math.min(range.max, Math.max(range.min, parsed));
  if (range.integer) value = Math.round(value);
  return { kind: 'accepted', value, adjusted: value !== parsed };
}
