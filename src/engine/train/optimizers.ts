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
 *  - sgd-hd, adam-hd: SGD and Adam whose learning rate α is itself descended by its hypergradient with rate β
 *               (Baydin, Cornish, Martínez Rubio, Schmidt & Wood, "Online Learning Rate Adaptation with
 *               Hypergradient Descent", ICLR 2018, §2 and its algorithms "SGD with hyp. desc. (SGD-HD)" and
 *               "Adam with hyp. desc. (Adam-HD)"): h_t = ∇f(θ_{t−1})·∇_α u_{t−1}, α_t = α_{t−1} − β h_t, then the
 *               plain rule's step with α_t. ∇_α u = −g for SGD and −m̂/(√v̂ + ε) for Adam, so
 *                 sgd-hd:   α_t = α_{t−1} + β g_t·g_{t−1};                      θ ← θ − α_t g_t
 *                 adam-hd:  α_t = α_{t−1} + β g_t·m̂_{t−1}/(√v̂_{t−1} + ε);   θ ← θ − α_t m̂_t/(√v̂_t + ε)
 *               On the first step h = 0 (the paper's ∇_α u_0 = 0; the authors' sgd_hd.py keeps a zero previous
 *               gradient, adam_hd.py skips the update at step 1), so step 1 uses α₀: the learning rate the
 *               caller gives on the optimizer's first step. From then on α is the optimizer's state (one float32
 *               on the device, in every snapshot and copy); the learning rates of later calls are not used.
 *               One α for the whole flat θ, its hypergradient the dot product over all of θ: the paper's
 *               algorithm and the authors' sgd_hd.py (one flat gradient); their adam_hd.py updates the one
 *               rate once per parameter tensor in turn, which sums to the same hypergradient per step.
 */
import * as tf from '@tensorflow/tfjs-core';

import { adaptsLearningRate, type BackpropOptimizer } from '../names';

export { adaptsLearningRate, OPTIMIZERS, type BackpropOptimizer } from '../names';
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
  /** μ for momentum and Nesterov, β₁ for Adam and Adam-HD; unused by SGD, SGD-HD and RMSProp. */
  momentum: number;
  /**
   * β of SGD-HD and Adam-HD: the step size of the learning rate's own descent; unused by the others, which is why
   * it may be left out (an -HD rule without it throws). The session always passes the run's (config/toEngine.ts).
   */
  hypergradientRate?: number;
}

/** Initial value of each slot: zeros, except TF1 RMSProp's mean square, which starts at 1. */
function slotInitialValues(kind: OptimizerKind): number[] {
  // SGD-HD's slot is the previous gradient g_{t−1}; Adam-HD's are Adam's m and v.
  if (kind === 'adam' || kind === 'adam-hd') return [0, 0];
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
  /** The adapted learning rate α of SGD-HD and Adam-HD (a float32), null for the others. */
  rate: number | null;
}

export class FlatOptimizer {
  readonly slots: tf.Variable<tf.Rank.R1>[];
  stepCount = 0;
  private beta1Product = 1;
  /** SGD-HD's and Adam-HD's α as a 1-element vector on the device (read back with the slots), else null. */
  private readonly rate: tf.Variable<tf.Rank.R1> | null;

  constructor(readonly kind: OptimizerKind, readonly size: number) {
    this.slots = slotInitialValues(kind).map((value) => tf.tidy(() => tf.variable(tf.fill([size], value), false)));
    this.rate = adaptsLearningRate(kind) ? tf.tidy(() => tf.variable(tf.zeros([1]), false)) : null;
  }

  /** The learning rate the latest step used, on the device: SGD-HD's and Adam-HD's α; null for the others. */
  get adaptedRate(): tf.Tensor1D | null {
    return this.rate;
  }

