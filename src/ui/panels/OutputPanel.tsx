/**
 * The output views over the runs, those that apply to the selected run's problem and nothing for the others:
 * the plane (two inputs) or the test-image gallery (images), the loss and the learning rate used (on a wide
 * screen these share the first row, ui/layout.css), then the confusion matrix and which test examples tell the
 * runs apart (classes), and the probes' charts (layer statistics, alignment). The order is the reading order at
 * every width, so the keyboard meets them as the eye does. `belowFirstRow` false leaves out the views under the
 * first row: the page mounts them a task later (App.tsx, issue 20 §7).
 */
import { hasClasses, isPlanar, type Problem } from '../../engine/data/problem';
import { ConfusionMatrix } from '../charts/ConfusionMatrix';
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { DifficultyPanel } from '../charts/DifficultyPanel';
import { ImageGallery } from '../charts/ImageGallery';
import { LossChart } from '../charts/LossChart';
import { RateChart } from '../charts/RateChart';
import { useSelectedRun } from '../services';
import { PROBE_CHARTS } from './probeCharts';

export function OutputPanel({ belowFirstRow = true }: { belowFirstRow?: boolean }) {
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  return (
    <section className="panel" aria-labelledby="output-heading">
      <h2 id="output-heading">Output</h2>
      {problem && isPlanar(problem) ? <DecisionBoundary /> : null}
      {problem?.image ? <ImageGallery /> : null}
      <LossChart />
      <RateChart />
      {belowFirstRow ? (
        <>
          <ConfusionMatrix />
          {problem && hasClasses(problem) ? <DifficultyPanel /> : null}
          {(PROBE_CHARTS.current ?? []).map(({ name, Chart }) => (
            <Chart key={name} />
          ))}
        </>
      ) : null}
    </section>
  );
}
