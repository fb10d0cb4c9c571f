/**
 * What a sweep worker does (sweepWorker.ts binds it to the worker's scope; Node tests drive it directly): trains
 * the run it is given with the sweep job (engine/sweep/sweepJob.ts), on the data the run names, and reports its
 * progress (at most every PROGRESS_INTERVAL_MS), its result or why it failed. A cancel stops the run in progress.
 * Runs on the same data share one data set, built once in this worker (engine/sweep/sharedDatasets.ts).
 */
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { CsvSession } from './csvSession';
import { loadDataset, type DataAccess } from '../engine/data/dataSources';
import { TrainingSession } from '../engine/session';
import { SharedDatasets } from '../engine/sweep/sharedDatasets';
import { runSweepJob } from '../engine/sweep/sweepJob';
import type { SweepRunFailure, SweepWorkerCommand, SweepWorkerEvent } from './sweepProtocol';
import { ShippedFileUnavailable } from './dataFacts';

export const PROGRESS_INTERVAL_MS = 100;

type RunCommand = Extract<SweepWorkerCommand, { type: 'run' }>;

export class SweepRunner {
  /** The run in progress and whether it was cancelled. */
  private current: { index: number; cancelled: boolean } | null = null;
  /** The page's CSV file, parsed here as the live worker parses it; a refusal fails the runs that need it, by name. */
  private readonly csv = new CsvSession();
  private csvRefusal: SweepRunFailure | null = null;
  private readonly data: DataAccess;
  /** The data sets of this worker's runs so far, by spec; a new CSV file empties it. */
  readonly datasets = new SharedDatasets();

  constructor(
    private readonly post: (event: SweepWorkerEvent) => void,
    data: DataAccess,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.data = { readShipped: data.readShipped, customData: () => this.csv.current ?? data.customData() };
  }

  handle(command: SweepWorkerCommand): Promise<void> {
    if (command.type === 'cancel') {
      if (this.current) this.current.cancelled = true;
      return Promise.resolve();
    }
    if (command.type === 'csv') {
      this.takeCsv(command.file);
      return Promise.resolve();
    }
    return this.run(command);
  }

  private takeCsv(file: Extract<SweepWorkerCommand, { type: 'csv' }>['file']): void {
    this.datasets.clear();
    const loaded = this.csv.load(file.fileName, file.bytes, file.dropMissing);
    const chosen = loaded.type === 'csvLoaded' ? this.csv.chooseColumns(file.label, file.features) : loaded;
    this.csvRefusal = chosen.type === 'csvRejected' ? { code: 'csv-refused', fileName: file.fileName, error: chosen.error } : null;
  }

  private async run(command: RunCommand): Promise<void> {
    const current = { index: command.index, cancelled: false };
    this.current = current;
    if (command.config.dataset === 'custom' && this.csvRefusal !== null) {
      this.post({ type: 'failed', index: command.index, failure: this.csvRefusal });
      this.current = null;
      return;
    }
    const started = this.now();
    let lastProgress = started;
    try {
      const job = await runSweepJob([{ spec: runSpecOf(command.config), settings: trainingSettingsOf(command.config) }], {
        budgetSteps: command.budgetSteps,
        checkpoints: command.checkpoints,
        budgetEpochs: command.budgetEpochs,
        budgetSeconds: command.budgetSeconds,
        makeSession: async (run) => new TrainingSession(await this.datasets.get(run.spec.dataset, (spec) => loadDataset(spec, this.data)), run.spec, run.settings),
        isCancelled: () => current.cancelled,
        onProgress: ({ step }) => {
          const now = this.now();
          if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          this.post({ type: 'progress', index: command.index, step });
        },
      });
      if (job.cancelled) this.post({ type: 'cancelled', index: command.index });
      else this.post({ type: 'result', result: { ...job.results[0], index: command.index }, wallMs: this.now() - started });
    } catch (error) {
      const failure: SweepRunFailure =
        error instanceof ShippedFileUnavailable
          ? { code: 'data-file', file: error.file, problem: error.problem }
          : { code: 'failed', message: error instanceof Error ? error.message : String(error) };
      this.post({ type: 'failed', index: command.index, failure });
    } finally {
      if (this.current === current) this.current = null;
    }
  }
}
