/**
 * Which run the settings panels edit, once there is more than one: every panel on the left reads and writes
 * the selected run's config, and without this line a person changing the learning rate could not tell which
 * of the compared runs it went to.
 */
import { useSelectedRunId } from './services';
import { useRuns } from './useRuns';

export function EditingBanner() {
  const runs = useRuns();
  const selectedRunId = useSelectedRunId();
  const selected = runs.find((run) => run.id === selectedRunId);
  if (runs.length < 2 || !selected) return null;
  return (
    <div className="editing-banner" style={{ borderColor: selected.color }} data-testid="editing-run">
      <span className="swatch" style={{ background: selected.color }} aria-hidden="true" />
      <p>
        <strong>
          Editing run {selected.position} ({selected.name})
        </strong>
        <span className="muted"> · these settings change this run only; backend, speed, pacing and the budget (Stop at) apply to all runs. Pick another run in the Runs list.</span>
      </p>
    </div>
  );
}
