/**
 * The live loop around a TrainingSession: how many steps fit in a tick, one readback per tick, and
 * divergence handling. It keeps the snapshots of the last few healthy ticks, each with the train loss read
 * back with it; when the loss turns non-finite or explodes it puts back the best of them (or the run's
 * start, if even that one is worse), so lowering the learning rate and pressing play continues from sane
 * weights.
 */
import type { Evaluation, SessionSnapshot, TrainingSession } from './session';
import { PenaltyWatch, type PenaltyDominance } from './train/regularization';
import { StepTimer } from './stepTiming';
import { isDiverging } from './divergence';
import { bestRestorePoint, RECENT_HEALTHY_TICKS, type Divergence, type ScoredSnapshot } from './restorePoints';
import { runsOpsAsCalled, type EvaluationSlices } from './evaluationChunks';
import { MIN_TICK_MS } from './stepPacer';

/**
 * Where ops are only enqueued (a GPU), a tick's steps must take at least this share of it for their time (the tick's
 * less the evaluation's estimate) to count as measured. Where they run as called (the CPU) they are timed as they run.
 */
export const MEASURABLE_STEP_SHARE = 0.25;
export { DIVERGENCE_FACTOR, DIVERGENCE_LOSS_FLOOR, isDiverging } from './divergence';

export type TickOutcome =
  | { kind: 'ok'; evaluation: Evaluation; snapshot: SessionSnapshot; steps: number }
  | { kind: 'diverged'; evaluation: Evaluation; divergence: Divergence; steps: number };

/** The longest tick: ~4 updates per second when evaluation is not cheap (the shortest: MIN_TICK_MS, ~20). */
export const MAX_TICK_MS = 250;
/** The longest a tick's steps stretch to keep evaluations at a fifth of the time (heavy runs: ~2 s a tick). */
export const MAX_HEAVY_TICK_MS = 2000;

/**
 * Wall-clock time to spend on steps per tick: four times what the tick's evaluation costs, so training keeps
 * about 80% of the time, within [MIN_TICK_MS, MAX_TICK_MS] so the page stays live while evaluations are cheap.
 * An evaluation over MAX_TICK_MS / 4 cannot give four updates a second anyway: the steps then still get four
 * times its cost, up to MAX_HEAVY_TICK_MS, and never less than the evaluation itself (training keeps half or
 * more). Capping them at 250 ms left the paper scene's steps a fifth of the time (1 step/s in lockstep on the
 * plain evaluation); capping them at the evaluation's own cost turned the fused evaluation's 6–13× saving into
 * 4–6× more ticks and no more steps (Node host, 60 s / 120 s: 53/93 steps at one evaluation, 82/180 at four).
 * A tick's steps come in sub-slices with commands let in between (stepRounds.ts), so a long tick stays
 * interruptible.
 */
export function tickBudgetMs(cost: EvaluationCost): number {
  const live = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, 4 * cost.lossMs));
  return Math.max(live, Math.min(MAX_HEAVY_TICK_MS, 4 * cost.lossMs), cost.lossMs);
}

/** How often to recompute the decision-boundary grid: at least every second, at most ~7 times a second. */
export function gridIntervalMs(cost: EvaluationCost): number {
  return Math.min(1000, Math.max(150, 4 * cost.gridMs));
}

/** Lets the host's messages in between two slices of work (engine/yieldToMessages.ts); a no-op where none wait. */
export type Slice = () => Promise<void>;
const noSlice: Slice = () => Promise.resolve();
const neverCancelled = (): boolean => false;

/**
 * An evaluation's slices (evaluationChunks.ts), with the time spent in them (the host's messages, not the
 * evaluation's own work) added up in `waited`.
 */
function timedSlices(between: Slice, cancelled: () => boolean, rows?: number): { slices: EvaluationSlices; waited: () => number } {
  let waited = 0;
  const slices: EvaluationSlices = {
    between: async () => {
      const started = performance.now();
      await between();
      waited += performance.now() - started;
    },
    cancelled,
    rows,
  };
  return { slices, waited: () => waited };
}

/** An evaluation this slow at the start is not repeated to time it (its one time stands for both kinds). */
export const SLOW_EVALUATION_MS = 500;

