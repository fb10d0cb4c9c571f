/**
 * The host's backend: which one its runs are on (the choice, the pick, its generation), moving every run to
 * another (weights, optimizer state, counters carried), and recovering from a lost WebGPU device: between
 * ticks, under a tick's work, or under a range test. Split out of host.ts, which composes it with its runs.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { Pacing } from '../engine/pacing';
import type { DataAccess } from '../engine/data/dataSources';
import { lostDeviceReason, type BackendPort } from './backendPort';
import type { Calibrator } from './calibration';
import type { RunCommands } from './runCommands';
import { RunGroup, type CarriedRun, type RunId } from './runGroup';
import type { RunTable } from './runTable';
import type { BackendName, DeviceLoss, Notice, WorkerEvent } from './protocol';

/** How long a failure on WebGPU waits for the device's `lost` promise before it counts as an ordinary error. */
const LOST_GRACE_MS = 2000;

/** What a move and a recovery need of the host: its runs, its work queue, its play state and its messages. */
export interface BackendHost {
  readonly data: DataAccess;
  pacing(): Pacing;
  /** The runs (runTable.ts): a move disposes of them and places them again on the new backend. */
  readonly runs: RunTable;
  post(event: WorkerEvent): void;
  notify(notice: Notice): void;
  enqueue(task: () => Promise<void>): void;
  isPlaying(): boolean;
  setPlaying(playing: boolean): void;
  /** As the page's Play does. */
  play(): void;
  /** Stops training with the error's message. */
  fail(error: unknown): void;
}

export class BackendMoves {
  private current: BackendName | null = null;
  private chosen: ExperimentConfig['backend'] | null = null;
  private generationCount = 0;
  /** simulateDeviceLoss `mid-tick`: the device is destroyed at the next readback point (fireArmedLoss). */
  private lossArmed = false;
  /** The runs a backend move carries, until every one has started on the new backend. */
  private carrying: { runId: RunId; config: ExperimentConfig; state: CarriedRun }[] | null = null;

  constructor(
    private readonly host: BackendHost,
    private readonly backends: BackendPort,
    private readonly calibrator: Calibrator,
  ) {}

  /** The backend the runs are on (null before the first configure). */
  get backend(): BackendName | null {
    return this.current;
  }

  /** The configuration's backend choice (null before the first configure). */
  get choice(): ExperimentConfig['backend'] | null {
    return this.chosen;
  }

  /** Counts the backends taken: work begun on an older one is not recovered again. */
  get generation(): number {
    return this.generationCount;
  }

  async useBackend(choice: ExperimentConfig['backend'], avoidWebGpu: boolean): Promise<void> {
    const selection = await this.calibrator.select(this.backends, avoidWebGpu && choice === 'webgpu' ? 'auto' : choice, avoidWebGpu ? ['webgpu'] : []);
    this.current = selection.backend;
    this.chosen = choice;
    const generation = ++this.generationCount;
    this.host.post({ type: 'backend', backend: selection.backend, detail: selection.detail, cpuKernel: selection.cpuKernel ?? null, skipped: selection.skipped, calibration: selection.calibration ?? null });
    if (selection.skipped.length > 0) this.host.notify({ code: 'backend-fallback', backend: selection.backend, skipped: selection.skipped });
    // Between ticks; a loss under work in flight is recovered by that work's failure (recoverOrFail) first.
    this.backends.deviceLost()?.then((reason) => {
      this.host.enqueue(() => (generation === this.generationCount ? this.recoverFromDeviceLoss(reason, null) : Promise.resolve()));
    });
  }

