/**
 * The training host's tick (host.ts): one round of every running run's steps, in sub-slices (stepRounds.ts), then
 * each run's evaluation and its `tick` event (tickReports.ts), with the worker's messages let in between. A command
 * that comes in stops the steps at the end of a round (a reset or a removal at once: stopsRoundNow) and drops the
 * evaluations still to come, so a pause, a reset or a removed run waits for a round of sub-slices, a piece of a
 * diagnosis or a chunk of an evaluation, not a tick.
 */
import type { Pacing } from '../engine/pacing';
import type { StepPacer } from '../engine/stepPacer';
import type { Slice } from '../engine/trainingLoop';
import type { BackendMoves } from './backendMoves';
import type { BudgetKeeper } from './budgetKeeper';
import type { RunGroup } from './runGroup';
import { deferEvaluation, type RunNotices } from './runNotices';
import type { RunTable } from './runTable';
import { stepInRounds, type RoundCounters } from './stepRounds';
import { markTickWork, stepCounts, tickRuns, tickWork } from './tickPlan';
import type { TickReports } from './tickReports';
import type { PipelineWarmer } from './warmUp';
import type { WorkQueue } from './workQueue';

/**
 * The host's own counts (tests read them): slices yielded, evaluations dropped for a command (before they began, or
 * `cancelledEvaluations`: between two of their row chunks), commands taken mid-tick, heavy runs' evaluations put off
 * (runNotices.deferEvaluation), `auto` calibrations cut short by Play (host.ts calibrate), and the steps' and
 * diagnoses' slices (stepRounds.ts RoundCounters).
 */
export interface HostCounters extends RoundCounters {
  slices: number;
  skippedEvaluations: number;
  cancelledEvaluations: number;
  commandsMidTick: number;
  deferredEvaluations: number;
  calibrationsCutShort: number;
}

/** The host's parts a tick works with. */
export interface TickParts {
  readonly runs: RunTable;
  readonly budget: BudgetKeeper;
  readonly notices: RunNotices;
  readonly reports: TickReports;
  readonly moves: BackendMoves;
  readonly warmer: PipelineWarmer;
  readonly work: WorkQueue;
  readonly pacer: StepPacer;
  readonly counters: HostCounters;
  readonly slice: Slice;
  /** Steps per sub-slice (stepRounds.ts); undefined: by each run's time per step. */
  readonly stepSliceSteps: number | undefined;
}

/** The host's state a tick reads and sets. */
export interface TickControls {
  pacing(): Pacing;
  playing(): boolean;
  setPlaying(playing: boolean): void;
  /** Once training stops, the pictures as the runs stand (host.ts). */
  showPicturesAsTheyStand(): void;
}

export class TickLoop {
  /** Whether a tick is under way (a command that comes in then is counted as taken mid-tick). */
  running = false;
  private pending = false;

  constructor(
    private readonly parts: TickParts,
    private readonly controls: TickControls,
  ) {}

  /**
   * Whether a queued command stops a tick's round of steps at once, before the `waiting` runs' sub-slices (stepRounds.ts
   * StopNow): a reset or a removal, where the runs it leaves stand at one step either way (in lockstep, all of them
   * stepped this round or none did; in equal time the runs' steps differ anyway). Pause and the other commands end
   * the round.
   */
  private stopsRoundNow(stepped: readonly RunGroup[], waiting: readonly RunGroup[]): boolean {
    if (!this.parts.work.discardWaiting) return false;
    if (this.controls.pacing() === 'time') return true;
    const kept = (group: RunGroup): boolean => this.parts.work.keeps(group.runId);
    return !stepped.some(kept) || !waiting.some(kept);
  }

