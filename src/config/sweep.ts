/**
 * A sweep (issue 17; docs/DESIGN.md §1, "a sweep is a job"): one or two fields of the schema, each over a grid of
 * values, every group (a base run of the comparison) trained at every point of the grid over the same seeds, for
 * a budget of steps, epochs or training time. This module is TF.js-free: it validates a spec, expands it into run configs (each
 * point's checked whole by sanitizeConfig, its other seeds by the seed alone) and refuses, with the computed numbers, a sweep that is too large or would take too long.
 */
import { EXPERIMENT_FIELDS, FIELD_NAMES, quotedValue, rememberingParser, sanitizeConfig, scopeOf, type ConfigProblem, type ExperimentConfig, type FieldName } from './experiment';
import { numberField, type EnumField, type NumberField, type BooleanField } from './fields';
import { MAX_HIDDEN_LAYERS, MAX_UNITS } from './groups/limits';
import { budgetProblem, estimateSweep, formatCount, formatDuration, type SweepBudget, type SweepBudgetUnit } from './sweepBudget';
import { RANGE_TEST_FIELDS } from './groups/rangeTest';

export { checkpointSteps, SWEEP_CHECKPOINTS } from '../engine/sweep/checkpoints';
export { budgetWords, MAX_SWEEP_BUDGET, MAX_SWEEP_EPOCHS, MAX_SWEEP_SECONDS, SWEEP_BUDGET_UNITS, type SweepBudgetUnit } from './sweepBudget';

/** At most this many runs (groups × grid points × seeds) per sweep. */
export const MAX_SWEEP_RUNS = 512;
export const MAX_SWEEP_SEEDS = 10;
/** Points per axis a range may ask for (the run count caps the product anyway). */
export const MAX_AXIS_COUNT = 512;

/**
 * Axes that are not fields of the schema but views of its hidden layers (issue 17 §1: "a layer's width,
 * depth"): `width` sets every hidden layer to that many units (one layer if the run has none); `depth` makes
 * that many hidden layers, each as wide as the run's first (8 if it has none) with its first activation. The
 * schema's own limits for the data set still apply (sanitizeConfig), so a value too big is refused by name.
 */
export const LAYER_AXES = {
  width: numberField({ label: 'Hidden width', help: 'Units in every hidden layer.', change: 'structural', defaultValue: 8, min: 1, max: MAX_UNITS, integer: true }),
  depth: numberField({ label: 'Hidden layers', help: 'Hidden layers, each as wide as the first.', change: 'structural', defaultValue: 2, min: 0, max: MAX_HIDDEN_LAYERS, integer: true }),
};
export type LayerAxis = keyof typeof LAYER_AXES;
/** A field of the schema or a layer axis. */
export type SweepAxisName = FieldName | LayerAxis;
const DEFAULT_DEPTH_WIDTH = 8;

const isLayerAxis = (name: string): name is LayerAxis => name in LAYER_AXES;

/** An axis's label as the page shows it ("Learning rate", "Hidden width (every layer)"). */
export function sweepAxisLabel(name: SweepAxisName): string {
  return isLayerAxis(name) ? LAYER_AXES[name].label : EXPERIMENT_FIELDS[name].label;
}

/**
 * A label inside a sentence: its first letter lower-cased, the rest as written ("inner iterations K", not "inner
 * iterations k": the letter names the paper's quantity).
 */
export function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A config's value on an axis: the field's value, or its first layer's width or its number of layers. */
export function axisValueOf(config: ExperimentConfig, name: SweepAxisName): unknown {
  if (name === 'width') return config.hidden[0] ?? null;
  if (name === 'depth') return config.hidden.length;
  return config[name];
}

/** Writes an axis's value into a run's candidate config (the layer axes rewrite `hidden` and `activation`). */
function applyAxis(candidate: Partial<Record<FieldName, unknown>>, base: ExperimentConfig, name: SweepAxisName, value: SweepValue): void {
  if (name === 'width') {
    const layers = Math.max(1, base.hidden.length);
    candidate.hidden = Array.from({ length: layers }, () => value);
    candidate.activation = Array.from({ length: layers }, (_, i) => base.activation[i] ?? base.activation[0] ?? 'tanh');
  } else if (name === 'depth') {
    const layers = value as number;
    candidate.hidden = Array.from({ length: layers }, () => base.hidden[0] ?? DEFAULT_DEPTH_WIDTH);
    candidate.activation = Array.from({ length: layers }, () => base.activation[0] ?? 'tanh');
  } else {
    candidate[name] = value;
  }
}

