/**
 * The host's keyed runs: their map and the order the page gave them, the page's view settings on their lead
 * sessions (the plane's grid size, the per-unit view), starting a run from its seed(s) and removing the runs a
 * configure no longer wants. Split out of host.ts, which composes it with the backend, the ticks and the queue.
 */
import { FINE_GRID_SIZE, GALLERY_SIZE, GRID_SIZE, type Evaluation } from '../engine/session';
import type { ExperimentConfig } from '../config/experiment';
import { DataUnavailable, type DataAccess } from '../engine/data/dataSources';
import { ShippedFileUnavailable } from './dataFacts';
import type { Slice } from '../engine/trainingLoop';
import { RunGroup, type RunId } from './runGroup';
import type { BackendName, Notice } from './protocol';
import type { RunStates } from './runResume';
import type { RunNotices } from './runNotices';
import type { TickReports } from './tickReports';
import { galleryOf, planePoints } from './runPayloads';
import type { Post } from './host';

/** What starting a run needs of the host. */
export interface RunTableDeps {
  post: Post;
  data: DataAccess;
  /** Rows per chunk of the runs' evaluations (HostOptions.evaluationChunkRows). */
  evaluationChunkRows: number | undefined;
  runStates: RunStates;
  notices: RunNotices;
  reports: TickReports;
  /** The backend the runs are on (backendMoves.ts). */
  backend(): BackendName | null;
  slice: Slice;
  /** Whether Play is pressed: a run's start then leaves its evaluations' timing to its first ticks (trainingLoop.ts). */
  playing(): boolean;
}

export class RunTable {
  private readonly groups = new Map<RunId, RunGroup>();
  private order: RunId[] = [];
  /** The plane's grid resolution the page asked for (the lead session of every run draws it). */
  private gridSize = GRID_SIZE;
  /** The run whose per-unit view the page shows (its lead session measures it), or null. */
  private neuronView: RunId | null = null;
  private neuronUnit: { layer: number; unit: number } | null = null;

  constructor(private readonly deps: RunTableDeps) {}

  get(runId: RunId): RunGroup | undefined {
    return this.groups.get(runId);
  }

  /** Every run, in the order they were kept (not the page's). */
  forEach(visit: (group: RunGroup) => void): void {
    this.groups.forEach((group) => visit(group));
  }

  /** The runs in the page's order. */
  ordered(): RunGroup[] {
    return this.order.map((id) => this.groups.get(id)).filter((g): g is RunGroup => g !== undefined);
  }

  /** The page's order of the runs (a configure's). */
  setOrder(runIds: RunId[]): void {
    this.order = runIds;
  }

  /** Disposes of every run and forgets them (a backend move carries their states). */
  disposeAll(): void {
    this.groups.forEach((group) => group.dispose());
    this.groups.clear();
  }

  /** Removes the runs not wanted, each said to the page. */
  retain(wanted: ReadonlySet<RunId>): void {
    for (const [runId, group] of this.groups) {
      if (wanted.has(runId)) continue;
      group.dispose();
      this.groups.delete(runId);
      this.deps.post({ type: 'runRemoved', runId });
    }
  }

  /** Keeps a run started on a new backend and shows it (the page's view settings, its tick). */
  placeMoved(group: RunGroup, evaluations: Evaluation[]): void {
    this.showView(group);
    this.groups.set(group.runId, group);
    this.deps.reports.postTick(group, evaluations, 0, null, null);
  }

  /** The plane's grid resolution (8 to FINE_GRID_SIZE) on every run's lead session. */
  setGridSize(size: number): void {
    this.gridSize = Math.max(8, Math.min(FINE_GRID_SIZE, Math.round(size)));
    this.groups.forEach((group) => group.lead.session.setGridSize(this.gridSize));
  }

