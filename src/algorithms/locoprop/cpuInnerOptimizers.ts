/**
 * LocoProp's inner optimizers (sgd, adam, and TF1 RMSProp, the reference notebook's default: TensorFlow's
 * `tf.compat.v1.train.RMSPropOptimizer`, mean square starting at 1, ε inside the root) on the flat θ, written
 * as train/optimizers.ts FlatOptimizer.apply writes them, op for op, with every intermediate TF.js stores as
 * float32 rounded here too (scalars included: a JS number becomes a float32 tensor), so an update is the
 * plain path's bit for bit (see cpuLocoPropSteps.ts on why LocoProp needs that). The learning rate and
 * momentum arrive as the doubles the plain path is given.
 */
import {
  ADAM_BETA2,
  ADAM_EPSILON,
  TF1_RMSPROP_DECAY,
  TF1_RMSPROP_EPSILON,
  type OptimizerKind,
} from '../../engine/train/optimizers';
import type { FusedState } from '../../engine/fused/fusedProblem';

const f32 = Math.fround;

/** A new optimizer's slots and counters (FlatOptimizer.reset: TF1 RMSProp's mean square starts at 1). */
export function resetInnerOptimizer(kind: OptimizerKind, state: FusedState): void {
  state.slots.forEach((slot, i) => slot.fill(kind === 'rmsprop-tf1' && i === 0 ? 1 : 0));
  state.stepCount = 0;
  state.beta1Product = 1;
}

/** One update of state.theta with `gradient`, learning rate `lr` and momentum (β₁ for Adam) `mu`. */
export function applyInnerUpdate(kind: OptimizerKind, state: FusedState, gradient: Float32Array, lr: number, mu: number): void {
  const { theta, slots } = state;
  const size = theta.length;
  state.stepCount += 1;
  switch (kind) {
    case 'sgd': {
      const rate = f32(lr);
      for (let p = 0; p < size; p++) theta[p] -= f32(rate * gradient[p]);
      return;
    }
    case 'rmsprop-tf1': {
      // ms ← ρ ms + (1−ρ) g²;  mom ← μ mom + lr g / √(ms + ε);  θ ← θ − mom
      const [meanSquare, mom] = slots;
      const decay = f32(TF1_RMSPROP_DECAY);
      const oneMinusDecay = f32(1 - TF1_RMSPROP_DECAY);
      const epsilon = f32(TF1_RMSPROP_EPSILON);
      const rate = f32(lr);
      const momentum = f32(mu);
      for (let p = 0; p < size; p++) {
        const g = gradient[p];
        meanSquare[p] = f32(decay * meanSquare[p]) + f32(oneMinusDecay * f32(g * g));
        mom[p] = f32(momentum * mom[p]) + f32(f32(rate * g) / f32(Math.sqrt(f32(meanSquare[p] + epsilon))));
        theta[p] -= mom[p];
      }
      return;
    }
    case 'adam': {
      // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η̂ m / (√v + ε̂), the bias corrections folded into η̂, ε̂
      const [first, second] = slots;
      state.beta1Product *= mu;
      const secondCorrection = Math.sqrt(1 - ADAM_BETA2 ** state.stepCount);
      const stepSize = f32((lr * secondCorrection) / (1 - state.beta1Product));
      const epsilonHat = f32(ADAM_EPSILON * secondCorrection);
      const beta1 = f32(mu);
      const oneMinusBeta1 = f32(1 - mu);
      const beta2 = f32(ADAM_BETA2);
      const oneMinusBeta2 = f32(1 - ADAM_BETA2);
      for (let p = 0; p < size; p++) {
        const g = gradient[p];
        first[p] = f32(beta1 * first[p]) + f32(oneMinusBeta1 * g);
        second[p] = f32(beta2 * second[p]) + f32(oneMinusBeta2 * f32(g * g));
        theta[p] -= f32(f32(stepSize * first[p]) / f32(f32(Math.sqrt(second[p])) + epsilonHat));
      }
      return;
    }
    default:
      throw new Error(`LocoProp's fused steps have no ${kind} inner optimizer`);
  }
}
