/**
 * A scene's step-cost comparison as measured here, while its runs train: each run's time per step over its recent
 * steps alone (evaluations excluded), sent by the worker only once engine/stepTiming.ts's rule holds. The card's
 * narration may quote a ratio measured on another machine; this line is this device's.
 */
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import { MIN_TIMED_MS, MIN_TIMED_STEPS } from '../../engine/stepTiming';
import { useRunStore } from '../../state/runStore';
import { BACKEND_LABELS } from '../../worker/protocol';
import { useRuns } from '../useRuns';
import { groupedNumber } from '../../text/groupedNumber';

const short = (ms: number): string => groupedNumber(Number(ms.toPrecision(3)));

/** The measured time per step of the first run of `algorithm` (its own live cost), or undefined. */
function useLiveMsPerStep(algorithm: AlgorithmName): number | undefined {
  const runId = useRuns().find((run) => run.config.algorithm === algorithm)?.id;
  return useRunStore((state) => (runId === undefined ? undefined : state.runs[runId]?.costs.live[algorithm]));
}

export function SceneLiveCost({ of, against }: { of: AlgorithmName; against: AlgorithmName }) {
  const ofMs = useLiveMsPerStep(of);
  const againstMs = useLiveMsPerStep(against);
  const backend = useRunStore((state) => state.backend?.name);
  const [ofName, againstName] = [ALGORITHM_INFO[of].label, ALGORITHM_INFO[against].label];
  const where = backend ? `here (${BACKEND_LABELS[backend]} backend, steps alone)` : 'here (steps alone)';
  return (
    <p className="help" data-testid="scene-live-cost">
      {ofMs === undefined || againstMs === undefined
        ? `Time per step ${where}: not measured yet; each run is timed once ${MIN_TIMED_STEPS} of its steps took ${MIN_TIMED_MS} ms or more.`
        : `Time per step measured ${where}: ${ofName} ${short(ofMs)} ms, ${againstName} ${short(againstMs)} ms, ${short(ofMs / againstMs)} times.`}
    </p>
  );
}