/** Fields a sweep may not take as an axis: the seeds are the sweep's own repetition. */
const NOT_SWEPT: ReadonlySet<string> = new Set<FieldName>(['seed', 'repeatSeeds']);

export type SweepScale = 'log' | 'linear';
export type SweepValue = number | string | boolean;

export type SweepValues =
  | { kind: 'range'; from: number; to: number; count: number; scale: SweepScale }
  | { kind: 'list'; values: readonly SweepValue[] };

export interface SweepAxis {
  field: string;
  values: SweepValues;
}

/** The budget's fields are in config/sweepBudget.ts. */
export interface SweepSpec extends SweepBudget {
  /** One or two axes. */
  axes: readonly SweepAxis[];
  /** Seeds per point, 1–10: a group with seed s trains seeds s … s+seeds−1. */
  seeds: number;
}

type SweptField = NumberField | EnumField<string> | BooleanField;

/** One run of a sweep: which group, which value on each axis, which seed, and its whole config. */
export interface SweepRun {
  /** Position in the plan's run list. */
  index: number;
  group: number;
  /** Index of this run's value on each axis. */
  point: number[];
  values: SweepValue[];
  seedIndex: number;
  config: ExperimentConfig;
}

export interface SweepPlan {
  runs: SweepRun[];
  /** Every axis's values, in order (integers rounded and de-duplicated). */
  axisValues: SweepValue[][];
  fields: SweepAxisName[];
  groups: number;
  seeds: number;
  budget: number;
  budgetUnit: SweepBudgetUnit;
  /**
   * Steps a run trains: exact for a budget in steps; for epochs the estimate from each group's data
   * (SweepLimits.groupStepsPerEpoch), for seconds from each group's time per step (the largest group's), as
   * each run finds its own in the worker.
   */
  budgetSteps: number;
  /** runs × budget × ms per step ÷ workers. */
  estimatedMs: number;
}

export interface SweepLimits {
  /** A measured training time per step (ms), for the estimate. */
  msPerStep: number;
  /** Each group's own time per step (ms), where known: the estimate then sums each run at its group's. */
  groupMsPerStep?: readonly number[];
  /** The longest estimated time the caller allows (ms). */
  maxMs: number;
  /** Workers that share the runs (default 1): the estimate divides by them. */
  workers?: number;
  /** Each group's steps per epoch (training rows ÷ batch size), for a budget in epochs; 1 where missing. */
  groupStepsPerEpoch?: readonly number[];
  /** Where the times per step come from when not from the backend the sweep trains on, said after a refusal by time. */
  paceNote?: string;
}

export type SweepExpansion = { ok: true; plan: SweepPlan } | { ok: false; reasons: string[] };

/** The schema's field of this name if a sweep may take it as an axis, else why not. */
export function sweptField(name: string): { field: SweptField; name: SweepAxisName } | { reason: string } {
  if (isLayerAxis(name)) return { field: LAYER_AXES[name], name };
  if (!(FIELD_NAMES as string[]).includes(name)) return { reason: `"${quotedValue(name)}" is not a field of the experiment.` };
  const fieldName = name as FieldName;
  if (NOT_SWEPT.has(fieldName)) return { reason: `"${name}" is not swept: give the sweep's seeds instead.` };
  // The range test's settings change no training step (a sweep's runs run no range test): a sweep over them would
  // draw a flat line of identical runs (the field list offered "Sweep", "From", "To" and "Sweep steps").
  if (fieldName in RANGE_TEST_FIELDS) return { reason: `"${name}" is a setting of the learning-rate range test, which changes no training step, so it cannot be swept.` };
  if (scopeOf(fieldName) !== 'run') return { reason: `"${name}" holds for the whole experiment, not per run, so it cannot be swept.` };
  const field = EXPERIMENT_FIELDS[fieldName];
  if (field.type !== 'number' && field.type !== 'enum' && field.type !== 'boolean') {
    return { reason: `"${name}" is a list, not a number or a choice, so it cannot be swept.` };
  }
  return { field: field as SweptField, name: fieldName };
}

