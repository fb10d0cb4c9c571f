/**
 * LocoProp's settings group, shared by LocoProp-S and -M: its fields (fields.ts), how the Training panel shows
 * them, and what its step reads (Amid, Anil & Warmuth, AISTATS 2022, Algorithm 1; the inner decay as the
 * authors' notebook's `_learning_fn`).
 */
import { INNER_OPTIMIZER_LABELS } from '../../engine/names';
import type { StepSettings } from '../../engine/train/algorithm';
import { formatRate } from '../../ui/format';
import { booleanSetting, numberSetting, type SettingsGroup } from '../settings';
import { LOCOPROP_FIELDS } from './fields';

/** LocoProp's knobs as its step and fused kernels read them. γ also sets the targets backprop implies in diagnostics. */
export type LocoPropSettings = {
  /** γ, the activation step: multiplies G_m = ∂L/∂A_m of the batch-mean loss. */
  gamma: number;
  /** K, inner iterations per outer step. */
  innerSteps: number;
  /** lr_k = lr · max(1 − k/K, 0.25) inside one outer step, as in the official code. */
  innerDecay: boolean;
  /** 1/η of the proximal term (W̃ − W)/η added to the local gradient; 0 turns it off. */
  proximalWeight: number;
  /** Start the inner optimizer afresh at every outer step (the official code keeps its state). */
  resetInner: boolean;
};

export const LOCOPROP_SETTINGS = {
  id: 'locoprop',
  fields: LOCOPROP_FIELDS,
  toStep: (values): LocoPropSettings => ({
    gamma: values.gamma,
    innerSteps: values.innerSteps,
    innerDecay: values.innerDecay,
    proximalWeight: values.proximal ? values.proximalWeight : 0,
    resetInner: values.innerReset,
  }),
  intro: 'The inputs and targets stay fixed for K inner steps.',
  explainLabel: 'Targets, local losses and why step 1 is backprop',
  learningRate: {
    label: 'Inner learning rate ρ',
    note: "ρ, the inner optimizer's step size; with inner SGD and K = 1 one LocoProp step is a backprop SGD step of ρ·γ.",
  },
  controls: {
    gamma: { note: ({ gamma }, batchSize) => `Per example γ/B = ${formatRate(gamma / batchSize)} (batch ${batchSize}). The reference used γ/B = 0.01.` },
    innerOptimizer: { labels: INNER_OPTIMIZER_LABELS },
    proximalWeight: { shownWhen: 'proximal' },
  },
  // K inner iterations a step (Algorithm 1's inner loop); the cost model adds each one's local passes.
  innerIterations: (settings: StepSettings) => locopropSettingsOf(settings).innerSteps,
  // K multiplies a step's matrix products and the inner optimizer sets the slots read and written K times a
  // step; γ and the decay change only coefficients, and the reset and the proximal term (elementwise work, per
  // step or per inner iteration) are left out, as the calibration always left them.
  costFields: ['innerSteps', 'innerOptimizer'],
} as const satisfies SettingsGroup<typeof LOCOPROP_FIELDS>;

const OWNER = 'LocoProp';

/** LocoProp's settings from the step's (hyper.settings), checked. */
export function locopropSettingsOf(settings: StepSettings): LocoPropSettings {
  return {
    gamma: numberSetting(OWNER, settings, 'gamma'),
    innerSteps: numberSetting(OWNER, settings, 'innerSteps'),
    innerDecay: booleanSetting(OWNER, settings, 'innerDecay'),
    proximalWeight: numberSetting(OWNER, settings, 'proximalWeight'),
    resetInner: booleanSetting(OWNER, settings, 'resetInner'),
  };
}
