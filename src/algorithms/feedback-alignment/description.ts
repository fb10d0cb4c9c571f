/**
 * Feedback alignment (Lillicrap, Cownden, Tweed & Akerman, Nature Communications 7:13276, 2016): backprop with
 * fixed random feedback matrices B_m in place of W_mᵀ in the backward pass.
 */
import type { PresenterView } from '../../ui/presenter/presenterStore';
import type { AlgorithmDescription } from '../description';
import { FEEDBACK_ALIGNMENT_EXPLANATION } from './explanation';
import { feedbackAlignmentPytorch } from './pytorch';

export const feedbackAlignmentDescription = {
  name: 'feedback-alignment',
  label: 'Feedback alignment',
  inSentence: 'feedback alignment',
  optimizerField: 'optimizer',
  settings: null,
  summary: 'Feedback alignment: backprop’s step, with the error sent back through fixed random matrices B instead of Wᵀ.',
  explanation: FEEDBACK_ALIGNMENT_EXPLANATION,
  // Its signature figure (Lillicrap et al. 2016, Fig. 2): the alignment chart explains itself with this panel.
  explainsProbes: ['alignment'],
  targetSpace: 'A',
  errorSignal: 'δ (through B)',
  stageViews: [] as readonly PresenterView[],
  innerLoop: false,
  costReference: false,
  fusedOn: ['cpu', 'webgpu'],
  batchedOn: ['cpu', 'webgpu'],
  pytorch: feedbackAlignmentPytorch,
} as const satisfies AlgorithmDescription<'feedback-alignment'>;
