/** The sweep panel's line on where its runs train (`sweep-backend`): workers, backend, and how the runs shared kernels. */
import { sweepFallbackText } from '../../state/backendMessages';
import type { SweepRecord } from '../../state/sweepStore';
import type { SweepRunResult } from '../../engine/sweep/types';

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
  if (alone.length === known.length) return ', one run a dispatch';
  // Which groups they were (their algorithm or optimizer has no batched steps there, their network does not fit them, or a run was left alone).
  const names = [...new Set(alone.map((result) => record.groupNames[record.plan.runs[result.index]?.group ?? -1]).filter((name) => name !== undefined))];
  const which = names.length === 0 ? '' : `: ${names.slice(0, 2).join('; ')}${names.length > 2 ? ` and ${names.length - 2} more groups` : ''}`;
  return `, many runs a dispatch (${alone.length} of ${known.length} runs one at a time${which})`;
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

