/**
 * The loss chart's numbers: under the pointer, the values nearest it as drawn; otherwise each run's latest
 * numbers as the run registry holds them, read at every tick like the presenter's run chips and the status bar.
 * The chart itself is redrawn at most 10 times a second (useChartRuns), so its own last point lagged those by up
 * to a tenth of a second of training: the chip said 0.1088 while the readout said 0.1100 (new-user walk).
 */
import { useShallow } from 'zustand/react/shallow';
import type { RunId } from '../../config/runs';
import { useRunStore } from '../../state/runStore';
import type { MetricPoint } from '../../worker/protocol';
import { formatLoss } from '../format';
import { readoutX, type ReadoutRow } from './runChartModel';

type Latest = Pick<MetricPoint, 'trainLoss' | 'testLoss'>;

/**
 * The drawn rows with each single-seed run's values replaced by its latest reported ones (`latest`); a repeated
 * run keeps its drawn median and band (its latest metric is no median).
 */
export function withLatest(rows: readonly ReadoutRow[], latest: Readonly<Partial<Record<RunId, Latest | null>>>, repeated: ReadonlySet<RunId>): ReadoutRow[] {
  return rows.map((row) => {
    const now = latest[row.runId];
    if (!now || repeated.has(row.runId)) return row;
    return { ...row, values: row.values.map((v) => ({ ...v, value: v.kind === 'train' ? now.trainLoss : now.testLoss })) };
  });
}

function ReadoutList({ rows, where, perValueX, formatAt }: { rows: readonly ReadoutRow[]; where: string; perValueX: boolean; formatAt: (x: number) => string }) {
  return (
    <ul className="chart-readout" aria-live="off" data-testid="loss-readout">
      {rows.length > 0 ? <li className="readout-x">{where}</li> : null}
      {rows.map((row) => (
        <li key={row.runId} title={row.label}>
          <span className="run-swatch" style={{ background: row.color }} />
          {row.label.split(' · ')[0]}:{' '}
          {row.values.map((v) => `${v.kind} ${formatLoss(v.value)}${v.range ? ` (${formatLoss(v.range[0])}–${formatLoss(v.range[1])})` : ''}${perValueX ? ` at ${formatAt(v.x)}` : ''}`).join(' · ')}
        </li>
      ))}
    </ul>
  );
}

/** The latest numbers, re-read at every tick (only this list re-renders, not the chart). */
function LatestReadout({ rows, repeated, smoothed, formatAt }: { rows: readonly ReadoutRow[]; repeated: ReadonlySet<RunId>; smoothed: boolean; formatAt: (x: number) => string }) {
  const ids = rows.map((row) => row.runId);
  const latest = useRunStore(
    useShallow((s) => {
      const out: Partial<Record<RunId, MetricPoint | null>> = {};
      for (const id of ids) out[id] = s.runs[id]?.latest ?? null;
      return out;
    }),
  );
  // With smoothing on, the bold lines are smoothed and these numbers are as measured: say so.
  return <ReadoutList rows={withLatest(rows, latest, repeated)} where={smoothed ? 'latest (as measured, not smoothed)' : 'latest'} perValueX={false} formatAt={formatAt} />;
}

/**
 * The values nearest the pointer, labelled with the x they were measured at: one label when they share it, else
 * each value names its own (the pointer's x between two measurements is no measurement).
 */
export function Readout({ rows, hovering, repeated, smoothed, formatAt }: { rows: ReadoutRow[]; hovering: boolean; repeated: ReadonlySet<RunId>; smoothed: boolean; formatAt: (x: number) => string }) {
  if (!hovering) return <LatestReadout rows={rows} repeated={repeated} smoothed={smoothed} formatAt={formatAt} />;
  const common = readoutX(rows);
  return <ReadoutList rows={rows} where={common !== null ? `at ${formatAt(common)}` : 'nearest measured'} perValueX={common === null} formatAt={formatAt} />;
}
