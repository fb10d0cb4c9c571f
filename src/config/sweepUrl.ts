/**
 * A sweep in the address (docs/DESIGN.md, "URL"): `sweep=<field>,<from>,<to>,<count>,<log|linear>` (and
 * `sweep2=` for a second field), `sweepSeeds=<n>`, `sweepBudget=<steps>` (or `<n>epochs`, `<n>s`). A choice field, or a list of numbers,
 * is written as `sweep=<field>,<value>,<value>,…`: a range is exactly five parts ending in log or linear.
 * Decoding never throws; every bad part is named. boot.tsx reads it, state/urlSync.ts writes it.
 */
import { parseDecimal } from './typedNumber';
import { axisValues, choicesOf, MAX_SWEEP_SEEDS, sweptField, type SweepAxis, type SweepAxisName, type SweepSpec, type SweepValue } from './sweep';
import { budgetProblem } from './sweepBudget';

export const SWEEP_PARAMS = ['sweep', 'sweep2', 'sweepSeeds', 'sweepBudget'] as const;
type SweepParam = (typeof SWEEP_PARAMS)[number];

export const DEFAULT_SWEEP_SEEDS = 1;
export const DEFAULT_SWEEP_BUDGET = 1000;

export interface SweepUrlProblem {
  param: SweepParam;
  message: string;
}

export interface DecodedSweep {
  /** The sweep, or null when the address has none (or its `sweep` could not be read). */
  spec: SweepSpec | null;
  problems: SweepUrlProblem[];
  /**
   * Fields the address names rightly but whose values could not be read, in order: the page shows them with their
   * default values (ui/sweep/sweepForm.ts defaultAxis), with the seeds and budget read, so the mistake is fixed in
   * the panel, not typed again.
   */
  unreadFields: SweepAxisName[];
  seeds: number;
  budget: Pick<SweepSpec, 'budget' | 'budgetUnit'>;
}

const SCALES = ['log', 'linear'] as const;

function quoted(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 60)}… (${text.length} characters)`;
}

function parseChoice(text: string, choices: readonly SweepValue[]): SweepValue | undefined {
  return choices.find((choice) => String(choice) === text);
}

function decodeAxis(param: SweepParam, text: string): { axis: SweepAxis } | { problem: string; field?: SweepAxisName } {
  const parts = text.split(',').map((part) => part.trim());
  const [name, ...rest] = parts;
  const found = sweptField(name);
  if ('reason' in found) return { problem: found.reason };
  if (rest.length === 0) return { problem: `"${name}" has no values.` };
  const choices = choicesOf(found.field);
  const named = (problem: string): { problem: string; field: SweepAxisName } => ({ problem, field: found.name });
  const isRange = rest.length === 4 && (SCALES as readonly string[]).includes(rest[3]);
  // Five parts whose last is a word: a range with a scale mistyped, not a list with a bad number.
  if (!choices && rest.length === 4 && !isRange && parseDecimal(rest[3]) === null) return named(`${param}: "${quoted(rest[3])}" is not a scale: a range ends in log or linear.`);
  if (choices) {
    const values: SweepValue[] = [];
    for (const part of rest) {
      const value = parseChoice(part, choices);
      if (value === undefined) return named(`${param}: "${quoted(part)}" is not one of ${name}'s options (${choices.join(', ')}).`);
      values.push(value);
    }
    return { axis: { field: name, values: { kind: 'list', values } } };
  }
  const numberParts = isRange ? rest.slice(0, 3) : rest;
  const labels = isRange ? ['from', 'to', 'count'] : rest.map((_, i) => `value ${i + 1}`);
  const numbers: number[] = [];
  for (let i = 0; i < numberParts.length; i++) {
    const value = parseDecimal(numberParts[i]);
    if (value === null || !Number.isFinite(value)) return named(`${param}: ${labels[i]} "${quoted(numberParts[i])}" is not a decimal number.`);
    numbers.push(value);
  }
  if (!isRange) return { axis: { field: name, values: { kind: 'list', values: numbers } } };
  const [from, to, count] = numbers;
  return { axis: { field: name, values: { kind: 'range', from, to, count, scale: rest[3] as (typeof SCALES)[number] } } };
}

function decodeWhole(param: SweepParam, text: string | null, fallback: number, problems: SweepUrlProblem[]): number {
  if (text === null) return fallback;
  const value = parseDecimal(text.trim());
  if (value === null || !Number.isInteger(value)) {
    problems.push({ param, message: `${param} = "${quoted(text)}" is not a whole number; using ${fallback}.` });
    return fallback;
  }
  return value;
}

