/**
 * The live loop around a TrainingSession: how many steps fit in a tick, one readback per tick, and
 * divergence handling. After every healthy tick it keeps the snapshot that came with the readback; when the
 * loss turns non-finite or explodes it puts that snapshot back, so lowering the learning rate and pressing
 * play continues from sane weights.
 */
import type { Evaluation, SessionSnapshot, TrainingSession } from './session';

/** A loss this many times the untrained network's (or non-finite) counts as divergence. */
export const DIVERGENCE_FACTOR = 10;
/** Floor for the reference loss, so a near-perfect initial fit does not make every wobble "divergence". */
export const DIVERGENCE_LOSS_FLOOR = 0.1;

export function isDiverging(trainLoss: number, initialLoss: number): boolean {
  return !Number.isFinite(trainLoss) || trainLoss > DIVERGENCE_FACTOR * Math.max(initialLoss, DIVERGENCE_LOSS_FLOOR);
}

export interface Divergence {
  /** Step at which the bad loss was seen. */
  atStep: number;
  trainLoss: number;
  learningRate: number;
  /** Step the weights were restored to. */
  restoredStep: number;
}

export type TickOutcome =
  | { kind: 'ok'; evaluation: Evaluation; snapshot: SessionSnapshot; steps: number }
  | { kind: 'diverged'; evaluation: Evaluation; divergence: Divergence; steps: number };

export interface StepPlan {
  /** Measured cost of one step including its share of the tick's readback, in ms (EMA). */
  msPerStep: number;
  /** Wall-clock time one tick should take, in ms. */
  budgetMs: number;
  /** Steps per second cap; 0 means no cap. */
  maxStepsPerSecond: number;
}

export const MAX_STEPS_PER_TICK = 20_000;

/** Steps for the next tick: as many as fit the budget, never more than the speed cap allows in it. */
export function stepsForTick(plan: StepPlan): number {
  const fit = Math.floor(plan.budgetMs / Math.max(plan.msPerStep, 1e-3));
  const capped = plan.maxStepsPerSecond > 0 ? Math.floor((plan.maxStepsPerSecond * plan.budgetMs) / 1000) : Infinity;
  return Math.max(1, Math.min(fit, capped, MAX_STEPS_PER_TICK));
}

export class TrainingLoop {
  private initialLoss = Number.NaN;
  private lastGood: SessionSnapshot | null = null;
  /** EMA of the measured cost of one step, ms. */
  msPerStep = 1;

  constructor(readonly session: TrainingSession) {}

  /** Evaluates the untrained network: its loss is the divergence reference. */
  async start(): Promise<{ evaluation: Evaluation }> {
    const { evaluation, snapshot } = await this.session.evaluate(true);
    this.initialLoss = evaluation.trainLoss;
    this.lastGood = snapshot;
    return { evaluation };
  }

  async tick(steps: number, withGrid: boolean): Promise<TickOutcome> {
    const started = performance.now();
    this.session.runSteps(steps);
    const { evaluation, snapshot } = await this.session.evaluate(withGrid);
    const elapsed = performance.now() - started;
    this.msPerStep = 0.7 * this.msPerStep + (0.3 * elapsed) / steps;
    if (!isDiverging(evaluation.trainLoss, this.initialLoss)) {
      this.lastGood = snapshot;
      return { kind: 'ok', evaluation, snapshot, steps };
    }
    const restoredStep = this.lastGood?.stepCount ?? 0;
    if (this.lastGood) this.session.restore(this.lastGood);
    return {
      kind: 'diverged',
      evaluation,
      steps,
      divergence: {
        atStep: evaluation.step,
        trainLoss: evaluation.trainLoss,
        learningRate: evaluation.learningRate,
        restoredStep,
      },
    };
  }

  /** The last snapshot whose loss was healthy (for moving the run to another backend). */
  get lastGoodSnapshot(): SessionSnapshot | null {
    return this.lastGood;
  }
}
