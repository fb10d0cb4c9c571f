/**
 * Whether a playing worker still trains (client.ts). The heartbeat's pongs say the worker's message loop runs,
 * not that its training does: a training loop that awaits something that never resolves answers every ping and
 * never ticks again. This watch keeps when the last sign of training came (a tick, a heavy run's first-tick
 * progress, Play itself) and what a tick is expected to take, and calls training stalled when nothing came for
 * STALL_FACTOR × that (and never before STALL_FLOOR_MS, the time the heartbeat gives a dead worker).
 */
import type { WorkerCommand, WorkerEvent } from './protocol';

/** How many expected tick times without a tick make a stall. */
export const STALL_FACTOR = 10;
/** A stall is never called before this long without a tick (a minute, as for a dead worker). */
export const STALL_FLOOR_MS = 60_000;

export interface Stall {
  /** Milliseconds since the last sign of training. */
  silentMs: number;
  /** What a tick was expected to take (the floor's share when nothing was known). */
  expectedTickMs: number;
}

export class StallWatch {
  private playing = false;
  private lastSignAt = 0;
  private lastTickAt: number | null = null;
  /** The longest gap between two ticks seen while playing. */
  private longestGapMs = 0;
  /** Each heavy run's estimated tick (its step and evaluation, every seed): heavy-run notices. */
  private readonly heavyTickMs = new Map<string, number>();
  /**
   * Each heavy run's longest piece of work the worker cannot answer in the middle of (heavy-run notices): one
   * step of one seed, or a diagnosis held for Step.
   */
  private readonly heavyPieceMs = new Map<string, number>();
  /** The speed cap's time per step (1000 / steps per second), 0 at full speed. */
  private capMs = 0;
  /** The runs the worker started (a run whose data is missing never starts, and Play then ticks nothing). */
  private readonly started = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Notes a command the page sends (the speed cap of the latest experiment). */
  sent(command: WorkerCommand): void {
    if (command.type !== 'configure') return;
    const speed = command.runs[0]?.config.speed ?? 0;
    this.capMs = speed > 0 ? 1000 / speed : 0;
    const kept = new Set(command.runs.map((run) => run.runId));
    for (const runId of [...this.heavyTickMs.keys()]) if (!kept.has(runId)) this.heavyTickMs.delete(runId);
    for (const runId of [...this.heavyPieceMs.keys()]) if (!kept.has(runId)) this.heavyPieceMs.delete(runId);
  }

  /** Notes an event of the worker. */
  received(event: WorkerEvent): void {
    const now = this.now();
    if (event.type === 'playing') {
      this.playing = event.playing;
      this.lastSignAt = now;
      this.lastTickAt = null;
    } else if (event.type === 'tick') {
      if (this.playing && this.lastTickAt !== null) this.longestGapMs = Math.max(this.longestGapMs, now - this.lastTickAt);
      this.lastTickAt = now;
      this.lastSignAt = now;
    } else if (event.type === 'run') {
      this.started.add(event.runId);
    } else if (event.type === 'runRemoved') {
      this.started.delete(event.runId);
    } else if (event.type === 'notice' && event.notice.code === 'heavy-run' && event.runId !== null) {
      const { stepMs, evaluationMs, seeds } = event.notice.facts;
      this.heavyTickMs.set(event.runId, (stepMs + evaluationMs) * seeds);
      this.heavyPieceMs.set(event.runId, Math.max(stepMs, event.notice.facts.diagnosisHeldMs ?? 0));
    } else if (event.type === 'notice' && event.notice.code === 'heavy-progress') {
      this.lastSignAt = now;
    }
  }

  /** A new worker: nothing of the old one's timing is known to hold. */
  reset(): void {
    this.playing = false;
    this.lastTickAt = null;
    this.longestGapMs = 0;
    this.heavyTickMs.clear();
    this.heavyPieceMs.clear();
    this.started.clear();
  }

  /** What a tick is expected to take: the longest gap seen, every heavy run's estimate together, the speed cap. */
  get expectedTickMs(): number {
    let heavy = 0;
    this.heavyTickMs.forEach((ms) => (heavy += ms));
    return Math.max(this.longestGapMs, heavy, this.capMs);
  }

  /** The longest piece of work a heavy run holds the worker for, by its estimate (0 with no heavy run). */
  get longestPieceMs(): number {
    let longest = 0;
    this.heavyPieceMs.forEach((ms) => (longest = Math.max(longest, ms)));
    return longest;
  }

  /** The stall, when the worker plays and no sign of training came for too long; else null. */
  check(): Stall | null {
    if (!this.playing || this.started.size === 0) return null;
    const silentMs = this.now() - this.lastSignAt;
    const expectedTickMs = this.expectedTickMs;
    return silentMs > Math.max(STALL_FLOOR_MS, STALL_FACTOR * expectedTickMs) ? { silentMs, expectedTickMs } : null;
  }
}
