/**
 * The sweep builder's arithmetic (pure, unit-tested): which fields a sweep may take, a field's default axis
 * around the run's current value, the size of a spec before it is expanded, and numbers typed in the form.
 */
import { isIterationsField } from '../../algorithms/presentation';
import { FIELD_NAMES, type ExperimentConfig } from '../../config/experiment';
import { axisValueOf, axisValues, choicesOf, LAYER_AXES, sweepAxisLabel, sweptField, type LayerAxis, type SweepAxis, type SweepAxisName, type SweepSpec } from '../../config/sweep';
import { parseDecimal } from '../../config/typedNumber';

/** Fields a sweep may take as an axis, in the schema's order, with their labels. */
export function sweepableFields(): { name: SweepAxisName; label: string }[] {
  const names: SweepAxisName[] = [...FIELD_NAMES.filter((name) => !('reason' in sweptField(name))), ...(Object.keys(LAYER_AXES) as LayerAxis[])];
  return names.map((name) => ({ name, label: sweepAxisLabel(name) }));
}

const LOG_SPAN = 30;

const within = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

type RangeDefault = { from: number; to: number; count: number; scale: 'log' | 'linear' };

/**
 * Whole-number sizes are swept in doublings, as practice does (batch sizes 8…256, widths 2…64; Goyal et al. 2017,
 * "Accurate, Large Minibatch SGD", Fig. 1, plots error against batch sizes 64…65k in doublings): an even split of 1…256 would
 * give 1, 65, 129, 192, 256. A log range whose ends are a power-of-two ratio apart with count = doublings + 1
 * lands on exact doublings. Depth is small, so every value from 0 to 4 layers. An algorithm's inner-iterations
 * field (its settings group's iterationsField) is doubled over its own range (doublingsOver).
 */
const INTEGER_DEFAULTS: Partial<Record<SweepAxisName, RangeDefault>> = {
  batchSize: { from: 8, to: 256, count: 6, scale: 'log' },
  width: { from: 2, to: 64, count: 6, scale: 'log' },
  points: { from: 50, to: 1600, count: 6, scale: 'log' },
  depth: { from: 0, to: 4, count: 5, scale: 'linear' },
};

/** Doublings from `min` up to the last one within `max`: LocoProp's K, 1–20, gives 1, 2, 4, 8, 16. */
function doublingsOver(min: number, max: number): RangeDefault {
  const doublings = Math.floor(Math.log2(max / min));
  return { from: min, to: min * 2 ** doublings, count: doublings + 1, scale: 'log' };
}

/**
 * A field's default axis: a choice lists all its options; a whole-number size its doublings (INTEGER_DEFAULTS);
 * a log number spans its current value ÷30 to ×30 over 7 points; a linear one spans its whole range over
 * 5 points (fewer when it holds fewer whole numbers).
 */
export function defaultAxis(name: SweepAxisName, config: ExperimentConfig): SweepAxis {
  const found = sweptField(name);
  if ('reason' in found) throw new Error(found.reason);
  const choices = choicesOf(found.field);
  if (choices) return { field: name, values: { kind: 'list', values: [...choices] } };
  const { field } = found;
  if (field.type !== 'number') throw new Error(`${name} is not a number field`);
  const preset = INTEGER_DEFAULTS[name] ?? (isIterationsField(name) && field.integer && field.min > 0 ? doublingsOver(field.min, field.max) : undefined);
  if (preset && preset.from >= field.min && preset.to <= field.max) return { field: name, values: { kind: 'range', ...preset } };
  const current = axisValueOf(config, name) as number;
  if (field.scale === 'log' && current > 0) {
    const floor = field.min > 0 ? field.min : (field.logFloor ?? current / LOG_SPAN);
    const from = within(current / LOG_SPAN, floor, field.max);
    const to = within(current * LOG_SPAN, floor, field.max);
    return { field: name, values: { kind: 'range', from: Number(from.toPrecision(2)), to: Number(to.toPrecision(2)), count: 7, scale: 'log' } };
  }
  const count = field.integer ? Math.min(5, field.max - field.min + 1) : 5;
  return { field: name, values: { kind: 'range', from: field.min, to: field.max, count, scale: 'linear' } };
}

/** The runs a spec makes over `groups` groups, or null while an axis is not valid (expandSweep names why). */
export function sweepSize(spec: SweepSpec, groups: number): { runs: number; points: number[] } | null {
  const points: number[] = [];
  for (const axis of spec.axes) {
    const values = axisValues(axis);
    if (typeof values === 'string') return null;
    points.push(values.length);
  }
  return { runs: groups * points.reduce((a, b) => a * b, 1) * spec.seeds, points };
}

/** A typed number (decimal notation only), NaN when it is not one, so the sweep's check names it. */
export function typedNumber(text: string): number {
  return parseDecimal(text.trim()) ?? Number.NaN;
}

/** A typed list of numbers ("0.01, 0.03, 0.1"): NaN for each part that is not a number. */
export function typedList(text: string): number[] {
  return text
    .split(/[,\s]+/)
    .filter((part) => part !== '')
    .map(typedNumber);
}