  /** Carries every run (weights, optimizer state, counters) to another backend: same runs, same charts. */
  async moveToBackend(choice: ExperimentConfig['backend'], avoidWebGpu: boolean): Promise<number> {
    // A move that a lost device interrupts leaves its carried runs for the recovery's move (not the few it restarted).
    // In lockstep every run goes on from the step all of them read back (a loss between two runs' readbacks
    // would leave them apart); in equal time each from its own.
    const groups = this.host.runs.ordered();
    const readBack = groups.map((group) => group.readBackStep);
    const common = this.host.pacing() === 'lockstep' && readBack.every((step) => step !== null) ? Math.min(...(readBack as number[])) : undefined;
    const carried = this.carrying ?? groups.map((group) => ({ runId: group.runId, config: group.config, state: group.carry(common) }));
    this.carrying = carried;
    this.host.runs.disposeAll();
    await this.useBackend(choice, avoidWebGpu);
    for (const { runId, config, state } of carried) {
      const { group, evaluations } = await RunGroup.start(runId, config, this.host.data, state);
      this.host.runs.placeMoved(group, evaluations);
    }
    this.carrying = null;
    return carried[0]?.state.snapshots[0]?.stepCount ?? 0;
  }

  /** A failure stopped training: a move it interrupted is not taken up again. */
  dropCarried(): void {
    this.carrying = null;
  }

  /**
   * Work that failed because the WebGPU device was lost under it (a readback of a tick, an evaluation, a
   * range test: "Failed to execute 'mapAsync'") recovers as a loss between ticks does; anything else stops
   * training with its message.
   */
  async recoverOrFail(error: unknown): Promise<void> {
    const reason = await this.deviceLossBehind();
    if (reason === null) return this.host.fail(error);
    await this.recoverFromDeviceLoss(reason, 'tick');
  }

  /**
   * The range test (runCommands.ts); when the device is lost during it, the run is restored on the next
   * backend from its last snapshot and the sweep runs again there, from the start.
   */
  async rangeTest(commands: RunCommands, group: RunGroup): Promise<void> {
    try {
      await commands.rangeTest(group, () => this.fireArmedLoss());
      return;
    } catch (error) {
      const reason = await this.deviceLossBehind();
      if (reason === null) return this.host.fail(error);
      await this.recoverFromDeviceLoss(reason, 'range-test');
    }
    const moved = this.host.runs.get(group.runId);
    if (moved) await commands.rangeTest(moved);
  }

  /** The automation hook (simulateDeviceLoss `mid-tick`): the device is lost at the next readback point. */
  armLoss(): void {
    this.lossArmed = true;
  }

  /** The automation hook's loss (simulateDeviceLoss `mid-tick`), at the first readback point after it was armed. */
  fireArmedLoss(): void {
    if (!this.lossArmed) return;
    this.lossArmed = false;
    this.destroyDevice();
  }

  /** Destroys the device (simulateDeviceLoss); says so when there is none to destroy. */
  destroyDevice(): void {
    if (!this.backends.destroyDevice()) this.host.notify({ code: 'no-device' });
  }

  /**
   * Moves every run to the next backend from its last snapshot (read back before the loss) and goes on as
   * before: playing, or paused. `during`: the work the loss interrupted (null between ticks).
   */
  private async recoverFromDeviceLoss(lost: DeviceLoss, during: 'tick' | 'range-test' | null): Promise<void> {
    const wasPlaying = this.host.isPlaying();
    this.host.setPlaying(false);
    const enqueued = this.host.runs.ordered()[0]?.lead.session.stepCount ?? 0;
    const step = await this.moveToBackend(this.chosen ?? 'auto', true);
    if (during === null) this.host.notify({ code: 'device-lost', lost, backend: this.current, step });
    else this.host.notify({ code: 'device-lost-mid-tick', lost, backend: this.current, step, droppedSteps: Math.max(0, enqueued - step), during });
    if (wasPlaying) this.host.play();
  }

  /** Why the device the current work ran on was lost, or null when it was not (or the runs already moved). */
  private async deviceLossBehind(): Promise<DeviceLoss | null> {
    const generation = this.generationCount;
    if (this.current !== 'webgpu') return null;
    const reason = await lostDeviceReason(this.backends, LOST_GRACE_MS);
    return generation === this.generationCount ? reason : null;
  }
}
