/**
 * The learning rate (and momentum, where it cycles) each step of each run actually used, on the loss chart's
 * x-axis: the rates are logged per step, and each run's steps map to its own epochs, examples or time.
 */
import type { RunId } from '../../config/runs';
import type { RateLog } from '../../engine/session';
import type { MetricHistory } from '../../state/runSeries';
import type { XAxisKind } from '../../state/viewStore';
import { decimateMinMax } from './series';
import { extent, niceTicks } from './lineChartModel';
import { lossView, runsXDomain, stepToAxis, type ChartModel, type ChartRun, type LossOptions, type SeriesStyle } from './runChartModel';

export interface RateRow {
  x: number;
  lr: number;
  momentum: number;
}

/**
 * One run's rates on `axis`, min/max-decimated by rate so that a one-step spike (a warm restart) survives; only
 * those the loss chart's view shows (`shown`: its recent window and log x), decimated within them.
 */
export function rateRows(rates: RateLog, history: MetricHistory, axis: XAxisKind, maxPoints = 600, shown: (step: number, x: number) => boolean = () => true): RateRow[] {
  const toX = stepToAxis(history, axis);
  const kept = rates.steps.flatMap((index, i) => (shown(takenAt(index), toX(takenAt(index))) ? [i] : []));
  return decimateMinMax(
    kept.map((i) => rates.learningRates[i]),
    maxPoints,
  ).map((k) => ({ x: toX(takenAt(rates.steps[kept[k]])), lr: rates.learningRates[kept[k]], momentum: rates.momenta[kept[k]] }));
}

/**
 * The step count after the step the log's `index` names. The session logs each step's rate under the count of
 * steps before it (0 for the first step: engine/session.ts, stepOnPath and runFused), while the metrics, the CSV's
 * `learning_rate` rows and the status bar count the steps taken: the rate used on step k belongs at x = k.
 */
export const takenAt = (index: number): number => index + 1;

/** A momentum that changes by less than this over the run is constant: not worth a second axis. */
const MOMENTUM_TOLERANCE = 1e-9;
export const MOMENTUM_DASH = '4 2';
/** The momentum axis's width, kept as a margin when it is not drawn; the loss chart above keeps it too, so x positions line up. */
export const RIGHT_GUTTER = 42;

export interface RateChartModel extends ChartModel {
  /** Over every drawn run, positive rates only (what a log axis shows): the e2e tests read these. */
  minRate: number | null;
  maxRate: number | null;
  /**
   * The lowest rate drawn, zero and below included: SGD-HD's and Adam-HD's adapted rate can fall below 0
   * (engine/train/optimizers.ts), and then the axis is linear and reaches down to it. Null with nothing drawn.
   */
  lowestRate: number | null;
  points: number;
  /** More than two decades between the smallest and largest rate (one-cycle, decay): draw log-scaled. */
  logY: boolean;
  /** Some run's momentum cycles (one-cycle and cyclical schedules cycle it against the rate). */
  showMomentum: boolean;
  /** The range of the momenta drawn (right axis), or null. */
  momentumRange: [number, number] | null;
}

/**
 * Runs often share a schedule, and identical lines would hide all but the last run drawn: earlier runs are
 * drawn wider (4.5 px down to 2 px), so coinciding rates read as a cased line showing every run's colour.
 */
export function casedWidth(index: number, count: number): number {
  return count <= 1 ? 2 : 2 + (2.5 * (count - 1 - index)) / (count - 1);
}

/** `view`: the loss chart's recent window and log x, which this chart follows so that the two line up. */
export function rateChartModel(runs: readonly ChartRun[], axis: XAxisKind, maxPoints = 600, view: Pick<LossOptions, 'windowSteps' | 'logX'> = {}): RateChartModel {
  const { shown: inView, stepSpan } = lossView(runs, view);
  // On a log x axis the loss chart starts at its first evaluation after step 0 (say step 5): the rates of the
  // steps before it would stretch this chart's axis a decade or so further left, so they are left out too.
  const first = view.logX ? (runsXDomain(runs, axis, [], inView)?.[0] ?? Infinity) : -Infinity;
  const shown = (step: number, x: number): boolean => inView(step, x) && x >= first;
  const lines: ChartModel['lines'] = [];
  const styles: Record<string, SeriesStyle> = {};
  const runIds: RunId[] = [];
  const rates: number[] = [];
  let lowestRate: number | null = null;
  let points = 0;
  let showMomentum = false;
  for (const run of runs) {
    const rows = rateRows(run.rateHistory, run.history, axis, maxPoints, shown);
    if (rows.length === 0) continue;
    runIds.push(run.id);
    points += rows.length;
    for (const row of rows) {
      if (row.lr > 0) rates.push(row.lr);
      if (Number.isFinite(row.lr) && (lowestRate === null || row.lr < lowestRate)) lowestRate = row.lr;
    }
    lines.push({ id: `${run.id}/lr`, points: rows.map((r) => ({ x: r.x, y: Number.isFinite(r.lr) ? r.lr : null })) });
    styles[`${run.id}/lr`] = { runId: run.id, color: run.color, dash: undefined, width: casedWidth(runIds.length - 1, runs.length), opacity: 1, axis: 'left' };
    const momenta = extent(rows.map((r) => r.momentum));
    if (momenta && momenta[1] - momenta[0] > MOMENTUM_TOLERANCE) {
      showMomentum = true;
      lines.push({ id: `${run.id}/momentum`, points: rows.map((r) => ({ x: r.x, y: Number.isFinite(r.momentum) ? r.momentum : null })) });
      styles[`${run.id}/momentum`] = { runId: run.id, color: run.color, dash: MOMENTUM_DASH, width: 1.2, opacity: 0.9, axis: 'right' };
    }
  }
  const range = extent(rates);
  const momentumLines = lines.filter((line) => styles[line.id].axis === 'right');
  return {
    lines,
    bands: [],
    styles,
    runIds,
    xDomain: lines.length > 0 ? ((axis === 'step' ? stepSpan : null) ?? runsXDomain(runs, axis, lines, shown)) : null,
    minRate: range ? range[0] : null,
    maxRate: range ? range[1] : null,
    lowestRate,
    points,
    logY: range !== null && range[1] / range[0] > 100 && (lowestRate === null || lowestRate >= 0),
    showMomentum,
    momentumRange: extent(momentumLines.flatMap((line) => line.points.map((p) => p.y))),
  };
}

/**
 * The momentum (right) axis: about three round ticks, each labelled with as many digits as it takes for the
 * labels to differ. One-cycle moves momentum from 0.95 by 1e-4 in its first steps, and three significant
 * digits then labelled every tick "0.95".
 */
export function momentumAxis(range: [number, number]): { ticks: number[]; format: (v: number) => string } {
  const ticks = niceTicks(range, false, 3);
  for (let digits = 3; digits <= 12; digits++) {
    const format = (v: number): string => String(Number(v.toPrecision(digits)));
    if (new Set(ticks.map(format)).size === ticks.length) return { ticks, format };
  }
  return { ticks, format: String };
}

/**
 * The loss chart and the rate chart under it share one y-axis width, the wider one's, so that their plots start
 * at the same x and a step sits at the same x in both. `widths`: each mounted chart's own width; null with none.
 */
export function sharedAxisWidth(widths: Readonly<Partial<Record<string, number>>>): number | null {
  const all = Object.values(widths).filter((w): w is number => typeof w === 'number');
  return all.length === 0 ? null : Math.max(...all);
}