/** `sweepBudget`: steps as a number (`2000`, or `2000steps`), epochs (`5epochs`, `0.5epochs`) or seconds of training (`30s`). */
function decodeBudget(text: string | null, problems: SweepUrlProblem[]): Pick<SweepSpec, 'budget' | 'budgetUnit'> {
  const fallback = { budget: DEFAULT_SWEEP_BUDGET, budgetUnit: 'steps' as const };
  if (text === null) return fallback;
  const match = /^(.*?)(steps|epochs|s)?$/.exec(text.trim());
  const value = parseDecimal((match?.[1] ?? '').trim());
  const budgetUnit = match?.[2] === 'epochs' ? 'epochs' : match?.[2] === 's' ? 'seconds' : 'steps';
  if (value === null || (budgetUnit === 'steps' && !Number.isInteger(value))) {
    problems.push({ param: 'sweepBudget', message: `sweepBudget = "${quoted(text)}" is not a whole number of steps, a number of epochs or of seconds (such as 2000, 5epochs or 30s); using ${DEFAULT_SWEEP_BUDGET} steps.` });
    return fallback;
  }
  return { budget: value, budgetUnit };
}

/**
 * The sweep a query string describes. Seeds outside 1–10 and a budget out of its range are named and replaced by
 * the defaults, as the address's other fields are; ranges, counts and values are read as written, and whether they
 * are allowed (values in the field's range, the run count) is expandSweep's to say.
 */
export function decodeSweep(query: string | URLSearchParams): DecodedSweep {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const problems: SweepUrlProblem[] = [];
  const axes: SweepAxis[] = [];
  const unreadFields: SweepAxisName[] = [];
  for (const param of ['sweep', 'sweep2'] as const) {
    const text = params.get(param);
    if (text === null) continue;
    const decoded = decodeAxis(param, text);
    if ('problem' in decoded) {
      problems.push({ param, message: decoded.problem });
      if (decoded.field !== undefined && !unreadFields.includes(decoded.field)) unreadFields.push(decoded.field);
    }
    else if (axes.some((axis) => axis.field === decoded.axis.field)) problems.push({ param, message: `${param}: "${decoded.axis.field}" is swept by sweep already; a second field must be another one, so ${param} is left out.` });
    else {
      // Read, but not values a sweep can take (a log range from 0): said now, not only when Start refuses it; the
      // panel shows the axis to fix.
      const values = axisValues(decoded.axis);
      if (typeof values === 'string') problems.push({ param, message: `${param}: ${values} Start refuses it until it is fixed in the panel.` });
      axes.push(decoded.axis);
    }
  }
  if (params.get('sweep') === null && params.get('sweep2') !== null) {
    problems.push({ param: 'sweep2', message: 'sweep2 is given without sweep; reading it as the only field.' });
  }
  let seeds = decodeWhole('sweepSeeds', params.get('sweepSeeds'), DEFAULT_SWEEP_SEEDS, problems);
  if (seeds < 1 || seeds > MAX_SWEEP_SEEDS) {
    problems.push({ param: 'sweepSeeds', message: `sweepSeeds = ${seeds} is outside 1–${MAX_SWEEP_SEEDS}; using ${DEFAULT_SWEEP_SEEDS}.` });
    seeds = DEFAULT_SWEEP_SEEDS;
  }
  let budget = decodeBudget(params.get('sweepBudget'), problems);
  const budgetRefused = budgetProblem(budget);
  if (budgetRefused !== null) {
    problems.push({ param: 'sweepBudget', message: `sweepBudget: ${budgetRefused} Using ${DEFAULT_SWEEP_BUDGET} steps.` });
    budget = { budget: DEFAULT_SWEEP_BUDGET, budgetUnit: 'steps' };
  }
  return { spec: axes.length > 0 ? { axes, seeds, ...budget } : null, problems, unreadFields: unreadFields.filter((field) => !axes.some((axis) => axis.field === field)), seeds, budget };
}

function encodeAxis(axis: SweepAxis): string {
  const { values } = axis;
  if (values.kind === 'range') return [axis.field, values.from, values.to, values.count, values.scale].join(',');
  return [axis.field, ...values.values.map(String)].join(',');
}

/** The query parameters of a sweep, in SWEEP_PARAMS order (commas left unescaped, as the address writes lists). */
export function encodeSweep(spec: SweepSpec): string {
  const parts: string[] = [];
  spec.axes.slice(0, 2).forEach((axis, i) => parts.push(`${i === 0 ? 'sweep' : 'sweep2'}=${encodeURIComponent(encodeAxis(axis)).replace(/%2C/g, ',')}`));
  parts.push(`sweepSeeds=${spec.seeds}`, `sweepBudget=${spec.budget}${{ steps: '', epochs: 'epochs', seconds: 's' }[spec.budgetUnit]}`);
  return parts.join('&');
}
