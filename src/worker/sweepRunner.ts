/**
 * What a sweep worker does (sweepWorker.ts binds it to the worker's scope; Node tests drive it directly): trains
 * the runs it is given as one sweep job (engine/sweep/sweepJob.ts), so that consecutive runs of one shape train
 * as one group (cpuRunGroup.ts, issue 17 §8), on the data each run names, and reports each run's progress (at
 * most every PROGRESS_INTERVAL_MS), its result or why it failed, under its plan index. A cancel stops the runs.
 * Runs on the same data share one data set, built once in this worker (engine/sweep/sharedDatasets.ts).
 */
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { CsvSession } from './csvSession';
import { loadDataset, type DataAccess } from '../engine/data/dataSources';
import { TrainingSession } from '../engine/session';
import { SharedDatasets } from '../engine/sweep/sharedDatasets';
import { runSweepJob } from '../engine/sweep/sweepJob';
import type { SweepRunFailure, SweepWorkerCommand, SweepWorkerEvent, SweepWorkerRun } from './sweepProtocol';
import { ShippedFileUnavailable } from './dataFacts';

export const PROGRESS_INTERVAL_MS = 100;

type RunsCommand = Extract<SweepWorkerCommand, { type: 'runs' }>;

export class SweepRunner {
  /** Whether the runs in progress were cancelled. */
  private current: { cancelled: boolean } | null = null;
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

  private async run(command: RunsCommand): Promise<void> {
    const current = { cancelled: false };
    this.current = current;
    try {
      const refused = this.csvRefusal;
      for (const run of command.runs) if (run.config.dataset === 'custom' && refused !== null) this.post({ type: 'failed', index: run.index, failure: refused });
      await this.train(command.runs.filter((run) => run.config.dataset !== 'custom' || refused === null), command, current);
    } finally {
      if (this.current === current) this.current = null;
    }
  }

  /**
   * Trains `runs` as one job. Should the job throw (a run's data could not be loaded, say), the runs it had not
   * finished are trained again one by one, so that the failure is the failing run's alone and named by it.
   */
  private async train(runs: readonly SweepWorkerRun[], command: RunsCommand, current: { cancelled: boolean }): Promise<void> {
    if (runs.length === 0) return;
    /** The job's indices of the runs reported finished. */
    const finished = new Set<number>();
    let lastReport = this.now();
    let lastProgress = lastReport;
    try {
      const job = await runSweepJob(runs.map(({ config }) => ({ spec: runSpecOf(config), settings: trainingSettingsOf(config) })), {
        budgetSteps: command.budgetSteps,
        checkpoints: command.checkpoints,
        budgetEpochs: command.budgetEpochs,
        budgetSeconds: command.budgetSeconds,
        makeSession: async (run) => new TrainingSession(await this.datasets.get(run.spec.dataset, (spec) => loadDataset(spec, this.data)), run.spec, run.settings),
        isCancelled: () => current.cancelled,
        onResult: (result) => {
          finished.add(result.index);
          const now = this.now();
          this.post({ type: 'result', result: { ...result, index: runs[result.index].index }, wallMs: now - lastReport });
          lastReport = now;
        },
        onProgress: ({ step, training }) => {
          const now = this.now();
          if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          for (const i of training) if (!finished.has(i)) this.post({ type: 'progress', index: runs[i].index, step });
        },
      });
      if (job.cancelled) runs.forEach((run, i) => finished.has(i) || this.post({ type: 'cancelled', index: run.index }));
    } catch (error) {
      const left = runs.filter((_, i) => !finished.has(i));
      if (runs.length > 1) {
        for (const run of left) {
          if (current.cancelled) this.post({ type: 'cancelled', index: run.index });
          else await this.train([run], command, current);
        }
        return;
      }
      const failure: SweepRunFailure =
        error instanceof ShippedFileUnavailable
          ? { code: 'data-file', file: error.file, problem: error.problem }
          : { code: 'failed', message: error instanceof Error ? error.message : String(error) };
      this.post({ type: 'failed', index: runs[0].index, failure });
    }
  }
}
