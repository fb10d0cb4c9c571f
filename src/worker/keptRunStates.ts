/**
 * The page's copy of each run's latest state (worker/runResume.ts), kept by the client for a new worker should
 * the current one die: one state per run (the latest `runStates` replaces the one before), forgotten when the
 * run starts afresh (a `run` event not resumed: Reset, new data, a new network) or is removed. On MNIST 512-512
 * with Adam a state is ~8 MB (θ and two slots), so the page holds about that much per run.
 */
import type { RunId } from '../config/runs';
import type { RunConfig, RunResume, ResumeState, WorkerEvent } from './protocol';

export class KeptRunStates {
  private readonly states = new Map<RunId, ResumeState>();

  /** Notes an event of the worker; true when it was a `runStates`, which the client keeps to itself. */
  received(event: WorkerEvent): boolean {
    switch (event.type) {
      case 'runStates':
        for (const { runId, state } of event.runs) this.states.set(runId, state);
        return true;
      case 'run':
        if (event.resumedAt === undefined) this.states.delete(event.runId);
        return false;
      case 'runRemoved':
        this.states.delete(event.runId);
        return false;
      default:
        return false;
    }
  }

  /** The kept states of these runs, for a new worker's configure. */
  resumeFor(runs: readonly RunConfig[]): RunResume[] {
    return runs.flatMap(({ runId }) => {
      const state = this.states.get(runId);
      return state ? [{ runId, state }] : [];
    });
  }

  /** Per run, the step its kept state stands at (null: none kept, it starts from step 0). */
  stepsFor(runs: readonly RunConfig[]): (number | null)[] {
    return runs.map(({ runId }) => this.states.get(runId)?.snapshots[0]?.stepCount ?? null);
  }
}
