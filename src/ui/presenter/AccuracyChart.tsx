/**
 * Accuracy over training, for the stage (accuracyChartModel.ts): train solid, test dashed, every visible run in
 * its colour on the loss chart's x-axis, redrawn at most 4 times a second. The latest numbers are written under
 * it, so colour is never the only cue.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { seriesLines } from '../charts/seriesLines';
import { useViewStore, type XAxisKind } from '../../state/viewStore';
import { LineSample, RunKey } from '../charts/ChartLegend';
import { xTicks } from '../charts/runChartModel';
import { useChartRuns } from '../charts/useChartRuns';
import { formatAccuracy } from '../format';
import { useOnScreen } from '../useOnScreen';
import { ACCURACY_METRICS, accuracyChartModel, type AccuracyModel } from './accuracyChartModel';
import '../charts/charts.css';

const HEIGHT = 180;
const POINTS = 600;
const tick = (v: number): string => String(Number(v.toPrecision(3)));
const lastOf = (values: readonly number[] | undefined): number | undefined => (values && values.length > 0 ? values[values.length - 1] : undefined);

const AccuracyPlot = memo(function AccuracyPlot({ model, xAxis }: { model: AccuracyModel; xAxis: XAxisKind }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart margin={{ top: 6, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e5e5e5" />
        <XAxis interval={0} dataKey="x" type="number" domain={model.xDomain ?? [0, 1]} ticks={model.xDomain ? xTicks(model.xDomain, xAxis) : undefined} allowDataOverflow tickFormatter={tick} />
        <YAxis
          interval={0}
          domain={model.y?.domain ?? [0, 100]}
          ticks={model.y?.ticks}
          allowDataOverflow
          width={66}
          tickFormatter={(v: number) => `${tick(v)}%`}
          label={{ value: 'accuracy', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }}
        />
        {seriesLines(model.lines, model.styles)}
      </LineChart>
    </ResponsiveContainer>
  );
});

export function AccuracyChart() {
  const [figureRef, onScreen] = useOnScreen<HTMLElement>();
  const runs = useChartRuns(250, !onScreen);
  const xAxis = useViewStore((s) => s.xAxis);
  const model = useMemo(() => accuracyChartModel(runs, xAxis, Math.max(120, Math.floor(POINTS / Math.max(1, runs.length)))), [runs, xAxis]);
  const drawn = runs.filter((run) => model.runIds.includes(run.id));
  return (
    <figure ref={figureRef} className="chart accuracy-chart" data-testid="accuracy-chart" data-series-count={model.runIds.length}>
      {model.runIds.length === 0 ? (
        <p className="muted">{model.without > 0 ? 'No accuracy here: the runs shown do not classify (regression or reconstruction).' : 'Accuracy appears here once training starts.'}</p>
      ) : (
        <>
          <RunKey runs={drawn}>
            <LineSample color="#5d6677" /> train <LineSample color="#5d6677" dash={ACCURACY_METRICS[1].dash} /> test
          </RunKey>
          <div role="img" aria-label={`Train (solid) and test (dashed) accuracy of ${drawn.length === 1 ? 'the run' : `${drawn.length} runs`}; the latest numbers are listed below the chart`}>
            <AccuracyPlot model={model} xAxis={xAxis} />
          </div>
          <ul className="chart-readout" data-testid="accuracy-readout">
            {drawn.map((run) => (
              <li key={run.id}>
                <span className="run-swatch" style={{ background: run.color }} />
                Run {run.position}: train {formatAccuracy(lastOf(run.history.trainAccuracy))} · test {formatAccuracy(lastOf(run.history.testAccuracy))}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
