/**
 * The batched WebGPU sweep on the fused test page (e2e/fused/index.html): issue 17 §8's 48-run learning-rate
 * sweep (16 values, log, 0.001–1, × 3 seeds) of 2-8-8-1 tanh on the circle, batch 16, Adam, each run on its
 * seed's data set, θ₀ and minibatch order (the seeds derived as engine/session.ts derives them; the rate constant).
 * `parity` trains R of its runs in one dispatch (algorithms/backprop/webgpuSweepSteps.ts) and each alone on the
 * one-workgroup kernel (webgpuTrainSteps.ts, its own data set's tensors and rows), and compares them; `time` times
 * the two ways (bench/sweep-webgpu-bench.ts). With `algorithm: 'locoprop-m'` the same sweep of LocoProp-M (inner
 * Adam, K = 3), batched by algorithms/locoprop/webgpuLocoPropSweep.ts against webgpuLocoPropSteps.ts alone, its
 * problem and rates (the schedule's doubles) as its sweepBatch declares them; with `algorithm: 'feedback-alignment'`
 * backprop's batched kernel with each run's B (drawn from its seed as the session draws it) against the one-run
 * kernel with that B. Exposes window.sweepWebgpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { sweepStepsWebGpu, type WebGpuSweepCall, type WebGpuSweepRun } from '../../src/algorithms/backprop/webgpuSweepSteps';
import { trainStepsWebGpu } from '../../src/algorithms/backprop/webgpuTrainSteps';
import { asLocoPropProblem } from '../../src/algorithms/locoprop/cpuLocoPropSteps';
import { locopropStepsWebGpu } from '../../src/algorithms/locoprop/webgpuLocoPropSteps';
import { locopropSweepStepsWebGpu } from '../../src/algorithms/locoprop/webgpuLocoPropSweep';
import { ALGORITHM_IMPLEMENTATIONS } from '../../src/algorithms/workerRegistry';
import { defaultConfig, type ExperimentConfig } from '../../src/config/experiment';
import { expandSweep } from '../../src/config/sweep';
import { runSpecOf, trainingSettingsOf } from '../../src/config/toEngine';
import { buildGeneratedDataset, isGeneratedSpec, MinibatchSampler, type Examples } from '../../src/engine/data/dataset';
import type { FusedProblem } from '../../src/engine/fused/fusedProblem';
import { DEFAULT_WEBGPU_STEPS_OPTIONS, type ShaderMutation } from '../../src/engine/fused/webgpuDispatch';
import { initialParameters, networkLayout } from '../../src/engine/model/mlp';
import { deriveSeed } from '../../src/engine/random';
import { FlatOptimizer } from '../../src/engine/train/optimizers';
import { optimizerKindFor } from '../../src/engine/sessionTypes';
import { adaptsLearningRate } from '../../src/engine/names';
import { FIRST_RUN_FEEDBACK, NEXT_RUN_RATE } from '../../src/test/sweepMutants';
import { relativeError } from '../fused/parityHarness';
import type { SweepAlgorithm, SweepParityRequest, SweepParityResult, SweepTimingRequest } from './sweepApi';

const BACKPROP: ExperimentConfig = { ...defaultConfig(), dataset: 'circle', hidden: [8, 8], activation: ['tanh', 'tanh'], batchSize: 16 };
const BASES: Record<SweepAlgorithm, ExperimentConfig> = {
  backprop: BACKPROP,
  'locoprop-m': { ...BACKPROP, algorithm: 'locoprop-m', innerOptimizer: 'adam', innerSteps: 3 },
  'feedback-alignment': { ...BACKPROP, algorithm: 'feedback-alignment' },
  'adam-hd': { ...BACKPROP, optimizer: 'adam-hd', hypergradientRate: 0.0001 },
};
const SWEEP_SIZE = 48;
/** engine/session.ts's streams for θ₀, the minibatch order and the algorithm's own state (feedback alignment's B). */
const SEED_STREAM_INIT = 3;
const SEED_STREAM_BATCHES = 4;
const SEED_STREAM_ALGORITHM = 5;

/** A run alone on the algorithm's one-workgroup kernel (its schedule's rates as that kernel takes them; its own state alone). */
type AloneCall = Omit<WebGpuSweepCall, 'runs'> & WebGpuSweepRun;

