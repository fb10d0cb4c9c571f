/**
 * A tick's steps in sub-slices that take turns across the runs (issue 21 item 3: the worker stays responsive to
 * commands whatever the work). The tick planner (engine/pacing.ts) gives each run its steps for the tick; on the
 * CPU backend a run's steps then ran as one synchronous task, so MNIST through 512-512 (~25 steps, ~4 s a tick)
 * held a pause for up to 1.2 s. Here the steps come in rounds: in each round every run takes a sub-slice of its
 * steps (about STEP_SLICE_MS by its own measured cost, one step at least: sliceStepsFor), with the host's slice (its
 * yield to the message loop) between two sub-slices; a command that came in stops the steps at the end of a round,
 * or at once (between two runs' sub-slices) where it discards the progress that finishing the round would keep in
 * step (a reset; a removed run): StopNow.
 *
 * Lockstep: every run has the same steps, and stepsInRound gives equal counts the same share in every round, so at
 * the end of any round the runs stand at the same step. Splitting a run's steps into calls changes none of its
 * numbers (session.ts runSteps; diagnosisIdentity.test.ts: the same steps in ticks of other lengths give
 * bit-identical θ), so identical runs stay bit-identical however a tick is cut.
 */
import type { Slice } from '../engine/trainingLoop';
import type { RunGroup } from './runGroup';

/**
 * The longest a run's sub-slice of steps takes, ms (one step at least, whatever it costs): a command waits about
 * this long to be read. A round of n runs lasts up to n of them; a yield costs far less (a MessageChannel message).
 */
export const STEP_SLICE_MS = 50;
/**
 * What a call of steps may cost over its steps' own time, as a share of it. A call has a fixed cost besides its steps:
 * the fused CPU kernel makes fresh θ and slot arrays for its output tensors, and until e3ee945 it also rebuilt its
 * work buffers on every call (MNIST 512-512 with Adam in Node, batch 16: 16.5–17.8 ms of CPU a step in calls of one
 * against 12.2 in calls of 12 before; 12.4–12.9 against 11.4–11.6 after, bench/fused-call-bench.ts). Where one step
 * per sub-slice would cost more than this share, a sub-slice takes enough steps to keep under it.
 */
export const CALL_OVERHEAD_SHARE = 0.05;
/** However costly its calls, a sub-slice is cut at this many ms of steps (one step at least). */
export const MAX_STEP_SLICE_MS = 400;

/** A run's part of a tick, for cutting its steps. */
export interface SlicedRun {
  /** Steps the tick plans for the run. */
  steps: number;
  /** What a call of its steps costs (all its seeds), as its recent calls measured it (CallCost); null before any. */
  cost: CallCostEstimate | null;
}

/** A call of k steps takes msPerCall + k × msPerStep; msPerCall is null while the calls seen cannot tell it apart. */
export interface CallCostEstimate {
  msPerStep: number;
  msPerCall: number | null;
}

/** How much the recent calls count against older ones (each call's weight shrinks by this factor per later call). */
const CALL_COST_MEMORY = 0.9;

/**
 * A run's calls of steps, timed: time = msPerCall + steps × msPerStep, fitted by least squares weighted towards the
 * recent calls. Calls of different lengths tell the two apart (a tick's sub-slices differ by a step where its steps
 * do not divide evenly; a light run's ticks differ in length); calls all of one length give the time per step only.
 */
export class CallCost {
  private weight = 0;
  private sumSteps = 0;
  private sumSquares = 0;
  private sumMs = 0;
  private sumProducts = 0;

  observe(steps: number, ms: number): void {
    if (!(steps > 0) || !Number.isFinite(ms) || ms < 0) return;
    const keep = CALL_COST_MEMORY;
    this.weight = keep * this.weight + 1;
    this.sumSteps = keep * this.sumSteps + steps;
    this.sumSquares = keep * this.sumSquares + steps * steps;
    this.sumMs = keep * this.sumMs + ms;
    this.sumProducts = keep * this.sumProducts + steps * ms;
  }

