/**
 * Our own update rules on the flat parameter vector. They take the learning rate and momentum on every
 * call, so schedules and cycled momentum act on the very next step (TF.js's built-in optimizers cache the
 * learning rate and ignore setMomentum, see tfjs-core's optimizers/sgd_optimizer.ts and momentum_optimizer.ts).
 * Conventions follow PyTorch's torch.optim documentation:
 *  - sgd:       θ ← θ − η g
 *  - momentum:  v ← μ v + g;              θ ← θ − η v
 *  - nesterov:  v ← μ v + g;              θ ← θ − η (g + μ v)
 *  - adam:      m ← β₁ m + (1−β₁) g;  v ← β₂ v + (1−β₂) g²;  θ ← θ − η m̂ / (√v̂ + ε)   (Kingma & Ba 2015, Alg. 1)
 *               with m̂ = m / (1 − Πβ₁) (the product of the β₁ actually used, exact when β₁ is cycled) and
 *               v̂ = v / (1 − β₂ᵗ); evaluated in the equivalent "ε̂" form of the paper's §2 to save kernels.
 *  - rmsprop:   v ← ρ v + (1−ρ) g²;       θ ← θ − η g / (√v + ε)   (Hinton's lecture 6e, PyTorch `RMSprop`)
 *  - rmsprop-tf1 (LocoProp's inner optimizer in the authors' notebook: TF1 `tf.compat.v1.train.RMSPropOptimizer`):
 *               ms ← ρ ms + (1−ρ) g²;  mom ← μ mom + η g / √(ms + ε);  θ ← θ − mom,
 *               with ms starting at 1 (not 0), ε inside the root, ρ = 0.9, ε = 1e-5.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { BackpropOptimizer } from '../names';

export { OPTIMIZERS, type BackpropOptimizer } from '../names';
/** Every update rule FlatOptimizer knows: the backprop ones plus LocoProp's TF1-style RMSProp. */
export type OptimizerKind = BackpropOptimizer | 'rmsprop-tf1';

export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;
export const RMSPROP_DECAY = 0.9;
export const RMSPROP_EPSILON = 1e-8;
export const TF1_RMSPROP_DECAY = 0.9;
export const TF1_RMSPROP_EPSILON = 1e-5;

export interface OptimizerHyper {
  learningRate: number;
  /** μ for momentum and Nesterov, β₁ for Adam; unused by SGD and RMSProp. */
  momentum: number;
}

/** Initial value of each slot: zeros, except TF1 RMSProp's mean square, which starts at 1. */
function slotInitialValues(kind: OptimizerKind): number[] {
  if (kind === 'adam') return [0, 0];
  if (kind === 'rmsprop-tf1') return [1, 0];
  if (kind === 'sgd') return [];
  return [0];
}

/** Everything an optimizer remembers, as plain numbers: for snapshots, restores and copies. */
export interface OptimizerSnapshot {
  kind: OptimizerKind;
  slots: Float32Array[];
  stepCount: number;
  beta1Product: number;
}

export class FlatOptimizer {
  readonly slots: tf.Variable<tf.Rank.R1>[];
  stepCount = 0;
  private beta1Product = 1;

  constructor(readonly kind: OptimizerKind, readonly size: number) {
    this.slots = slotInitialValues(kind).map((value) => tf.tidy(() => tf.variable(tf.fill([size], value), false)));
  }

  /** Back to the state of a new optimizer (LocoProp's "reset the inner optimizer every outer step"). */
  reset(): void {
    tf.tidy(() => slotInitialValues(this.kind).forEach((value, i) => this.slots[i].assign(tf.fill([this.size], value))));
    this.stepCount = 0;
    this.beta1Product = 1;
  }

