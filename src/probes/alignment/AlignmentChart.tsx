/**
 * The alignment chart: per run and layer, the angle between the step's weight update and backprop's gradient
 * on the same minibatch (probes/alignment). Feedback alignment's hidden layers start near 90° and fall below
 * it as W comes to agree with B (Lillicrap et al., Nature Communications 2016, Fig. 2).
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { seriesLines } from '../../ui/charts/seriesLines';
import { useViewStore } from '../../state/viewStore';
import { ExplainButton } from '../../ui/explain/ExplainButton';
import { LineSample, RunKey } from '../../ui/charts/ChartLegend';
import { layerDash, layerName } from '../../ui/charts/layerStatsModel';
import { niceTicks } from '../../ui/charts/lineChartModel';
import { runLabel } from '../../ui/charts/runChartModel';
import { useChartRuns } from '../../ui/charts/useChartRuns';
import { useOnScreen } from '../../ui/useOnScreen';
import { ALGORITHM_INFO, ALGORITHMS } from '../../algorithms/registry';
import { ALIGNMENT_PROBE } from './declaration';
import { alignmentModel, ANGLE_DOMAIN, type AlignmentModel } from './alignmentModel';
import '../../ui/charts/charts.css';

const ANGLE_TICKS = [0, 30, 60, 90, 120, 150, 180];
const SPARSE_POINTS = 12;

const AnglePlot = memo(function AnglePlot({ model }: { model: AlignmentModel }) {
  return (
    <div role="img" aria-label={`Angle between each layer's update and the gradient over training, ${model.lines.length} lines`}>
      <ResponsiveContainer width="100%" height={190}>
        <LineChart margin={{ top: 6, right: 12, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e5e5" />
          <XAxis dataKey="x" type="number" domain={model.xDomain ?? [0, 1]} ticks={model.xDomain ? niceTicks(model.xDomain, false, 4) : undefined} allowDataOverflow tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} />
          <YAxis domain={ANGLE_DOMAIN} ticks={ANGLE_TICKS} allowDataOverflow width={40} tickFormatter={(v: number) => `${v}°`} />
          <ReferenceLine y={90} stroke="#5d6677" strokeDasharray="2 4" />
          {/* The dotted line's name sits in the plot's top corner (angles near 180° would mean ascent, which the curves do not reach), clear of the curves that start at 90°. */}
          <ReferenceLine y={180} stroke="none" label={{ value: '┈ 90°: no descent', position: 'insideTopRight', fontSize: 11, fill: '#5d6677' }} />
          {seriesLines(model.lines, model.styles, { dotsBelow: SPARSE_POINTS })}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});

/** The Explain panel the chart opens: that of the algorithm whose description names this probe (feedback alignment's). */
const explainedBy = ALGORITHMS.map((name) => ALGORITHM_INFO[name]).find((info) => info.explainsProbes?.includes(ALIGNMENT_PROBE.name))?.explanation ?? null;

const degrees = (angle: number): string => (Number.isFinite(angle) ? `${angle.toFixed(1)}°` : 'no update');

export function AlignmentChart() {
  const [figureRef, onScreen] = useOnScreen<HTMLElement>();
  const runs = useChartRuns(500, !onScreen);
  const xAxis = useViewStore((s) => s.xAxis);
  const model = useMemo(() => alignmentModel(runs, xAxis), [runs, xAxis]);
  const drawn = runs.filter((run) => model.runIds.includes(run.id));
  return (
    <figure ref={figureRef} className="chart chart-section" data-testid="alignment-chart" aria-label="Angle between each layer's update and backprop's gradient" data-lines={model.lines.length}>
      <div className="chart-head">
        <h3>Alignment with the gradient</h3>
        {explainedBy ? <ExplainButton concept={explainedBy.id} label="Explain" /> : null}
      </div>
      <p className="chart-explain">
        Per layer, the angle between the step&apos;s weight update and backprop&apos;s gradient on the same minibatch (a repeated run shows the median over
        seeds). Below 90° the step goes downhill. Feedback alignment starts near 90° in its hidden layers and falls as the weights align with its random
        feedback; backprop with SGD sits at 0°; momentum, Adam, RMSProp and LocoProp&apos;s inner loop turn the update away from the raw gradient.
      </p>
      {drawn.length === 0 ? (
        <p className="muted">The angles appear a few steps after training starts.</p>
      ) : (
        <>
          <RunKey runs={drawn}>
            {Array.from({ length: model.layerCount }, (_, m) => (
              <span key={m} className="run-legend-key">
                <LineSample color="#5d6677" dash={layerDash(m)} width={1.6} /> {layerName(m, model.layerCount)}
              </span>
            ))}
          </RunKey>
          <AnglePlot model={model} />
          <ul className="alignment-latest" aria-label="Latest angle per layer">
            {model.latest.map(({ runId, layer, angle }) => {
              const run = drawn.find((r) => r.id === runId);
              return (
                <li key={`${runId}/${layer}`} data-testid="alignment-layer" data-run-id={runId} data-layer={layer} data-angle={Number.isFinite(angle) ? angle : ''}>
                  <LineSample color={run?.color ?? '#5d6677'} dash={layerDash(layer)} width={1.6} /> {run ? runLabel(run) : runId}, {layerName(layer, model.layerCount)}: {degrees(angle)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </figure>
  );
}
