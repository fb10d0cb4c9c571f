/**
 * A run's divergence where people are looking: beside the loss chart (the status area's message, in full) and,
 * compact, in the presenter bar. It shows while the status area does: from the `diverged` event until the
 * run's next healthy tick takes the message down (worker/host.ts).
 */
import type { RunId } from '../../config/runs';
import { useRunStore } from '../../state/runStore';
import { useRuns } from '../useRuns';
import { compactTick } from './lineChartModel';
import { groupedNumber } from '../../text/groupedNumber';

const lossText = (loss: number): string => (Number.isFinite(loss) ? compactTick(loss, 3) : String(loss));

/** "Run 3 diverged at step 6 (train loss 10.7) and was put back to step 0", from the run's latest diverged stretch. */
function shortText(runId: RunId | null, position: number | undefined, fallback: string): string {
  const segments = runId ? useRunStore.getState().runs[runId]?.series.diverged : undefined;
  const last = segments?.[segments.length - 1];
  if (!last) return fallback;
  const run = position === undefined ? 'The run' : `Run ${position}`;
  return `${run} diverged at step ${groupedNumber(last.atStep)} (train loss ${lossText(last.loss)}) and was put back to step ${groupedNumber(last.restoredStep)}`;
}

export function DivergenceNote({ compact = false, testId }: { compact?: boolean; testId: string }) {
  const messages = useRunStore((s) => s.messages);
  const runs = useRuns();
  const diverged = messages.filter((m) => m.code === 'diverged');
  if (diverged.length === 0) return null;
  return (
    <div className={compact ? 'divergence-note compact' : 'divergence-note'} data-testid={testId}>
      {diverged.map((m) => (
        <p key={m.id} title={compact ? m.text : undefined}>
          <span className="divergence-cross" aria-hidden="true">
            ✕
          </span>{' '}
          {compact ? shortText(m.runId, runs.find((run) => run.id === m.runId)?.position, m.text) : m.text}
        </p>
      ))}
    </div>
  );
}
