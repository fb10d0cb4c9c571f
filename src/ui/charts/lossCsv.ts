/**
 * The metric history as CSV: every run in long ("tidy") format, one row per run, step and metric, so a
 * comparison loads straight into pandas or R and groups by run. Values a run does not have (accuracy on a
 * regression, test loss without a test set, validation loss without a validation split, a diverged seed, the learning rate before the first step) are left
 * out rather than written as NaN. The page passes each run's full log (runStore's MetricLog: every tick at full
 * resolution), not the charts' bounded series, whose older part is compacted (issue 12: "48 rows for 4,312
 * steps"). A run that diverged adds, after its rows, what the chart shows grey: `train_loss_rewound` at each step
 * the restore undid and `train_loss_diverged` at the diverged step (epoch, examples and time left empty there:
 * the worker reports its step alone), so the file holds every value the chart draws.
 */
import type { ProbeDeclaration } from '../../probes/declaration';
import type { MetricLog } from '../../state/runStore';
import { seedColumn, type DivergedSegment, type ProbeHistory } from '../../state/runSeries';
import { runLabel, type ChartRun } from './runChartModel';

/** What the CSV needs of a run: its name, its seeds and its metric columns (arrays or typed arrays). */
export interface CsvRun extends Pick<ChartRun, 'position' | 'name' | 'seeds'> {
  history: Readonly<Record<string, ArrayLike<number> | undefined>>;
  /** The run's probe histories by name (diagnosed steps only; the store's bounded series). */
  probes?: Readonly<Record<string, ProbeHistory>>;
  /** The stretches divergences took back (runSeries.recordDivergence). */
  diverged?: readonly DivergedSegment[];
}

/** The rows of a run's diverged stretches: the undone steps (after the restored one) and the diverged step. */
function divergedRows(name: string, segments: readonly DivergedSegment[]): string[] {
  const lines: string[] = [];
  for (const segment of segments) {
    segment.step.forEach((step, i) => {
      const last = i === segment.step.length - 1;
      const loss = segment.trainLoss[i];
      if (last) lines.push(`${name},${step},,,,train_loss_diverged,${loss}`);
      else if (step > segment.restoredStep && Number.isFinite(loss) && [segment.epoch[i], segment.examplesSeen[i], segment.wallMs[i]].every(Number.isFinite)) {
        lines.push(`${name},${step},${segment.epoch[i]},${segment.examplesSeen[i]},${segment.wallMs[i].toFixed(1)},train_loss_rewound,${loss}`);
      }
    });
  }
  return lines;
}

/** The index of `step` in an ascending step column, or −1. */
function indexOfStep(steps: ArrayLike<number>, step: number): number {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (steps[mid] === step) return mid;
    if (steps[mid] < step) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** A full metric log's columns by name, for lossCsv. */
export function logColumns(log: MetricLog): Record<string, Float64Array> {
  return Object.fromEntries(log.columns.map((name) => [name, log.column(name)]));
}

export const CSV_HEADER = 'run,step,epoch,examples,time_ms,metric,value';

const METRIC_COLUMNS = [
  ['train_loss', 'trainLoss'],
  ['test_loss', 'testLoss'],
  // NaN for a run without a validation split, so written only for runs that have one.
  ['validation_loss', 'validationLoss'],
  ['train_accuracy', 'trainAccuracy'],
  ['test_accuracy', 'testAccuracy'],
  ['learning_rate', 'learningRate'],
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `probes`: the declarations whose readings to write (probes/registry.ts), as metric `<csv name>_layer<m + 1>`
 * at each diagnosed step, after the run's metric rows.
 */
export function lossCsv(runs: readonly CsvRun[], probes: readonly ProbeDeclaration[] = []): string {
  const lines = [CSV_HEADER];
  for (const run of runs) {
    const { history } = run;
    const name = csvField(runLabel(run));
    // A repeated run's losses are the median of its seeds; each seed's own loss is written too.
    const columns: [string, ArrayLike<number> | undefined][] = METRIC_COLUMNS.map(([metric, column]) => [metric, history[column]]);
    if (run.seeds.length > 1) {
      run.seeds.forEach((seed, s) => {
        columns.push([`train_loss_seed_${seed}`, history[seedColumn('train', s)]]);
        columns.push([`test_loss_seed_${seed}`, history[seedColumn('test', s)]]);
      });
    }
    const { step, epoch, examplesSeen, wallMs } = history;
    if (!step || !epoch || !examplesSeen || !wallMs) continue;
    for (let i = 0; i < step.length; i++) {
      // A row with no place on any axis says nothing: never written.
      if (![step[i], epoch[i], examplesSeen[i], wallMs[i]].every(Number.isFinite)) continue;
      const prefix = `${name},${step[i]},${epoch[i]},${examplesSeen[i]},${wallMs[i].toFixed(1)}`;
      for (const [metric, values] of columns) {
        const value = values?.[i];
        if (value !== undefined && Number.isFinite(value)) lines.push(`${prefix},${metric},${value}`);
      }
    }
    for (const declaration of probes) {
      const probe = run.probes?.[declaration.name];
      if (!probe) continue;
      probe.step.forEach((probeStep, k) => {
        const i = indexOfStep(step, probeStep);
        if (i < 0 || ![epoch[i], examplesSeen[i], wallMs[i]].every(Number.isFinite)) return;
        const prefix = `${name},${step[i]},${epoch[i]},${examplesSeen[i]},${wallMs[i].toFixed(1)}`;
        for (const quantity of declaration.quantities) {
          probe.byQuantity[quantity]?.forEach((values, m) => {
            const value = values[k];
            if (value !== undefined && Number.isFinite(value)) lines.push(`${prefix},${declaration.csv[quantity]}_layer${m + 1},${value}`);
          });
        }
      });
    }
    lines.push(...divergedRows(name, run.diverged ?? []));
  }
  return lines.join('\n');
}
