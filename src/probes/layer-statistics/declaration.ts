/**
 * The classic health check of a network's training, per layer m, on one diagnosed step: ‖∂L/∂W_m‖, the norm of
 * backprop's minibatch gradient before the step, and ‖ΔW_m‖/‖W_m‖, the step's update relative to the weights
 * (Karpathy, CS231n notes, "Babysitting the learning process": about 1e-3 is healthy).
 */
import type { ProbeDeclaration } from '../declaration';

export const LAYER_STATISTICS_PROBE = {
  name: 'layerStatistics',
  quantities: ['gradientNorm', 'updateRatio'],
  seeds: 'lead',
  csv: { gradientNorm: 'gradient_norm', updateRatio: 'update_ratio' },
} as const satisfies ProbeDeclaration<'gradientNorm' | 'updateRatio'>;