  get estimate(): CallCostEstimate | null {
    if (this.weight === 0) return null;
    const steps = this.sumSteps / this.weight;
    const ms = this.sumMs / this.weight;
    const perStepAll = ms / steps;
    const variance = this.sumSquares / this.weight - steps * steps;
    // Lengths that (nearly) never differ: no way to tell a call's fixed cost from its steps'.
    if (variance < 0.01 * steps * steps) return { msPerStep: perStepAll, msPerCall: null };
    const slope = (this.sumProducts / this.weight - steps * ms) / variance;
    // Timings are noisy (another process on the core): a step costs between a quarter and all of the mean per step.
    const msPerStep = Math.min(perStepAll, Math.max(0.25 * perStepAll, slope));
    return { msPerStep, msPerCall: Math.max(0, ms - msPerStep * steps) };
  }
}

/**
 * Steps per sub-slice for a run: as many as fit in `sliceMs` (one at least), or more where a call's fixed cost
 * would otherwise exceed CALL_OVERHEAD_SHARE of its steps' time, never past MAX_STEP_SLICE_MS (one step at least).
 * Where the fixed cost is not known yet and the steps would be cut, one more step: calls of another length tell it.
 */
export function sliceStepsFor(cost: CallCostEstimate | null, sliceMs = STEP_SLICE_MS): number {
  if (!cost || !(cost.msPerStep > 0) || !Number.isFinite(cost.msPerStep)) return Number.POSITIVE_INFINITY;
  const perCall = cost.msPerCall ?? 0;
  const byTime = Math.max(1, Math.floor((sliceMs - perCall) / cost.msPerStep));
  const byOverhead = Math.ceil(perCall / (CALL_OVERHEAD_SHARE * cost.msPerStep));
  const most = Math.max(1, Math.floor(MAX_STEP_SLICE_MS / cost.msPerStep));
  return Math.min(most, Math.max(byTime, byOverhead) + (cost.msPerCall === null ? 1 : 0));
}

/**
 * How many rounds the tick's steps come in: enough that each run's sub-slice holds at most sliceStepsFor's steps
 * (or `sliceSteps` steps, when given: tests); never more rounds than the most steps a run takes.
 */
export function roundCount(runs: readonly SlicedRun[], sliceMs = STEP_SLICE_MS, sliceSteps?: number): number {
  const most = Math.max(0, ...runs.map((run) => run.steps));
  if (most <= 1) return 1;
  const rounds = runs.map((run) => Math.ceil(run.steps / (sliceSteps !== undefined ? Math.max(1, Math.floor(sliceSteps)) : sliceStepsFor(run.cost, sliceMs))));
  return Math.min(most, Math.max(1, ...rounds));
}

/**
 * A run's steps in round `round` (from 0) of `rounds`: its `steps` spread evenly, the larger shares first, so two
 * runs with the same steps take the same in every round, and every run with steps takes one in the first round.
 */
export function stepsInRound(steps: number, rounds: number, round: number): number {
  return Math.ceil(((round + 1) * steps) / rounds) - Math.ceil((round * steps) / rounds);
}

/** A run's steps of the tick: how many, and whether its last one is diagnosed. */
export interface TickSteps {
  group: RunGroup;
  steps: number;
  diagnose: boolean;
}

/** The host's counts of the steps' slices (host.ts counters). */
export interface RoundCounters {
  /** Sub-slices of steps run. */
  stepSlices: number;
  /** Ticks whose steps a command stopped before their plan. */
  stoppedTicks: number;
  /** Pieces of diagnoses run, and diagnoses a command dropped before their last piece. */
  diagnosisPieces: number;
  abandonedDiagnoses: number;
}

/**
 * Whether a command that came in stops the round at once, before the `waiting` runs' sub-slices (the `stepped` ones
 * have taken theirs this round): where what it discards is all that finishing the round would keep in lockstep (a
 * reset discards every run's progress; a removed run is gone). Eight heavy runs' round is a step each, 1–2 s apiece.
 */
