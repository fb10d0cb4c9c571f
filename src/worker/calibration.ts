/**
 * `auto` picks the fastest path for this problem, measured (issue 18 §4, DESIGN.md §4). The first time a
 * problem shape trains in `auto` mode, each available path (the CPU's fused kernels; WebGPU, fused where its
 * kernel fits, else plain) trains a scratch copy of the run for a few timed steps; the fastest is used, and the
 * result is kept for the session, per shape. A software GPU is picked only when it measured faster than the
 * CPU. The scratch copy is a session of its own, built and disposed here: the live run never sees it.
 */
import { ALGORITHM_INFO, ALGORITHMS } from '../algorithms/registry';
import { EXPERIMENT_FIELDS, FIELD_NAMES, type BackendChoice, type ExperimentConfig, type FieldName } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import type { TrainingSession } from '../engine/session';
import type { Slice } from '../engine/trainingLoop';
import type { BackendPort, BackendSelection } from './backendPort';
import type { CalibratedPath, CalibrationFacts, PathMeasurement, PickReason, UnmeasuredReason } from './calibrationFacts';
import type { BackendName } from './protocol';
import { RunGroup } from './runGroup';

/** A backend this device offers for calibration. */
export interface PathCandidate {
  backend: BackendName;
  /** Emulated in software (SwiftShader, a WebGPU fallback adapter). */
  software: boolean;
}

/**
 * Why a path is not worth timing, or null. Plain TF.js ops on a software GPU: one dispatch per op, each op's shader
 * compiled on first use, so timing it costs seconds and it loses by one to three orders of magnitude (2-8-8-1: 14
 * steps/s against the CPU's 2,886, DESIGN §4; the paper scene: 3.9 against 145, after 8.4 s of compiling on
 * SwiftShader, 2026-12-05). A software GPU's fused kernel (one pipeline) and any hardware GPU are timed.
 */
export function untimedReason(candidate: PathCandidate, kernelPath: 'fused' | 'plain'): UnmeasuredReason | null {
  return candidate.software && kernelPath === 'plain' ? 'software-plain' : null;
}

/** What the calibration found, as the worker posts it (calibrationFacts.ts): the page words it. */
export type Calibration = CalibrationFacts;

export type MeasurePath = (candidate: PathCandidate) => Promise<CalibratedPath>;

/** Settings that change what a step costs, beside the structural ones (network, data, seeds). */
const COST_FIELDS: readonly FieldName[] = ['batchSize', 'algorithm', 'optimizer', 'kernels'];

/** The algorithms' own settings that change what a step costs, as their settings groups declare them (LocoProp's K). */
function algorithmCostFields(): Set<string> {
  return new Set(ALGORITHMS.flatMap((name) => ALGORITHM_INFO[name].settings?.costFields ?? []));
}

/** The problem's shape: what a calibration holds for. */
export function calibrationKey(config: ExperimentConfig): string {
  const algorithmFields = algorithmCostFields();
  const fields = FIELD_NAMES.filter((name) => EXPERIMENT_FIELDS[name].change === 'structural' || COST_FIELDS.includes(name) || algorithmFields.has(name));
  return JSON.stringify(fields.map((name) => [name, config[name]]));
}

/**
 * The fastest measured path, and why. A software GPU must beat every other measured path, the CPU included
 * (on a tie the other path is taken); when nothing measured, the CPU (which always runs).
 */
export function chooseFastest(paths: CalibratedPath[]): { pick: BackendName; why: PickReason } {
  const measured = paths.filter((p): p is CalibratedPath & { measured: PathMeasurement } => p.measured !== null && p.measured.stepsPerSecond > 0);
  let best: (typeof measured)[number] | null = null;
  for (const path of measured) {
    const rate = path.measured.stepsPerSecond;
    if (best === null || rate > best.measured.stepsPerSecond || (rate === best.measured.stepsPerSecond && best.software && !path.software)) best = path;
  }
  if (best === null) return { pick: 'cpu', why: 'none-measured' };
  const rate = best.measured.stepsPerSecond;
  const tied = measured.some((p) => p !== best && p.software && !best.software && p.measured.stepsPerSecond === rate);
  return { pick: best.backend, why: tied ? 'tie-hardware' : 'fastest' };
}

/** Steps timed after the warm-up, at least this long (ms) by the runs' own clock, before a rate is taken. */
export const TIMED_MS = 60;
const MAX_TIMED_STEPS = 16384;
const WARM_STEPS = 1;