/** The options of a choice field (false/true for a switch), or null for a number field. */
export function choicesOf(field: SweptField): readonly SweepValue[] | null {
  if (field.type === 'enum') return field.options;
  if (field.type === 'boolean') return [false, true];
  return null;
}

function rangeValues(name: string, field: SweptField, range: Extract<SweepValues, { kind: 'range' }>): SweepValue[] | string {
  if (field.type !== 'number') return `"${name}" is a choice: list its options (${(choicesOf(field) ?? []).join(', ')}) instead of a range.`;
  const { from, to, count, scale } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `"${name}": from and to must be numbers (from ${from}, to ${to}).`;
  if (!Number.isInteger(count) || count < 1 || count > MAX_AXIS_COUNT) return `"${name}": count must be a whole number from 1 to ${MAX_AXIS_COUNT} (not ${count}).`;
  if (scale === 'log' && (from <= 0 || to <= 0)) return `"${name}": a log range needs from and to above 0 (from ${from}, to ${to}).`;
  const at = (i: number): number => {
    if (i === 0) return from;
    const t = i / (count - 1);
    return scale === 'log' ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from);
  };
  const values = Array.from({ length: count }, (_, i) => (i === count - 1 && count > 1 ? to : at(i)));
  if (!field.integer) return values;
  return [...new Set(values.map((v) => Math.round(v)))];
}

