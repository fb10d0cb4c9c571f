/**
 * `auto` picks the fastest path for this problem, measured (issue 18 §4, DESIGN.md §4). The first time a
 * problem shape trains in `auto` mode, each available path (the CPU's fused kernels; WebGPU, fused where its
 * kernel fits, else plain) trains a scratch copy of the run for a few timed steps; the fastest is used, and the
 * result is kept for the session, per shape. A software GPU is picked only when it measured faster than the
 * CPU. The scratch copy is a session of its own, built and disposed here: the live run never sees it.
 */
import { EXPERIMENT_FIELDS, FIELD_NAMES, type BackendChoice, type ExperimentConfig, type FieldName } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import type { TrainingSession } from '../engine/session';
import type { Slice } from '../engine/trainingLoop';
import type { BackendPort, BackendSelection } from './backendPort';
import type { BackendName } from './protocol';
import { RunGroup } from './runGroup';

/** A backend this device offers for calibration. */
export interface PathCandidate {
  backend: BackendName;
  /** Emulated in software (SwiftShader, a WebGPU fallback adapter). */
  software: boolean;
}

export interface PathRate extends PathCandidate {
  /** Training steps per second of the scratch copy, or null when it could not train there. */
  stepsPerSecond: number | null;
  kernelPath: 'fused' | 'plain';
  /** Why the path was not timed, where it was passed over unmeasured (untimedReason). */
  untimed?: string;
}

/**
 * Why a path is not worth timing, or null. Plain TF.js ops on a software GPU: one dispatch per op, each op's shader
 * compiled on first use, so timing it costs seconds and it loses by one to three orders of magnitude (2-8-8-1: 14
 * steps/s against the CPU's 2,886, DESIGN §4; the paper scene: 3.9 against 145, after 8.4 s of compiling on
 * SwiftShader, 2026-12-05). A software GPU's fused kernel (one pipeline) and any hardware GPU are timed.
 */
export function untimedReason(candidate: PathCandidate, kernelPath: 'fused' | 'plain'): string | null {
  return candidate.software && kernelPath === 'plain' ? 'not timed: plain ops on a software GPU' : null;
}

export interface Calibration {
  pick: BackendName;
  rates: PathRate[];
}

export type MeasurePath = (candidate: PathCandidate) => Promise<PathRate>;

/** Settings that change what a step costs, beside the structural ones (network, data, seeds); LocoProp's K inner steps too. */
const COST_FIELDS: FieldName[] = ['batchSize', 'algorithm', 'optimizer', 'kernels', 'innerSteps', 'innerOptimizer'];

/** The problem's shape: what a calibration holds for. */
export function calibrationKey(config: ExperimentConfig): string {
  const fields = FIELD_NAMES.filter((name) => EXPERIMENT_FIELDS[name].change === 'structural' || COST_FIELDS.includes(name));
  return JSON.stringify(fields.map((name) => [name, config[name]]));
}

/**
 * The fastest measured path. A software GPU must beat every other measured path, the CPU included; when
 * nothing measured, the CPU (which always runs).
 */
export function chooseFastest(rates: PathRate[]): BackendName {
  const measured = rates.filter((r): r is PathRate & { stepsPerSecond: number } => r.stepsPerSecond !== null && r.stepsPerSecond > 0);
  let best: (typeof measured)[number] | null = null;
  for (const rate of measured) {
    if (best === null || rate.stepsPerSecond > best.stepsPerSecond || (rate.stepsPerSecond === best.stepsPerSecond && best.software && !rate.software)) best = rate;
  }
  return best?.backend ?? 'cpu';
}

function formatRate(stepsPerSecond: number | null): string {
  if (stepsPerSecond === null) return 'did not run';
  const digits = stepsPerSecond < 10 ? 1 : 0;
  return `${stepsPerSecond.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} steps/s`;
}