  /** The run whose per-unit view the page shows (null: none); returns the one shown before. */
  setNeuronView(runId: RunId | null, unit: { layer: number; unit: number } | null): RunId | null {
    const before = this.neuronView;
    this.neuronView = runId;
    this.neuronUnit = unit;
    this.groups.forEach((group) => group.lead.session.setNeuronView(group.runId === runId, this.neuronUnit));
    return before;
  }

  /**
   * A new run from its seed(s): fresh data, fresh weights, step 0. When its data cannot be had (a CSV link
   * opened without the file, a data file that does not load), the status says why and the run waits: the
   * other runs go on.
   */
  async start(runId: RunId, config: ExperimentConfig): Promise<void> {
    this.groups.get(runId)?.dispose();
    this.groups.delete(runId);
    let group: RunGroup;
    try {
      group = await RunGroup.create(runId, config, this.deps.data);
      group.members.forEach((loop) => (loop.evaluationChunkRows = this.deps.evaluationChunkRows));
      this.deps.post({ type: 'clearStatus', code: 'data-unavailable', runId });
    } catch (error) {
      if (!(error instanceof DataUnavailable) && !(error instanceof Error && error.message.startsWith('shipped data:'))) throw error;
      if (error instanceof ShippedFileUnavailable) this.notify({ code: 'data-file-unavailable', dataset: config.dataset, file: error.file, problem: error.problem }, runId);
      else this.notify({ code: 'data-unavailable', dataset: config.dataset, reason: error.message }, runId);
      return;
    }
    const resumed = await this.deps.runStates.take(runId, group, (notice) => this.notify(notice, runId));
    this.showView(group);
    const { dataset } = group.lead.session;
    const points = planePoints(dataset);
    const gallery = galleryOf(dataset, GALLERY_SIZE);
    const transfer = [points.train, points.test].flatMap((p) => (p ? [p.inputs.buffer, p.targets.buffer] : []));
    if (gallery) transfer.push(gallery.images.buffer);
    this.deps.post(
      { type: 'run', runId, problem: dataset.problem, ...points, gallery, parameterCount: group.lead.session.layout.parameterCount, seeds: group.members.map((_, i) => config.seed + i), ...(resumed ? { resumedAt: resumed.step } : {}) },
      transfer,
    );
    // What it will cost, said before the untrained network's evaluation (itself heavy for a big network).
    this.deps.notices.announceCost(group, this.deps.backend() ?? 'cpu');
    const total = group.members.length;
    const progress = (done: number): void => {
      if (group.heavy) this.notify({ code: 'heavy-progress', stage: 'start', done, total }, runId);
    };
    progress(0);
    // The worker's messages come in before the (perhaps long) first evaluation, so that a pause pressed while
    // several heavy runs start takes effect at once: a slow evaluation is not timed again, so no slice came
    // between two runs' starts (8 MNIST runs of 8x1024: Pause took 23 s to show).
    await this.deps.slice();
    const evaluations = await group.startMembers(resumed?.carried, this.deps.slice, progress, () => this.deps.playing());
    this.groups.set(runId, group);
    if (!this.order.includes(runId)) this.order.push(runId);
    this.deps.reports.postTick(group, evaluations, 0, null, null);
    // Messages about the previous weights of this run no longer apply.
    this.deps.post({ type: 'clearStatus', code: 'diverged', runId });
    this.deps.notices.reportPenalty(group);
    const trainCount = dataset.train.count;
    if (trainCount < config.batchSize) this.notify({ code: 'batch-clipped', batchSize: config.batchSize, trainCount }, runId);
  }

  /** The page's view settings on a run's lead session: the plane's grid size, and its per-unit view or none. */
  private showView(group: RunGroup): void {
    group.lead.session.setGridSize(this.gridSize);
    group.lead.session.setNeuronView(this.neuronView === group.runId, this.neuronUnit);
  }

  /** A fact for the page to word (state/runMessages.ts), about one run. */
  private notify(notice: Notice, runId: RunId): void {
    this.deps.post({ type: 'notice', runId, notice });
  }
}
