/**
 * The training worker: one TrainingSession at a time behind the typed protocol. Commands and training ticks
 * run one after another on a single promise chain, so a reconfiguration never lands in the middle of a tick.
 */
import { sanitizeConfig, isStructuralChange, type ExperimentConfig } from '../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { pointCount } from '../engine/data/dataset';
import { ALGORITHMS, GRID_SIZE, TrainingSession, type AlgorithmName, type Evaluation, type SessionSnapshot } from '../engine/session';
import { runRangeTest } from '../engine/lrfinder/rangeTest';
import { gridIntervalMs, StepPacer, stepsForTick, tickBudgetMs, TrainingLoop } from '../engine/trainingLoop';
import type { PenaltyDominance } from '../engine/train/regularization';
import { BACKEND_NAMES, destroyDevice, deviceLost, selectBackend } from './backend';
import type { BackendName, MetricPoint, StatusLevel, WorkerCommand, WorkerEvent } from './protocol';
import { RateMeter } from './rateMeter';

interface WorkerScope {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerCommand>) => void) | null;
}
const scope = self as unknown as WorkerScope;


/** Per-layer targets are taken from one step this often while playing. */
const DIAGNOSTICS_INTERVAL_MS = 250;

function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

function status(level: StatusLevel, code: string, text: string): void {
  post({ type: 'status', level, code, text });
}

function clearStatus(code: string): void {
  post({ type: 'clearStatus', code });
}

/** A ratio as a reader wants it: "37", "2.4". */
function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2);
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);
}

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}

class TrainingHost {
  private config: ExperimentConfig | null = null;
  private backend: BackendName | null = null;
  private backendGeneration = 0;
  private loop: TrainingLoop | null = null;
  private runId = 0;
  private playing = false;
  private trainingMs = 0;
  private lastGridAt = 0;
  private lastDiagnosedAt = 0;
  private readonly rate = new RateMeter(2000);
  private readonly pacer = new StepPacer(0);
  private queue: Promise<void> = Promise.resolve();
  private tickPending = false;
  private rangeTestCancelled = false;
  /** Whether the 'diverged' message is up; the next healthy tick takes it down. */
  private divergedShown = false;
  /** The penalty and rate the 'penalty' warning names, while it is up. */
  private penaltyShown: PenaltyDominance | null = null;

  handle(command: WorkerCommand): void {
    switch (command.type) {
      case 'configure':
        this.enqueue(() => this.configure(command.config));
        return;
      case 'play':
        if (!this.playing) {
          this.setPlaying(true);
          this.pacer.restart();
          this.rate.clear();
          this.scheduleTick(0);
        }
        return;
      case 'pause':
        this.setPlaying(false);
        return;
      case 'step':
        this.setPlaying(false);
        this.enqueue(() => this.tick(1, true, command.requestId ?? null));
        return;
      case 'reset':
        this.setPlaying(false);
        this.enqueue(() => this.newRun());
        return;
      case 'rangeTest':
        this.setPlaying(false);
        this.rangeTestCancelled = false;
        this.enqueue(() => this.rangeTest());
        return;
      case 'cancelRangeTest':
        this.rangeTestCancelled = true;
        return;
      case 'measureCost':
        this.setPlaying(false);
        this.enqueue(() => this.measureCost());
        return;
      case 'simulateDeviceLoss':
        this.enqueue(async () => {
          if (!destroyDevice()) status('warning', 'no-device', 'There is no WebGPU device to lose on this backend.');
        });
        return;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => this.fail(error));
  }

  private setPlaying(playing: boolean): void {
    if (this.playing === playing) return;
    this.playing = playing;
    post({ type: 'playing', playing });
  }

  private async configure(candidate: ExperimentConfig): Promise<void> {
    const { config, problems } = sanitizeConfig(candidate);
    problems.forEach((p) => status('warning', `config-${p.field}`, p.message));
    const previous = this.config;
    this.config = config;
    this.pacer.stepsPerSecond = config.speed;
    if (previous === null) {
      await this.useBackend(config.backend, false);
      await this.newRun();
    } else if (previous.backend !== config.backend) {
      await this.moveToBackend(config.backend, false);
    } else if (isStructuralChange(previous, config)) {
      await this.newRun();
    } else {
      this.loop?.session.updateSettings(trainingSettingsOf(config));
    }
  }