/** Batches of the timed length per path: the best one counts (a busy machine or the JIT's tier-up only slows a batch). */
export const TIMED_REPEATS = 3;

/**
 * Steps per second of `session`: a warm-up step (shader compilation on GPUs, the first call's one-time costs), then
 * batches of 1, 2, 4, … steps, each ended by a readback (session.sync), until one batch takes `timedMs`; then
 * up to TIMED_REPEATS − 1 more of that size, and the fastest counts, as Python's timeit takes the least of its
 * repeats (docs.python.org/3/library/timeit.html, Timer.repeat). The worker's messages get a turn between
 * batches. A slow path (one batch over 3 × `timedMs`) is not repeated, so the time spent is capped by what it measures.
 * Returns the rate with what it was measured over (the batch's steps, the fastest batch's ms, the batches timed).
 */
export async function stepsPerSecond(session: TrainingSession, slice: Slice, clock: () => number = () => performance.now(), timedMs = TIMED_MS, stop: () => boolean = () => false): Promise<PathMeasurement> {
  session.runSteps(WARM_STEPS);
  await unlessStopped(session.sync(), stop);
  const timed = async (steps: number): Promise<number> => {
    await slice();
    const started = clock();
    session.runSteps(steps);
    await session.sync();
    return clock() - started;
  };
  for (let steps = 1; ; ) {
    const ms = await timed(steps);
    if (ms >= timedMs || steps >= MAX_TIMED_STEPS) {
      let best = ms;
      let batches = 1;
      for (; batches < TIMED_REPEATS && ms < 3 * timedMs; batches++) best = Math.min(best, await timed(steps));
      const fastest = Math.max(best, 1e-3);
      return { stepsPerSecond: (steps * 1000) / fastest, steps, ms: fastest, batches };
    }
    // Straight to about the timed length once a batch is long enough to estimate it from.
    const estimate = ms > timedMs / 16 ? Math.ceil((steps * timedMs * 1.1) / ms) : steps * 4;
    steps = Math.min(MAX_TIMED_STEPS, Math.max(steps * 2, estimate));
  }
}

/**
 * Thrown out of a calibration when Play comes first (issue 18 §3: the step count moves within 300 ms of Play):
 * the measuring stops at its next slice, nothing is kept, and the live runs train on the backend they are on.
 * `pending`: GPU work given up on (a warm-up step's sync), which the scratch copy's disposal waits for.
 */
export class CalibrationInterrupted extends Error {
  constructor(readonly pending: Promise<unknown> | null = null) {
    super('calibration interrupted by Play');
  }
}

/** How often a wait on the GPU looks for Play (ms). */
const STOP_POLL_MS = 10;

/**
 * `work`, unless `stop` turns true first: a warm-up step's sync waits for its shaders to compile (0.8 s for
 * WebGPU's fused pipeline on SwiftShader, traced 2026-12-06), and Play must not wait behind it.
 */
async function unlessStopped(work: Promise<unknown>, stop: () => boolean): Promise<void> {
  let done = false;
  const settled = work.then(
    () => void (done = true),
    () => void (done = true),
  );
  while (!done) {
    if (stop()) throw new CalibrationInterrupted(settled);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS))]);
  }
  await work;
}

/** `slice`, then a check of `stop`: the points where a calibration gives way to Play. */
function yieldingTo(slice: Slice, stop: () => boolean): Slice {
  return async () => {
    await slice();
    if (stop()) throw new CalibrationInterrupted();
  };
}

/**
 * Measures a path on the real backends: a scratch one-seed copy of the run, built on that backend and disposed.
 * Between its steps it gives way to Play (`stop`): CalibrationInterrupted, the scratch copy disposed.
 */
export function measureOnBackend(port: Pick<BackendPort, 'select'>, config: ExperimentConfig, data: DataAccess, slice: Slice, stop: () => boolean = () => false): MeasurePath {
  const yielding = yieldingTo(slice, stop);
  return async (candidate) => {
    const failed: CalibratedPath = { ...candidate, kernelPath: 'plain', measured: null, unmeasured: 'failed' };
    try {
      await yielding();
      if ((await port.select(candidate.backend, [])).backend !== candidate.backend) return failed;
      await yielding();
      const scratch = await RunGroup.create('calibration', { ...config, repeatSeeds: 1 }, data);
      let givenUp: Promise<unknown> | null = null;
      try {
        const session = scratch.lead.session;
        const untimed = untimedReason(candidate, session.kernelPath);
        if (untimed !== null) return { ...candidate, kernelPath: session.kernelPath, measured: null, unmeasured: untimed };
        await yielding();
        return { ...candidate, kernelPath: session.kernelPath, measured: await stepsPerSecond(session, yielding, undefined, undefined, stop), unmeasured: null };
      } catch (error) {
        givenUp = error instanceof CalibrationInterrupted ? error.pending : null;
        throw error;
      } finally {
        if (givenUp) void givenUp.then(() => scratch.dispose());
        else scratch.dispose();
      }
    } catch (error) {
      if (error instanceof CalibrationInterrupted) throw error;
      return failed;
    }
  };
}

