/** LocoProp's settings (Amid, Anil & Warmuth, AISTATS 2022, Algorithm 1: γ, K and the inner optimizer; the proximal term of their §3). */
import { INNER_OPTIMIZERS, type InnerOptimizer } from '../../engine/names';
import { booleanField, enumField, numberField } from '../../config/fields';

export const LOCOPROP_FIELDS = {
  gamma: numberField({
    label: 'Activation step γ',
    help: 'How far each layer\'s target moves against the gradient: T = H − γ·∂L/∂A (per example: γ/B).',
    change: 'hot',
    defaultValue: 3,
    min: 0.001,
    max: 100,
    scale: 'log',
  }),
  innerSteps: numberField({
    label: 'Inner iterations K',
    help: 'Optimizer steps each layer takes on its own local loss per minibatch.',
    change: 'hot',
    defaultValue: 10,
    min: 1,
    max: 20,
    integer: true,
  }),
  innerOptimizer: enumField<InnerOptimizer>({
    label: 'Inner optimizer',
    help: 'Update rule of the local problems. RMSProp follows the reference (TF1: mean square starts at 1).',
    change: 'hot',
    defaultValue: 'adam',
    options: INNER_OPTIMIZERS,
  }),
  innerDecay: booleanField({
    label: 'Decay inside the loop',
    help: 'Iteration k uses lr · max(1 − k/K, 0.25), as the reference does.',
    change: 'hot',
    defaultValue: true,
  }),
  proximal: booleanField({
    label: 'Proximal term',
    help: 'Adds (W̃ − W)/η to each local gradient, keeping the layer near its weights.',
    change: 'hot',
    defaultValue: false,
  }),
  proximalWeight: numberField({
    label: 'Proximal weight 1/η',
    help: 'Strength of the proximal term.',
    change: 'hot',
    defaultValue: 1,
    min: 0.001,
    max: 1000,
    scale: 'log',
  }),
  innerReset: booleanField({
    label: 'Reset inner optimizer',
    help: 'Start the inner optimizer afresh every minibatch (the reference keeps its state).',
    change: 'hot',
    defaultValue: false,
  }),
};
