/**
 * The training worker's logic, importable anywhere (Node tests included): a map of keyed runs on one backend,
 * their steps interleaved tick by tick (lockstep or equal time, engine/pacing.ts), behind the typed protocol.
 * Commands and ticks run one after another on a single promise chain, so a reconfiguration never lands in the
 * middle of a tick. The worker entry (worker.ts) binds one host to the worker's scope; tests give it a `post`
 * function and a CPU-only backend.
 */
import { combineSeedReadings } from '../probes/combine';
import { PROBE_MEASUREMENTS } from '../probes/workerRegistry';
import { neuronsTransfer } from '../probes/neurons/declaration';
import { isStructuralChange, sanitizeConfig, type ExperimentConfig } from '../config/experiment';
import { paceTick, planTick, type Pacing } from '../engine/pacing';
import { gridIntervalMs, StepPacer, tickBudgetMs } from '../engine/trainingLoop';
import { FINE_GRID_SIZE, GALLERY_SIZE, GRID_SIZE, type Evaluation } from '../engine/session';
import { RunCommands } from './runCommands';
import { BudgetKeeper } from './budgetKeeper';
import { RunGroup, type CarriedRun, type GroupTickOutcome, type RunId } from './runGroup';
import type { BackendName, Notice, RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import { lostDeviceReason, type BackendPort } from './backendPort';
import { Calibrator, calibrateFor } from './calibration';
import { PipelineWarmer } from './warmUp';
import { DataUnavailable, type DataAccess } from '../engine/data/dataSources';
import { CsvSession } from './csvSession';
import { galleryOf, planePoints, runExportEvent, tickMetric } from './runPayloads';
import { configExportEvent } from './configExport';
import { DeviceRates } from './deviceRate';
import { sessionStepFlops } from './runCost';
import { deferEvaluation, RunNotices } from './runNotices';
import { yieldToMessages as messageLoopYield } from '../engine/yieldToMessages';
import type { Slice } from '../engine/trainingLoop';
import { stepInRounds } from './stepRounds';
import { RunStates } from './runResume';

/** The probes' declarations, in the order the session packs them. */
const PROBE_DECLARATIONS = PROBE_MEASUREMENTS.map((probe) => probe.declaration);

/** How the host reads the shipped data files (fetch in the worker, the file system in Node tests). */
export type ShippedReader = (file: string) => Promise<Uint8Array>;

const noShippedFiles: ShippedReader = (file) => Promise.reject(new DataUnavailable(`The data file ${file} cannot be read here.`));

/**
 * Per-layer targets are taken from one step this often while playing (the panel redraws at 4 Hz), and no
 * more often than every 8× what a diagnosis costs, so that on a slow device (SwiftShader: a plain diagnosed
 * step of hundreds of ms beside fused steps of 0.1 ms) diagnosing takes at most ~1/8 of the time.
 */
const DIAGNOSTICS_INTERVAL_MS = 250;
const DIAGNOSIS_SHARE = 8;
/** How long a failure on WebGPU waits for the device's `lost` promise before it counts as an ordinary error. */
const LOST_GRACE_MS = 2000;

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export interface HostOptions {
  yieldToMessages?: () => Promise<void>;
  rates?: DeviceRates;
  /** Rows per chunk of the evaluations of the runs it starts (engine/evaluationChunks.ts); default: ~0.1 GFLOP's worth (tests ask for fewer). */
  evaluationChunkRows?: number;
  /** Steps per sub-slice of a tick's steps (stepRounds.ts); default: STEP_SLICE_MS' worth by each run's time per step (tests ask for a count). */
  stepSliceSteps?: number;
}

export class TrainingHost {
  private readonly groups = new Map<RunId, RunGroup>();
  private order: RunId[] = [];
  private backend: BackendName | null = null;
  private backendChoice: ExperimentConfig['backend'] | null = null;
  private backendGeneration = 0;
  private readonly calibrator = new Calibrator();
  /** The runs' states, sent to the page now and then and taken back by a new worker (runResume.ts). */
  private readonly runStates = new RunStates((event, transfer) => this.post(event, transfer));
  /** Compiles a new shape's WebGPU pipelines before Play (warmUp.ts); tests read its count. */
  readonly warmer = new PipelineWarmer();
  private pacing: Pacing = 'lockstep';
  private playing = false;
  private readonly pacer = new StepPacer(0);
  private queue: Promise<void> = Promise.resolve();
  private tickPending = false;
  private readonly commands: RunCommands;
  /** The training budget: how far the runs may play (budgetKeeper.ts). */
  private readonly budget: BudgetKeeper;
  private readonly csv = new CsvSession();
  /** The runs of the latest configure, started or not (a run whose data is missing waits for it). */
  private wanted: RunConfig[] = [];
  /** The plane's grid resolution the page asked for (the lead session of every run draws it). */
  private gridSize = GRID_SIZE;
  /** The run whose per-unit view the page shows (its lead session measures it), or null. */
  private neuronView: RunId | null = null;
  private neuronUnit: { layer: number; unit: number } | null = null;
  private readonly data: DataAccess;
  /** This device's rate per backend, learnt from timed steps (deviceRate.ts): what heavy runs are estimated at. */
  private readonly rates: DeviceRates;
  /** A heavy run's cost and first tick, a dominating penalty, a lockstep wait (runNotices.ts). */
  private readonly notices: RunNotices;
  /** Between two slices of work: lets the worker's messages in (slices.ts; tests deliver their own). */
  private readonly yieldToMessages: () => Promise<void>;
  private readonly evaluationChunkRows: number | undefined;
  private readonly stepSliceSteps: number | undefined;
  /** Commands that queue work or pause, as counted by handle(): a tick sees whether one came in between its slices. */
  private commandCount = 0;
  /**
   * The host's own counts (tests read them): slices yielded, evaluations dropped for a command (before they began,
   * or `cancelledEvaluations`: between two of their row chunks), commands taken mid-tick, heavy runs' evaluations
   * put off (runNotices.deferEvaluation), and the steps' and diagnoses' slices (stepRounds.ts RoundCounters).
   */
  readonly counters = { slices: 0, skippedEvaluations: 0, cancelledEvaluations: 0, commandsMidTick: 0, deferredEvaluations: 0, stepSlices: 0, stoppedTicks: 0, diagnosisPieces: 0, abandonedDiagnoses: 0 };
  private inTick = false;
  /** simulateDeviceLoss `mid-tick`: the device is destroyed at the next readback point (fireArmedLoss). */
  private lossArmed = false;
  /** The runs a backend move carries, until every one has started on the new backend. */
  private carrying: { runId: RunId; config: ExperimentConfig; state: CarriedRun }[] | null = null;
  /** Between two slices of work: lets the worker's messages (commands) in. */
  private readonly slice: Slice = async () => {
    this.counters.slices += 1;
    await this.yieldToMessages();
  };

  constructor(
    private readonly post: Post,
    private readonly backends: BackendPort,
    readShipped: ShippedReader = noShippedFiles,
    options: HostOptions = {},
  ) {
    this.yieldToMessages = options.yieldToMessages ?? messageLoopYield;
    this.evaluationChunkRows = options.evaluationChunkRows;
    this.stepSliceSteps = options.stepSliceSteps;
    this.rates = options.rates ?? new DeviceRates();
    this.notices = new RunNotices(post, this.rates);
    this.commands = new RunCommands(post);
    this.budget = new BudgetKeeper(post, (notice) => this.notify(notice));
    this.data = { readShipped, customData: () => this.csv.current };
  }

  handle(command: WorkerCommand): void {
    if (command.type !== 'play' && command.type !== 'cancelRangeTest' && command.type !== 'gridSize' && command.type !== 'neuronView') {
      this.commandCount += 1;
      if (this.inTick) this.counters.commandsMidTick += 1;
    }
    switch (command.type) {
      case 'configure':
        this.enqueue(() => this.runStates.resuming(command.resume, () => this.configure(command.runs)));
        return;
      case 'play':
        if (!this.playing) {
          // The first tick after Play is undiagnosed (as if the last one had been), so the step count moves at once:
          // a diagnosed step runs on the plain path, whose shaders WebGPU compiles on first use (3–6 s on a software GPU).
          this.groups.forEach((group) => {
            group.halted = false;
            group.diagnosedLastTick = true;
          });
          this.setPlaying(true);
          this.pacer.restart();
          this.groups.forEach((group) => group.rate.clear());
          this.scheduleTick(0);
        }
        return;
      case 'pause':
        this.setPlaying(false);
        this.showPicturesAsTheyStand();
        return;
      case 'step':
        this.setPlaying(false);
        this.enqueue(() => this.tick(1, command.requestId ?? null));
        return;
      case 'reset':
        this.setPlaying(false);
        this.enqueue(async () => {
          this.budget.clear();
          for (const group of this.orderedGroups()) await this.startGroup(group.runId, group.config);
        });
        return;
      case 'rangeTest':
      case 'measureCost':
        this.setPlaying(false);
        this.enqueue(async () => {
          const group = this.groups.get(command.runId);
          if (group) await (command.type === 'rangeTest' ? this.rangeTest(group) : this.commands.measureCost(group, this.backend ?? 'cpu'));
        });
        return;
      case 'cancelRangeTest':
        this.commands.cancelRangeTest();
        return;
      case 'gridSize':
        this.enqueue(async () => {
          this.gridSize = Math.max(8, Math.min(FINE_GRID_SIZE, Math.round(command.size)));
          this.groups.forEach((group) => group.lead.session.setGridSize(this.gridSize));
        });
        return;
      case 'neuronView':
        this.enqueue(async () => {
          const before = this.neuronView;
          this.neuronView = command.runId;
          this.neuronUnit = command.unit ?? null;
          this.groups.forEach((group) => group.lead.session.setNeuronView(group.runId === command.runId, this.neuronUnit));
          // Paused, the view would stay empty until the next step: show the run as it stands (as pause does).
          const group = command.runId === null ? undefined : this.groups.get(command.runId);
          if (!group || command.runId === before || this.playing) return;
          const evaluations = await group.evaluateAll(this.slice);
          if (evaluations) this.postTick(group, evaluations, 0, null, null);
        });
        return;
      case 'loadCsv':
      case 'chooseCsvColumns':
        this.enqueue(async () => {
          const event = command.type === 'loadCsv' ? this.csv.load(command.fileName, command.bytes, command.dropMissing) : this.csv.chooseColumns(command.label, command.features);
          this.post(event);
          if (event.type !== 'csvLoaded') return;
          // Runs on the CSV data restart on the new examples.
          for (const { runId, config } of this.wanted) if (config.dataset === 'custom') await this.startGroup(runId, config);
        });
        return;
      case 'exportRun':
        this.enqueue(() => this.exportRun(command.runId, command.steps));
        return;
      case 'exportConfig':
        this.enqueue(async () => {
          const { event, transfer } = await configExportEvent(command.requestId, command.config, command.steps, this.data);
          this.post(event, transfer);
        });
        return;
      case 'simulateDeviceLoss':
        if (command.when === 'mid-tick') {
          this.lossArmed = true;
          return;
        }
        this.enqueue(async () => {
          if (!this.backends.destroyDevice()) this.notify({ code: 'no-device' });
        });
        return;
    }
  }

  /**
   * Automation hook (simulateWorkerFault 'stall'): the work queue awaits a promise that never settles, as a
   * training loop stuck on a readback would; pings are still answered (worker.ts), no tick comes again.
   */
  simulateStall(): void {
    this.enqueue(() => new Promise<void>(() => undefined));
  }

  /** Resolves when every command and tick queued so far has run (for tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(task)
      .then(() => this.runStates.offer(this.orderedGroups(), this.pacing, this.playing))
      .catch((error: unknown) => this.recoverOrFail(error))
      .catch((error: unknown) => this.fail(error));
  }

  /**
   * Work that failed because the WebGPU device was lost under it (a readback of a tick, an evaluation, a
   * range test: "Failed to execute 'mapAsync'") recovers as a loss between ticks does; anything else stops
   * training with its message.
   */
  private async recoverOrFail(error: unknown): Promise<void> {
    const reason = await this.deviceLossBehind();
    if (reason === null) return this.fail(error);
    await this.recoverFromDeviceLoss(reason, 'tick');
  }

  /** Why the device the current work ran on was lost, or null when it was not (or the runs already moved). */
  private async deviceLossBehind(): Promise<string | null> {
    const generation = this.backendGeneration;
    if (this.backend !== 'webgpu') return null;
    const reason = await lostDeviceReason(this.backends, LOST_GRACE_MS);
    return generation === this.backendGeneration ? reason : null;
  }

  /** The automation hook's loss (simulateDeviceLoss `mid-tick`), at the first readback point after it was armed. */
  private fireArmedLoss(): void {
    if (!this.lossArmed) return;
    this.lossArmed = false;
    if (!this.backends.destroyDevice()) this.notify({ code: 'no-device' });
  }

  private orderedGroups(): RunGroup[] {
    return this.order.map((id) => this.groups.get(id)).filter((g): g is RunGroup => g !== undefined);
  }

  private setPlaying(playing: boolean): void {
    if (this.playing === playing) return;
    this.playing = playing;
    this.post({ type: 'playing', playing });
  }

  /** A fact for the page to word (state/runMessages.ts); the worker writes no sentences. */
  private notify(notice: Notice, runId: RunId | null = null): void {
    this.post({ type: 'notice', runId, notice });
  }

  /** The whole experiment: runs to start, to change live, to restart, to remove; and the shared settings. */
  private async configure(candidates: RunConfig[]): Promise<void> {
    const runs = candidates.map(({ runId, config }) => {
      const { config: clean, problems } = sanitizeConfig(config);
      problems.forEach((p) => this.notify({ code: 'config-problem', field: p.field, message: p.message }, runId));
      return { runId, config: clean };
    });
    if (runs.length === 0) return;
    const shared = runs[0].config;
    this.pacer.stepsPerSecond = shared.speed;
    this.pacing = shared.pacing;
    this.budget.configure(shared);
    const recalled = this.calibrator.recall(shared);
    if (this.backendChoice === null) {
      await this.useBackend(shared.backend, false);
    } else if (this.backendChoice !== shared.backend || (recalled !== null && recalled.pick !== this.backend)) {
      await this.moveToBackend(shared.backend, false);
    }
    const wanted = new Set(runs.map((r) => r.runId));
    for (const [runId, group] of this.groups) {
      if (wanted.has(runId)) continue;
      group.dispose();
      this.groups.delete(runId);
      this.post({ type: 'runRemoved', runId });
    }
    for (const { runId, config } of runs) {
      const group = this.groups.get(runId);
      if (!group || isStructuralChange(group.config, config)) await this.startGroup(runId, config);
      else group.updateSettings(config);
    }
    this.wanted = runs;
    this.order = runs.map((r) => r.runId);
    // `auto`: a new shape's paths are measured on scratch copies once its runs are shown (calibration.ts).
    const calibrated = await calibrateFor(this.calibrator, shared, this.backends, this.data, this.slice, this.backend);
    if (calibrated !== null) {
      // The measured pick supersedes a fallback said before it (the backend's tooltip gives the rates).
      this.post({ type: 'clearStatus', code: 'backend-fallback', runId: null });
      await (calibrated.pick === this.backend ? this.useBackend('auto', false) : this.moveToBackend('auto', false));
    }
    if (this.backend === 'webgpu' || this.backend === 'webgl') await this.warmUp();
    this.notices.reportLockstepWait(this.pacing, this.orderedGroups(), this.backend ?? 'cpu');
  }

  /**
   * Compiles, before Play, the pipelines the runs' ticks will use (warmUp.ts); Play pressed meanwhile ends it, so
   * the first tick waits for one scratch step at most. A failure here (a lost device) is left to the live runs,
   * whose next tick meets it and recovers as usual.
   */
  private async warmUp(): Promise<void> {
    for (const group of this.orderedGroups()) {
      if (group.heavy) continue;
      try {
        if (this.playing) return;
        await this.warmer.warm(group.config, this.backendGeneration, this.data, this.slice, () => this.playing);
      } catch {
        return;
      }
    }
  }

  private async useBackend(choice: ExperimentConfig['backend'], avoidWebGpu: boolean): Promise<void> {
    const selection = await this.calibrator.select(this.backends, avoidWebGpu && choice === 'webgpu' ? 'auto' : choice, avoidWebGpu ? ['webgpu'] : []);
    this.backend = selection.backend;
    this.backendChoice = choice;
    const generation = ++this.backendGeneration;
    this.post({ type: 'backend', backend: selection.backend, detail: selection.detail, fallbackReason: selection.fallbackReason });
    if (selection.fallbackReason) this.notify({ code: 'backend-fallback', backend: selection.backend, reason: selection.fallbackReason });
    // Between ticks; a loss under work in flight is recovered by that work's failure (recoverOrFail) first.
    this.backends.deviceLost()?.then((reason) => {
      this.enqueue(() => (generation === this.backendGeneration ? this.recoverFromDeviceLoss(reason, null) : Promise.resolve()));
    });
  }

  /**
   * A new run from its seed(s): fresh data, fresh weights, step 0. When its data cannot be had (a CSV link
   * opened without the file, a data file that does not load), the status says why and the run waits: the
   * other runs go on.
   */
  private async startGroup(runId: RunId, config: ExperimentConfig): Promise<void> {
    this.groups.get(runId)?.dispose();
    this.groups.delete(runId);
    let group: RunGroup;
    try {
      group = await RunGroup.create(runId, config, this.data);
      group.members.forEach((loop) => (loop.evaluationChunkRows = this.evaluationChunkRows));
      this.post({ type: 'clearStatus', code: 'data-unavailable', runId });
    } catch (error) {
      if (!(error instanceof DataUnavailable) && !(error instanceof Error && error.message.startsWith('shipped data:'))) throw error;
      this.notify({ code: 'data-unavailable', dataset: config.dataset, reason: error.message }, runId);
      return;
    }
    const resumed = await this.runStates.take(runId, group, (notice) => this.notify(notice, runId));
    group.lead.session.setGridSize(this.gridSize);
    group.lead.session.setNeuronView(this.neuronView === runId, this.neuronUnit);
    const { dataset } = group.lead.session;
    const points = planePoints(dataset);
    const gallery = galleryOf(dataset, GALLERY_SIZE);
    const transfer = [points.train, points.test].flatMap((p) => (p ? [p.inputs.buffer, p.targets.buffer] : []));
    if (gallery) transfer.push(gallery.images.buffer);
    this.post(
      { type: 'run', runId, problem: dataset.problem, ...points, gallery, parameterCount: group.lead.session.layout.parameterCount, seeds: group.members.map((_, i) => config.seed + i), ...(resumed ? { resumedAt: resumed.step } : {}) },
      transfer,
    );
    // What it will cost, said before the untrained network's evaluation (itself heavy for a big network).
    this.notices.announceCost(group, this.backend ?? 'cpu');
    const total = group.members.length;
    const progress = (done: number): void => {
      if (group.heavy) this.notify({ code: 'heavy-progress', stage: 'start', done, total }, runId);
    };
    progress(0);
    // The worker's messages come in before the (perhaps long) first evaluation, so that a pause pressed while
    // several heavy runs start takes effect at once: a slow evaluation is not timed again, so no slice came
    // between two runs' starts (8 MNIST runs of 8x1024: Pause took 23 s to show).
    await this.slice();
    const evaluations = await group.startMembers(resumed?.carried, this.slice, progress);
    this.groups.set(runId, group);
    if (!this.order.includes(runId)) this.order.push(runId);
    this.postTick(group, evaluations, 0, null, null);
    // Messages about the previous weights of this run no longer apply.
    this.post({ type: 'clearStatus', code: 'diverged', runId });
    this.notices.reportPenalty(group);
    const trainCount = dataset.train.count;
    if (trainCount < config.batchSize) this.notify({ code: 'batch-clipped', batchSize: config.batchSize, trainCount }, runId);
  }

  private async exportRun(runId: RunId, steps: number): Promise<void> {
    const wanted = this.wanted.find((run) => run.runId === runId);
    const progress = (done: number, total: number): void => this.post({ type: 'runExportProgress', runId, done, total });
    const { event, transfer } = wanted ? await runExportEvent(runId, wanted.config, steps, this.data, progress) : { event: { type: 'runExport' as const, runId, payload: null, error: 'There is no such run.' }, transfer: [] };
    this.post(event, transfer);
  }

  /** Carries every run (weights, optimizer state, counters) to another backend: same runs, same charts. */
  private async moveToBackend(choice: ExperimentConfig['backend'], avoidWebGpu: boolean): Promise<number> {
    // A move that a lost device interrupts leaves its carried runs for the recovery's move (not the few it restarted).
    // In lockstep every run goes on from the step all of them read back (a loss between two runs' readbacks
    // would leave them apart); in equal time each from its own.
    const groups = this.orderedGroups();
    const readBack = groups.map((group) => group.readBackStep);
    const common = this.pacing === 'lockstep' && readBack.every((step) => step !== null) ? Math.min(...(readBack as number[])) : undefined;
    const carried = this.carrying ?? groups.map((group) => ({ runId: group.runId, config: group.config, state: group.carry(common) }));
    this.carrying = carried;
    this.groups.forEach((group) => group.dispose());
    this.groups.clear();
    await this.useBackend(choice, avoidWebGpu);
    for (const { runId, config, state } of carried) {
      const { group, evaluations } = await RunGroup.start(runId, config, this.data, state);
      group.lead.session.setGridSize(this.gridSize);
      group.lead.session.setNeuronView(this.neuronView === runId, this.neuronUnit);
      this.groups.set(runId, group);
      this.postTick(group, evaluations, 0, null, null);
    }
    this.carrying = null;
    return carried[0]?.state.snapshots[0]?.stepCount ?? 0;
  }

  /**
   * Moves every run to the next backend from its last snapshot (read back before the loss) and goes on as
   * before: playing, or paused. `during`: the work the loss interrupted (null between ticks).
   */
  private async recoverFromDeviceLoss(reason: string, during: 'tick' | 'range-test' | null): Promise<void> {
    const wasPlaying = this.playing;
    this.setPlaying(false);
    const enqueued = this.orderedGroups()[0]?.lead.session.stepCount ?? 0;
    const step = await this.moveToBackend(this.backendChoice ?? 'auto', true);
    if (during === null) this.notify({ code: 'device-lost', reason, backend: this.backend, step });
    else this.notify({ code: 'device-lost-mid-tick', reason, backend: this.backend, step, droppedSteps: Math.max(0, enqueued - step), during });
    if (wasPlaying) this.handle({ type: 'play' });
  }

  /**
   * The range test (runCommands.ts); when the device is lost during it, the run is restored on the next
   * backend from its last snapshot and the sweep runs again there, from the start.
   */
  private async rangeTest(group: RunGroup): Promise<void> {
    try {
      await this.commands.rangeTest(group, () => this.fireArmedLoss());
      return;
    } catch (error) {
      const reason = await this.deviceLossBehind();
      if (reason === null) return this.fail(error);
      await this.recoverFromDeviceLoss(reason, 'range-test');
    }
    const moved = this.groups.get(group.runId);
    if (moved) await this.commands.rangeTest(moved);
  }

  private scheduleTick(delayMs: number): void {
    if (this.tickPending) return;
    this.tickPending = true;
    setTimeout(() => {
      this.tickPending = false;
      if (this.playing) this.enqueue(() => this.tick(null, null));
    }, delayMs);
  }

  /**
   * One tick over every running run: `fixedSteps` each (a step command; every run, halted or not), or as many
   * as the pacing, the tick budget and the speed cap allow.
   */
  private async tick(fixedSteps: number | null, requestId: number | null): Promise<void> {
    if (fixedSteps === null && !this.playing) return;
    const candidates = this.orderedGroups().filter((group) => fixedSteps !== null || !group.halted);
    // Playing, no run steps past the training budget; a run at it is halted (Step, by hand, is not held).
    const active = fixedSteps === null ? this.budget.runnable(candidates) : candidates;
    if (active.length === 0) {
      if (candidates.length > 0) {
        this.setPlaying(false);
        this.budget.reached(this.orderedGroups());
      }
      return;
    }
    if (fixedSteps === null) this.notices.reportLockstepWait(this.pacing, active, this.backend ?? 'cpu');
    const now = performance.now();
    let plan = active.map(() => fixedSteps ?? 1);
    if (fixedSteps === null) {
      const evaluationMs = active.reduce((sum, group) => sum + group.members.reduce((s, loop) => s + loop.evaluationCost.lossMs, 0), 0);
      plan = this.budget.cap(planTick(active.map((g) => ({ msPerStep: g.msPerStep, lastSteps: g.lastSteps })), this.pacing, tickBudgetMs({ lossMs: evaluationMs, gridMs: 0 })), active);
      const paced = this.pacer.take(now, Math.max(...plan));
      if (paced.steps === 0) {
        this.scheduleTick(Math.min(paced.waitMs, 100));
        return;
      }
      if (paced.steps < Math.max(...plan)) plan = this.budget.cap(paceTick(paced.steps, this.pacing, active), active);
    }
    this.budget.clear();
    // Slices: every run's steps in rounds of sub-slices (stepRounds.ts), then every run's evaluation (one or more
    // slices per seed), with the worker's messages let in between. A command that comes in stops the steps at the
    // end of a round (the runs stay in lockstep) and drops the evaluations still to come, so a pause, a reset or a
    // removed run waits for a round of sub-slices, a piece of a diagnosis or a chunk of an evaluation, not a tick.
    const commands = this.commandCount;
    this.inTick = true;
    try {
      const stepped = active.flatMap((group, i) => {
        // A speed cap may leave a costlier run no whole step this tick (equal time): it steps in a later one.
        if (plan[i] === 0) return [];
        if (fixedSteps !== null) group.halted = false;
        const withGrid = fixedSteps !== null || now - group.lastGridAt >= gridIntervalMs(group.lead.evaluationCost);
        if (withGrid) group.lastGridAt = now;
        const diagnosisInterval = Math.max(DIAGNOSTICS_INTERVAL_MS, DIAGNOSIS_SHARE * group.lead.diagnosisMs);
        // Never two diagnosed ticks in a row while playing: the undiagnosed ones measure what a step costs. Nor a
        // heavy run's first tick (a diagnosis costs a few steps more): it measures the device's rate first.
        const diagnose = fixedSteps !== null || (!group.firstTickPending && !group.diagnosedLastTick && now - group.lastDiagnosedAt >= diagnosisInterval);
        group.diagnosedLastTick = diagnose;
        if (diagnose) group.lastDiagnosedAt = now;
        return [{ group, withGrid, diagnose, steps: plan[i] }];
      });
      stepped.forEach(({ group }) => this.notices.firstTickProgress(group, 'step'));
      await stepInRounds(stepped, this.slice, () => fixedSteps === null && this.commandCount !== commands, this.counters, this.stepSliceSteps);
      for (const { group, withGrid } of stepped) {
        await this.slice();
        if (fixedSteps === null && this.commandCount !== commands) {
          group.skipEvaluation();
          this.counters.skippedEvaluations += 1;
          continue;
        }
        if (fixedSteps === null && deferEvaluation(this.pacing, active.length, group)) {
          group.skipEvaluation();
          this.counters.deferredEvaluations += 1;
          continue;
        }
        this.notices.firstTickProgress(group, 'evaluate');
        this.fireArmedLoss();
        // The evaluation runs in row chunks with a slice between two (evaluationChunks.ts): a command that comes in
        // there drops it, so Pause waits for a chunk (~0.1 GFLOP), not a whole heavy evaluation (issue 21).
        const outcome = await group.finishTick(withGrid, this.slice, () => fixedSteps === null && this.commandCount !== commands);
        if (outcome.kind === 'cancelled') {
          this.counters.skippedEvaluations += 1;
          this.counters.cancelledEvaluations += 1;
          continue;
        }
        group.stepsSinceEvaluation = 0;
        await this.finishGroupTick(group, outcome, fixedSteps, requestId);
      }
    } finally {
      this.inTick = false;
    }
    if (fixedSteps === null) this.budget.afterTick(this.orderedGroups());
    if (this.orderedGroups().every((group) => group.halted)) {
      const stoppedHere = this.playing;
      this.setPlaying(false);
      if (stoppedHere) this.showPicturesAsTheyStand();
    }
    if (this.playing) this.scheduleTick(0);
  }

  /**
   * The pictures (plane, gallery, confusion matrix) refresh less often than the losses (gridIntervalMs): once
   * training stops (Pause, or every run halted at the budget or a schedule's end), show them as the runs stand,
   * so a stopped page agrees with itself.
   */
  private showPicturesAsTheyStand(): void {
    this.enqueue(async () => {
      // One group a slice; a command that comes in meanwhile (reset, remove) goes first, and shows its own.
      const commands = this.commandCount;
      for (const [i, group] of this.orderedGroups().entries()) {
        if (i > 0) await this.slice();
        if (this.commandCount !== commands) return;
        // In row chunks (evaluationChunks.ts) with slices between, not cancelled there: a command that needs no
        // evaluation of its own (a hot setting, an export) must not leave the page without the stopped state.
        const evaluations = await group.evaluateAll(this.slice);
        if (evaluations) this.postTick(group, evaluations, 0, null, null);
      }
    });
  }

  /** What a tick's evaluation tells: divergence, the run's new state, the penalty, a schedule's end. */
  private async finishGroupTick(group: RunGroup, outcome: Exclude<GroupTickOutcome, { kind: 'cancelled' }>, fixedSteps: number | null, requestId: number | null): Promise<void> {
    if (outcome.kind === 'diverged') {
      group.halted = true;
      group.divergedShown = true;
      this.post({ type: 'diverged', runId: group.runId, seed: outcome.seed, ...outcome.outcome.divergence });
      // The restored state may be older than the last tick the page shows: show it (on divergence only).
      const evaluations = await group.evaluateAll(this.slice);
      if (evaluations) this.postTick(group, evaluations, 0, null, requestId);
      return;
    }
    const stepMs = group.lead.lastStepsMs;
    const path = group.lead.session.kernelPath;
    if (stepMs !== null && this.backend) this.rates.observe(this.backend, path, sessionStepFlops(group.lead.session) * outcome.steps, stepMs);
    // A heavy run's cost, said at an assumed rate, is said again once a step has measured this device's.
    if (group.heavy && !group.heavy.rateMeasured && this.rates.rate(group.heavy.backend, path).measured) this.notices.announceCost(group, group.heavy.backend, false);
    const stepsPerSecond = group.rate.perSecond(performance.now());
    this.postTick(group, outcome.evaluations, stepsPerSecond, fixedSteps === null ? group.lead.reportedMsPerStep : null, requestId);
    if (group.divergedShown) {
      group.divergedShown = false;
      this.post({ type: 'clearStatus', code: 'diverged', runId: group.runId });
    }
    this.notices.reportPenalty(group);
    const ended = outcome.evaluations[0].scheduleEnded;
    if (ended) {
      group.halted = true;
      this.notify({ code: 'schedule-ended', schedule: group.config.schedule, atStep: ended.atStep, learningRate: ended.learningRate }, group.runId);
    }
  }

  private postTick(group: RunGroup, evaluations: Evaluation[], stepsPerSecond: number, msPerStep: number | null, requestId: number | null): void {
    const lead = evaluations[0];
    if (group.firstTickPending && lead.step > 0) {
      // The first tick is done: its progress goes.
      group.firstTickPending = false;
      this.post({ type: 'clearStatus', code: 'heavy-progress', runId: group.runId });
    }
    const { grid, gallery, confusion, correct } = lead;
    this.post(
      {
        type: 'tick',
        runId: group.runId,
        ...tickMetric(evaluations, group.trainingMs),
        grid,
        gridSize: lead.gridSize,
        gallery,
        confusion,
        correct,
        stepsPerSecond,
        algorithm: group.config.algorithm,
        msPerStep,
        diagnostics: lead.diagnostics,
        probes: combineSeedReadings(PROBE_DECLARATIONS, evaluations.map((e) => e.probes)),
        neurons: lead.neurons ?? null,
        kernelPath: group.lead.session.kernelPath,
        requestId,
        rates: lead.rates,
      },
      [...[grid, gallery, confusion, correct].flatMap((values) => (values ? [values.buffer] : [])), ...neuronsTransfer(lead.neurons ?? null)],
    );
  }

  private fail(error: unknown): void {
    this.carrying = null;
    this.setPlaying(false);
    this.notify({ code: 'worker-error', message: error instanceof Error ? error.message : String(error) });
  }
}
