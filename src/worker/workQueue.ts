/**
 * The training host's one line of work (host.ts): commands and ticks run one after another on a single promise
 * chain, so a reconfiguration never lands in the middle of a tick. The queue also keeps what a tick in flight asks
 * between its slices: whether a command came in since it began, and whether a queued command will discard a run's
 * progress (a reset, a removal), which stops a round of steps at once (stepRounds.ts StopNow).
 */
import type { RunId } from './runGroup';

/** Which runs a queued command discards the progress of. */
export type Discards = (runId: RunId) => boolean;

export class WorkQueue {
  private chain: Promise<void> = Promise.resolve();
  /** Commands that queue work or pause, as counted by noteCommand(): a tick sees whether one came in between its slices. */
  private commandCount = 0;
  /**
   * Commands that change the runs (all but play, pause, the view's and the exports) whose work is queued and not yet
   * begun: a tick or a pause's evaluation that would start after one gives way to it (a run removed while eight heavy
   * runs trained waited for the whole tick queued before it: 82 s and more, issue 21 item 3).
   */
  private queued = 0;
  /** Of the queued commands, those that discard runs' progress: which runs each discards. */
  private readonly discards: Discards[] = [];

  /**
   * @param afterEach runs after every task (the host offers the runs' states to the page there)
   * @param onError handles what a task (or afterEach) threw; what it throws in turn goes to `onFailure`
   */
  constructor(
    private readonly afterEach: () => void,
    private readonly onError: (error: unknown) => Promise<void> | void,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** A command came in (play, the view's and the range test's cancel excepted). */
  noteCommand(): void {
    this.commandCount += 1;
  }

  /** A mark to compare with `commandsSince`: whether a command came in after it. */
  mark(): number {
    return this.commandCount;
  }

  commandsSince(mark: number): boolean {
    return this.commandCount !== mark;
  }

  /** Whether a command that changes the runs is queued and not yet begun. */
  get commandWaiting(): boolean {
    return this.queued > 0;
  }

  /** Whether a queued command discards some run's progress. */
  get discardWaiting(): boolean {
    return this.discards.length > 0;
  }

  /** Whether no queued command discards this run's progress. */
  keeps(runId: RunId): boolean {
    return !this.discards.some((discards) => discards(runId));
  }

  /** Work that changes nothing a tick must give way to (a tick, the view's settings, an export). */
  enqueue(task: () => Promise<void>): void {
    this.chain = this.chain
      .then(task)
      .then(this.afterEach)
      .catch(this.onError)
      .catch(this.onFailure);
  }

  /** A command's work that changes the runs: queued behind the work in flight, which gives way to it at its next slice. */
  enqueueCommand(task: () => Promise<void>, discards?: Discards): void {
    this.queued += 1;
    if (discards) this.discards.push(discards);
    this.enqueue(() => {
      this.queued -= 1;
      if (discards) this.discards.splice(this.discards.indexOf(discards), 1);
      return task();
    });
  }

  /** Resolves when every task queued so far has run. */
  idle(): Promise<void> {
    return this.chain;
  }
}