export type StopNow = (stepped: readonly RunGroup[], waiting: readonly RunGroup[]) => boolean;

/**
 * The tick's steps in rounds: each run a sub-slice per round (sized by its own measured time per step, or
 * `sliceSteps` steps), `slice` between two sub-slices, and a run's diagnosis in pieces after its diagnosed step
 * (diagnoseInPieces). When `stop` says so at the end of a round, the steps end there: every run in lockstep has
 * taken the same; when `stopNow` says so between two runs' sub-slices, they end there. Adds each run's steps to its stepsSinceEvaluation; counts in the host's `counters`.
 * `stepped` hears of each run's sub-slice as soon as it is taken (the first tick after Play says each run's step
 * count then, not after the slowest run's: tickLoop.ts).
 */
export async function stepInRounds(runs: readonly TickSteps[], slice: Slice, stop: () => boolean, counters: RoundCounters, sliceSteps?: number, stopNow: StopNow = () => false, stepped: (group: RunGroup) => void = () => undefined): Promise<void> {
  const costs = runs.map(({ group, steps }) => ({ steps, cost: group.callCost.estimate }));
  const rounds = roundCount(costs, STEP_SLICE_MS, sliceSteps);
  runs.forEach(({ group }) => group.beginSteps());
  const done = runs.map(() => 0);
  let sliceDue = false;
  let stopped = false;
  for (let round = 0; round < rounds && !stopped; round++) {
    const inRound = runs.filter(({ steps }) => stepsInRound(steps, rounds, round) > 0).map(({ group }) => group);
    for (const [i, { group, steps, diagnose }] of runs.entries()) {
      const share = stepsInRound(steps, rounds, round);
      if (share === 0) continue;
      if (sliceDue) {
        await slice();
        const at = inRound.indexOf(group);
        if (stopNow(inRound.slice(0, at), inRound.slice(at))) {
          counters.stoppedTicks += 1;
          stopped = true;
          break;
        }
      }
      sliceDue = true;
      done[i] += share;
      // The run's last step of the tick is the diagnosed one, as in a tick of one piece.
      await group.stepRound(share, diagnose && done[i] === steps, slice);
      counters.stepSlices += 1;
      stepped(group);
      await diagnoseInPieces(group, slice, stop, counters);
    }
    if (stopped || round === rounds - 1) break;
    // The end of a round: the messages come in, and a command stops the steps here.
    await slice();
    sliceDue = false;
    if (stop()) {
      counters.stoppedTicks += 1;
      break;
    }
  }
  runs.forEach(({ group }) => (group.stepsSinceEvaluation += group.stepsThisTick));
}

/**
 * The diagnosis of a run's diagnosed step (session.ts unfinishedDiagnosis), one piece a slice (engine/diagnosedStep.ts:
 * the side step's phases, the minibatch gradient, the probes): MNIST 512-512's was one call of 0.4 s (backprop) to
 * 3 s (LocoProp-M). A command that came in drops the pieces still to run, so it waits for a piece, not the whole;
 * the run's numbers are those of a tick never diagnosed (a diagnosis only reads). Its time counts with the steps',
 * as in a tick of one piece (the host spaces diagnoses by it: TrainingLoop.diagnosisMs).
 */
export async function diagnoseInPieces(group: RunGroup, slice: Slice, stop: () => boolean, counters: RoundCounters): Promise<void> {
  const diagnosis = group.lead.session.unfinishedDiagnosis;
  let activeMs = 0;
  while (diagnosis?.pending) {
    await slice();
    if (stop()) {
      diagnosis.abandon();
      counters.abandonedDiagnoses += 1;
      break;
    }
    const started = performance.now();
    diagnosis.next();
    activeMs += performance.now() - started;
    counters.diagnosisPieces += 1;
  }
  group.addDiagnosisMs(activeMs);
}
