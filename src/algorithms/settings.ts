/**
 * An algorithm's own settings, declared once in its folder as a settings group: the schema fields (labels, help,
 * ranges, defaults) the config, the URL and the exports take from the page registry; how the Training panel
 * shows them (with the generic field controls); and what its step reads of them (hyper.settings). Algorithms
 * sharing a group (LocoProp-S and -M) share the object. TF.js-free: the page registry holds it.
 */
import type { Field } from '../config/fields';
import type { SettingValue, StepSettings } from '../engine/train/algorithm';
import type { OptimizerKind } from '../engine/train/optimizers';

type ValueOf<F> = F extends { defaultValue: infer T } ? T : never;

/** The config's values of a group's fields, by name. */
export type FieldValues<F extends Record<string, Field>> = { readonly [K in keyof F]: ValueOf<F[K]> };

/** How one field of a group shows, beyond the field's own label and help: in the Training panel and in run names. */
export interface FieldControl<V> {
  /** An enum field's option labels. */
  labels?: Readonly<Record<string, string>>;
  /** Shown only while this boolean field of the group is on. */
  shownWhen?: keyof V & string;
  /** A note under the control, from the group's values and the batch size. */
  note?(values: V, batchSize: number): string;
  /** Its short form in a run's name ("γ = 3", "K = 10", "inner Adam"; config/runNames.ts); absent: its label and value. */
  runName?(values: V): string;
}

export interface SettingsGroup<F extends Record<string, Field> = Record<string, Field>> {
  /** Its name: the Training panel's subpanel is `${id}-controls`; algorithms sharing it share the name. */
  id: string;
  /** Its schema fields, in the order the panel shows them; their names are the URL's keys. */
  fields: F;
  /** What the step reads (hyper.settings), from the config's values of the fields. */
  toStep(values: FieldValues<F>): StepSettings;
  /** The subpanel's introduction, after the algorithm's summary. */
  intro: string;
  /** The introduction's Explain button's label. */
  explainLabel: string;
  /** The learning rate's label and note while one of its algorithms runs (LocoProp's inner ρ), with a constant schedule. */
  learningRate?: { label: string; note: string };
  /** How its fields show, by name (fields not named here show plainly). */
  controls?: { readonly [K in keyof F]?: FieldControl<FieldValues<F>> };
  /**
   * The work of one step beyond a backprop step's, for the cost model (engine/cost.ts stepFlops): how many inner
   * iterations (each layer's local forward pass and weight gradient) a step runs with these step settings.
   * Absent: none.
   */
  innerIterations?(settings: StepSettings): number;
  /**
   * Its fields that change what a step costs: a calibration (worker/calibration.ts) holds for one value of each,
   * beside the network, the data and the batch. Absent: none.
   */
  costFields?: readonly (keyof F & string)[];
  /**
   * The optimizer its algorithms update θ with, when it is the group's own field (the description's
   * optimizerField: LocoProp's inner optimizer) rather than the config's optimizer: how the Training panel words it,
   * and which one the engine runs, read back from the step's settings (toStep puts it there). Absent: the
   * config's optimizer.
   */
  optimizer?: {
    /** Its name in the momentum control's note, with the algorithm's label ("LocoProp-M's inner SGD"). */
    name(values: FieldValues<F>, algorithmLabel: string): string;
    /** Whether it has a momentum term (the momentum control is enabled). */
    usesMomentum(values: FieldValues<F>): boolean;
    /** The momentum control's note while it has one. */
    momentumNote: string;
    /** The engine's optimizer, from the step's settings (hyper.settings), checked. */
    kind(settings: StepSettings): OptimizerKind;
  };
  /** The field named beside the algorithm in a run that differs from the first in its algorithm ("LocoProp-M, γ = 3"). */
  mainField?: keyof F & string;
  /** Its words after a cost message's times, from the values the times were measured with ("K = 10"). */
  costNote?(values: FieldValues<F>): string;
  /** What its cost model predicts against the cost reference, said under the times in the targets panel. */
  costPrediction?(values: FieldValues<F>): string;
  /**
   * Its field counting a step's inner iterations: a sweep of it defaults to doublings over the field's range, and
   * the narration names it ("fewer inner iterations K").
   */
  iterationsField?: keyof F & string;
  /** Its field that is the γ of every algorithm's per-layer targets (T = H − γ·δ; the targets view, the narration). */
  targetGammaField?: keyof F & string;
  /**
   * Module-level constants of the PyTorch script, from its values, as (NAME, Python literal); every run's script
   * carries every group's, so an Optuna study that mixes algorithms sets them per trial.
   */
  pythonConstants?(values: FieldValues<F>): readonly (readonly [string, string])[];
}

/** A group's values of the config's fields (every field of the config's value types). */
export function groupValues(group: SettingsGroup, config: Readonly<Record<string, unknown>>): FieldValues<Record<string, Field>> {
  return Object.fromEntries(Object.keys(group.fields).map((name) => [name, config[name]])) as FieldValues<Record<string, Field>>;
}

/** What the active algorithm's step reads: its group's toStep of the config, or {} without a group. */
export function stepSettingsOf(group: SettingsGroup | null, config: Readonly<Record<string, unknown>>): StepSettings {
  return group ? group.toStep(groupValues(group, config)) : {};
}

/** Inner iterations a step of the group's algorithm runs with these step settings (its innerIterations), 0 without. */
export function innerIterationsOf(group: SettingsGroup | null, settings: StepSettings): number {
  return group?.innerIterations?.(settings) ?? 0;
}

/** Every group's fields once, for the experiment schema; two groups may share a name only with the same field. */
export function mergedFields(groups: readonly (SettingsGroup | null)[]): Record<string, Field> {
  const fields: Record<string, Field> = {};
  for (const group of groups) {
    for (const [name, field] of Object.entries(group?.fields ?? {})) {
      if (name in fields && fields[name] !== field) throw new Error(`The settings field "${name}" is declared by two settings groups (the second: "${group?.id}").`);
      fields[name] = field;
    }
  }
  return fields;
}

/** Reads one setting of the step's, checked: an algorithm's reader of hyper.settings is built from these. */
function setting<T extends SettingValue>(kind: 'number' | 'boolean' | 'string', owner: string, settings: StepSettings, name: string): T {
  const value = settings[name];
  if (typeof value !== kind) throw new Error(`${owner}'s setting "${name}" is ${JSON.stringify(value) ?? 'missing'}, not a ${kind}.`);
  return value as T;
}

export const numberSetting = (owner: string, settings: StepSettings, name: string): number => setting<number>('number', owner, settings, name);
export const booleanSetting = (owner: string, settings: StepSettings, name: string): boolean => setting<boolean>('boolean', owner, settings, name);
export const textSetting = (owner: string, settings: StepSettings, name: string): string => setting<string>('string', owner, settings, name);
