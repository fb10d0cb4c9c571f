/**
 * Runs that outlive their worker (issue 21 item 6). The weights live only in the worker, so a worker that dies
 * (closed, crashed, out of memory) would take every run's training with it. The worker therefore sends the page
 * every run's latest state now and then (`runStates`: the snapshots a tick's evaluation reads back anyway, the
 * ones a backend move carries, RunGroup.carry), and a new worker given those states back (configure's `resume`,
 * worker/client.ts) puts each run back where it was, when the state still fits the run's settings.
 *
 * Sent: when training is paused and a run's state changed (a pause, a step), and while playing at the first piece
 * of work past step 0, then once the interval its size allows has passed (stateIntervalMs); never at step 0 (a new
 * worker starts a run there anyway). A run's state is θ plus the
 * optimizer's slots: on MNIST 512-512 with Adam 3 × 670k floats, 8 MB. The worker copies the arrays (the training
 * loop keeps its own) and transfers the copies, so the page copies nothing: in Chromium here a structured clone of
 * such a state took a median 91–191 ms of the receiving thread, the copy 5–31 ms of the worker's (load ~20 on 2
 * cores; e2e/ measurement, not kept). So never every tick. In lockstep every run is sent at the step all of them
 * read back, as a backend move carries them.
 */
import type { Pacing } from '../engine/pacing';
import type { SessionSnapshot } from '../engine/session';
import type { RunId } from '../config/runs';
import type { Notice, ResumeMisfit, ResumeState, RunResume, WorkerEvent } from './protocol';
import type { CarriedRun, RunGroup } from './runGroup';

/** While playing, the runs' states go to the page at most this often, however small they are. */
export const MIN_STATE_INTERVAL_MS = 1000;

/**
 * While playing, the bytes of states posted per second, on average, at most: 8 MB (MNIST 512-512 with Adam) once
 * in 5 s, the cadence measured above (a structured clone of that on the page took 91–191 ms: 2–4% of its thread).
 */
export const MAX_STATE_BYTES_PER_SECOND = (8 * 2 ** 20) / 5;

/**
 * The rule: after posting `bytes` of states, the next post while playing waits max(MIN_STATE_INTERVAL_MS,
 * bytes / MAX_STATE_BYTES_PER_SECOND). A small network's state (kilobytes) then goes every second, so a worker lost
 * after a few seconds of play costs at most about a second of training; 8 MB every 5 s; ~100 MB (MNIST 1024 × 8
 * with Adam) about once a minute.
 */
export function stateIntervalMs(bytes: number, bytesPerSecond = MAX_STATE_BYTES_PER_SECOND): number {
  return Math.max(MIN_STATE_INTERVAL_MS, (1000 * bytes) / bytesPerSecond);
}

/**
 * The most the page keeps for all runs together. A run's state is about 4 bytes × (θ + its optimizer's slots) per
 * seed: 8 MB for MNIST 512-512 with Adam, but ~100 MB for `hidden=1024` × 8 on MNIST, so eight such runs would
 * hold 800 MB on the page (and copy it now and then: stateIntervalMs). Runs are kept in their order while they fit; a
 * run past the cap is not sent, and a new worker starts it from step 0 (the notice says which runs go on).
 */
export const MAX_KEPT_STATE_BYTES = 256 * 2 ** 20;

/** The bytes a state's arrays hold. */
function stateBytes(snapshots: readonly SessionSnapshot[]): number {
  return snapshots.reduce((sum, s) => sum + s.theta.byteLength + s.sampler.order.byteLength + [...s.optimizer.slots, ...s.algorithmState].reduce((n, a) => n + a.byteLength, 0), 0);
}

/** The run's state to resume from, and the step it stands at. */
export interface Resumed {
  carried: CarriedRun;
  step: number;
}

/**
 * Why `kept` does not fit the run a new worker built (`fresh`: its session's own snapshot), as the field that
 * differs, or null when it fits. The optimizer's kind may differ (a switch since): the named one then starts
 * afresh, as a live switch does.
 */
export function misfit(kept: SessionSnapshot, fresh: SessionSnapshot): ResumeMisfit | null {
  if (kept.theta.length !== fresh.theta.length) return 'theta-length';
  if (kept.optimizer.slots.some((slot) => slot.length !== fresh.theta.length)) return 'optimizer-state-length';
  if (kept.sampler.order.length !== fresh.sampler.order.length) return 'training-set-size';
  const [a, b] = [kept.algorithmState, fresh.algorithmState];
  if (a.length > 0 && b.length > 0 && (a.length !== b.length || a.some((values, i) => values.length !== b[i].length))) return 'algorithm-state-shape';
  if (!Number.isInteger(kept.stepCount) || kept.stepCount < 0) return 'step-count';
  return null;
}