/** What one evaluation costs, measured when the loop starts: losses alone, and losses plus the grid. */
export interface EvaluationCost {
  lossMs: number;
  gridMs: number;
}

export class TrainingLoop {
  private initialLoss = Number.NaN;
  private lastGood: SessionSnapshot | null = null;
  /** The last RECENT_HEALTHY_TICKS healthy states, oldest first. */
  private recent: ScoredSnapshot[] = [];
  private fallback: ScoredSnapshot | null = null;
  private readonly penaltyWatch = new PenaltyWatch();
  /** Measured cost of one step, evaluation excluded, ms (lightly smoothed). */
  msPerStep = 1;
  /** Steps in the latest tick (0 before the first). */
  lastSteps = 0;
  /** What diagnosing a tick adds to it, ms (lightly smoothed): the host spaces diagnoses by it. */
  diagnosisMs = 0;
  /**
   * Whether msPerStep is only a first guess: seen in diagnosed ticks only (then it overstates a step), or in the
   * first undiagnosed tick alone, whose one step carries the first call's one-time costs (a WebGPU pipeline's
   * compile, the JIT's warm-up). The next undiagnosed tick replaces it rather than averaging with it.
   */
  private provisionalCost = true;
  private undiagnosedTicks = 0;
  /**
   * The steps timed for people: where ops run as called, every undiagnosed call of steps, by its own clock; where
   * they are only enqueued, the undiagnosed ticks whose steps took a measurable share of them (MEASURABLE_STEP_SHARE).
   */
  private readonly timer = new StepTimer();
  evaluationCost: EvaluationCost = { lossMs: 0, gridMs: 0 };
  /**
   * The kinds of evaluation whose cost the start could not time alone (Play pressed meanwhile, or a first one slow
   * enough to hold a compile): the first tick of each kind waits for its steps before it evaluates (a GPU only
   * enqueues them), so that its evaluation's time is its own, and puts that in evaluationCost.
   */
  private untimedEvaluations = { grid: false, loss: false };
  /** The latest tick's steps' time, null after a diagnosed one (the worker learns the device's rate from it). */
  lastStepsMs: number | null = null;
  /** The tick whose steps ran and whose evaluation is still to come (runTickSteps, finishTick). */
  private pending: { ran: number; diagnose: boolean; stepsMs: number } | null = null;

  /** Rows per chunk of an evaluation (evaluationChunks.ts); undefined: its default for the network (tests ask for fewer). */
  evaluationChunkRows: number | undefined = undefined;

  /** `opsRunAsCalled`: whether a call's wall time is its ops' own (the CPU backend; tests stand in for a GPU's queue). */
  constructor(
    readonly session: TrainingSession,
    private readonly opsRunAsCalled: () => boolean = runsOpsAsCalled,
  ) {}

  /**
   * The time per step to show people, or null while the recent steps have not measured it (stepTiming.ts:
   * at least 20 steps taking at least 50 ms, under the current settings). On the CPU, the undiagnosed calls of steps,
   * each timed alone. Where ops are only enqueued, only ticks whose steps take a measurable share count: when a speed
   * cap makes ticks a few steps long, the evaluation's time (estimated, subtracted) swamps theirs and msPerStep
   * (still right enough for planning ticks) can read 1e-3 ms / steps.
   */
  get reportedMsPerStep(): number | null {
    return this.timer.msPerStep(this.costKey());
  }

  /** The settings a step's cost depends on (all but the schedule, which only changes numbers). */
  private costKey(): string {
    return JSON.stringify({ ...this.session.currentSettings, schedule: null });
  }