  /** One update of theta in place with the given gradient. */
  apply(theta: tf.Variable<tf.Rank.R1>, gradient: tf.Tensor1D, hyper: OptimizerHyper): void {
    tf.tidy(() => {
      const { learningRate: lr, momentum: mu } = hyper;
      this.stepCount += 1;
      switch (this.kind) {
        case 'sgd':
          theta.assign(tf.sub(theta, tf.mul(lr, gradient)));
          return;
        case 'momentum':
        case 'nesterov': {
          const [velocity] = this.slots;
          const v = tf.add<tf.Tensor1D>(tf.mul(mu, velocity), gradient);
          velocity.assign(v);
          const direction = this.kind === 'momentum' ? v : tf.add(gradient, tf.mul(mu, v));
          theta.assign(tf.sub(theta, tf.mul(lr, direction)));
          return;
        }
        case 'rmsprop': {
          const [meanSquare] = this.slots;
          const s = tf.add<tf.Tensor1D>(tf.mul(RMSPROP_DECAY, meanSquare), tf.mul(1 - RMSPROP_DECAY, tf.square(gradient)));
          meanSquare.assign(s);
          theta.assign(tf.sub(theta, tf.div(tf.mul(lr, gradient), tf.add(tf.sqrt(s), RMSPROP_EPSILON))));
          return;
        }
        case 'rmsprop-tf1': {
          const [meanSquare, mom] = this.slots;
          const ms = tf.add<tf.Tensor1D>(tf.mul(TF1_RMSPROP_DECAY, meanSquare), tf.mul(1 - TF1_RMSPROP_DECAY, tf.square(gradient)));
          const m = tf.add<tf.Tensor1D>(tf.mul(mu, mom), tf.div(tf.mul(lr, gradient), tf.sqrt(tf.add(ms, TF1_RMSPROP_EPSILON))));
          meanSquare.assign(ms);
          mom.assign(m);
          theta.assign(tf.sub(theta, m));
          return;
        }
        case 'adam': {
          const [first, second] = this.slots;
          this.beta1Product *= mu;
          const m = tf.add<tf.Tensor1D>(tf.mul(mu, first), tf.mul(1 - mu, gradient));
          const v = tf.add<tf.Tensor1D>(tf.mul(ADAM_BETA2, second), tf.mul(1 - ADAM_BETA2, tf.square(gradient)));
          first.assign(m);
          second.assign(v);
          const secondCorrection = Math.sqrt(1 - ADAM_BETA2 ** this.stepCount);
          const stepSize = (lr * secondCorrection) / (1 - this.beta1Product);
          const epsilonHat = ADAM_EPSILON * secondCorrection;
          theta.assign(tf.sub(theta, tf.div(tf.mul(stepSize, m), tf.add(tf.sqrt(v), epsilonHat))));
          return;
        }
      }
    });
  }

  /**
   * Takes on the state a fused kernel computed for `steps` steps (its slots, the caller assigns) and advances
   * the counters exactly as `steps` calls of apply() with these momenta would.
   */
  advance(slots: readonly tf.Tensor1D[], momenta: ArrayLike<number>): void {
    slots.forEach((values, i) => this.slots[i].assign(values));
    this.stepCount += momenta.length;
    if (this.kind === 'adam') for (let s = 0; s < momenta.length; s++) this.beta1Product *= momenta[s];
  }

  /**
   * An independent optimizer in the same state, slots copied on the backend (no readback): what a diagnosed
   * step's side computation spends (engine/diagnosedStep.ts). The caller disposes it.
   */
  copy(): FlatOptimizer {
    const twin = new FlatOptimizer(this.kind, this.size);
    tf.tidy(() => this.slots.forEach((slot, i) => twin.slots[i].assign(tf.clone(slot))));
    twin.stepCount = this.stepCount;
    twin.beta1Product = this.beta1Product;
    return twin;
  }

  /** The counters the update rules use (Adam's bias corrections). */
  get counters(): { stepCount: number; beta1Product: number } {
    return { stepCount: this.stepCount, beta1Product: this.beta1Product };
  }

  async snapshot(): Promise<OptimizerSnapshot> {
    const slots = await Promise.all(this.slots.map(async (s) => new Float32Array(await s.data())));
    return { kind: this.kind, slots, stepCount: this.stepCount, beta1Product: this.beta1Product };
  }

  restore(snapshot: OptimizerSnapshot): void {
    if (snapshot.kind !== this.kind) throw new Error(`cannot restore a ${snapshot.kind} state into ${this.kind}`);
    tf.tidy(() => snapshot.slots.forEach((values, i) => this.slots[i].assign(tf.tensor1d(values))));
    this.stepCount = snapshot.stepCount;
    this.beta1Product = snapshot.beta1Product;
  }

  /** Slot values in the order snapshot() reports them, for a batched readback by the caller. */
  stateTensors(): tf.Tensor1D[] {
    return this.slots;
  }

  /** Rebuilds a snapshot from values the caller read back itself (see stateTensors). */
  snapshotFrom(values: Float32Array[]): OptimizerSnapshot {
    return { kind: this.kind, slots: values, stepCount: this.stepCount, beta1Product: this.beta1Product };
  }

  dispose(): void {
    this.slots.forEach((s) => s.dispose());
  }
}
