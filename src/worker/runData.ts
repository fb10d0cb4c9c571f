/**
 * The runs' data and their exports: the shipped data files and the page's CSV (csvSession.ts) as the runs read
 * them (DataAccess), the CSV commands, and the exports of a run or of a configuration (runPayloads.ts,
 * configExport.ts). Split out of host.ts, which queues these commands with the others.
 */
import type { DataAccess } from '../engine/data/dataSources';
import { ShippedFileUnavailable } from './dataFacts';
import type { ExperimentConfig } from '../config/experiment';
import { CsvSession } from './csvSession';
import { runExportEvent } from './runPayloads';
import { configExportEvent } from './configExport';
import type { RunId } from './runGroup';
import type { WorkerCommand } from './protocol';
import type { Post } from './host';

/** How the host reads the shipped data files (fetch in the worker, the file system in Node tests). */
export type ShippedReader = (file: string) => Promise<Uint8Array>;

export const noShippedFiles: ShippedReader = (file) => Promise.reject(new ShippedFileUnavailable(file, { code: 'no-reader' }));

type CsvCommand = Extract<WorkerCommand, { type: 'loadCsv' | 'chooseCsvColumns' }>;
type ConfigExportCommand = Extract<WorkerCommand, { type: 'exportConfig' }>;

export class RunData {
  private readonly csv = new CsvSession();
  /** What the runs read their data through. */
  readonly access: DataAccess;

  constructor(
    private readonly post: Post,
    readShipped: ShippedReader,
  ) {
    this.access = { readShipped, customData: () => this.csv.current };
  }

  /** Loads a CSV file or chooses its columns, and says how it went; true when the custom data changed. */
  csvCommand(command: CsvCommand): boolean {
    const event = command.type === 'loadCsv' ? this.csv.load(command.fileName, command.bytes, command.dropMissing) : this.csv.chooseColumns(command.label, command.features);
    this.post(event);
    return event.type === 'csvLoaded';
  }

  /** A run's export (its config, `undefined` when there is no such run), with its progress. */
  async exportRun(runId: RunId, config: ExperimentConfig | undefined, steps: number): Promise<void> {
    const progress = (done: number, total: number): void => this.post({ type: 'runExportProgress', runId, done, total });
    const { event, transfer } = config ? await runExportEvent(runId, config, steps, this.access, progress) : { event: { type: 'runExport' as const, runId, payload: null, error: { code: 'no-such-run' as const } }, transfer: [] };
    this.post(event, transfer);
  }

  /** A configuration's export (the page's `exportConfig`). */
  async exportConfig(command: ConfigExportCommand): Promise<void> {
    const { event, transfer } = await configExportEvent(command.requestId, command.config, command.steps, this.access);
    this.post(event, transfer);
  }
}
