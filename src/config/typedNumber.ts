/**
 * What a number typed into a field means: rejected (not a number: the field keeps its value), or a value
 * clamped into the field's range and rounded when the field is whole, with a flag saying it was changed so
 * the page can report it. One rule for every typed number (sliders' boxes, seed, layer units).
 */

export interface TypedRange {
  min: number;
  max: number;
  integer: boolean;
}

export type TypedNumber = { kind: 'rejected' } | { kind: 'accepted'; value: number; adjusted: boolean };

export function interpretTypedNumber(text: string, range: TypedRange): TypedNumber {
  const parsed = Number(text);
  if (text.trim() === '' || !Number.isFinite(parsed)) return { kind: 'rejected' };
  let value = Math.min(range.max, Math.max(range.min, parsed));
  if (range.integer) value = Math.round(value);
  return { kind: 'accepted', value, adjusted: value !== parsed };
}
