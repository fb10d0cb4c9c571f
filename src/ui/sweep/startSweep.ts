/**
 * Starting the sweep written in the panel over the comparison's runs (each a group), from the panel's button or
 * a scene that opens with a sweep: the groups take the sweep's validation split, the estimate per step comes
 * from each group's data shape (state/sweepEstimate.ts), and the store refuses what is too large or too long.
 */
import type { ExperimentConfig } from '../../config/experiment';
import type { SweepAxisName } from '../../config/sweep';
import type { ConfigStore } from '../../state/configStore';
import { stepsPerEpoch } from '../../engine/budget';
import { useCsvStore } from '../../state/csvStore';
import { useRunStore } from '../../state/runStore';
import type { SweepCsvFile } from '../../worker/sweepProtocol';
import { estimateSweepMsPerStep, sweepGroupNames } from '../../state/sweepEstimate';
import { workerBytes, workersThatFit } from '../../state/sweepMemory';
import { useSweepStore } from './sweepStoreInstance';
import { yieldToMessages } from '../../engine/yieldToMessages';

/** The longest a sweep may take by its estimate, over all its workers (a sweep is a tool, not a batch queue). */
export const SWEEP_TIME_LIMIT_MS = 30 * 60 * 1000;

/** After a refusal by time of a sweep that would train on WebGPU: whose pace the estimate took. */
export const WEBGPU_PACE_NOTE =
  'This sweep would train on WebGPU, whose pace for many runs a dispatch is known only once it trains: the estimate is the CPU’s, where the sweep goes on if the device is lost. Make the sweep smaller, or train the comparison on the CPU.';

/**
 * `run` for a click, in the task after the click's (issue 20 §7: the click's own task is the browser's input
 * handling and hit test; with the plan of 512 runs and the panel's render in it, it ran past 50 ms). Clicks before
 * that task has run add nothing: a second start would only replace the sweep the first one started.
 */
export function inNextTask(run: () => void, nextTask: () => Promise<void> = yieldToMessages): () => void {
  let waiting = false;
  return () => {
    if (waiting) return;
    waiting = true;
    void nextTask().then(() => {
      waiting = false;
      run();
    });
  };
}

/** The comparison's runs as the sweep's groups, with the sweep's validation split. */
export function sweepGroups(configStore: ConfigStore): ExperimentConfig[] {
  const { validationPercent } = useSweepStore.getState();
  return configStore.getState().runs.map((run) => ({ ...run.config, validationPercent }));
}

export function startSweep(configStore: ConfigStore): boolean {
  const runs = configStore.getState().runs;
  const groups = sweepGroups(configStore);
  const { spec } = useSweepStore.getState();
  const csv = csvFileForSweep(groups);
  if (typeof csv === 'string') {
    useSweepStore.setState({ refused: [csv] });
    return false;
  }
  const known = useRunStore.getState().runs;
  // Before the worker has described a run's data, the estimates assume the 2-D sets' shape.
  const shapes = runs.map((run) => known[run.id]?.problem ?? { inputSize: 2, outputSize: 1, trainCount: 250, testCount: 250 });
  // Steps per epoch from what the worker said of each group's data (its training rows less the sweep's validation share).
  const groupStepsPerEpoch = shapes.map((shape, i) => stepsPerEpoch(Math.max(1, Math.round(shape.trainCount * (1 - groups[i].validationPercent / 100))), groups[i].batchSize));
  // Steps a run takes, for the estimate's evaluations per step (a budget of time: an order of magnitude will do).
  const groupSteps = groupStepsPerEpoch.map((perEpoch) => {
    if (spec.budgetUnit === 'epochs') return Math.max(1, Math.round(spec.budget * perEpoch));
    return spec.budgetUnit === 'seconds' ? 1000 : spec.budget;
  });
  const perStep = shapes.map((shape, i) => estimateSweepMsPerStep(groups[i], shape, groupSteps[i]));
  // A worker on a CSV file also holds its bytes and its parsed table.
  const fileBytes = csv ? 2 * csv.bytes.byteLength : 0;
  const perWorker = Math.max(...shapes.map((shape, i) => workerBytes(shape, known[runs[i].id]?.parameterCount ?? 0))) + fileBytes;
  const cores = Math.max(1, (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency) || 1);
  const fit = workersThatFit(cores, perWorker);
  if ('reason' in fit) {
    useSweepStore.setState({ refused: [fit.reason] });
    return false;
  }
  const { workers } = fit;
  // Each run at its group's estimate (the slowest group's where one is missing).
  const groupMsPerStep = perStep.map((ms) => Number(ms.toPrecision(3)));
  const msPerStep = Math.max(...groupMsPerStep);
  const names = sweepGroupNames(groups, spec.axes.map((a) => a.field as SweepAxisName));
  // Where the comparison trains on WebGPU, so does the sweep: one worker, many runs a dispatch (issue 17 §8).
  const backend = useRunStore.getState().backend?.name === 'webgpu' ? 'webgpu' : 'cpu';
  // `workers`: the CPU's, which a sweep on WebGPU falls back to when its device is lost. The estimate is the CPU's
  // too (WebGPU's pace for many runs a dispatch is known only once it trains), and a refusal says so.
  const paceNote = backend === 'webgpu' ? WEBGPU_PACE_NOTE : undefined;
  return useSweepStore.getState().start(groups, names, { msPerStep, groupMsPerStep, maxMs: SWEEP_TIME_LIMIT_MS, workers, groupStepsPerEpoch, paceNote }, csv ?? undefined, backend);
}

/** The CSV file the groups on `dataset=custom` need, null when none does, or why the sweep cannot have it. */
export function csvFileForSweep(groups: readonly ExperimentConfig[]): SweepCsvFile | null | string {
  if (!groups.some((g) => g.dataset === 'custom')) return null;
  const { file, loaded } = useCsvStore.getState();
  if (!file || !loaded) return 'The sweep trains on a CSV file ("dataset=custom") that is not loaded in this page: load the file again under Data, then start the sweep.';
  return { ...file, label: loaded.label, features: [...loaded.features] };
}
