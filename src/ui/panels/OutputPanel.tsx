/** The output views: the decision boundary, the loss chart and the learning rate used. */
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { LossChart } from '../charts/LossChart';
import { RateChart } from '../charts/RateChart';

export function OutputPanel() {
  return (
    <section className="panel" aria-labelledby="output-heading">
      <h2 id="output-heading">Output</h2>
      <DecisionBoundary />
      <LossChart />
      <RateChart />
    </section>
  );
}