  /**
   * Evaluates the network as it is. For a new run that is the untrained network, whose loss becomes the
   * divergence reference and whose state is the last resort of a restore; a run moved to another backend
   * passes its original reference along, and its untrained state when it has it (else the state it starts
   * from here is the last resort).
   */
  async start(referenceLoss?: number, untrained?: ScoredSnapshot | null, between: Slice = noSlice, playing: () => boolean = () => false): Promise<{ evaluation: Evaluation }> {
    const first = performance.now();
    // In row chunks with the host's messages between them (a heavy network's first evaluation takes seconds).
    const { slices, waited } = timedSlices(between, neverCancelled, this.evaluationChunkRows);
    const evaluated = await this.session.evaluate(true, true, slices);
    if (!evaluated) throw new Error('an evaluation that is never cancelled returned nothing');
    const { evaluation, snapshot } = evaluated;
    const firstMs = performance.now() - first - waited();
    this.initialLoss = referenceLoss ?? evaluation.trainLoss;
    this.lastGood = snapshot;
    this.watchPenalty(evaluation);
    const here = { snapshot, trainLoss: evaluation.trainLoss };
    this.recent = [here];
    this.fallback = untrained ?? here;
    // A slow evaluation (a big network) is not run twice more to time it: its first time stands for both.
    if (firstMs >= SLOW_EVALUATION_MS) {
      // It may hold the compile of its shaders (a GPU, a new shape): the first ticks time their own.
      this.evaluationCost = { gridMs: firstMs, lossMs: firstMs };
      this.untimedEvaluations = { grid: true, loss: true };
      return { evaluation };
    }
    // Timed again once warm (the first evaluation on a GPU backend also compiles its shaders), so that
    // the tick planner can tell step cost from evaluation cost. Play pressed meanwhile does not wait for it (issue 18
    // §3: on a software GPU the paper scene's second run spent 1.4 s here): the first tick of each kind times its own.
    this.evaluationCost = { gridMs: firstMs, lossMs: firstMs };
    const timed = async (withGrid: boolean): Promise<number | null> => {
      await between();
      if (playing()) return null;
      const started = performance.now();
      await this.session.evaluate(withGrid);
      return performance.now() - started;
    };
    const gridMs = await timed(true);
    const lossMs = gridMs === null ? null : await timed(false);
    this.evaluationCost = { gridMs: gridMs ?? firstMs, lossMs: lossMs ?? firstMs };
    this.untimedEvaluations = { grid: gridMs === null, loss: lossMs === null };
    return { evaluation };
  }

  /** Whether evaluationCost's figure for this kind of tick still stands in for one not measured (start). */
  evaluationUntimed(withGrid: boolean): boolean {
    return withGrid ? this.untimedEvaluations.grid : this.untimedEvaluations.loss;
  }

  /** The untrained network's loss, the divergence reference. */
  get referenceLoss(): number {
    return this.initialLoss;
  }

  /**
   * Whether the regularisation penalty dominates the data loss's gradient, as of the latest measured
   * evaluation (start, and diagnosed ticks); null before any.
   */
  get penaltyDominance(): PenaltyDominance | null {
    return this.penaltyWatch.latest;
  }

  private watchPenalty(evaluation: Evaluation): void {
    if (evaluation.penalty) this.penaltyWatch.observe(evaluation.penalty);
  }

  /** The state a restore falls back to (see start). */
  get untrainedState(): ScoredSnapshot | null {
    return this.fallback;
  }

  /**
   * Runs `steps` steps (the last one diagnosed when asked) and evaluates once; diagnosed ticks also measure
   * the penalty's pull (Evaluation.penalty), which costs a full-batch backward pass.
   */
  async tick(steps: number, withGrid: boolean, diagnose = false): Promise<TickOutcome> {
    this.runTickSteps(steps, diagnose);
    const outcome = await this.finishTick(withGrid);
    if (!outcome) throw new Error('an evaluation that is never cancelled returned nothing');
    return outcome;
  }

  /**
   * The first half of a tick, or a part of it (the host runs a tick's steps in sub-slices, worker/stepRounds.ts,
   * and may yield to its messages between them and before the second half): steps, timed, added to the tick's.
   * Returns the steps this call ran: fewer than asked at the schedule's end. `inPieces`: the diagnosis is left to the
   * caller (session.ts unfinishedDiagnosis; addStepsMs adds its time), else it is part of the call.
   */
  runTickSteps(steps: number, diagnose = false, inPieces = false): number {
    const started = performance.now();
    const ran = this.session.runSteps(steps, diagnose, inPieces);
    const stepsMs = performance.now() - started;
    // Ops that run as called took this long: the time people are shown, whatever the tick's evaluation (dropped,
    // deferred, or slower or faster than its estimate from the start) does. Not a diagnosed call (its copies and
    // backprop's gradient beside the step, session.ts).
    if (!diagnose && ran > 0 && this.opsRunAsCalled()) this.timer.add(this.costKey(), ran, stepsMs);
    const before = this.pending ?? { ran: 0, diagnose: false, stepsMs: 0 };
    this.pending = { ran: before.ran + ran, diagnose: before.diagnose || diagnose, stepsMs: before.stepsMs + stepsMs };
    return ran;
  }

