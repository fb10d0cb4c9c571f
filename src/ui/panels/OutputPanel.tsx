/**
 * The output views over the runs, those that apply to the selected run's problem and nothing for the others:
 * the plane (two inputs) or the test-image gallery (images), the loss and the learning rate used (on a wide
 * screen these share the first row, ui/layout.css), then the confusion matrix and which test examples tell the
 * runs apart (classes), and the probes' charts (layer statistics, alignment). The order is the reading order at
 * every width, so the keyboard meets them as the eye does. `charts` false leaves out the loss and rate charts,
 * `belowFirstRow` false the views under the first row: the page mounts each in a later task (App.tsx, issue 20 §7).
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

/**
 * The picture beside the loss chart, as the panel's `data-picture` for the first row's layout (ui/layout.css): the
 * plane, the test images (once the gallery has some), or none. Said by an attribute, not found by a `:has()`
 * rule: with one, every node the charts added or removed (10 redraws a second) made Chromium restyle the whole
 * panel, and at times the whole page, 3,064 elements and 12–25 ms with a sweep's results on screen (issue 20 §7).
 */
function usePicture(problem: Problem | null): 'plane' | 'images' | 'none' {
  const images = useSelectedRun<number>((run) => run.gallery?.count ?? 0, 0);
  if (problem && isPlanar(problem)) return 'plane';
  return problem?.image && images > 0 ? 'images' : 'none';
}

export function OutputPanel({ charts = true, belowFirstRow = true }: { charts?: boolean; belowFirstRow?: boolean }) {
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const picture = usePicture(problem);
  return (
    <section className="panel output-main" data-picture={picture} aria-labelledby="output-heading">
      <h2 id="output-heading">Output</h2>
      {problem && isPlanar(problem) ? <DecisionBoundary /> : null}
      {problem?.image ? <ImageGallery /> : null}
      {charts ? (
        <>
          <LossChart />
          <RateChart />
        </>
      ) : null}
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
