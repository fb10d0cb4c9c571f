/**
 * What a sweep worker does (sweepWorker.ts binds it to the worker's scope; Node tests drive it directly): trains
 * the run or the batch of runs it is given with the sweep job (engine/sweep/sweepJob.ts), on the data each run
 * names, and reports progress (at most every PROGRESS_INTERVAL_MS), each result or why a run failed. A cancel stops
 * the runs in progress.
 * Runs on the same data share one data set, built once in this worker (engine/sweep/sharedDatasets.ts).
 */
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { CsvSession } from './csvSession';
import { loadDataset, type DataAccess } from '../engine/data/dataSources';
import { TrainingSession } from '../engine/session';
import { SharedDatasets } from '../engine/sweep/sharedDatasets';
import { runSweepJob, type SweepJobOptions, type SweepJobRun } from '../engine/sweep/sweepJob';
import { isGeneratedSpec } from '../engine/data/dataset';
import type { SweepBackendStart, SweepRunFailure, SweepWorkerCommand, SweepWorkerEvent } from './sweepProtocol';
import { ShippedFileUnavailable } from './dataFacts';

export const PROGRESS_INTERVAL_MS = 100;

/**
 * The warm-up (`warmUp` command): WARM_UP_RUNS runs of the sweep's configuration as one batch, then one run alone,
 * WARM_UP_STEPS steps each, the whole cut short after WARM_UP_MS. Fresh threads spend a sweep's first runs compiling
 * its kernels: the 48-run bench sweep on 2 threads took 0.80 s cold and 0.69 s after this warm-up (bench/sweep-bench.ts,
 * 5 rounds, 2026-12-06; docs/DESIGN.md §4).
 */
export const WARM_UP_RUNS = 4;
export const WARM_UP_STEPS = 300;
export const WARM_UP_MS = 400;

type RunCommand = Extract<SweepWorkerCommand, { type: 'run' }>;
type GroupCommand = Extract<SweepWorkerCommand, { type: 'runGroup' }>;
type WarmUpCommand = Extract<SweepWorkerCommand, { type: 'warmUp' }>;

/** This worker's WebGPU (sweepWorker.ts binds it to TF.js; Node tests give their own). */
export interface SweepGpu {
  /** Starts TF.js's WebGPU backend; resolves to the backend then active, and why not WebGPU (startSweepWebGpu). */
  start(): Promise<SweepBackendStart>;
  /** Destroys the WebGPU device, if one was started (simulateDeviceLoss). */
  lose(): void;
  /** Resolves with the browser's message when the started device is lost; null before a start or on the CPU. */
  lost(): Promise<string> | null;
}

