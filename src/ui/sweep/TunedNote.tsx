/**
 * On the runs' card, how the comparison was chosen (issue 17 §4: "the card says how"): the sweep's statement
 * while the runs are still the ones "Compare each at its best" made (their per-run settings unchanged).
 */
import { changedFields, scopeOf, type ExperimentConfig } from '../../config/experiment';
import { useServices } from '../services';
import { useSweepStore } from './sweepStoreInstance';

function sameRuns(a: readonly ExperimentConfig[], b: readonly ExperimentConfig[]): boolean {
  return a.length === b.length && a.every((config, i) => changedFields(config, b[i]).every((field) => scopeOf(field) === 'experiment'));
}

export function TunedNote() {
  const runs = useServices().configStore((s) => s.runs);
  const tuned = useSweepStore((s) => s.tuned);
  if (!tuned || !sameRuns(tuned.configs, runs.map((run) => run.config))) return null;
  return (
    <p className="sweep-tuned" data-testid="runs-tuned">
      {tuned.statement}
    </p>
  );
}
