/**
 * The sweep's two ways into the comparison, on the page's stores: open one point as a run (named by its group,
 * value and seed) and compare each group at its best (the whole comparison replaced). What opening said goes
 * when the runs it named are gone, so no banner speaks of a run that is not there.
 */
import type { ConfigStore } from '../../state/configStore';
import { useRunStore } from '../../state/runStore';
import type { SweepRecord } from '../../state/sweepStore';
import { budgetWords } from '../../config/sweep';
import { openedPoint, type TunedComparison } from './sweepActions';

export const SWEEP_OPEN_CODE = 'sweep-open';

/** Drops every message opening a point or comparing at best left, whichever run it was said of. */
function clearOpenMessages(): void {
  const { messages, dismiss } = useRunStore.getState();
  for (const message of messages) if (message.code === SWEEP_OPEN_CODE) dismiss(message.id);
}

/** Opens the sweep's run of `group` at `point` with its `seedIndex`-th seed as a new run, selected; says so. */
export function openSweepPoint(configStore: ConfigStore, record: SweepRecord, group: number, point: readonly number[], seedIndex = 0): boolean {
  const opened = openedPoint(record, group, point, seedIndex);
  if (!opened) return false;
  const { report } = useRunStore.getState();
  clearOpenMessages();
  if (!configStore.getState().addConfig(opened.config, opened.label)) {
    report('warning', SWEEP_OPEN_CODE, `The comparison already holds ${configStore.getState().runs.length} runs; remove one to open ${opened.label}.`);
    return false;
  }
  // Said of the new run, so the run store drops it with the run (runStore.removeRun).
  // Where the sweep measured it: the budget is every run's, so opening one run leaves it as it is and says it.
  const until = record.plan.budgetUnit === 'seconds' ? '' : ` The sweep measured it at ${budgetWords(record.plan)}: "Stop at" ${budgetWords(record.plan)} ends it there.`;
  report('info', SWEEP_OPEN_CODE, `Opened ${opened.label}: the sweep's run exactly (same seed, data and batches).${until}`, configStore.getState().selectedRunId);
  return true;
}

/** Replaces the comparison with each group at its best; what an earlier opening said is replaced too. */
export function compareEachAtBest(configStore: ConfigStore, tuned: TunedComparison, setTuned: (tuned: { statement: string; configs: TunedComparison['configs'] }) => void): void {
  configStore.getState().replaceRuns(tuned.configs);
  setTuned({ statement: tuned.statement, configs: tuned.configs });
  clearOpenMessages();
  const count = Math.min(tuned.configs.length, configStore.getState().runs.length);
  useRunStore.getState().report('info', SWEEP_OPEN_CODE, `Compared each group at its best: ${count === 1 ? 'one run replaces' : `${count} runs replace`} the comparison (the runs card says how they were chosen).`);
}