  /** Time this tick's steps took outside runTickSteps (a diagnosis run in pieces, worker/stepRounds.ts). */
  addStepsMs(ms: number): void {
    if (this.pending) this.pending.stepsMs += ms;
  }

  /** A tick whose evaluation the host dropped (a command came in between its slices): its time is not counted. */
  skipEvaluation(): void {
    this.pending = null;
  }

  /**
   * The second half of a tick: one evaluation, the step's cost learnt, divergence handled. The evaluation runs in
   * row chunks with `between` between them; when `cancelled` says so at one, it stops there and the tick is as
   * one whose evaluation was skipped (null).
   */
  async finishTick(withGrid: boolean, between: Slice = noSlice, cancelled: () => boolean = neverCancelled, withConfusion = withGrid): Promise<TickOutcome | null> {
    const pending = this.pending ?? { ran: 0, diagnose: false, stepsMs: 0 };
    // A tick whose steps were asked for counts at least one (at the schedule's end it may run none, and says so).
    const ran = this.pending === null ? 0 : Math.max(1, pending.ran);
    this.pending = null;
    const { diagnose } = pending;
    // Timed as the start would have: not a diagnosed tick's evaluation, which also packs the diagnostics and the penalty.
    const untimed = this.evaluationUntimed(withGrid) && !diagnose;
    const synced = performance.now();
    if (untimed) await this.session.sync();
    const started = performance.now();
    const { slices, waited } = timedSlices(between, cancelled, this.evaluationChunkRows);
    const evaluated = await this.session.evaluate(withGrid, diagnose, slices, withConfusion);
    if (!evaluated) return null;
    const { evaluation, snapshot } = evaluated;
    if (untimed) {
      const ms = performance.now() - started - waited();
      this.evaluationCost = withGrid ? { ...this.evaluationCost, gridMs: ms } : { ...this.evaluationCost, lossMs: ms };
      this.untimedEvaluations = withGrid ? { ...this.untimedEvaluations, grid: false } : { ...this.untimedEvaluations, loss: false };
    }
    // Active time only: the steps' slice (and the wait for them, where the evaluation was timed alone) and the
    // evaluation's, not the host's messages in between.
    const elapsed = pending.stepsMs + (started - synced) + performance.now() - started - waited();
    const evaluationMs = withGrid ? this.evaluationCost.gridMs : this.evaluationCost.lossMs;
    // The steps' own slice is their time where ops run as they are called (the CPU); where they are only enqueued (a
    // GPU), the tick's time less the evaluation's estimate is. That estimate is measured once, at the start: on the
    // CPU it had the paper scene's backprop steps (slice 87 ms, tick 585 ms) take less than nothing against an
    // estimate of 991 ms taken while the page loaded, so its time was never shown and its ticks were planned as free.
    const direct = this.opsRunAsCalled();
    const stepsMs = direct ? pending.stepsMs : elapsed - evaluationMs;
    const stepMs = Math.max(1e-3, stepsMs) / Math.max(1, ran);
    const measurable = stepsMs >= MEASURABLE_STEP_SHARE * elapsed;
    this.lastStepsMs = null;
    // A diagnosed tick computes its last step's diagnostics beside it on the plain path (session.ts, a copy of
    // the step and backprop's gradient) and checks the full-batch penalty: on a fused path or a slow GPU that
    // can cost more than the rest of the tick, so it would make the planner think every step that slow. Only
    // undiagnosed ticks (or the first) teach the planner the cost of a step; diagnosed ones report their own
    // extra cost instead.
    if (!diagnose) {
      this.msPerStep = this.provisionalCost ? stepMs : 0.5 * this.msPerStep + 0.5 * stepMs;
      this.undiagnosedTicks += 1;
      this.provisionalCost = this.undiagnosedTicks === 1;
      if (!direct && measurable) this.timer.add(this.costKey(), ran, stepsMs);
      this.lastStepsMs = Math.max(stepsMs, pending.stepsMs);
    } else if (this.provisionalCost && this.undiagnosedTicks === 0) {
      this.msPerStep = stepMs; // the best guess until an undiagnosed tick measures it
    } else {
      this.diagnosisMs = 0.5 * this.diagnosisMs + 0.5 * Math.max(0, stepsMs - (ran - 1) * this.msPerStep);
    }
    this.lastSteps = ran;
    if (!isDiverging(evaluation.trainLoss, this.initialLoss)) {
      this.watchPenalty(evaluation);
      this.lastGood = snapshot;
      this.recent.push({ snapshot, trainLoss: evaluation.trainLoss });
      if (this.recent.length > RECENT_HEALTHY_TICKS) this.recent.shift();
      return { kind: 'ok', evaluation, snapshot, steps: ran };
    }
    const restored = this.restoreBest();
    return {
      kind: 'diverged',
      evaluation,
      steps: ran,
      divergence: {
        atStep: evaluation.step,
        trainLoss: evaluation.trainLoss,
        learningRate: evaluation.learningRate,
        restoredStep: restored?.snapshot.stepCount ?? evaluation.step,
        restoredLoss: restored?.trainLoss ?? Number.NaN,
      },
    };
  }

