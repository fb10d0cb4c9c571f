/**
 * What the page says of the algorithms' settings, from their settings groups' declarations (settings.ts): a
 * field's short form in run names, the field named beside an algorithm, the cost message's notes, the targets'
 * γ, the inner-iterations fields and the PyTorch script's constants. Shared code asks here and never names a
 * field of an algorithm's (registry.test.ts holds that). It reads the page registry at each call, so a registry
 * with another algorithm (newAlgorithm.test.ts) is heard.
 */
import { ALGORITHM_INFO, ALGORITHMS, type AlgorithmName } from './registry';
import { groupValues, type FieldValues, type SettingsGroup } from './settings';
import type { Field } from '../config/fields';

type Values = FieldValues<Record<string, Field>>;

/** Every listed algorithm's settings group, once, in the registry's order. */
export function settingsGroups(): SettingsGroup[] {
  return [...new Set(ALGORITHMS.flatMap((name) => (ALGORITHM_INFO[name].settings ? [ALGORITHM_INFO[name].settings as SettingsGroup] : [])))];
}

/** The group declaring the field `name`, or undefined for a field of the shared schema. */
function groupOf(name: string): SettingsGroup | undefined {
  return settingsGroups().find((group) => name in group.fields);
}

/** A settings field's short form in a run's name, from its group's controls (runName); null where it declares none. */
export function settingRunName(name: string, config: Readonly<Record<string, unknown>>): string | null {
  const group = groupOf(name);
  const control = group?.controls?.[name];
  return group && control?.runName ? control.runName(groupValues(group, config)) : null;
}

/** The field named beside `algorithm` in a run that differs from the first in its algorithm; null for none. */
export function mainSettingOf(algorithm: AlgorithmName): string | null {
  return ALGORITHM_INFO[algorithm].settings?.mainField ?? null;
}

/** Every group's values of the config, in one record (what a cost fact carries from the worker). */
export function settingValuesOf(config: Readonly<Record<string, unknown>>): Values {
  return Object.assign({}, ...settingsGroups().map((group) => groupValues(group, config))) as Values;
}

/** The groups' notes after a cost message's times ("K = 10"), from the values they were measured with. */
export function costNotes(values: Readonly<Record<string, unknown>>): string[] {
  return settingsGroups().flatMap((group) => (group.costNote ? [group.costNote(groupValues(group, values))] : []));
}

/** The groups' cost predictions against the cost reference, for the targets panel. */
export function costPredictions(values: Readonly<Record<string, unknown>>): string[] {
  return settingsGroups().flatMap((group) => (group.costPrediction ? [group.costPrediction(groupValues(group, values))] : []));
}

/** γ of every algorithm's per-layer targets (T = H − γ·δ): the declaring group's field, 1 where none declares one. */
export function targetGammaOf(config: Readonly<Record<string, unknown>>): number {
  const group = settingsGroups().find((g) => g.targetGammaField !== undefined);
  const value = group?.targetGammaField ? config[group.targetGammaField] : undefined;
  return typeof value === 'number' ? value : 1;
}

/** Whether `name` is a settings group's inner-iterations field. */
export function isIterationsField(name: string): boolean {
  return settingsGroups().some((group) => group.iterationsField === name);
}

/** The label of `algorithm`'s inner-iterations field ("Inner iterations K"), or null. */
export function iterationsLabelOf(algorithm: AlgorithmName): string | null {
  const group = ALGORITHM_INFO[algorithm].settings;
  const name = group?.iterationsField;
  return group && name ? group.fields[name].label : null;
}

/** The PyTorch script's constants of every group, from the run's config, in the registry's order. */
export function pythonSettingConstants(config: Readonly<Record<string, unknown>>): (readonly [string, string])[] {
  return settingsGroups().flatMap((group) => group.pythonConstants?.(groupValues(group, config)) ?? []);
}
