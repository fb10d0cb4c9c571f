/**
 * LocoProp's settings group, shared by LocoProp-S and -M: its fields (fields.ts), how the Training panel shows
 * them, and what its step reads (Amid, Anil & Warmuth, AISTATS 2022, Algorithm 1; the inner decay as the
 * authors' notebook's `_learning_fn`).
 */
import { INNER_OPTIMIZER_LABELS, INNER_OPTIMIZER_SHORT, type InnerOptimizer } from '../../engine/names';
import type { StepSettings } from '../../engine/train/algorithm';
import type { OptimizerKind } from '../../engine/train/optimizers';
import { pyNumber, pyString } from '../../ui/export/pythonLiterals';
import { formatRate } from '../../ui/format';
import { booleanSetting, numberSetting, textSetting, type SettingsGroup } from '../settings';
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

/** The engine's optimizer for each inner optimizer: RMSProp as TF1's, whose mean square starts at 1 (the reference code). */
const INNER_OPTIMIZER_KINDS: Record<InnerOptimizer, OptimizerKind> = { sgd: 'sgd', rmsprop: 'rmsprop-tf1', adam: 'adam' };
const INNER_KINDS: readonly string[] = Object.values(INNER_OPTIMIZER_KINDS);

export const LOCOPROP_SETTINGS = {
  id: 'locoprop',
  fields: LOCOPROP_FIELDS,
  // The inner optimizer goes with them as the engine's optimizer, which the session runs (optimizer.kind below).
  toStep: (values): LocoPropSettings & { optimizer: OptimizerKind } => ({
    gamma: values.gamma,
    innerSteps: values.innerSteps,
    innerDecay: values.innerDecay,
    proximalWeight: values.proximal ? values.proximalWeight : 0,
    resetInner: values.innerReset,
    optimizer: INNER_OPTIMIZER_KINDS[values.innerOptimizer],
  }),
  intro: 'The inputs and targets stay fixed for K inner steps.',
  explainLabel: 'Targets, local losses and why step 1 is backprop',
  learningRate: {
    label: 'Inner learning rate ρ',
    note: "ρ, the inner optimizer's step size; with inner SGD and K = 1 one LocoProp step is a backprop SGD step of ρ·γ.",
  },
  controls: {
    gamma: {
      note: ({ gamma }, batchSize) => `Per example γ/B = ${formatRate(gamma / batchSize)} (batch ${batchSize}). The reference used γ/B = 0.01.`,
      runName: ({ gamma }) => `γ = ${Number(gamma.toPrecision(3))}`,
    },
    innerSteps: { runName: ({ innerSteps }) => `K = ${innerSteps}` },
    innerOptimizer: { labels: INNER_OPTIMIZER_LABELS, runName: ({ innerOptimizer }) => `inner ${INNER_OPTIMIZER_SHORT[innerOptimizer]}` },
    proximalWeight: { shownWhen: 'proximal' },
  },
  optimizer: {
    name: ({ innerOptimizer }, algorithmLabel) => `${algorithmLabel}'s inner ${INNER_OPTIMIZER_SHORT[innerOptimizer]}`,
    usesMomentum: ({ innerOptimizer }) => innerOptimizer !== 'sgd',
    momentumNote: "β₁ of the inner Adam, or the inner RMSProp's momentum (the reference used 0.999).",
    kind: (settings) => innerKind(textSetting(OWNER, settings, 'optimizer')),
  },
  // K inner iterations a step (Algorithm 1's inner loop); the cost model adds each one's local passes.
  innerIterations: (settings: StepSettings) => locopropSettingsOf(settings).innerSteps,
  // K multiplies a step's matrix products and the inner optimizer sets the slots read and written K times a
  // step; γ and the decay change only coefficients, and the reset and the proximal term (elementwise work, per
  // step or per inner iteration) are left out, as the calibration always left them.
  costFields: ['innerSteps', 'innerOptimizer'],
  mainField: 'gamma',
  costNote: ({ innerSteps }) => `K = ${innerSteps}`,
  // The targets panel's words as they were before they moved here (engine/cost.ts stepFlops is the cost model).
  costPrediction: ({ innerSteps }) => `LocoProp's matrix products predict about (2K + 1)/3 = ${((2 * innerSteps + 1) / 3).toFixed(1)}× backprop.`,
  iterationsField: 'innerSteps',
  targetGammaField: 'gamma',
  // Read by the emitter's step (pytorch.ts); the proximal weight 0 turns the term off, as the step's settings do.
  pythonConstants: (values) => [
    ['INNER_OPTIMIZER', pyString(values.innerOptimizer)],
    ['GAMMA', pyNumber(values.gamma)],
    ['INNER_STEPS', String(values.innerSteps)],
    ['INNER_DECAY', values.innerDecay ? 'True' : 'False'],
    ['INNER_RESET', values.innerReset ? 'True' : 'False'],
    ['PROXIMAL_WEIGHT', pyNumber(values.proximal ? values.proximalWeight : 0)],
  ],
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

/** The engine's optimizer of the step's settings, checked (an inner optimizer's). */
function innerKind(kind: string): OptimizerKind {
  if (!INNER_KINDS.includes(kind)) throw new Error(`${OWNER}'s setting "optimizer" is ${JSON.stringify(kind)}, not one of ${INNER_KINDS.join(', ')}.`);
  return kind as OptimizerKind;
}