  /**
   * Puts back the best recent healthy state (bestRestorePoint), which then is the only recent one: the
   * ticks after it belong to the abandoned trajectory. Null before start().
   */
  restoreBest(): ScoredSnapshot | null {
    if (!this.fallback) return null;
    const chosen = bestRestorePoint(this.recent, this.fallback);
    this.session.restore(chosen.snapshot);
    // An older snapshot may hold another optimizer than the settings now name (the user switched since):
    // realign, which starts the named one afresh, as switching does.
    this.session.updateSettings(this.session.currentSettings);
    this.lastGood = chosen.snapshot;
    this.recent = [chosen];
    return chosen;
  }

  /**
   * Puts back the recent healthy state at `step` (another seed of the same run chose it: the seeds of a
   * repeated run stay in step), or the fallback when this loop has none there. Null before start().
   */
  restoreAt(step: number): ScoredSnapshot | null {
    if (!this.fallback) return null;
    const chosen = this.recent.find((candidate) => candidate.snapshot.stepCount === step) ?? this.fallback;
    this.session.restore(chosen.snapshot);
    this.session.updateSettings(this.session.currentSettings);
    this.lastGood = chosen.snapshot;
    this.recent = [chosen];
    return chosen;
  }

  /**
   * Evaluates the run as it stands (a pause, a chosen backend move) and keeps that state as the latest healthy
   * one when it is healthy: steps taken since the last tick's evaluation (a heavy run's evaluations are spaced
   * out in equal time) are then carried by a backend move instead of being lost.
   */
  async evaluateHere(withGrid: boolean, between: Slice = noSlice, cancelled: () => boolean = neverCancelled, withConfusion = withGrid): Promise<Evaluation | null> {
    const evaluated = await this.session.evaluate(withGrid, false, timedSlices(between, cancelled, this.evaluationChunkRows).slices, withConfusion);
    if (!evaluated) return null;
    const { evaluation, snapshot } = evaluated;
    if (this.fallback && !isDiverging(evaluation.trainLoss, this.initialLoss)) {
      this.lastGood = snapshot;
      this.recent.push({ snapshot, trainLoss: evaluation.trainLoss });
      if (this.recent.length > RECENT_HEALTHY_TICKS) this.recent.shift();
    }
    return evaluation;
  }

  /**
   * The latest healthy state, for moving the run to another backend: the run goes on where it was, not at an
   * older best. After a divergence that is the restored state.
   */
  get lastGoodSnapshot(): SessionSnapshot | null {
    return this.lastGood;
  }

  /**
   * The healthy state this loop read back at `step` (its latest, or one of the recent ticks'), or null: what a
   * backend move carries when another run (or seed) read back less before the device was lost.
   */
  snapshotAt(step: number): SessionSnapshot | null {
    if (this.lastGood?.stepCount === step) return this.lastGood;
    return this.recent.find((candidate) => candidate.snapshot.stepCount === step)?.snapshot ?? null;
  }
}
