/**
 * The training worker's logic, importable anywhere (Node tests included): a map of keyed runs on one backend,
 * their steps interleaved tick by tick (lockstep or equal time, engine/pacing.ts), behind the typed protocol.
 * Commands and ticks run one after another on a single promise chain (workQueue.ts), so a reconfiguration never
 * lands in the middle of a tick. The worker entry (worker.ts) binds one host to the worker's scope; tests give it a
 * `post` function and a CPU-only backend. The host handles the messages and composes its parts: the runs
 * (runTable.ts), the backend and device-loss recovery (backendMoves.ts), the ticks (tickLoop.ts) with their plan
 * (tickPlan.ts) and events (tickReports.ts), the data and exports (runData.ts).
 */
import { isStructuralChange, sanitizeConfig, type ExperimentConfig } from '../config/experiment';
import type { Pacing } from '../engine/pacing';
import { StepPacer } from '../engine/stepPacer';
import { RunCommands } from './runCommands';
import { BudgetKeeper } from './budgetKeeper';
import type { RunId } from './runGroup';
import type { Notice, RunConfig, WorkerCommand, WorkerEvent } from './protocol';
import type { BackendPort } from './backendPort';
import { NoBackendError } from './backendFacts';
import { CalibrationInterrupted, Calibrator, calibrateFor, type Calibration } from './calibration';
import { PipelineWarmer } from './warmUp';
import { SLOW_STEP_MS } from '../engine/cost';
import type { DataAccess } from '../engine/data/dataSources';
import { DeviceRates } from './deviceRate';
import { RunNotices } from './runNotices';
import { yieldToMessages as messageLoopYield } from '../engine/yieldToMessages';
import type { Slice } from '../engine/trainingLoop';
import { RunStates } from './runResume';
import { BackendMoves } from './backendMoves';
import { TickReports } from './tickReports';
import { RunTable } from './runTable';
import { WorkQueue } from './workQueue';
import { TickLoop, type HostCounters } from './tickLoop';
import { noShippedFiles, RunData, type ShippedReader } from './runData';

