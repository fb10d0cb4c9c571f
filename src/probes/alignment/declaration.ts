/**
 * The angle, per layer, between a step's weight update and backprop's gradient on the same minibatch:
 * ∠_m = arccos(⟨−ΔW_m, ∇_{W_m}L⟩ / (‖ΔW_m‖ ‖∇_{W_m}L‖)), in degrees. For feedback alignment with SGD it is the
 * angle of its error signal to backprop's, the signature figure of Lillicrap et al. (Nature Communications
 * 7:13276, 2016, Fig. 2): it falls below 90° as the forward weights align with B. For backprop with SGD it is
 * 0; with momentum, Adam or RMSProp (and LocoProp's inner loop) it also holds the optimizer's preconditioning.
 */
import type { ProbeDeclaration } from '../declaration';

export const ALIGNMENT_PROBE = {
  name: 'alignment',
  quantities: ['angle'],
  seeds: 'median',
  csv: { angle: 'update_angle_to_gradient_deg' },
} as const satisfies ProbeDeclaration<'angle'>;
