/**
 * The worker's registry of training algorithms: each name of the page registry (registry.ts) mapped to its
 * TF.js implementation (plain step, per-run state, fused kernels). The session looks algorithms up here and
 * nowhere else.
 */
import type { Algorithm } from '../engine/train/algorithm';
import { backpropFusedSteps } from './backprop/fused';
import { backpropAlgorithm } from './backprop/step';
import { feedbackAlignmentAlgorithm } from './feedback-alignment/step';
import { locopropFusedSteps } from './locoprop/fused';
import { locopropAlgorithm } from './locoprop/step';
import type { AlgorithmName } from './registry';

export const ALGORITHM_IMPLEMENTATIONS: Record<AlgorithmName, Algorithm> = {
  backprop: { ...backpropAlgorithm, fused: backpropFusedSteps },
  'locoprop-s': { ...locopropAlgorithm('S'), fused: locopropFusedSteps('S') },
  'locoprop-m': { ...locopropAlgorithm('M'), fused: locopropFusedSteps('M') },
  'feedback-alignment': feedbackAlignmentAlgorithm,
};
