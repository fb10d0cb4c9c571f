/**
 * The test set's confusion matrix as an HTML table: true classes down the rows, predicted classes across, the
 * counts in the cells shaded by their share of the row (blue on the diagonal, vermillion off it), the
 * diagonal in bold with a frame, and each row's recall at its end. Numbers in every cell and a title on
 * hover, so nothing rests on the shading; compact enough for ten classes in a panel about 400 px wide.
 */
import { useEffect, useState } from 'react';
import type { Problem } from '../../engine/data/problem';
import { useRunStore, type RunData } from '../../state/runStore';
import { useSelectedRun, useSelectedRunId, useThrottledRun } from '../services';
import { useOnScreen } from '../useOnScreen';
import { cellStyle, confusionTable, formatShare } from './confusionModel';
import { groupedNumber } from '../../text/groupedNumber';

const confusionOf = (run: RunData): Float32Array | null => run.confusion;

/**
 * The step whose evaluation brought the selected run's current confusion counts. They come with the grid,
 * less often than the numbers in the top bar, so the matrix says which step it counts. Read in the very store
 * update that delivers them (the tick sets both); unknown (null) until one arrives while this is mounted.
 */
function useConfusionStep(): number | null {
  const id = useSelectedRunId();
  const [arrival, setArrival] = useState<{ id: string; step: number | null } | null>(null);
  useEffect(() => {
    let last = useRunStore.getState().runs[id]?.confusion ?? null;
    return useRunStore.subscribe((state) => {
      const run = state.runs[id];
      const confusion = run ? confusionOf(run) : null;
      if (confusion === last) return;
      last = confusion;
      setArrival({ id, step: confusion && run?.latest ? run.latest.step : null });
    });
  }, [id]);
  return arrival?.id === id ? arrival.step : null;
}

export function ConfusionMatrix() {
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const counts = useThrottledRun<Float32Array | null>(confusionOf, null, 250, !onScreen);
  const step = useConfusionStep();
  const table = counts ? confusionTable(counts) : null;
  if (!problem || !table) return null;
  const names = Array.from({ length: table.classes }, (_, i) => problem.classNames?.[i] ?? String(i));
  const compact = table.classes > 5;
  return (
    <section ref={ref} className="chart-section confusion" data-testid="confusion-matrix" aria-labelledby="confusion-heading">
      <div className="chart-head">
        <h3 id="confusion-heading">
          Confusion matrix (test set{step === null ? '' : `, step ${groupedNumber(step)}`})
        </h3>
        <span className="confusion-accuracy" data-testid="confusion-accuracy">
          accuracy {formatShare(table.accuracy)}
        </span>
      </div>
      <div className="confusion-scroll">
        <table className={`confusion-table${compact ? ' compact' : ''}`}>
          <caption>Rows: true class · columns: predicted class</caption>
          <thead>
            <tr>
              <th scope="col" className="confusion-corner">
                <span aria-hidden="true">
                  predicted →<br />
                  true ↓
                </span>
                <span className="sr-only">True class</span>
              </th>
              {names.map((name, c) => (
                <th key={c} scope="col" title={`predicted ${name}`}>
                  <span className="confusion-name">{name}</span>
                </th>
              ))}
              <th scope="col" className="confusion-recall">recall</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r} data-testid="confusion-row">
                <th scope="row" title={`true ${names[r]}`}>
                  <span className="confusion-name">{names[r]}</span>
                </th>
                {row.cells.map((cell, c) => (
                  <td
                    key={c}
                    className={cell.diagonal ? 'diagonal' : undefined}
                    style={cellStyle(cell)}
                    title={`true ${names[r]}, predicted ${names[c]}: ${cell.count} (${formatShare(row.total > 0 ? cell.share : null)} of true ${names[r]})`}
                  >
                    {cell.count}
                  </td>
                ))}
                <td className="confusion-recall" data-testid="confusion-recall">
                  {formatShare(row.recall)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="chart-explain">
        {table.total} test examples. Shading is each count&apos;s share of its row (blue where right, vermillion where wrong); recall is the row&apos;s right share.
      </p>
    </section>
  );
}