  private async useBackend(choice: ExperimentConfig['backend'], avoidWebGpu: boolean): Promise<void> {
    const selection = await selectBackend(avoidWebGpu && choice === 'webgpu' ? 'auto' : choice, avoidWebGpu ? ['webgpu'] : []);
    this.backend = selection.backend;
    const generation = ++this.backendGeneration;
    post({ type: 'backend', backend: selection.backend, detail: selection.detail, fallbackReason: selection.fallbackReason });
    if (selection.fallbackReason) {
      status('info', 'backend-fallback', `Training on ${BACKEND_NAMES[selection.backend]}. ${selection.fallbackReason}. Pick a backend under Training to override.`);
    }
    deviceLost()?.then((reason) => {
      if (generation === this.backendGeneration) this.enqueue(() => this.recoverFromDeviceLoss(reason));
    });
  }

  /** A new run from the seed: fresh data, fresh weights, step 0. */
  private async newRun(): Promise<void> {
    const config = this.requireConfig();
    this.disposeSession();
    this.runId += 1;
    this.trainingMs = 0;
    const session = new TrainingSession(runSpecOf(config), trainingSettingsOf(config));
    const { train, test } = session.dataset;
    const copy = (a: Float32Array): Float32Array => new Float32Array(a);
    const payload = {
      train: { inputs: copy(train.inputs), targets: copy(train.targets) },
      test: { inputs: copy(test.inputs), targets: copy(test.targets) },
    };
    post(
      { type: 'run', runId: this.runId, task: session.dataset.task, ...payload, parameterCount: session.layout.parameterCount },
      [payload.train.inputs.buffer, payload.train.targets.buffer, payload.test.inputs.buffer, payload.test.targets.buffer],
    );
    this.loop = new TrainingLoop(session);
    const { evaluation } = await this.loop.start();
    this.postTick(evaluation, 0, null);
    // Messages about the previous run's weights no longer apply.
    if (this.divergedShown) clearStatus('diverged');
    this.divergedShown = false;
    this.reportPenalty(this.loop);
    if (pointCount(train) < config.batchSize) {
      status('info', 'batch-clipped', `The batch size ${config.batchSize} is larger than the ${pointCount(train)} training points; each step uses all of them.`);
    }
  }

  /** Carries the run (weights, optimizer state, counters) to another backend: same run, same charts. */
  private async moveToBackend(choice: ExperimentConfig['backend'], avoidWebGpu: boolean): Promise<SessionSnapshot | null> {
    const snapshot = this.loop?.lastGoodSnapshot ?? null;
    const reference = this.loop?.referenceLoss;
    const untrained = this.loop?.untrainedState;
    this.disposeSession();
    await this.useBackend(choice, avoidWebGpu);
    const config = this.requireConfig();
    const session = new TrainingSession(runSpecOf(config), trainingSettingsOf(config));
    if (snapshot) session.restore(snapshot);
    this.loop = new TrainingLoop(session);
    const { evaluation } = await this.loop.start(reference, untrained);
    this.postTick(evaluation, 0, null);
    this.reportPenalty(this.loop);
    return snapshot;
  }

  private async recoverFromDeviceLoss(reason: string): Promise<void> {
    const wasPlaying = this.playing;
    this.setPlaying(false);
    const snapshot = await this.moveToBackend(this.requireConfig().backend, true);
    status(
      'warning',
      'device-lost',
      `The WebGPU device was lost (${reason}). Training moved to ${this.backend ? BACKEND_NAMES[this.backend] : 'another backend'} and continues from step ${snapshot?.stepCount ?? 0}; the run and its charts are kept.`,
    );
    if (wasPlaying) this.handle({ type: 'play' });
  }

  private scheduleTick(delayMs: number): void {
    if (this.tickPending) return;
    this.tickPending = true;
    setTimeout(() => {
      this.tickPending = false;
      if (this.playing) this.enqueue(() => this.tick(null, false));
    }, delayMs);
  }

