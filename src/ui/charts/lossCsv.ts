/**
 * The loss chart's CSV: every visible run in long ("tidy") format, one row per run, step and metric, so a
 * comparison loads straight into pandas or R and groups by run. Values a run does not have (accuracy on a
 * regression, test loss without a test set, a diverged seed) are left out rather than written as NaN.
 */
import { seedColumn } from '../../state/runSeries';
import { runLabel, type ChartRun } from './runChartModel';

export const CSV_HEADER = 'run,step,epoch,examples,time_ms,metric,value';

const METRIC_COLUMNS = [
  ['train_loss', 'trainLoss'],
  ['test_loss', 'testLoss'],
  ['train_accuracy', 'trainAccuracy'],
  ['test_accuracy', 'testAccuracy'],
  ['learning_rate', 'learningRate'],
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function lossCsv(runs: readonly ChartRun[]): string {
  const lines = [CSV_HEADER];
  for (const run of runs) {
    const { history } = run;
    const name = csvField(runLabel(run));
    // A repeated run's losses are the median of its seeds; each seed's own loss is written too.
    const columns: [string, readonly number[] | undefined][] = METRIC_COLUMNS.map(([metric, column]) => [metric, history[column]]);
    if (run.seeds.length > 1) {
      run.seeds.forEach((seed, s) => {
        columns.push([`train_loss_seed_${seed}`, history[seedColumn('train', s)]]);
        columns.push([`test_loss_seed_${seed}`, history[seedColumn('test', s)]]);
      });
    }
    for (let i = 0; i < history.step.length; i++) {
      const prefix = `${name},${history.step[i]},${history.epoch[i]},${history.examplesSeen[i]},${history.wallMs[i].toFixed(1)}`;
      for (const [metric, values] of columns) {
        const value = values?.[i];
        if (value !== undefined && Number.isFinite(value)) lines.push(`${prefix},${metric},${value}`);
      }
    }
  }
  return lines.join('\n');
}
