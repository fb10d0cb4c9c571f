/** The output views over the runs: the decision boundaries, the loss, the learning rate used, the layer statistics. */
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { LayerStatsChart } from '../charts/LayerStatsChart';
import { LossChart } from '../charts/LossChart';
import { RateChart } from '../charts/RateChart';

export function OutputPanel() {
  return (
    <section className="panel" aria-labelledby="output-heading">
      <h2 id="output-heading">Output</h2>
      <DecisionBoundary />
      <LossChart />
      <RateChart />
      <LayerStatsChart />
    </section>
  );
}