/** The mutants a parity request may ask for (src/test/sweepMutants.ts). */
const MUTANTS: Record<Exclude<SweepParityRequest['variant'], 'exact'>, ShaderMutation> = { 'next-run-rate': NEXT_RUN_RATE, 'first-run-feedback': FIRST_RUN_FEEDBACK };

const float32 = <T extends { learningRates: ArrayLike<number>; momenta: ArrayLike<number> }>(call: T) => ({ ...call, learningRates: Float32Array.from(call.learningRates), momenta: Float32Array.from(call.momenta) });

/** Each algorithm's kernels: a run alone, and the sweep's runs in one dispatch (with the test mutant where asked). */
const KERNELS: Record<SweepAlgorithm, { alone: (backend: WebGPUBackend, call: AloneCall) => tf.TensorInfo[]; batched: (backend: WebGPUBackend, call: WebGpuSweepCall, mutation: ShaderMutation | null) => tf.TensorInfo[] }> = {
  backprop: {
    alone: (backend, call) => trainStepsWebGpu(backend, float32(call)),
    batched: (backend, call, mutation) => sweepStepsWebGpu(backend, call, { ...DEFAULT_WEBGPU_STEPS_OPTIONS, mutation }),
  },
  'locoprop-m': {
    alone: (backend, call) => locopropStepsWebGpu(backend, { ...call, problem: asLocoPropProblem(call.problem) }),
    batched: locopropSweepStepsWebGpu,
  },
  'feedback-alignment': {
    alone: (backend, call) => trainStepsWebGpu(backend, { ...float32(call), feedback: call.algorithmState[0] }),
    batched: (backend, call, mutation) => sweepStepsWebGpu(backend, call, { ...DEFAULT_WEBGPU_STEPS_OPTIONS, mutation }, call.algorithmState[0]),
  },
  'adam-hd': {
    alone: (backend, call) => trainStepsWebGpu(backend, float32(call)),
    batched: (backend, call, mutation) => sweepStepsWebGpu(backend, call, { ...DEFAULT_WEBGPU_STEPS_OPTIONS, mutation }),
  },
};

interface SweepRunProblem {
  name: string;
  theta0: Float32Array;
  /** Its algorithm's own state (feedback alignment's B, from its seed as the session draws it); empty without. */
  state: Float32Array[];
  /** Its data set's index in `sets`, and its schedule with rows into that set. */
  set: number;
  schedule: WebGpuSweepRun;
}

interface SweepProblem {
  algorithm: SweepAlgorithm;
  problem: FusedProblem;
  batchSize: number;
  sets: Examples[];
  runs: SweepRunProblem[];
  /** Every slot's initial values for one run (FlatOptimizer's). */
  slots0: Float32Array[];
}

