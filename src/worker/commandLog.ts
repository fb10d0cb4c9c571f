/**
 * The commands that make a training worker's state, kept by the page's client so that a new worker can be
 * given the same state when the old one died (client.ts): the latest experiment (`configure`), the latest
 * plane resolution (`gridSize`), and the CSV file the worker took with its latest choice of columns. The bytes
 * of that file are kept with it (at most MAX_CSV_BYTES). Commands that ask for one answer (an export) are
 * kept until it comes, so a lost one can be answered. The runs' weights are kept beside it (keptRunStates.ts).
 */
import type { RunId } from '../config/runs';
import type { RunConfig, RunResume, WorkerCommand, WorkerEvent } from './protocol';

type CsvCommand = Extract<WorkerCommand, { type: 'loadCsv' | 'chooseCsvColumns' }>;

export class CommandLog {
  private configure: Extract<WorkerCommand, { type: 'configure' }> | null = null;
  private gridSize: Extract<WorkerCommand, { type: 'gridSize' }> | null = null;
  private neuronView: Extract<WorkerCommand, { type: 'neuronView' }> | null = null;
  /** The CSV commands the worker took (a file, then perhaps a choice of its columns). */
  private csv: CsvCommand[] = [];
  /** CSV commands sent and not yet answered, in order: the worker answers each in turn. */
  private pendingCsv: CsvCommand[] = [];
  private readonly exports = new Set<RunId>();

  /** Notes a command on its way to the worker. */
  sent(command: WorkerCommand): void {
    switch (command.type) {
      case 'configure':
        this.configure = command;
        return;
      case 'gridSize':
        this.gridSize = command;
        return;
      case 'neuronView':
        this.neuronView = command;
        return;
      case 'loadCsv':
      case 'chooseCsvColumns':
        this.pendingCsv.push(command);
        return;
      case 'exportRun':
        this.exports.add(command.runId);
        return;
      default:
        return;
    }
  }

  /** Notes what the worker answered. */
  received(event: WorkerEvent): void {
    if (event.type === 'runExport') this.exports.delete(event.runId);
    if (event.type !== 'csvLoaded' && event.type !== 'csvRejected') return;
    const answered = this.pendingCsv.shift();
    if (!answered || event.type === 'csvRejected') return;
    this.csv = answered.type === 'loadCsv' ? [answered] : [...this.csv.filter((c) => c.type === 'loadCsv'), answered];
  }

  /** How many runs the latest experiment has. */
  get runCount(): number {
    return this.configure?.runs.length ?? 0;
  }

  /** The latest experiment's runs. */
  get runs(): RunConfig[] {
    return this.configure?.runs ?? [];
  }

  /**
   * The commands that give a new worker this state: the CSV file first (so its runs find their data), the
   * grid, then the experiment, with `resume`: the states its runs go on from (keptRunStates.ts; the log keeps
   * none). The CSV commands become pending again, to be matched with the new answers.
   */
  replay(resume: (runs: readonly RunConfig[]) => RunResume[] = () => []): WorkerCommand[] {
    this.pendingCsv = [...this.csv, ...this.pendingCsv];
    this.csv = [];
    const states = this.configure ? resume(this.configure.runs) : [];
    const configure = this.configure && states.length > 0 ? { ...this.configure, resume: states } : this.configure;
    return [...this.pendingCsv, ...(this.gridSize ? [this.gridSize] : []), ...(this.neuronView ? [this.neuronView] : []), ...(configure ? [configure] : [])];
  }

  /** The exports that were asked for and will get no answer from the dead worker; forgotten once returned. */
  lostExports(): RunId[] {
    const lost = [...this.exports];
    this.exports.clear();
    return lost;
  }
}