export class Calibrator {
  private readonly cache = new Map<string, Calibration>();
  /** The calibration `auto` follows now: the latest configure's shape, or null when the backend is named. */
  current: Calibration | null = null;
  /** Paths measured this session (for tests: a cached shape measures nothing). */
  measurements = 0;
  /** The shape of the latest `auto` configure, or null after a named backend. */
  private lastKey: string | null = null;

  /**
   * The start of a configure: `auto` follows the shape's cached calibration (or the preference order until it
   * is measured). Returns the cached calibration when the shape is new to the host since the last configure (the
   * host moves the runs to its pick), else null: a hot setting changed after a device loss moved the runs off
   * the pick must not move them back.
   */
  recall(config: ExperimentConfig): Calibration | null {
    const key = config.backend === 'auto' ? calibrationKey(config) : null;
    const changed = key !== this.lastKey;
    this.lastKey = key;
    this.current = key === null ? null : (this.cache.get(key) ?? null);
    return changed ? this.current : null;
  }

  /**
   * The shape's calibration, measured now when `config.backend` is `auto`, the shape is not in the cache and more
   * than one path is offered; null (and nothing measured) otherwise. Call after recall().
   */
  async calibrate(config: ExperimentConfig, candidates: () => Promise<PathCandidate[]>, measure: MeasurePath): Promise<Calibration | null> {
    if (config.backend !== 'auto') return null;
    const key = calibrationKey(config);
    const known = this.cache.get(key);
    if (known) return (this.current = known);
    const offered = await candidates();
    if (offered.length < 2) return null;
    const paths: CalibratedPath[] = [];
    for (const candidate of offered) {
      paths.push(await measure(candidate));
      this.measurements += 1;
    }
    const calibration: Calibration = { ...chooseFastest(paths), paths };
    this.cache.set(key, calibration);
    return (this.current = calibration);
  }

  /** The port's selection, with `auto` sent to the calibrated pick (unless excluded) and the calibration's facts beside it. */
  async select(port: BackendPort, choice: BackendChoice, exclude: BackendName[]): Promise<BackendSelection> {
    const calibration = this.current;
    if (choice !== 'auto' || calibration === null || exclude.includes(calibration.pick)) return port.select(choice, exclude);
    const selection = await port.select(calibration.pick, exclude);
    if (selection.backend !== calibration.pick) return selection;
    return { ...selection, skipped: [], calibration };
  }
}

/**
 * The host's hook, once a configure's runs are shown (or at a pause, for a calibration Play cut short): measures a
 * new `auto` shape's paths (when the port offers several), then puts the backend that was active (`active`) back,
 * so the live runs stay where they are until the host moves them. Returns the new calibration (the host moves the
 * runs to its pick, or posts the rates), or null when nothing was measured. When `stop` turns true (Play) it
 * stops at its next slice, puts the active backend back, keeps nothing and throws CalibrationInterrupted.
 */
export async function calibrateFor(calibrator: Calibrator, config: ExperimentConfig, port: BackendPort, data: DataAccess, slice: Slice, active: BackendName | null, stop: () => boolean = () => false): Promise<Calibration | null> {
  const before = calibrator.measurements;
  let switched = false;
  const switching: Pick<BackendPort, 'select'> = {
    select: (choice, exclude) => {
      switched = true;
      return port.select(choice, exclude);
    },
  };
  let calibration: Calibration | null;
  try {
    calibration = await calibrator.calibrate(config, async () => (port.candidates ? port.candidates() : []), measureOnBackend(switching, config, data, slice, stop));
  } catch (error) {
    if (error instanceof CalibrationInterrupted && active !== null && switched) await port.select(active, []);
    throw error;
  }
  if (calibrator.measurements === before) return null;
  if (active !== null) await port.select(active, []);
  return calibration;
}