export type { ShippedReader };

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
  /** The runs, their order and the page's view settings on them; starting and removing them (runTable.ts). */
  private readonly runs: RunTable;
  private readonly calibrator = new Calibrator();
  /** The runs' backend, its moves and device-loss recovery (backendMoves.ts). */
  private readonly moves: BackendMoves;
  /** The runs' states, sent to the page now and then and taken back by a new worker (runResume.ts). */
  private readonly runStates = new RunStates((event, transfer) => this.post(event, transfer));
  /** Compiles a new shape's WebGPU pipelines before Play (warmUp.ts); tests read its count. */
  readonly warmer = new PipelineWarmer();
  private pacing: Pacing = 'lockstep';
  private playing = false;
  /** Play cut the latest `auto` calibration short: it is measured once playing stops (setPlaying, calibrate). */
  private calibrationCutShort = false;
  private readonly pacer = new StepPacer(0);
  /** Commands and ticks, one after another (workQueue.ts). */
  private readonly work: WorkQueue;
  private readonly commands: RunCommands;
  /** The ticks: every running run's steps, evaluations and reports (tickLoop.ts). */
  private readonly ticks: TickLoop;
  /** The training budget: how far the runs may play (budgetKeeper.ts). */
  private readonly budget: BudgetKeeper;
  /** The shipped files and the page's CSV as the runs read them; the exports (runData.ts). */
  private readonly runData: RunData;
  /** The runs of the latest configure, started or not (a run whose data is missing waits for it). */
  private wanted: RunConfig[] = [];
  private readonly data: DataAccess;
  /** This device's rate per backend, learnt from timed steps (deviceRate.ts): what heavy runs are estimated at. */
  private readonly rates: DeviceRates;
  /** A heavy run's cost and first tick, a dominating penalty, a lockstep wait (runNotices.ts). */
  private readonly notices: RunNotices;
  /** The runs' `tick` events and what a tick's evaluation tells besides (tickReports.ts). */
  private readonly reports: TickReports;
  /** Between two slices of work: lets the worker's messages in (slices.ts; tests deliver their own). */
  private readonly yieldToMessages: () => Promise<void>;
  private readonly evaluationChunkRows: number | undefined;
  private readonly stepSliceSteps: number | undefined;
  /** The host's own counts (tests read them; tickLoop.ts HostCounters). */
  readonly counters: HostCounters = { slices: 0, skippedEvaluations: 0, cancelledEvaluations: 0, commandsMidTick: 0, deferredEvaluations: 0, calibrationsCutShort: 0, stepSlices: 0, stoppedTicks: 0, diagnosisPieces: 0, abandonedDiagnoses: 0 };
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
    this.work = new WorkQueue(
      () => this.runStates.offer(this.runs.ordered(), this.pacing, this.playing),
      (error) => this.moves.recoverOrFail(error),
      (error) => this.fail(error),
    );
    this.yieldToMessages = options.yieldToMessages ?? messageLoopYield;
    this.evaluationChunkRows = options.evaluationChunkRows;
    this.stepSliceSteps = options.stepSliceSteps;
    this.rates = options.rates ?? new DeviceRates();
    this.notices = new RunNotices(post, this.rates);
    this.commands = new RunCommands(post);
    this.budget = new BudgetKeeper(post, (notice) => this.notify(notice));
    this.runData = new RunData(post, readShipped);
    this.data = this.runData.access;
    this.reports = new TickReports(post, this.rates, this.notices, this.slice);
    const { data, evaluationChunkRows, runStates, notices, reports, slice } = this;
    this.runs = new RunTable({ post, data, evaluationChunkRows, runStates, notices, reports, slice, backend: () => this.moves.backend, playing: () => this.playing });
    this.moves = new BackendMoves(
      {
        data: this.data,
        pacing: () => this.pacing,
        runs: this.runs,
        post: (event) => this.post(event),
        notify: (notice) => this.notify(notice),
        enqueue: (task) => this.work.enqueue(task),
        isPlaying: () => this.playing,
        setPlaying: (playing) => this.setPlaying(playing),
        play: () => this.handle({ type: 'play' }),
        fail: (error) => this.fail(error),
      },
      backends,
      this.calibrator,
    );
    const { runs, budget, moves, warmer, work, pacer, counters, stepSliceSteps } = this;
    this.ticks = new TickLoop(
      { runs, budget, notices, reports, moves, warmer, work, pacer, counters, slice, stepSliceSteps },
      {
        pacing: () => this.pacing,
        playing: () => this.playing,
        setPlaying: (playing) => this.setPlaying(playing),
        showPicturesAsTheyStand: () => this.showPicturesAsTheyStand(),
      },
    );
  }

  handle(command: WorkerCommand): void {
    if (command.type !== 'play' && command.type !== 'cancelRangeTest' && command.type !== 'gridSize' && command.type !== 'neuronView') {
      this.work.noteCommand();
      if (this.ticks.running) this.counters.commandsMidTick += 1;
    }
    switch (command.type) {
      case 'configure': {
        // A run left out is removed (configure returns early on none: nothing removed).
        const kept = new Set(command.runs.map(({ runId }) => runId));
        const discards = (runId: RunId): boolean => command.runs.length > 0 && !kept.has(runId);
        this.work.enqueueCommand(() => this.runStates.resuming(command.resume, () => this.configure(command.runs)), discards);
        return;
      }
      case 'play':
        if (!this.playing) {
          // The first tick after Play is undiagnosed (as if the last one had been), so the step count moves at once:
          // a diagnosed step runs on the plain path, whose shaders WebGPU compiles on first use (3–6 s on a software GPU).
          // Nor does it draw the plane's grid (tickPlan.ts tickWork).
          this.runs.forEach((group) => {
            group.halted = false;
            group.diagnosedLastTick = true;
            group.gridHeldForPlay = true;
          });
          this.setPlaying(true);
          this.pacer.restart();
          this.runs.forEach((group) => group.rate.clear());
          this.ticks.scheduleTick(0);
        }
        return;
      case 'pause':
        this.setPlaying(false);
        this.showPicturesAsTheyStand();
        return;
      case 'step':
        this.setPlaying(false);
        this.work.enqueueCommand(() => this.ticks.tick(1, command.requestId ?? null));
        return;
      case 'reset':
        this.setPlaying(false);
        this.work.enqueueCommand(async () => {
          this.budget.clear();
          for (const group of this.runs.ordered()) await this.runs.start(group.runId, group.config);
        }, () => true);
        return;
      case 'rangeTest':
      case 'measureCost':
        this.setPlaying(false);
        this.work.enqueueCommand(async () => {
          const group = this.runs.get(command.runId);
          if (group) await (command.type === 'rangeTest' ? this.moves.rangeTest(this.commands, group) : this.commands.measureCost(group, this.moves.backend ?? 'cpu'));
        });
        return;
      case 'cancelRangeTest':
        this.commands.cancelRangeTest();
        return;
      case 'gridSize':
        this.work.enqueue(async () => this.runs.setGridSize(command.size));
        return;
      case 'neuronView':
        this.work.enqueue(async () => {
          const before = this.runs.setNeuronView(command.runId, command.unit ?? null);
          // Paused, the view would stay empty until the next step: show the run as it stands (as pause does).
          const group = command.runId === null ? undefined : this.runs.get(command.runId);
          if (!group || command.runId === before || this.playing) return;
          const evaluations = await group.evaluateAll(this.slice);
          if (evaluations) this.reports.postTick(group, evaluations, 0, null, null);
        });
        return;
      case 'loadCsv':
      case 'chooseCsvColumns':
        this.work.enqueueCommand(async () => {
          if (!this.runData.csvCommand(command)) return;
          // Runs on the CSV data restart on the new examples.
          for (const { runId, config } of this.wanted) if (config.dataset === 'custom') await this.runs.start(runId, config);
        });
        return;
      case 'exportRun':
        this.work.enqueue(() => this.runData.exportRun(command.runId, this.wanted.find((run) => run.runId === command.runId)?.config, command.steps));
        return;
      case 'exportConfig':
        this.work.enqueue(() => this.runData.exportConfig(command));
        return;
      case 'simulateDeviceLoss':
        if (command.when === 'mid-tick') {
          this.moves.armLoss();
          return;
        }
        this.work.enqueueCommand(async () => this.moves.destroyDevice());
        return;
    }
  }

  /**
   * Automation hook (simulateWorkerFault 'stall'): the work queue awaits a promise that never settles, as a
   * training loop stuck on a readback would; pings are still answered (worker.ts), no tick comes again.
   */
  simulateStall(): void {
    this.work.enqueue(() => new Promise<void>(() => undefined));
  }

  /** Resolves when every command and tick queued so far has run (for tests). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private setPlaying(playing: boolean): void {
    if (this.playing === playing) return;
    this.playing = playing;
    this.post({ type: 'playing', playing });
    // However playing stops (Pause, Step, a budget or schedule reached), a calibration Play cut short is done now.
    if (!playing && this.calibrationCutShort && this.wanted.length > 0) this.work.enqueue(async () => this.calibrate(this.wanted[0].config));
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
    if (this.moves.choice === null) {
      await this.moves.useBackend(shared.backend, false);
    } else if (this.moves.choice !== shared.backend || (recalled !== null && recalled.pick !== this.moves.backend)) {
      await this.moves.moveToBackend(shared.backend, false);
    }
    // On WebGPU a new shape's pipelines start compiling in parallel before its runs' first evaluation (warmUp.ts).
    if (this.warmer.compilesAhead()) await this.warmer.warmAhead(runs.map((run) => run.config), this.moves.generation, this.data);
    const wanted = new Set(runs.map((r) => r.runId));
    this.runs.retain(wanted);
    for (const { runId, config } of runs) {
      const group = this.runs.get(runId);
      if (!group || isStructuralChange(group.config, config)) await this.runs.start(runId, config);
      else group.updateSettings(config);
    }
    this.wanted = runs;
    this.runs.setOrder(runs.map((r) => r.runId));
    await this.calibrate(shared);
    if (this.moves.backend === 'webgpu' || this.moves.backend === 'webgl') await this.warmUp();
    this.notices.reportLockstepWait(this.pacing, this.runs.ordered(), this.moves.backend ?? 'cpu');
  }

  /**
   * `auto`: a new shape's paths are measured on scratch copies once its runs are shown (calibration.ts), and the
   * runs moved to the pick. Play pressed first cuts it short (issue 18 §3: the step count moves within 300 ms of
   * Play): the runs train on the backend the preference order gave them (backend.ts), and the measuring is done
   * once playing stops (a pause, a step, a budget reached), where a move to the pick lands between two steps the user chose, not at a step set by the
   * machine's timing.
   */
  private async calibrate(shared: ExperimentConfig): Promise<void> {
    let calibrated: Calibration | null;
    try {
      calibrated = await calibrateFor(this.calibrator, shared, this.backends, this.data, this.slice, this.moves.backend, () => this.playing);
    } catch (error) {
      if (!(error instanceof CalibrationInterrupted)) throw error;
      this.calibrationCutShort = true;
      this.counters.calibrationsCutShort += 1;
      return;
    }
    this.calibrationCutShort = false;
    if (calibrated === null) return;
    // The measured pick supersedes a fallback said before it (the backend's tooltip gives the rates).
    this.post({ type: 'clearStatus', code: 'backend-fallback', runId: null });
    await (calibrated.pick === this.moves.backend ? this.moves.useBackend('auto', false) : this.moves.moveToBackend('auto', false));
  }

  /**
   * Compiles, before Play, the pipelines the runs' ticks will use (warmUp.ts); Play pressed meanwhile ends it, so
   * the first tick waits for one scratch step at most. A failure here (a lost device) is left to the live runs,
   * whose next tick meets it and recovers as usual.
   */
  private async warmUp(): Promise<void> {
    for (const group of this.runs.ordered()) {
      // A heavy run is not warmed, but on WebGL one heavy only by its evaluation (whose programs its first evaluation
      // compiled) warms its step: the paper scene's backprop run compiled its backward pass on its first tick after
      // Play, 0.4–1.2 s on SwiftShader with a core busy (bench/play-to-first-step.ts). WebGPU's fused pipelines compile ahead.
      const { heavy } = group;
      if (heavy && (heavy.stepMs > SLOW_STEP_MS || this.moves.backend !== 'webgl')) continue;
      try {
        if (this.playing) return;
        await this.warmer.warm(group.config, this.moves.generation, this.data, this.slice, () => this.playing, heavy !== null);
      } catch {
        return;
      }
    }
  }

  /**
   * The pictures (plane, gallery, confusion matrix) refresh less often than the losses (gridIntervalMs): once
   * training stops (Pause, or every run halted at the budget or a schedule's end), show them as the runs stand,
   * so a stopped page agrees with itself.
   */
  private showPicturesAsTheyStand(): void {
    this.work.enqueue(async () => {
      // One group a slice; a command that comes in meanwhile (pause, reset, remove) goes first, and shows its own.
      const commands = this.work.mark();
      for (const [i, group] of this.runs.ordered().entries()) {
        if (i > 0) await this.slice();
        // Play drops it: the ticks show the runs again (eight heavy runs' pause evaluations held Play for 40 s).
        if (this.playing) return;
        // A command queued before it began goes first, and the pictures come after it (issue 21 item 3).
        if (this.work.commandWaiting) {
          this.showPicturesAsTheyStand();
          return;
        }
        if (this.work.commandsSince(commands)) return;
        // In row chunks (evaluationChunks.ts) with slices between, not cancelled there by a command: one that needs
        // no evaluation of its own (a hot setting, an export) must not leave the page without the stopped state.
        const evaluations = await group.evaluateAll(this.slice, () => this.playing);
        if (evaluations) this.reports.postTick(group, evaluations, 0, null, null);
      }
    });
  }

  private fail(error: unknown): void {
    this.moves.dropCarried();
    this.setPlaying(false);
    if (error instanceof NoBackendError) this.notify({ code: 'no-backend', skipped: error.skipped });
    else this.notify({ code: 'worker-error', message: error instanceof Error ? error.message : String(error) });
  }
}
