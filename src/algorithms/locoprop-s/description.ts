/** LocoProp-S (Amid, Anil & Warmuth, AISTATS 2022, §3.1): a squared local loss on each layer's pre-activation. */
import type { PresenterView } from '../../ui/presenter/presenterStore';
import type { AlgorithmDescription } from '../description';
import { LOCOPROP_EXPLANATION } from '../locoprop/explanation';
import { LOCOPROP_SETTINGS } from '../locoprop/settings';
import { locopropPytorch } from '../locoprop/pytorch';

export const locopropSDescription = {
  name: 'locoprop-s',
  label: 'LocoProp-S',
  inSentence: 'LocoProp-S',
  optimizerField: 'innerOptimizer',
  settings: LOCOPROP_SETTINGS,
  summary: 'LocoProp-S: each layer chases the target A − γ·∂L/∂A with a squared local loss on its pre-activation.',
  explanation: LOCOPROP_EXPLANATION,
  targetSpace: 'A',
  errorSignal: '∂L/∂A',
  stageViews: ['targets'] as readonly PresenterView[],
  innerLoop: true,
  costReference: false,
  fusedOn: ['cpu', 'webgpu'],
  batchedOn: ['cpu', 'webgpu'],
  pytorch: locopropPytorch('S'),
} as const satisfies AlgorithmDescription<'locoprop-s'>;