/** Node (and any runner given no WebGPU) has no navigator.gpu: said as the worker says it, a code. */
const NO_GPU: SweepGpu = {
  start: () => Promise.resolve({ backend: 'cpu', skipped: { backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' } }),
  lose: () => undefined,
  lost: () => null,
};

/** What startSweepWebGpu needs of the browser and TF.js (sweepWorker.ts binds them; Node tests give their own). */
export interface WebGpuStarter {
  /** navigator.gpu, or undefined where the browser has none. */
  gpu(): unknown;
  /** Loads TF.js's WebGPU backend (a chunk of its own). */
  load(): Promise<unknown>;
  setBackend(name: 'webgpu' | 'cpu'): Promise<boolean>;
  ready(): Promise<unknown>;
}

/**
 * Starts TF.js's WebGPU backend for a sweep worker, or goes back to the CPU and says why as facts, never a
 * sentence (issue 20 §6; state/backendMessages.ts words them): no navigator.gpu, `setBackend` answered false, or
 * it threw (its message as thrown, the only text here).
 */
export async function startSweepWebGpu(tf: WebGpuStarter): Promise<SweepBackendStart> {
  try {
    if (!tf.gpu()) return { backend: 'cpu', skipped: { backend: 'webgpu', reason: 'unavailable', code: 'no-navigator-gpu' } };
    await tf.load();
    if (await tf.setBackend('webgpu')) {
      await tf.ready();
      return { backend: 'webgpu' };
    }
    await tf.setBackend('cpu');
    return { backend: 'cpu', skipped: { backend: 'webgpu', reason: 'init-failed' } };
  } catch (error) {
    await tf.setBackend('cpu');
    return { backend: 'cpu', skipped: { backend: 'webgpu', reason: 'error', detail: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * How long a group that failed on WebGPU waits to learn whether its device was lost: the operation on a lost
 * device may throw before the device's `lost` promise resolves.
 */
export const LOSS_GRACE_MS = 500;

function failureOf(error: unknown): SweepRunFailure {
  return error instanceof ShippedFileUnavailable
    ? { code: 'data-file', file: error.file, problem: error.problem }
    : { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}

export class SweepRunner {
  /** The run in progress and whether it was cancelled. */
  private current: { index: number; cancelled: boolean } | null = null;
  /** The page's CSV file, parsed here as the live worker parses it; a refusal fails the runs that need it, by name. */
  private readonly csv = new CsvSession();
  private csvRefusal: SweepRunFailure | null = null;
  private readonly data: DataAccess;
  /** The data sets of this worker's runs so far, by spec; a new CSV file empties it. */
  readonly datasets = new SharedDatasets();

  /** The lost device's message, once it is lost. */
  private deviceLost: string | null = null;
  /** The backend `runGroup` commands train on, once started. */
  private webGpu: Promise<SweepBackendStart> | null = null;
  /** The warm-up in progress: every other command ends it and waits, in order, until it has stopped. */
  private warming: { ended: boolean; over: Promise<void> } | null = null;
  /** How the last warm-up ended (tests read it); null before one trained. */
  lastWarmUp: 'trained' | 'out of time' | 'ended by a command' | 'failed' | null = null;

  constructor(
    private readonly post: (event: SweepWorkerEvent) => void,
    data: DataAccess,
    private readonly now: () => number = () => performance.now(),
    private readonly gpu: SweepGpu = NO_GPU,
  ) {
    this.data = { readShipped: data.readShipped, customData: () => this.csv.current ?? data.customData() };
  }

  handle(command: SweepWorkerCommand): Promise<void> {
    if (command.type === 'warmUp') return this.warmUp(command);
    const warming = this.warming;
    if (warming) {
      warming.ended = true;
      // Every command waits for it to stop (at its next yield), in the order the commands came: the runs' steps never
      // interleave with its steps, WebGPU never starts under it, and a cancel reaches the run it was sent for.
      return warming.over.then(() => this.handle(command));
    }
    if (command.type === 'cancel') {
      if (this.current) this.current.cancelled = true;
      return Promise.resolve();
    }
    if (command.type === 'csv') {
      this.takeCsv(command.file);
      return Promise.resolve();
    }
    if (command.type === 'runGroup') return this.runGroup(command);
    if (command.type === 'simulateDeviceLoss') {
      this.gpu.lose();
      return Promise.resolve();
    }
    return this.run(command).then(() => undefined);
  }

  /** A run's session, on the data set this worker's runs share (`datasets`). */
  private async sessionOf(run: SweepJobRun): Promise<TrainingSession> {
    return new TrainingSession(await this.datasets.get(run.spec.dataset, (spec) => loadDataset(spec, this.data)), run.spec, run.settings);
  }

  /** What a `run` and a `runGroup` give the sweep job alike: the budget, the checkpoints, the sessions, the cancel. */
  private jobOptions(command: RunCommand | GroupCommand, current: { cancelled: boolean }): SweepJobOptions {
    return {
      budgetSteps: command.budgetSteps,
      checkpoints: command.checkpoints,
      budgetEpochs: command.budgetEpochs,
      budgetSeconds: command.budgetSeconds,
      makeSession: (run) => this.sessionOf(run),
      isCancelled: () => current.cancelled,
    };
  }

  /**
   * Trains throwaway runs of `command.config` on the CPU (WARM_UP_RUNS as a batch, then one alone) so the kernels a
   * sweep of it runs are compiled by the JIT before the sweep starts; nothing is posted. It ends after WARM_UP_MS, or
   * at its next yield once another command comes; a failure ends it quietly (the sweep's runs report their own). Its
   * data set stays for the sweep's runs (`datasets`).
   */
  private warmUp(command: WarmUpCommand): Promise<void> {
    let run: SweepJobRun;
    try {
      run = { spec: runSpecOf(command.config), settings: trainingSettingsOf(command.config) };
    } catch {
      return Promise.resolve();
    }
    // Only the runs on the 2-D sets are short enough for the JIT's compiling to show (a whole sweep in a second or
    // two); a sweep on real data trains for minutes, and its data set is not loaded twice.
    if (this.warming || !isGeneratedSpec(run.spec.dataset)) return Promise.resolve();
    const warming = { ended: false, over: Promise.resolve() };
    this.warming = warming;
    warming.over = this.trainWarmUp(run, warming);
    return warming.over;
  }

  /** The same run each time: the kernels compile the same whatever the seed, and the data set is the sweep's own. */
  private async trainWarmUp(run: SweepJobRun, warming: { ended: boolean }): Promise<void> {
    const started = this.now();
    const options: SweepJobOptions = {
      budgetSteps: WARM_UP_STEPS,
      makeSession: (each) => this.sessionOf(each),
      isCancelled: () => warming.ended || this.now() - started > WARM_UP_MS,
    };
    try {
      const batch = await runSweepJob(Array.from({ length: WARM_UP_RUNS }, () => run), options);
      const cancelled = batch.cancelled || (await runSweepJob([run], options)).cancelled;
      this.lastWarmUp = !cancelled ? 'trained' : warming.ended ? 'ended by a command' : 'out of time';
    } catch {
      // The sweep's runs report what went wrong, by name; a warm-up has nothing to add.
      this.lastWarmUp = 'failed';
    } finally {
      this.warming = null;
    }
  }

  /** The lost device's message, waiting up to `ms` for a loss on its way; null when the device is not lost. */
  private async lostWithin(ms: number): Promise<string | null> {
    const lost = this.gpu.lost();
    if (this.deviceLost !== null || lost === null) return this.deviceLost;
    return Promise.race([lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
  }

  private takeCsv(file: Extract<SweepWorkerCommand, { type: 'csv' }>['file']): void {
    this.datasets.clear();
    const loaded = this.csv.load(file.fileName, file.bytes, file.dropMissing);
    const chosen = loaded.type === 'csvLoaded' ? this.csv.chooseColumns(file.label, file.features) : loaded;
    this.csvRefusal = chosen.type === 'csvRejected' ? { code: 'csv-refused', fileName: file.fileName, error: chosen.error } : null;
  }

  /** Trains one run; resolves to whether it was cancelled. */
  private async run(command: RunCommand): Promise<boolean> {
    const current = { index: command.index, cancelled: false };
    this.current = current;
    if (command.config.dataset === 'custom' && this.csvRefusal !== null) {
      this.post({ type: 'failed', index: command.index, failure: this.csvRefusal });
      this.current = null;
      return false;
    }
    const started = this.now();
    let lastProgress = started;
    try {
      const job = await runSweepJob([{ spec: runSpecOf(command.config), settings: trainingSettingsOf(command.config) }], {
        ...this.jobOptions(command, current),
        onProgress: ({ step }) => {
          const now = this.now();
          if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          this.post({ type: 'progress', index: command.index, step });
        },
      });
      if (job.cancelled) this.post({ type: 'cancelled', index: command.index });
      else this.post({ type: 'result', result: { ...job.results[0], index: command.index }, wallMs: this.now() - started });
      return job.cancelled;
    } catch (error) {
      this.post({ type: 'failed', index: command.index, failure: failureOf(error) });
      return false;
    } finally {
      if (this.current === current) this.current = null;
    }
  }

  /**
   * A CPU batch whose job threw: its runs not yet finished train again one at a time, so that a run that fails
   * (its data file unreadable, say) fails alone, by its own reason, as it would have outside a batch.
   */
  private async runEachAlone(command: GroupCommand, pending: ReadonlySet<number>): Promise<void> {
    const { budgetSteps, checkpoints, budgetEpochs, budgetSeconds } = command;
    const budget = { budgetSteps, checkpoints, ...(budgetEpochs === undefined ? {} : { budgetEpochs }), ...(budgetSeconds === undefined ? {} : { budgetSeconds }) };
    const left = command.runs.filter((run) => pending.has(run.index));
    for (const [k, run] of left.entries()) {
      if (await this.run({ type: 'run', index: run.index, config: run.config, ...budget })) {
        for (const rest of left.slice(k + 1)) this.post({ type: 'cancelled', index: rest.index });
        return;
      }
    }
  }

  /**
   * The runs of a `runGroup`, as one job: on the CPU, or on WebGPU (on the CPU where WebGPU did not start, said
   * once by a `backend` event). Each result as its group finishes, progress as the steps of all the runs together;
   * on a cancel every run not yet finished is reported cancelled. On a failure they are reported failed on WebGPU
   * (unless its device was lost: the page moves them), and trained again one at a time on the CPU.
   */
  private async runGroup(command: GroupCommand): Promise<void> {
    // Current before WebGPU starts, so a cancel meanwhile is not lost.
    const current = { index: command.runs[0]?.index ?? -1, cancelled: false };
    this.current = current;
    if (command.backend === 'webgpu' && this.webGpu === null) {
      this.webGpu = this.gpu.start();
      this.post({ type: 'backend', ...(await this.webGpu) });
      // A lost device ends this worker's WebGPU: the page moves what it had not finished to the CPU.
      void this.gpu.lost()?.then((message) => {
        this.deviceLost = message;
        this.post({ type: 'deviceLost', message });
      });
    }
    if (command.backend === 'webgpu') await this.webGpu;
    const pending = new Set(command.runs.map((run) => run.index));
    const refused = command.runs.filter((run) => run.config.dataset === 'custom' && this.csvRefusal !== null);
    for (const run of refused) {
      pending.delete(run.index);
      this.post({ type: 'failed', index: run.index, failure: this.csvRefusal as SweepRunFailure });
    }
    const runs = command.runs.filter((run) => pending.has(run.index));
    const started = this.now();
    let lastProgress = started;
    try {
      const job = await runSweepJob(
        runs.map((run) => ({ spec: runSpecOf(run.config), settings: trainingSettingsOf(run.config) })),
        {
          ...this.jobOptions(command, current),
          onResult: (result) => {
            const { index } = runs[result.index];
            pending.delete(index);
            this.post({ type: 'result', result: { ...result, index }, wallMs: this.now() - started });
          },
          // The steps of the runs in progress (the pool counts finished runs itself); at once when a group has
          // just finished (none in progress), so its steps are not counted twice meanwhile.
          onProgress: ({ step, together }) => {
            const now = this.now();
            if (together > 0 && now - lastProgress < PROGRESS_INTERVAL_MS) return;
            lastProgress = now;
            this.post({ type: 'groupProgress', steps: step * together });
          },
        },
      );
      if (job.cancelled) for (const index of pending) this.post({ type: 'cancelled', index });
    } catch (error) {
      if (command.backend === 'cpu') {
        if (this.current === current) this.current = null;
        if (!current.cancelled) await this.runEachAlone(command, pending);
        else for (const index of pending) this.post({ type: 'cancelled', index });
        return;
      }
      // On a lost device the runs did not fail: the `deviceLost` event sends them to the CPU.
      if ((await this.lostWithin(LOSS_GRACE_MS)) !== null) return;
      const failure = failureOf(error);
      for (const index of pending) this.post({ type: 'failed', index, failure });
    } finally {
      if (this.current === current) this.current = null;
    }
  }
}