function listValues(name: string, field: SweptField, list: readonly SweepValue[]): SweepValue[] | string {
  if (list.length === 0) return `"${name}": the list of values is empty.`;
  if (list.length > MAX_AXIS_COUNT) return `"${name}": the list has ${list.length} values, at most ${MAX_AXIS_COUNT}.`;
  const choices = choicesOf(field);
  if (choices) {
    const bad = list.find((v) => !choices.includes(v));
    if (bad !== undefined) return `"${name}" = "${quotedValue(bad)}" is not one of its options (${choices.join(', ')}).`;
    return [...new Set(list)];
  }
  const bad = list.find((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad !== undefined) return `"${name}" = "${quotedValue(bad)}" is not a number.`;
  const numbers = list as readonly number[];
  return [...new Set((field as NumberField).integer ? numbers.map((v) => Math.round(v)) : numbers)];
}

/** An axis's values, or why it has none. */
export function axisValues(axis: SweepAxis): SweepValue[] | string {
  const found = sweptField(axis.field);
  if ('reason' in found) return found.reason;
  return axis.values.kind === 'range' ? rangeValues(axis.field, found.field, axis.values) : listValues(axis.field, found.field, axis.values.values);
}

function specProblems(spec: SweepSpec, groups: readonly ExperimentConfig[]): string[] {
  const reasons: string[] = [];
  if (spec.axes.length < 1 || spec.axes.length > 2) reasons.push(`A sweep has one or two fields, not ${spec.axes.length}.`);
  if (spec.axes.length === 2 && spec.axes[0].field === spec.axes[1].field) reasons.push(`"${spec.axes[0].field}" is swept twice; the two fields must differ.`);
  if (!Number.isInteger(spec.seeds) || spec.seeds < 1 || spec.seeds > MAX_SWEEP_SEEDS) reasons.push(`Seeds must be a whole number from 1 to ${MAX_SWEEP_SEEDS} (not ${spec.seeds}).`);
  const budget = budgetProblem(spec);
  if (budget) reasons.push(budget);
  if (groups.length === 0) reasons.push('A sweep needs at least one run to sweep.');
  return reasons;
}

function limitProblems(limits: SweepLimits): string[] {
  const reasons: string[] = [];
  if (!(limits.msPerStep > 0) || !Number.isFinite(limits.msPerStep)) reasons.push(`The measured time per step must be above 0 ms (not ${limits.msPerStep}).`);
  if (!(limits.maxMs > 0)) reasons.push(`The time limit must be above 0 ms (not ${limits.maxMs}).`);
  return reasons;
}

/**
 * The runs of a sweep: every group × every point of the grid (first axis outermost) × every seed, each config
 * checked by sanitizeConfig. Refuses, with reasons, a malformed spec, a value the schema refuses (named), more than
 * MAX_SWEEP_RUNS runs, or an estimated time above the caller's limit.
 */
export function expandSweep(spec: SweepSpec, groups: readonly ExperimentConfig[], limits: SweepLimits): SweepExpansion {
  const reasons = [...specProblems(spec, groups), ...limitProblems(limits)];
  const values: SweepValue[][] = [];
  for (const axis of spec.axes.slice(0, 2)) {
    const result = axisValues(axis);
    if (typeof result === 'string') reasons.push(result);
    else values.push(result);
  }
  if (reasons.length > 0) return { ok: false, reasons };
  const points = values.reduce((n, axis) => n * axis.length, 1);
  const total = groups.length * points * spec.seeds;
  if (total > MAX_SWEEP_RUNS) {
    const sizes = values.map((axis) => axis.length).join(' × ');
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    return { ok: false, reasons: [`The sweep has ${formatCount(total)} runs (${plural(groups.length, 'group')} × ${sizes} values × ${plural(spec.seeds, 'seed')}); at most ${MAX_SWEEP_RUNS}.`] };
  }
  const workers = Math.max(1, Math.floor(limits.workers ?? 1));
  const perGroup = groups.map((_, g) => limits.groupMsPerStep?.[g] ?? limits.msPerStep);
  const { groupSteps, estimatedMs, words } = estimateSweep(spec, perGroup, groups.map((_, g) => limits.groupStepsPerEpoch?.[g]), total / groups.length, workers);
  if (!(estimatedMs <= limits.maxMs)) {
    const note = limits.paceNote ? ` ${limits.paceNote}` : '';
    return { ok: false, reasons: [`The sweep would take about ${formatDuration(estimatedMs)} (${words}); the limit is ${formatDuration(limits.maxMs)}.${note}`] };
  }
  const budgetSteps = Math.max(...groupSteps);
  const fields = spec.axes.map((axis) => axis.field as SweepAxisName);
  const runs: SweepRun[] = [];
  const refused = new Set<string>();
  // The runs share all but a few values, each checked once: a point's config is checked whole for its first seed,
  // and its other seeds differ from it only in the seed, which is checked alone (issue 20 §7: the start button).
  const parse = rememberingParser();
  const refuse = (group: number, problems: readonly ConfigProblem[]): void => {
    // The sweep is refused, so the schema's "using the default, …" does not happen: say only what is wrong.
    for (const problem of problems) refused.add(`Group ${group + 1}: ${problem.message.replace(/; using the default, .*$/, '.')}`);
  };
  groups.forEach((base, group) => {
    forEachPoint(values, (point, pointValues) => {
      const candidate: Partial<Record<FieldName, unknown>> = { ...base, repeatSeeds: 1, seed: base.seed };
      fields.forEach((field, axis) => applyAxis(candidate, base, field, pointValues[axis]));
      const first = sanitizeConfig(candidate, {}, false, parse);
      refuse(group, first.problems);
      for (let seedIndex = 0; seedIndex < spec.seeds; seedIndex++) {
        const seed = base.seed + seedIndex;
        // A seed the schema refuses is reported as the whole config's check words it.
        if (seedIndex > 0 && !parse('seed', seed).success) refuse(group, sanitizeConfig({ ...candidate, seed }, {}, false, parse).problems);
        const config = seedIndex === 0 ? first.config : { ...first.config, seed };
        runs.push({ index: runs.length, group, point, values: pointValues, seedIndex, config });
      }
    });
  });
  if (refused.size > 0) return { ok: false, reasons: [...refused] };
  return {
    ok: true,
    plan: { runs, axisValues: values, fields, groups: groups.length, seeds: spec.seeds, budget: spec.budget, budgetUnit: spec.budgetUnit, budgetSteps, estimatedMs },
  };
}

/** Calls `visit` for every point of the grid, the first axis outermost. */
function forEachPoint(values: SweepValue[][], visit: (point: number[], pointValues: SweepValue[]) => void): void {
  const walk = (axis: number, point: number[]): void => {
    if (axis === values.length) {
      visit(point, point.map((i, a) => values[a][i]));
      return;
    }
    values[axis].forEach((_, i) => walk(axis + 1, [...point, i]));
  };
  walk(0, []);
}
