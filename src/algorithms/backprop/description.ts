/** Backprop (Rumelhart, Hinton & Williams, Nature 1986): one optimizer step against ∂L/∂θ. */
import type { PresenterView } from '../../ui/presenter/presenterStore';
import type { AlgorithmDescription } from '../description';
import { BACKPROP_EXPLANATION } from './explanation';
import { backpropPytorch } from './pytorch';

export const backpropDescription = {
  name: 'backprop',
  label: 'Backprop',
  inSentence: 'backprop',
  optimizerField: 'optimizer',
  settings: null,
  summary: 'Backprop: one optimizer step against the gradient of the loss.',
  explanation: BACKPROP_EXPLANATION,
  targetSpace: 'A',
  errorSignal: '∂L/∂A',
  stageViews: [] as readonly PresenterView[],
  innerLoop: false,
  costReference: true,
  fusedOn: ['cpu', 'webgpu'],
  batchedOn: ['cpu', 'webgpu'],
  pytorch: backpropPytorch,
} as const satisfies AlgorithmDescription<'backprop'>;
