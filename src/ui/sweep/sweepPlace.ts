/** The sweep panel's line on where its runs train (`sweep-backend`): workers, backend, and how the runs shared kernels. */
import { ALGORITHM_INFO } from '../../algorithms/registry';
import type { ExperimentConfig } from '../../config/experiment';
import type { SweepRunResult } from '../../engine/sweep/types';
import { sweepFallbackText } from '../../state/backendMessages';
import type { SweepRecord } from '../../state/sweepStore';

/**
 * Why a run trains alone on WebGPU, where the page can tell from its config: plain ops asked for, or no WGSL kernel
 * or no batched one for its algorithm (descriptions' fusedOn, batchedOn). Null where only the worker knows: a
 * network too big for one workgroup's memory, or a group of one.
 */
function aloneReason(config: ExperimentConfig): string | null {
  if (config.kernels === 'plain') return 'on plain ops by its setting';
  if (!ALGORITHM_INFO[config.algorithm].fusedOn.includes('webgpu')) return 'which has no WebGPU kernel';
  if (!ALGORITHM_INFO[config.algorithm].batchedOn.includes('webgpu')) return 'which has no batched WebGPU kernel';
  return null;
}

/**
 * On WebGPU, how the finished runs trained, as their results say (SweepRunResult.trainedWith): many a dispatch
 * (their algorithm's batched steps), one at a time (an algorithm or optimizer without them, a network too big for
 * them, or a group of one), or some of each; nothing before a run has finished or for results that do not say.
 */
function dispatchWords(record: Pick<SweepRecord, 'plan' | 'groupNames'>, results: readonly Pick<SweepRunResult, 'index' | 'trainedWith'>[]): string {
  const known = results.filter((result) => result.trainedWith !== undefined);
  const alone = known.filter((result) => result.trainedWith === 1);
  if (known.length === 0) return '';
  if (alone.length === 0) return ', many runs a dispatch';
  // Which groups they were, with the reason where the config tells it.
  const groups = new Map<number, string>();
  for (const { index } of alone) {
    const run = record.plan.runs[index];
    const name = run ? record.groupNames[run.group] : undefined;
    if (run && name !== undefined && !groups.has(run.group)) groups.set(run.group, [name, aloneReason(run.config)].filter(Boolean).join(', '));
  }
  const named = [...groups.values()];
  const which = named.length === 0 ? '' : `${named.slice(0, 2).join('; ')}${named.length > 2 ? ` and ${named.length - 2} more groups` : ''}`;
  if (alone.length === known.length) return `, one run a dispatch${which ? ` (${which})` : ''}`;
  return `, many runs a dispatch (${alone.length} of ${known.length} runs one at a time${which ? `: ${which}` : ''})`;
}

/** Where the sweep trains: its workers and their backend, and why not WebGPU where it was meant to run there. */
export function sweepPlace(
  record: Pick<SweepRecord, 'workers' | 'backend' | 'fallback' | 'deviceLost' | 'plan' | 'groupNames'>,
  results: readonly Pick<SweepRunResult, 'index' | 'trainedWith'>[],
): string {
  const workers = `${record.workers} worker${record.workers === 1 ? '' : 's'}`;
  if (record.backend === 'webgpu') return `${workers} on WebGPU${dispatchWords(record, results)}`;
  if (record.deviceLost) return `${workers} on the CPU since its WebGPU device was lost (${record.deviceLost.message.trim() || 'no reason given'}); unfinished runs started again here`;
  if (record.fallback !== undefined) return `${workers} on the CPU since ${sweepFallbackText(record.fallback)}`;
  return `${workers} on the CPU`;
}