  /** A tick after `delayMs`, unless one is pending already; it runs only while playing. */
  scheduleTick(delayMs: number): void {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      if (this.controls.playing()) this.parts.work.enqueue(() => this.tick(null, null));
    }, delayMs);
  }

  /**
   * One tick over every running run: `fixedSteps` each (a step command; every run, halted or not), or as many
   * as the pacing, the tick budget and the speed cap allow.
   */
  async tick(fixedSteps: number | null, requestId: number | null): Promise<void> {
    if (fixedSteps === null && !this.controls.playing()) return;
    // A command queued behind this tick goes first (a removed run, a reset); the tick comes again after it.
    if (fixedSteps === null && this.parts.work.commandWaiting) {
      this.scheduleTick(0);
      return;
    }
    // Playing, no run steps past the training budget; a run at it is halted (Step, by hand, is not held).
    const { candidates, active } = tickRuns(this.parts.runs.ordered(), fixedSteps, this.parts.budget);
    if (active.length === 0) {
      if (candidates.length > 0) {
        this.controls.setPlaying(false);
        this.parts.budget.reached(this.parts.runs.ordered());
      }
      return;
    }
    if (fixedSteps === null) this.parts.notices.reportLockstepWait(this.controls.pacing(), active, this.parts.moves.backend ?? 'cpu');
    const now = performance.now();
    const counts = stepCounts(active, fixedSteps, this.controls.pacing(), this.parts.budget, this.parts.pacer, now);
    if ('waitMs' in counts) {
      this.scheduleTick(Math.min(counts.waitMs, 100));
      return;
    }
    this.parts.budget.clear();
    // Slices: every run's steps in rounds of sub-slices (stepRounds.ts), then every run's evaluation (one or more
    // slices per seed), with the worker's messages let in between. A command that comes in stops the steps at the
    // end of a round (the runs stay in lockstep; a reset or a removal at once: stopsRoundNow) and drops the evaluations still to come, so a pause, a reset or a
    // removed run waits for a round of sub-slices, a piece of a diagnosis or a chunk of an evaluation, not a tick.
    const commands = this.parts.work.mark();
    const interrupted = (): boolean => fixedSteps === null && (this.parts.work.commandsSince(commands) || this.parts.work.commandWaiting);
    this.running = true;
    try {
      // While the warm-up's pipelines compile in parallel (warmUp.ts), playing runs go on undiagnosed.
      const stepped = tickWork(active, counts.plan, fixedSteps, now, this.parts.warmer.isCompiling);
      // The first tick after Play says each run's step count once the run has taken its first sub-slice, before the
      // other runs' steps and the evaluations (protocol.ts `stepped`): the paper scene's backprop run need not wait for
      // LocoProp-M's step on plain WebGL.
      const justPlayed = new Map(stepped.filter(({ group }) => fixedSteps === null && group.gridHeldForPlay).map(({ group }) => [group, group.lead.session.stepCount]));
      const sayStepped = (group: RunGroup): void => {
        const from = justPlayed.get(group);
        if (from === undefined || group.lead.session.stepCount <= from) return;
        justPlayed.delete(group);
        this.parts.reports.postStepped(group);
      };
      markTickWork(stepped, fixedSteps, now);
      stepped.forEach(({ group }) => this.parts.notices.firstTickProgress(group, 'step'));
      const stopNow = (done: readonly RunGroup[], waiting: readonly RunGroup[]): boolean => fixedSteps === null && this.stopsRoundNow(done, waiting);
      await stepInRounds(stepped, this.parts.slice, interrupted, this.parts.counters, this.parts.stepSliceSteps, stopNow, sayStepped);
      for (const { group, withGrid } of stepped) {
        await this.parts.slice();
        if (interrupted()) {
          group.skipEvaluation();
          this.parts.counters.skippedEvaluations += 1;
          continue;
        }
        if (fixedSteps === null && deferEvaluation(this.controls.pacing(), active.length, group)) {
          group.skipEvaluation();
          this.parts.counters.deferredEvaluations += 1;
          continue;
        }
        this.parts.notices.firstTickProgress(group, 'evaluate');
        this.parts.moves.fireArmedLoss();
        // The evaluation runs in row chunks with a slice between two (evaluationChunks.ts): a command that comes in
        // there drops it, so Pause waits for a chunk (~0.1 GFLOP), not a whole heavy evaluation (issue 21).
        const outcome = await group.finishTick(withGrid, this.parts.slice, interrupted);
        if (outcome.kind === 'cancelled') {
          this.parts.counters.skippedEvaluations += 1;
          this.parts.counters.cancelledEvaluations += 1;
          continue;
        }
        group.stepsSinceEvaluation = 0;
        await this.parts.reports.finishGroupTick(group, outcome, this.parts.moves.backend, fixedSteps, requestId);
      }
    } finally {
      this.running = false;
    }
    this.parts.warmer.afterTick();
    if (fixedSteps === null) this.parts.budget.afterTick(this.parts.runs.ordered());
    if (this.parts.runs.ordered().every((group) => group.halted)) {
      const stoppedHere = this.controls.playing();
      this.controls.setPlaying(false);
      if (stoppedHere) this.controls.showPicturesAsTheyStand();
    }
    if (this.controls.playing()) this.scheduleTick(0);
  }

}