/** A copy of a snapshot, with the buffers of its arrays (to transfer: the original stays with the training loop). */
function detachedCopy(snapshot: SessionSnapshot, buffers: ArrayBufferLike[]): SessionSnapshot {
  const copy = <T extends Float32Array | Uint32Array>(values: T): T => {
    const copied = values.slice() as T;
    buffers.push(copied.buffer);
    return copied;
  };
  return {
    ...snapshot,
    theta: copy(snapshot.theta),
    optimizer: { ...snapshot.optimizer, slots: snapshot.optimizer.slots.map(copy) },
    sampler: { ...snapshot.sampler, order: copy(snapshot.sampler.order) },
    algorithmState: snapshot.algorithmState.map(copy),
  };
}

export class RunStates {
  private lastSentAt = -Infinity;
  /** While playing, the time the latest post's size asks before the next (stateIntervalMs). */
  private interval = 0;
  /** The snapshots sent last (each evaluation makes a new one: the same objects mean nothing changed). */
  private sent: SessionSnapshot[] = [];
  /** The states a configure of a new worker resumes from, while it runs. */
  private held: Map<RunId, ResumeState> | null = null;

  constructor(
    private readonly post: (event: WorkerEvent, transfer: Transferable[]) => void,
    private readonly maxBytes = MAX_KEPT_STATE_BYTES,
    private readonly bytesPerSecond = MAX_STATE_BYTES_PER_SECOND,
  ) {}

  /** After each piece of the worker's work: sends every run's state when it is due (see the module's note). */
  offer(groups: readonly RunGroup[], pacing: Pacing, playing: boolean, now = performance.now()): void {
    if (groups.length === 0 || (playing && now - this.lastSentAt < this.interval)) return;
    const readBack = groups.map((group) => group.readBackStep);
    const common = pacing === 'lockstep' && readBack.every((step) => step !== null) ? Math.min(...(readBack as number[])) : undefined;
    const runs: RunResume[] = [];
    let bytes = 0;
    for (const group of groups) {
      const carried = group.carry(common);
      const snapshots = carried.snapshots.filter((s): s is SessionSnapshot => s !== null);
      // A run at step 0 has nothing to keep: a new worker starts it there from its seed anyway.
      if (snapshots.length !== group.members.length || snapshots.every((s) => s.stepCount === 0)) continue;
      const size = stateBytes(snapshots);
      if (bytes + size > this.maxBytes) break;
      bytes += size;
      runs.push({ runId: group.runId, state: { snapshots, references: carried.references, trainingMs: carried.trainingMs } });
    }
    const snapshots = runs.flatMap((run) => run.state.snapshots);
    if (runs.length === 0 || (snapshots.length === this.sent.length && snapshots.every((s, i) => s === this.sent[i]))) return;
    this.sent = snapshots;
    this.lastSentAt = now;
    this.interval = stateIntervalMs(bytes, this.bytesPerSecond);
    const buffers: ArrayBufferLike[] = [];
    const copies = runs.map((run) => ({ ...run, state: { ...run.state, snapshots: run.state.snapshots.map((s) => detachedCopy(s, buffers)) } }));
    this.post({ type: 'runStates', runs: copies }, buffers as Transferable[]);
  }

  /** Runs `configure` with `resume`'s states held for the runs it starts (take), and forgets them after. */
  async resuming(resume: readonly RunResume[] | undefined, configure: () => Promise<void>): Promise<void> {
    this.held = resume && resume.length > 0 ? new Map(resume.map((run) => [run.runId, run.state])) : null;
    try {
      await configure();
    } finally {
      this.held = null;
    }
  }

  /**
   * The state a run the worker just built (not yet evaluated) resumes from: each seed's session is put back to
   * its snapshot, and what the run's start needs is returned; undefined when none is held for it, or when it no
   * longer fits (`refused` hears why: the run then starts from step 0). A divergence's last resort is then the
   * resumed state: the untrained one is not kept (it would double what the page holds per run).
   */
  async take(runId: RunId, group: RunGroup, refused: (notice: Notice) => void): Promise<Resumed | undefined> {
    const state = this.held?.get(runId);
    if (!state) return undefined;
    this.held?.delete(runId);
    const step = state.snapshots[0]?.stepCount ?? 0;
    const fresh = await Promise.all(group.members.map((loop) => loop.session.snapshot()));
    const field: ResumeMisfit | null =
      state.snapshots.length !== group.members.length || state.references.length !== group.members.length
        ? 'seed-count'
        : (state.snapshots.map((kept, i) => misfit(kept, fresh[i])).find((f) => f !== null) ?? null);
    if (field !== null) {
      refused({ code: 'resume-refused', step, field });
      return undefined;
    }
    group.members.forEach((loop, i) => {
      const kept = state.snapshots[i];
      loop.session.restore(kept);
      // A snapshot of another optimizer than the settings name (switched since): the named one starts afresh.
      if (kept.optimizer.kind !== fresh[i].optimizer.kind) loop.session.updateSettings(loop.session.currentSettings);
    });
    const none = group.members.map(() => null);
    return { carried: { snapshots: none, references: state.references, untrained: none, trainingMs: state.trainingMs }, step };
  }
}