  /** Runs `fixedSteps` steps, or as many as the tick budget and the speed cap allow when null. */
  private async tick(fixedSteps: number | null, forceGrid: boolean, requestId: number | null = null): Promise<void> {
    const loop = this.loop;
    if (!loop || (fixedSteps === null && !this.playing)) return;
    const now = performance.now();
    let steps = fixedSteps ?? stepsForTick(loop.msPerStep, tickBudgetMs(loop.evaluationCost), loop.lastSteps);
    if (fixedSteps === null) {
      const paced = this.pacer.take(now, steps);
      if (paced.steps === 0) {
        this.scheduleTick(Math.min(paced.waitMs, 100));
        return;
      }
      steps = paced.steps;
    }
    const withGrid = forceGrid || now - this.lastGridAt >= gridIntervalMs(loop.evaluationCost);
    if (withGrid) this.lastGridAt = now;
    // The targets panel redraws at 4 Hz: diagnose a step no more often than that (and every single step).
    const diagnose = fixedSteps !== null || now - this.lastDiagnosedAt >= DIAGNOSTICS_INTERVAL_MS;
    if (diagnose) this.lastDiagnosedAt = now;
    const outcome = await loop.tick(steps, withGrid, diagnose);
    const elapsed = performance.now() - now;
    this.trainingMs += elapsed;
    this.rate.add(performance.now(), outcome.steps);
    if (outcome.kind === 'diverged') {
      this.setPlaying(false);
      const d = outcome.divergence;
      status(
        'error',
        'diverged',
        `Training diverged: the training loss reached ${format(d.trainLoss)} at step ${d.atStep} with learning rate ${format(d.learningRate)}. ` +
          `Paused and restored the weights of step ${d.restoredStep} (training loss ${format(d.restoredLoss)}). Lower the learning rate and press play, or reset.`,
      );
      this.divergedShown = true;
      // The restored state may be older than the last tick the page shows: show it (one readback, on divergence only).
      const restored = await loop.session.evaluate(true);
      this.postTick(restored.evaluation, 0, null, requestId);
      return;
    }
    this.postTick(outcome.evaluation, this.rate.perSecond(performance.now()), fixedSteps === null ? loop.msPerStep : null, requestId);
    if (this.divergedShown) {
      this.divergedShown = false;
      clearStatus('diverged');
    }
    this.reportPenalty(loop);
    const ended = outcome.evaluation.scheduleEnded;
    if (ended) {
      this.setPlaying(false);
      status(
        'info',
        'schedule-ended',
        `The ${this.requireConfig().schedule} schedule ended at step ${ended.atStep}; paused. Press play to go on at its final learning rate, ${format(ended.learningRate)}.`,
      );
      return;
    }
    if (this.playing) this.scheduleTick(0);
  }

  /** Raises the 'penalty' warning when the penalty starts to dominate (or its rate changes), takes it down when it stops. */
  private reportPenalty(loop: TrainingLoop): void {
    const verdict = loop.penaltyDominance;
    const shown = this.penaltyShown;
    if (!verdict) return;
    if (!verdict.dominant) {
      if (shown) clearStatus('penalty');
      this.penaltyShown = null;
      return;
    }
    if (shown && shown.regularization === verdict.regularization && shown.rate === verdict.rate) return;
    this.penaltyShown = verdict;
    status(
      'warning',
      'penalty',
      `The ${verdict.regularization.toUpperCase()} penalty's gradient is ${formatRatio(verdict.ratio)}× the loss's (regularisation rate ${format(verdict.rate)}): ` +
        'it pulls the weights to zero, so the network outputs nearly a constant. Lower the regularisation rate.',
    );
  }

  /**
   * Times each algorithm on the current weights: two warm-up steps (shader compilation on GPUs), then
   * batches of 2, 4, 8, … steps until one batch works for at least 150 ms, each ended by a one-number
   * readback whose fixed latency (measured with nothing queued) is subtracted.
   * Then restores the snapshot (weights, optimizer, batch order, counters) and the settings, so the run goes
   * on exactly as before.
   */
  private async measureCost(): Promise<void> {
    const loop = this.loop;
    const config = this.requireConfig();
    if (!loop) return;
    const session = loop.session;
    const { snapshot } = await session.evaluate(false);
    const settings = session.currentSettings;
    const msPerStep = {} as Record<AlgorithmName, number>;
    for (const algorithm of ALGORITHMS) {
      session.updateSettings({ ...settings, algorithm });
      session.runSteps(2);
      await session.sync();
      const latency = await this.readbackLatency();
      for (let steps = 2; ; steps *= 2) {
        const started = performance.now();
        session.runSteps(steps);
        await session.sync();
        const working = performance.now() - started - latency;
        if (working >= 150 || steps >= 4096) {
          msPerStep[algorithm] = Math.max(working, 0) / steps;
          break;
        }
      }
    }
    session.updateSettings(settings);
    session.restore(snapshot);
    const backend = this.backend ?? 'cpu';
    post({ type: 'cost', msPerStep, backend });
    status(
      'info',
      'cost',
      `Time per step on ${BACKEND_NAMES[backend]}, this network, batch ${config.batchSize}: backprop ${formatMs(msPerStep.backprop)} ms, ` +
        `LocoProp-S ${formatMs(msPerStep['locoprop-s'])} ms, LocoProp-M ${formatMs(msPerStep['locoprop-m'])} ms (K = ${config.innerSteps}).`,
    );
  }