/** The sweep's runs (config/sweep.ts expandSweep), `count` of them spread over the 48, with `steps` batches each. */
async function sweepProblem(algorithm: SweepAlgorithm, count: number, steps: number): Promise<SweepProblem> {
  const BASE = BASES[algorithm];
  const batch = ALGORITHM_IMPLEMENTATIONS[BASE.algorithm].sweepBatch;
  if (!batch) throw new Error(`${BASE.algorithm} has no batched sweep steps`);
  const Rates = batch.rates === 'float32' ? Float32Array : Float64Array;
  const axis = { field: 'learningRate', values: { kind: 'range' as const, from: 0.001, to: 1, count: 16, scale: 'log' as const } };
  const expansion = expandSweep({ axes: [axis], seeds: 3, budget: steps, budgetUnit: 'steps' }, [BASE], { msPerStep: 1e-6, maxMs: Number.MAX_VALUE });
  if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
  const all = expansion.plan.runs;
  if (all.length !== SWEEP_SIZE || count < 1 || count > SWEEP_SIZE) throw new Error(`${count} runs of a ${all.length}-run sweep`);
  const chosen = Array.from({ length: count }, (_, i) => all[Math.floor((i * SWEEP_SIZE) / count)]);
  const layout = networkLayout(2, BASE.hidden, BASE.activation, 1);
  const settings = trainingSettingsOf(BASE);
  const optimizer = optimizerKindFor(settings);
  const hypergradient = adaptsLearningRate(optimizer) ? { hypergradientRate: BASE.hypergradientRate } : {};
  const shared = { layout, lossKind: 'sigmoid-cross-entropy' as const, regularization: BASE.regularization, regularizationRate: BASE.regularizationRate, optimizer, ...hypergradient };
  const problem = batch.problem(shared, settings.settings);
  const sets: Examples[] = [];
  const setOfSeed = new Map<number, number>();
  const runs = chosen.map((run): SweepRunProblem => {
    const spec = runSpecOf(run.config);
    if (!isGeneratedSpec(spec.dataset)) throw new Error('the sweep trains on the circle');
    const seed = run.config.seed;
    if (!setOfSeed.has(seed)) setOfSeed.set(seed, sets.push(buildGeneratedDataset(spec.dataset).train) - 1);
    const set = setOfSeed.get(seed) as number;
    const rows = new Int32Array(steps * BASE.batchSize);
    new MinibatchSampler(sets[set].count, deriveSeed(seed, SEED_STREAM_BATCHES)).nextRows(rows);
    const schedule = { rows, learningRates: new Rates(steps).fill(run.config.learningRate), momenta: new Rates(steps).fill(run.config.momentum), stepCount: 0, beta1Product: 1 };
    const created = ALGORITHM_IMPLEMENTATIONS[BASE.algorithm].createState?.({ layout, init: spec.init, seed: deriveSeed(spec.dataset.seed, SEED_STREAM_ALGORITHM) });
    const state = created?.values.map((values) => Float32Array.from(values)) ?? [];
    created?.tensors.forEach((tensor) => tensor.dispose());
    return { name: `lr ${run.config.learningRate.toPrecision(3)} · seed ${seed}`, theta0: initialParameters(layout, spec.init, deriveSeed(seed, SEED_STREAM_INIT)), state, set, schedule };
  });
  const fresh = new FlatOptimizer(problem.optimizer, layout.parameterCount);
  const slots0 = await Promise.all(fresh.slots.map(async (slot) => new Float32Array(await slot.data())));
  fresh.dispose();
  return { algorithm, problem, batchSize: BASE.batchSize, sets, runs, slots0 };
}

function gpu(): WebGPUBackend {
  if (tf.getBackend() !== 'webgpu') throw new Error(`the batched sweep needs WebGPU, not ${tf.getBackend()}`);
  return tf.backend() as unknown as WebGPUBackend;
}

const tensorOf = (info: tf.TensorInfo): tf.Tensor => tf.engine().makeTensorFromTensorInfo(info);

interface RunState {
  theta: Float32Array;
  slots: Float32Array[];
  losses: Float32Array;
}

/** Each run alone on the one-workgroup kernel, one call after another; the states read once every call is submitted. */
async function runsInTurn(p: SweepProblem): Promise<RunState[]> {
  const backend = gpu();
  const sets = p.sets.map((set) => ({ inputs: tf.tensor2d(set.inputs, [set.count, 2]), targets: tf.tensor2d(set.targets, [set.count, 1]) }));
  const results = p.runs.map((run) => {
    const theta = tf.tensor1d(run.theta0);
    const slots = p.slots0.map((values) => tf.tensor1d(values));
    const algorithmState = run.state.map((values) => tf.tensor1d(values));
    // An -HD rule's α as it stands (a fresh run takes the scheduled rate at its first step).
    const rate = adapts(p) ? { rate: tf.tensor1d([0]) } : {};
    const call = { theta, slots, algorithmState, ...sets[run.set], batchSize: p.batchSize, ...run.schedule, ...rate };
    const out = KERNELS[p.algorithm].alone(backend, { ...call, problem: p.problem }).map(tensorOf);
    tf.dispose([theta, ...slots, ...algorithmState, ...Object.values(rate)]);
    return out;
  });
  const states = await Promise.all(results.map(async (out) => stateOf(p, await Promise.all(out.map(read)), 0, 1)));
  tf.dispose([...results.flat(), ...sets.flatMap((set) => [set.inputs, set.targets])]);
  return states;
}

