/**
 * One run of a comparison as the worker holds it: its config and one training loop per seed (a run repeated
 * over N seeds trains seeds s, s+1, …, s+N−1 side by side). The members of a group always take the same
 * number of steps, so their losses line up step by step for the median and band. Member 0 (the run's own
 * seed) also provides the pictures: the decision-boundary grid and the layer targets.
 */
import type { ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { TrainingSession, type Evaluation, type SessionSnapshot } from '../engine/session';
import { loadDataset, type DataAccess } from '../engine/data/dataSources';
import { TrainingLoop, type Slice, type TickOutcome } from '../engine/trainingLoop';
import type { ScoredSnapshot } from '../engine/restorePoints';
import type { RunId } from '../config/runs';
import type { PenaltyDominance } from '../engine/train/regularization';
import { RateMeter } from './rateMeter';
import type { HeavyRunFacts } from './protocol';
import { CallCost } from './stepRounds';

export type { RunId };

const noSlice: Slice = () => Promise.resolve();
const neverCancelled = (): boolean => false;

/** The seeds a run trains: its own, then the next N − 1. */
export function seedsOf(config: ExperimentConfig): number[] {
  return Array.from({ length: config.repeatSeeds }, (_, i) => config.seed + i);
}

export type GroupTickOutcome =
  | { kind: 'ok'; evaluations: Evaluation[]; steps: number }
  | { kind: 'diverged'; outcome: Extract<TickOutcome, { kind: 'diverged' }>; seed: number }
  /** A command came in between two chunks of an evaluation: the tick is as one whose evaluation was skipped. */
  | { kind: 'cancelled' };

/** What a run carries to another backend. */
export interface CarriedRun {
  snapshots: (SessionSnapshot | null)[];
  references: number[];
  untrained: (ScoredSnapshot | null)[];
  trainingMs: number;
}

export class RunGroup {
  /** Milliseconds spent training this run (its own ticks only, paused time excluded). */
  trainingMs = 0;
  lastGridAt = 0;
  lastDiagnosedAt = 0;
  diagnosedLastTick = false;
  /** Play was pressed and its first tick is still to come: it draws no grid (tickPlan.ts tickWork). */
  gridHeldForPlay = false;
  /** Stopped by itself (diverged, or its schedule ended) until the next play. */
  halted = false;
  /**
   * Milliseconds per step of this run's recent ticks, evaluation included, and the fraction of a step a speed
   * cap's tick left it: what equal time under a cap shares by (engine/pacing.ts, paceTick).
   */
  tickMsPerStep = 0;
  paceCredit = 0;
  /** What this run costs when it is heavy (worker/runCost.ts), and whether its first tick is still to come. */
  heavy: HeavyRunFacts | null = null;
  firstTickPending = false;
  /** Steps taken since this run's latest evaluation (a heavy run's evaluation may wait: runNotices.deferEvaluation). */
  stepsSinceEvaluation = 0;
  /** Whether the page shows this run's divergence message (the next healthy tick takes it down). */
  divergedShown = false;
  /** The penalty verdict the page shows for this run, while it shows one. */
  penaltyShown: PenaltyDominance | null = null;
  readonly rate = new RateMeter(2000);
  /**
   * What a call of the group's steps (every member) takes while it runs, from its recent undiagnosed sub-slices (the
   * steps' own time: on a GPU only their enqueueing, which is what holds the worker's messages): sizes its sub-slices.
   */
  readonly callCost = new CallCost();
  /** The current tick's active time (its slices, not the host's messages between them) and its steps. */
  private tickActiveMs = 0;
  private tickSteps = 0;
  /** A member ran fewer steps than asked this tick (its schedule's end): no more of its steps this tick. */
  private stepsEnded = false;

  private constructor(
    readonly runId: RunId,
    public config: ExperimentConfig,
    readonly members: TrainingLoop[],
  ) {}

  /**
   * Loads each seed's data (data/dataSources.ts: generated, shipped or the session's CSV file), builds the
   * sessions and evaluates them untrained (or as the snapshots say, when moving backend). Throws
   * DataUnavailable when the data cannot be had.
   */
  static async start(runId: RunId, config: ExperimentConfig, data: DataAccess, carried?: CarriedRun): Promise<{ group: RunGroup; evaluations: Evaluation[] }> {
    const group = await RunGroup.create(runId, config, data);
    return { group, evaluations: await group.startMembers(carried) };
  }

  /** The sessions, built on their data, not yet evaluated (startMembers): the host can say what they will cost first. */
  static async create(runId: RunId, config: ExperimentConfig, data: DataAccess): Promise<RunGroup> {
    const members: TrainingLoop[] = [];
    for (const seed of seedsOf(config)) {
      const spec = runSpecOf({ ...config, seed });
      members.push(new TrainingLoop(new TrainingSession(await loadDataset(spec.dataset, data), spec, trainingSettingsOf(config))));
    }
    return new RunGroup(runId, config, members);
  }

  /**
   * Evaluates every member untrained, or as the carried snapshots say; `between` lets the host's messages in
   * between the slices, `progress` hears after each member.
   */
  async startMembers(carried?: CarriedRun, between: Slice = noSlice, progress: (done: number) => void = () => undefined, playing: () => boolean = () => false): Promise<Evaluation[]> {
    const evaluations: Evaluation[] = [];
    for (const [i, loop] of this.members.entries()) {
      if (i > 0) await between();
      const snapshot = carried?.snapshots[i];
      if (snapshot) loop.session.restore(snapshot);
      evaluations.push((await loop.start(carried?.references[i], carried?.untrained[i], between, playing)).evaluation);
      progress(i + 1);
    }
    this.trainingMs = carried?.trainingMs ?? 0;
    return evaluations;
  }

  get lead(): TrainingLoop {
    return this.members[0];
  }

  /** Milliseconds per step of the whole group (its members step one after another). */
  get msPerStep(): number {
    return this.members.reduce((sum, loop) => sum + loop.msPerStep, 0);
  }

  get lastSteps(): number {
    return this.lead.lastSteps;
  }

  /** Hot settings for every member. */
  updateSettings(config: ExperimentConfig): void {
    this.config = config;
    this.members.forEach((loop) => loop.session.updateSettings(trainingSettingsOf(config)));
  }

  /**
   * `steps` steps on every member, then one evaluation each (the grid and the targets from the lead only).
   * A member that diverges is put back to its best recent state, and every other member to its own state at
   * that same step, so the seeds stay in step.
   */
  async tick(steps: number, withGrid: boolean, diagnose: boolean): Promise<Exclude<GroupTickOutcome, { kind: 'cancelled' }>> {
    await this.stepAll(steps, diagnose);
    const outcome = await this.finishTick(withGrid);
    if (outcome.kind === 'cancelled') throw new Error('an evaluation that is never cancelled was cancelled');
    return outcome;
  }

  /** The steps of a tick on every member, each member one slice (`between` in between); the steps it counts. */
  async stepAll(steps: number, diagnose: boolean, between: Slice = noSlice): Promise<number> {
    this.beginSteps();
    await this.stepRound(steps, diagnose, between);
    return this.stepsThisTick;
  }

  /** A tick's steps begin: stepRound adds each sub-slice's (worker/stepRounds.ts). */
  beginSteps(): void {
    this.tickActiveMs = 0;
    this.tickSteps = 0;
    this.stepsEnded = false;
  }

  /**
   * One sub-slice of the tick's steps: `steps` on every member, each member one slice (`between` in between), the
   * lead's last one diagnosed when asked (its diagnosis left in pieces: stepRounds.ts diagnoseInPieces runs them,
   * else the evaluation finishes it). Once a member stops short (its schedule's end), later sub-slices of the
   * tick run nothing, so the schedule's end is where the tick ends. Returns the steps every member ran.
   */
  async stepRound(steps: number, diagnose: boolean, between: Slice = noSlice): Promise<number> {
    if (steps < 1 || this.stepsEnded) return 0;
    let ran = steps;
    let activeMs = 0;
    for (const [i, loop] of this.members.entries()) {
      if (i > 0) await between();
      const started = performance.now();
      ran = Math.min(ran, loop.runTickSteps(steps, diagnose && i === 0, true));
      activeMs += performance.now() - started;
    }
    this.tickActiveMs += activeMs;
    this.tickSteps += ran;
    if (ran < steps) this.stepsEnded = true;
    // A diagnosed step costs more (the copies its diagnosis starts from, engine/diagnosedStep.ts): it does not size them.
    if (!diagnose && ran === steps) this.callCost.observe(ran, activeMs);
    return ran;
  }

  /** Time the lead's diagnosis took, run in pieces after its steps: part of the tick's steps. */
  addDiagnosisMs(ms: number): void {
    this.tickActiveMs += ms;
    this.lead.addStepsMs(ms);
  }

  /** The steps this tick counts: those run, at least one (a tick at the schedule's end runs none, and says so). */
  get stepsThisTick(): number {
    return Math.max(1, this.tickSteps);
  }

  /** The host dropped this tick's evaluation (a command came in): the steps count, their time is kept. */
  skipEvaluation(): void {
    this.members.forEach((loop) => loop.skipEvaluation());
    this.trainingMs += this.tickActiveMs;
    this.rate.add(performance.now(), this.tickSteps);
    this.tickActiveMs = 0;
  }

  /**
   * The evaluations that end the tick stepAll began, each member one slice or more (a big evaluation is cut in
   * row chunks); when `cancelled` says so at a slice, the rest is dropped as skipEvaluation drops it.
   */
  async finishTick(withGrid: boolean, between: Slice = noSlice, cancelled: () => boolean = neverCancelled): Promise<GroupTickOutcome> {
    const evaluations: Evaluation[] = [];
    let ran = this.stepsThisTick;
    for (const [i, loop] of this.members.entries()) {
      const lead = i === 0;
      if (!lead) await between();
      if (!lead && cancelled()) {
        this.skipEvaluation();
        return { kind: 'cancelled' };
      }
      const started = performance.now();
      // The grid and the gallery are the first seed's; every seed reads which test examples it gets right with them.
      const outcome = await loop.finishTick(withGrid && lead, between, cancelled, withGrid);
      this.tickActiveMs += performance.now() - started;
      if (outcome === null) {
        this.skipEvaluation();
        return { kind: 'cancelled' };
      }
      if (outcome.kind === 'diverged') {
        this.members.forEach((other, j) => {
          if (j === i) return;
          other.skipEvaluation();
          other.restoreAt(outcome.divergence.restoredStep);
        });
        this.trainingMs += this.tickActiveMs;
        return { kind: 'diverged', outcome, seed: this.config.seed + i };
      }
      ran = Math.min(ran, outcome.steps);
      evaluations.push(outcome.evaluation);
    }
    const elapsed = this.tickActiveMs;
    this.trainingMs += elapsed;
    this.tickMsPerStep = this.tickMsPerStep > 0 ? 0.5 * this.tickMsPerStep + (0.5 * elapsed) / ran : elapsed / ran;
    this.rate.add(performance.now(), ran);
    return { kind: 'ok', evaluations, steps: ran };
  }

  /**
   * Every member evaluated as it stands, with the grid (after a restore, to show the restored state); null when
   * `cancelled` says so at one of the slices.
   */
  async evaluateAll(between: Slice = noSlice, cancelled: () => boolean = neverCancelled): Promise<Evaluation[] | null> {
    const evaluations: Evaluation[] = [];
    for (const [i, loop] of this.members.entries()) {
      if (i > 0) await between();
      const evaluation = i > 0 && cancelled() ? null : await loop.evaluateHere(i === 0, between, cancelled, true);
      if (!evaluation) return null;
      evaluations.push(evaluation);
    }
    return evaluations;
  }

  /** The step of the latest state every member read back (null before any): where a backend move can carry it. */
  get readBackStep(): number | null {
    const steps = this.members.map((loop) => loop.lastGoodSnapshot?.stepCount ?? null);
    return steps.some((step) => step === null) ? null : Math.min(...(steps as number[]));
  }

  /**
   * The state to carry to another backend: each member's healthy snapshot at `atStep` (default: the latest that
   * every member read back, so the seeds stay in step after a device lost between their readbacks), else its
   * latest; and its untrained state.
   */
  carry(atStep: number | null = this.readBackStep): CarriedRun {
    return {
      snapshots: this.members.map((loop) => (atStep === null ? null : loop.snapshotAt(atStep)) ?? loop.lastGoodSnapshot),
      references: this.members.map((loop) => loop.referenceLoss),
      untrained: this.members.map((loop) => loop.untrainedState),
      trainingMs: this.trainingMs,
    };
  }

  dispose(): void {
    for (const loop of this.members) {
      try {
        loop.session.dispose();
      } catch {
        // Tensors on a lost device cannot always be released; the device is gone with them.
      }
    }
  }
}
