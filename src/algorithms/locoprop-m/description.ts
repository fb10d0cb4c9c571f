/**
 * LocoProp-M (Amid, Anil & Warmuth, AISTATS 2022, §3.2): each layer's matched Bregman local loss on its
 * output, whose gradient is f(XW̃ + b̃) − T.
 */
import type { PresenterView } from '../../ui/presenter/presenterStore';
import type { AlgorithmDescription } from '../description';
import { LOCOPROP_EXPLANATION } from '../locoprop/explanation';
import { LOCOPROP_SETTINGS } from '../locoprop/settings';
import { locopropPytorch } from '../locoprop/pytorch';

export const locopropMDescription = {
  name: 'locoprop-m',
  label: 'LocoProp-M',
  inSentence: 'LocoProp-M',
  optimizerField: 'innerOptimizer',
  settings: LOCOPROP_SETTINGS,
  summary: 'LocoProp-M: each layer chases the target Y − γ·∂L/∂A with its matched local loss, gradient f(XW + b) − target.',
  explanation: LOCOPROP_EXPLANATION,
  targetSpace: 'Y',
  errorSignal: '∂L/∂A',
  stageViews: ['targets'] as readonly PresenterView[],
  innerLoop: true,
  costReference: false,
  fusedOn: ['cpu', 'webgpu'],
  batchedOn: ['cpu', 'webgpu'],
  pytorch: locopropPytorch('M'),
} as const satisfies AlgorithmDescription<'locoprop-m'>;