/** "auto: CPU 5,900 steps/s (fused), WebGPU 310 steps/s (fused, software)". */
export function describeCalibration(calibration: Calibration, label: (backend: BackendName) => string): string {
  const parts = calibration.rates.map((r) => `${label(r.backend)} ${r.untimed ?? formatRate(r.stepsPerSecond)} (${r.kernelPath}${r.software ? ', software' : ''})`);
  return `auto: ${parts.join(', ')}`;
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
 */
export async function stepsPerSecond(session: TrainingSession, slice: Slice, clock: () => number = () => performance.now(), timedMs = TIMED_MS): Promise<number> {
  session.runSteps(WARM_STEPS);
  await session.sync();
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
      for (let i = 1; i < TIMED_REPEATS && ms < 3 * timedMs; i++) best = Math.min(best, await timed(steps));
      return (steps * 1000) / Math.max(best, 1e-3);
    }
    // Straight to about the timed length once a batch is long enough to estimate it from.
    const estimate = ms > timedMs / 16 ? Math.ceil((steps * timedMs * 1.1) / ms) : steps * 4;
    steps = Math.min(MAX_TIMED_STEPS, Math.max(steps * 2, estimate));
  }
}

/** Measures a path on the real backends: a scratch one-seed copy of the run, built on that backend and disposed. */
export function measureOnBackend(port: BackendPort, config: ExperimentConfig, data: DataAccess, slice: Slice): MeasurePath {
  return async (candidate) => {
    const failed: PathRate = { ...candidate, stepsPerSecond: null, kernelPath: 'plain' };
    try {
      if ((await port.select(candidate.backend, [])).backend !== candidate.backend) return failed;
      await slice();
      const scratch = await RunGroup.create('calibration', { ...config, repeatSeeds: 1 }, data);
      try {
        const session = scratch.lead.session;
        const untimed = untimedReason(candidate, session.kernelPath);
        if (untimed !== null) return { ...candidate, kernelPath: session.kernelPath, stepsPerSecond: null, untimed };
        return { ...candidate, kernelPath: session.kernelPath, stepsPerSecond: await stepsPerSecond(session, slice) };
      } finally {
        scratch.dispose();
      }
    } catch {
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
    const rates: PathRate[] = [];
    for (const candidate of offered) {
      rates.push(await measure(candidate));
      this.measurements += 1;
    }
    const calibration: Calibration = { pick: chooseFastest(rates), rates };
    this.cache.set(key, calibration);
    return (this.current = calibration);
  }

  /** The port's selection, with `auto` sent to the calibrated pick (unless excluded) and the rates in the detail. */
  async select(port: BackendPort, choice: BackendChoice, exclude: BackendName[]): Promise<BackendSelection> {
    const calibration = this.current;
    if (choice !== 'auto' || calibration === null || exclude.includes(calibration.pick)) return port.select(choice, exclude);
    const selection = await port.select(calibration.pick, exclude);
    if (selection.backend !== calibration.pick) return selection;
    return { ...selection, detail: `${describeCalibration(calibration, (b) => port.label(b))}\n${selection.detail}`, fallbackReason: null };
  }
}

/**
 * The host's hook, once a configure's runs are shown: measures a new `auto` shape's paths (when the port offers
 * several), then puts the backend that was active (`active`) back, so the live runs stay where they are until
 * the host moves them. Returns the new calibration (the host moves the runs to its pick, or posts the rates),
 * or null when nothing was measured.
 */
export async function calibrateFor(calibrator: Calibrator, config: ExperimentConfig, port: BackendPort, data: DataAccess, slice: Slice, active: BackendName | null): Promise<Calibration | null> {
  const before = calibrator.measurements;
  const calibration = await calibrator.calibrate(config, async () => (port.candidates ? port.candidates() : []), measureOnBackend(port, config, data, slice));
  if (calibrator.measurements === before) return null;
  if (active !== null) await port.select(active, []);
  return calibration;
}