  /** Sets SGD-HD's or Adam-HD's α (the LR range test tries its own rates); a no-op for the other rules. */
  setRate(learningRate: number): void {
    if (this.rate) tf.tidy(() => this.rate?.assign(tf.fill([1], learningRate)));
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
        case 'sgd-hd': {
          const [previous] = this.slots;
          const alpha = this.adaptRate(lr, () => tf.sum(tf.mul(gradient, previous)), hyper.hypergradientRate);
          previous.assign(gradient);
          theta.assign(tf.sub(theta, tf.mul(alpha, gradient)));
          return;
        }
        case 'adam':
        case 'adam-hd': {
          const [first, second] = this.slots;
          // Adam-HD: ∇_α u_{t−1} = −m̂_{t−1}/(√v̂_{t−1} + ε) from the moments before this step's update, written as
          // the step below writes its own (ε̂ form): m/(√v + ε√c₂)·√c₂/(1 − Πβ₁), c₂ = 1 − β₂^{t−1}.
          const alpha =
            this.kind === 'adam'
              ? lr
              : this.adaptRate(lr, () => {
                  const c2 = Math.sqrt(1 - ADAM_BETA2 ** (this.stepCount - 1));
                  const direction = tf.div(first, tf.add(tf.sqrt(second), ADAM_EPSILON * c2));
                  return tf.mul(tf.sum(tf.mul(gradient, direction)), c2 / (1 - this.beta1Product));
                }, hyper.hypergradientRate);
          this.beta1Product *= mu;
          const m = tf.add<tf.Tensor1D>(tf.mul(mu, first), tf.mul(1 - mu, gradient));
          const v = tf.add<tf.Tensor1D>(tf.mul(ADAM_BETA2, second), tf.mul(1 - ADAM_BETA2, tf.square(gradient)));
          first.assign(m);
          second.assign(v);
          const secondCorrection = Math.sqrt(1 - ADAM_BETA2 ** this.stepCount);
          // Plain Adam's step size is one number formed in float64, as before HD and as the fused kernels form it
          // (a float32 product of α and the correction rounds differently: the fused parity tests see it).
          const stepSize = typeof alpha === 'number' ? (alpha * secondCorrection) / (1 - this.beta1Product) : tf.mul(alpha, secondCorrection / (1 - this.beta1Product));
          const epsilonHat = ADAM_EPSILON * secondCorrection;
          theta.assign(tf.sub(theta, tf.div(tf.mul(stepSize, m), tf.add(tf.sqrt(v), epsilonHat))));
          return;
        }
      }
    });
  }

  /**
   * α_t of the -HD rules (call after stepCount has counted this step, inside apply's tidy): α₀ = the given rate on
   * the first step (h₁ = 0), else α_{t−1} + β·(g_t·(−∇_α u_{t−1})), the dot product from `negatedHypergradient`.
   */
  private adaptRate(learningRate: number, negatedHypergradient: () => tf.Tensor, beta: number | undefined): tf.Tensor1D {
    const rate = this.rate;
    if (!rate) throw new Error(`${this.kind} has no adapted learning rate`);
    if (beta === undefined || !Number.isFinite(beta)) throw new Error(`${this.kind} needs a hypergradient rate β, got ${beta}`);
    if (this.stepCount === 1) rate.assign(tf.fill([1], learningRate));
    // β = 0 holds α exactly (the range test), even where a diverging step's hypergradient is not finite.
    else if (beta !== 0) rate.assign(tf.add(rate, tf.mul(beta, negatedHypergradient())));
    return rate;
  }

  /**
   * Takes on the state a fused kernel computed for `steps` steps (its slots, the caller assigns) and advances
   * the counters exactly as `steps` calls of apply() with these momenta would.
   */
  advance(slots: readonly tf.Tensor1D[], momenta: ArrayLike<number>, adaptedRates: tf.Tensor1D | null = null): void {
    // SGD-HD's and Adam-HD's α: the last of the steps' rates the fused kernel returned (fused/fusedSteps.ts).
    const rate = this.rate;
    if (rate) {
      if (!adaptedRates || adaptedRates.size !== momenta.length) throw new Error(`${this.kind}: the fused steps returned no adapted rate for each step`);
      if (momenta.length > 0) tf.tidy(() => rate.assign(tf.slice(adaptedRates, [momenta.length - 1], [1])));
    }
    slots.forEach((values, i) => this.slots[i].assign(values));
    this.stepCount += momenta.length;
    if (this.kind === 'adam' || this.kind === 'adam-hd') for (let s = 0; s < momenta.length; s++) this.beta1Product *= momenta[s];
  }

  /**
   * An independent optimizer in the same state, slots copied on the backend (no readback): what a diagnosed
   * step's side computation spends (engine/diagnosedStep.ts). The caller disposes it.
   */
  copy(): FlatOptimizer {
    const twin = new FlatOptimizer(this.kind, this.size);
    tf.tidy(() => this.slots.forEach((slot, i) => twin.slots[i].assign(tf.clone(slot))));
    if (this.rate) tf.tidy(() => twin.rate?.assign(tf.clone(this.rate as tf.Tensor1D)));
    twin.stepCount = this.stepCount;
    twin.beta1Product = this.beta1Product;
    return twin;
  }

  /** The counters the update rules use (Adam's bias corrections). */
  get counters(): { stepCount: number; beta1Product: number } {
    return { stepCount: this.stepCount, beta1Product: this.beta1Product };
  }

  async snapshot(): Promise<OptimizerSnapshot> {
    return this.snapshotFrom(await Promise.all(this.stateTensors().map(async (s) => new Float32Array(await s.data()))));
  }

  restore(snapshot: OptimizerSnapshot): void {
    if (snapshot.kind !== this.kind) throw new Error(`cannot restore a ${snapshot.kind} state into ${this.kind}`);
    tf.tidy(() => snapshot.slots.forEach((values, i) => this.slots[i].assign(tf.tensor1d(values))));
    if (this.rate) tf.tidy(() => this.rate?.assign(tf.tensor1d([snapshot.rate ?? Number.NaN])));
    this.stepCount = snapshot.stepCount;
    this.beta1Product = snapshot.beta1Product;
  }

  /**
   * Everything snapshot() reads, in its order, for a batched readback by the caller: the slots (each `size`
   * long), then for SGD-HD and Adam-HD the rate α (1 long).
   */
  stateTensors(): tf.Tensor1D[] {
    return this.rate ? [...this.slots, this.rate] : this.slots;
  }

  /** Rebuilds a snapshot from values the caller read back itself (see stateTensors). */
  snapshotFrom(values: Float32Array[]): OptimizerSnapshot {
    const slots = values.slice(0, this.slots.length);
    const rate = this.rate ? values[this.slots.length][0] : null;
    return { kind: this.kind, slots, stepCount: this.stepCount, beta1Product: this.beta1Product, rate };
  }

  dispose(): void {
    this.slots.forEach((s) => s.dispose());
    this.rate?.dispose();
  }
}
