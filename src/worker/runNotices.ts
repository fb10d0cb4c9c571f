/**
 * What the host says about its runs besides their ticks (facts; state/runMessages.ts words them): a heavy
 * run's cost and its first tick's progress, a dominating penalty, and a light run held back by a heavy one in
 * lockstep. Split out of host.ts, which composes it with the work queue, the ticks and the backends.
 */
import type { Pacing } from '../engine/pacing';
import type { DeviceRates } from './deviceRate';
import type { RunGroup } from './runGroup';
import { heavyRunFacts, sessionStepFlops } from './runCost';
import type { BackendName, Notice, WorkerEvent } from './protocol';
import type { RunId } from '../config/runs';

/**
 * Lockstep holds a light run back when a step of the costliest run is estimated at LOCKSTEP_WAIT_MS or more (the
 * light run then takes at most a few steps a second) and at LOCKSTEP_WAIT_RATIO or more times the cheapest
 * run's step: below that every run moves at a pace its own steps explain.
 */
export const LOCKSTEP_WAIT_MS = 100;
export const LOCKSTEP_WAIT_RATIO = 10;

export interface LockstepWait {
  /** The run whose steps set the pace, and the runs whose steps cost under 1/LOCKSTEP_WAIT_RATIO of its. */
  slowest: RunId;
  waiting: RunId[];
  /** How many times a step of the slowest run costs one of the cheapest, and its estimated time per step. */
  ratio: number;
  slowestStepMs: number;
}

/** A run's estimated step (all its seeds), from its operations and the device's rate: no clock is read. */
export interface RunStepCost {
  runId: RunId;
  stepMs: number;
}

/** Whether, and which, runs wait for a heavy one in lockstep (null in equal time, or when none does). */
export function lockstepWait(pacing: Pacing, runs: readonly RunStepCost[]): LockstepWait | null {
  if (pacing !== 'lockstep' || runs.length < 2) return null;
  const slowest = runs.reduce((a, b) => (b.stepMs > a.stepMs ? b : a));
  if (slowest.stepMs < LOCKSTEP_WAIT_MS) return null;
  const waiting = runs.filter((run) => run.runId !== slowest.runId && run.stepMs * LOCKSTEP_WAIT_RATIO <= slowest.stepMs);
  if (waiting.length === 0) return null;
  const cheapest = Math.min(...waiting.map((run) => run.stepMs));
  return { slowest: slowest.runId, waiting: waiting.map((run) => run.runId), ratio: slowest.stepMs / Math.max(cheapest, 1e-9), slowestStepMs: slowest.stepMs };
}

/**
 * In equal time a heavy run's evaluation is put off until its steps since the last one are estimated at
 * EVALUATION_SHARE times the evaluation: evaluations then take at most ~1/(1 + EVALUATION_SHARE) of its time,
 * and the other runs step meanwhile. Every tick evaluated instead, a 3 s evaluation beside 0.3 s steps left the
 * light runs ~0.1 s of every 3.5 s (the tick budget is capped at MAX_TICK_MS, trainingLoop.ts). Not more than
 * 1: the heavy run's numbers on the page change only at its evaluations (every ~2 evaluations' time here).
 */
export const EVALUATION_SHARE = 1;

/** Whether this tick's evaluation of `group` waits (equal time, several runs, a heavy run past its first tick). */
export function deferEvaluation(pacing: Pacing, runCount: number, group: Pick<RunGroup, 'heavy' | 'firstTickPending' | 'stepsSinceEvaluation'>): boolean {
  const { heavy } = group;
  if (pacing !== 'time' || runCount < 2 || !heavy || group.firstTickPending) return false;
  return group.stepsSinceEvaluation * heavy.stepMs < EVALUATION_SHARE * heavy.evaluationMs;
}

type Post = (event: WorkerEvent) => void;

export class RunNotices {
  /** The lockstep wait the page shows (by its runs), or null. */
  private waitShown: string | null = null;

  constructor(
    private readonly post: Post,
    private readonly rates: DeviceRates,
  ) {}

  private notify(notice: Notice, runId: RunId | null = null): void {
    this.post({ type: 'notice', runId, notice });
  }

  /** Says what a heavy run costs (runCost.ts), at this device's rate as now known; nothing for a light run. */
  announceCost(group: RunGroup, backend: BackendName, starting = true): void {
    const { session } = group.lead;
    group.heavy = heavyRunFacts(session, group.members.length, backend, this.rates.rate(backend, session.kernelPath), this.rates.rate(backend, 'plain'));
    if (starting) group.firstTickPending = group.heavy !== null;
    if (group.heavy) this.notify({ code: 'heavy-run', facts: group.heavy }, group.runId);
    else this.post({ type: 'clearStatus', code: 'heavy-run', runId: group.runId });
  }

  /** Shows where a heavy run's first tick stands (its steps, its evaluation). */
  firstTickProgress(group: RunGroup, stage: 'step' | 'evaluate'): void {
    if (group.firstTickPending) this.notify({ code: 'heavy-progress', stage, done: 0, total: group.members.length }, group.runId);
  }

  /** Says when the penalty starts to dominate (or its rate changes) and when it stops; facts only. */
  reportPenalty(group: RunGroup): void {
    const verdict = group.lead.penaltyDominance;
    const shown = group.penaltyShown;
    if (!verdict) return;
    if (!verdict.dominant) {
      if (shown) this.post({ type: 'penalty', runId: group.runId, dominance: null });
      group.penaltyShown = null;
      return;
    }
    if (shown && shown.regularization === verdict.regularization && shown.rate === verdict.rate) return;
    group.penaltyShown = verdict;
    this.post({ type: 'penalty', runId: group.runId, dominance: { regularization: verdict.regularization, rate: verdict.rate, ratio: verdict.ratio } });
  }

  /**
   * Says that light runs wait for a heavy one in lockstep (once, until the runs or the pacing change), and takes
   * it back when they no longer do. Estimated from each run's operations at this device's rate, so it is said
   * before the heavy run's first step, which may take minutes.
   */
  reportLockstepWait(pacing: Pacing, groups: readonly RunGroup[], backend: BackendName): void {
    const runs = groups.map(({ runId, lead, members }) => ({ runId, stepMs: (sessionStepFlops(lead.session) * members.length) / this.rates.rate(backend, lead.session.kernelPath).flopsPerMs }));
    const wait = lockstepWait(pacing, runs);
    const key = wait && `${wait.slowest}:${wait.waiting.join(',')}`;
    if (key === this.waitShown) return;
    if (this.waitShown !== null) this.post({ type: 'clearStatus', code: 'lockstep-wait', runId: null });
    this.waitShown = key;
    if (wait) this.notify({ code: 'lockstep-wait', ...wait });
  }
}