/** Every run in one dispatch, on the data sets one after another (each run's rows offset to its set). */
async function runsBatched(p: SweepProblem, mutation: ShaderMutation | null): Promise<RunState[]> {
  const starts = p.sets.map((_, i) => p.sets.slice(0, i).reduce((rows, set) => rows + set.count, 0));
  const concatenated = (part: 'inputs' | 'targets') => Float32Array.from(p.sets.flatMap((set) => Array.from(set[part])));
  const rowCount = p.sets.reduce((rows, set) => rows + set.count, 0);
  const inputs = tf.tensor2d(concatenated('inputs'), [rowCount, 2]);
  const targets = tf.tensor2d(concatenated('targets'), [rowCount, 1]);
  const stacked = (parts: readonly Float32Array[]) => tf.tensor1d(Float32Array.from(parts.flatMap((part) => Array.from(part))));
  const theta = stacked(p.runs.map((run) => run.theta0));
  const slots = p.slots0.map((values) => stacked(p.runs.map(() => values)));
  const algorithmState = (p.runs[0]?.state ?? []).map((_, k) => stacked(p.runs.map((run) => run.state[k])));
  const runs = p.runs.map((run) => ({ ...run.schedule, rows: run.schedule.rows.map((row) => row + starts[run.set]) }));
  const rate = adapts(p) ? { rate: tf.tensor1d(new Float32Array(p.runs.length)) } : {};
  const call: WebGpuSweepCall = { problem: p.problem, theta, slots, algorithmState, inputs, targets, batchSize: p.batchSize, runs, ...rate };
  const out = KERNELS[p.algorithm].batched(gpu(), call, mutation).map(tensorOf);
  const values = await Promise.all(out.map(read));
  tf.dispose([inputs, targets, theta, ...slots, ...algorithmState, ...Object.values(rate), ...out]);
  return p.runs.map((_, r) => stateOf(p, values, r, p.runs.length));
}

const adapts = (p: SweepProblem): boolean => adaptsLearningRate(p.problem.optimizer);

/**
 * Run r of `runs` from a call's outputs [θ, ...slots, losses] (each runs × its length), then each step's α for an
 * -HD rule, kept as one more slot so that the comparison covers it.
 */
function stateOf(p: SweepProblem, outputs: readonly Float32Array[], r: number, runs: number): RunState {
  const [theta, ...rest] = outputs;
  const rates = adapts(p) ? rest.pop() : undefined;
  const losses = rest.pop() as Float32Array;
  const part = (values: Float32Array): Float32Array => values.slice((r * values.length) / runs, ((r + 1) * values.length) / runs);
  return { theta: part(theta), slots: [...rest, ...(rates ? [rates] : [])].map(part), losses: part(losses) };
}

async function read(tensor: tf.Tensor): Promise<Float32Array> {
  return new Float32Array(await tensor.data());
}

const sameBits = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && new Uint32Array(a.buffer, a.byteOffset, a.length).every((bits, i) => bits === new Uint32Array(b.buffer, b.byteOffset, b.length)[i]);

async function parity(request: SweepParityRequest): Promise<SweepParityResult> {
  const p = await sweepProblem(request.algorithm ?? 'backprop', request.runs, request.steps);
  const alone = await runsInTurn(p);
  const batched = await runsBatched(p, request.variant === 'exact' ? null : MUTANTS[request.variant]);
  const runs = p.runs.map((run, r) => {
    const [a, b] = [batched[r], alone[r]];
    const slots = Math.max(0, ...b.slots.map((slot, i) => relativeError(a.slots[i] ?? [], slot)));
    const identical = sameBits(a.theta, b.theta) && sameBits(a.losses, b.losses) && b.slots.every((slot, i) => sameBits(a.slots[i], slot));
    return { name: run.name, theta: relativeError(a.theta, b.theta), slots, losses: relativeError(a.losses, b.losses), identical };
  });
  return { runs, distinctThetas: new Set(alone.map((state) => Array.from(state.theta).join(','))).size };
}

async function time(request: SweepTimingRequest): Promise<number> {
  const p = await sweepProblem(request.algorithm ?? 'backprop', request.runs, request.steps);
  const started = performance.now();
  await (request.path === 'batched' ? runsBatched(p, null) : runsInTurn(p));
  return performance.now() - started;
}

window.sweepWebgpu = { parity, time };