  /** Sweeps the learning rate on the live run (which runRangeTest restores exactly) and reports. */
  private async rangeTest(): Promise<void> {
    const loop = this.loop;
    const config = this.requireConfig();
    if (!loop) return;
    const spec = { start: config.rangeStart, end: config.rangeEnd, steps: config.rangeSteps, mode: config.rangeMode };
    if (spec.start >= spec.end) {
      status('warning', 'range-test', `The sweep must rise: "From" (${spec.start}) is not below "To" (${spec.end}).`);
      return;
    }
    const algorithm = loop.session.currentSettings.algorithm;
    let lastProgress = 0;
    const result = await runRangeTest(loop.session, spec, {
      // About ten progress messages a second, whatever the backend's speed.
      onProgress: (curve, done) => {
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        post({ type: 'rangeTestProgress', curve, done, total: spec.steps });
      },
      isCancelled: () => this.rangeTestCancelled,
    });
    post({ type: 'rangeTestResult', result, algorithm });
    const kept = ` The run was put back exactly as it was (step ${loop.session.stepCount}).`;
    if (result.outcome === 'cancelled') status('info', 'range-test', `LR range test cancelled after ${result.losses.length} steps.${kept}`);
    else if (result.problem) status('warning', 'range-test', `${result.problem}${kept}`);
    else {
      const s = result.suggestions;
      const stop = result.outcome === 'diverged' ? ` It stopped at learning rate ${format(result.learningRates[result.learningRates.length - 1])}, where the smoothed loss passed 4× its best.` : '';
      status(
        'info',
        'range-test',
        `LR range test done: valley ${format(s?.valley.learningRate ?? Number.NaN)}, steepest ${format(s?.steep.learningRate ?? Number.NaN)}, minimum/10 ${format(s?.minimum.learningRate ?? Number.NaN)}.${stop}${kept}`,
      );
    }
  }

  /** The fixed cost of one readback with nothing queued (large on software GPUs), best of three. */
  private async readbackLatency(): Promise<number> {
    const session = this.loop?.session;
    if (!session) return 0;
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await session.sync();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }

  private postTick(evaluation: Evaluation, stepsPerSecond: number, msPerStep: number | null, requestId: number | null = null): void {
    const metric: MetricPoint = {
      step: evaluation.step,
      epoch: evaluation.epoch,
      examplesSeen: evaluation.examplesSeen,
      wallMs: this.trainingMs,
      trainLoss: evaluation.trainLoss,
      testLoss: evaluation.testLoss,
      learningRate: evaluation.learningRate,
    };
    const grid = evaluation.grid;
    const algorithm = this.loop?.session.currentSettings.algorithm ?? 'backprop';
    post(
      { type: 'tick', runId: this.runId, metric, grid, gridSize: GRID_SIZE, stepsPerSecond, algorithm, msPerStep, diagnostics: evaluation.diagnostics, requestId, rates: evaluation.rates },
      grid ? [grid.buffer] : [],
    );
  }

  private disposeSession(): void {
    try {
      this.loop?.session.dispose();
    } catch {
      // Tensors on a lost device cannot always be released; the device is gone with them.
    }
    this.loop = null;
  }

  private requireConfig(): ExperimentConfig {
    if (!this.config) throw new Error('The worker received a command before its configuration.');
    return this.config;
  }

  private fail(error: unknown): void {
    this.setPlaying(false);
    const text = error instanceof Error ? error.message : String(error);
    status('error', 'worker-error', `Training stopped: ${text}`);
  }
}

const host = new TrainingHost();
scope.onmessage = (event) => host.handle(event.data);
