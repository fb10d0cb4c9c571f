/**
 * The loss chart's marks beside its lines: each run's best test step (its lowest test loss, the step that
 * early stopping would keep: Prechelt, "Early Stopping — But When?", in Neural Networks: Tricks of the Trade, 1998) and the stretches that
 * divergences took back (state/runSeries.ts recordDivergence), drawn grey and dashed with an ✕ where the run
 * diverged. Pure: the chart draws what these return.
 */
import type { RunId } from '../../config/runs';
import type { DivergedSegment } from '../../state/runSeries';
import type { XAxisKind } from '../../state/viewStore';
import { compactTick, type Point } from './lineChartModel';
import { groupedNumber } from '../../text/groupedNumber';

/** How the abandoned stretch is drawn: grey (not a run's colour: it is no longer the run) and dashed. */
export const DIVERGED_STYLE = { color: '#8a8a8a', dash: '4 3', width: 1.5 } as const;

/**
 * The y axis follows the runs' own lines: a diverged stretch may take it at most this many times their highest
 * value; above that the stretch leaves the plot at its top edge and its ✕ sits on that edge, said to be off the
 * scale, so a blow-up (10.68 beside live losses of 0.7, or 1e12) does not flatten the curves the lesson is about.
 */
export const DIVERGED_AXIS_REACH = 1.5;

/** The index of the lowest finite value, the earliest of equal ones; −1 when none is finite. */
export function lowestIndex(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && (best < 0 || v < values[best])) best = i;
  }
  return best;
}

const stepText = (step: number): string => groupedNumber(Math.round(step));
const lossText = (loss: number): string => (Number.isFinite(loss) ? compactTick(loss, 3) : String(loss));

export interface BestMark {
  runId: RunId;
  color: string;
  step: number;
  loss: number;
  /** Where it sits on the chosen x axis. */
  x: number;
  /** Whether x is on the chart (not before a recent window, not at 0 on a log x axis). */
  inView: boolean;
  label: string;
}

/**
 * A run's best test step, from its test-loss column (the median over seeds for a repeated run) and its x
 * values on the chart's axis; null when no test loss is finite. `shown(step, x)` says whether the chart shows
 * that point.
 */
export function bestTestMark(
  run: { id: RunId; color: string; history: { step: readonly number[]; testLoss: readonly number[] } },
  xs: readonly number[],
  shown: (step: number, x: number) => boolean,
): BestMark | null {
  const i = lowestIndex(run.history.testLoss);
  if (i < 0) return null;
  const step = run.history.step[i];
  const loss = run.history.testLoss[i];
  const inView = shown(step, xs[i]);
  const where = inView ? '' : ' (off the chart as now shown)';
  return { runId: run.id, color: run.color, step, loss, x: xs[i], inView, label: `best test loss ${lossText(loss)} at step ${stepText(step)}${where}` };
}

export interface DivergedMark {
  id: string;
  runId: RunId;
  /** The stretch as drawn: the restored point, the steps the restore undid, the diverged one (y null where not finite). */
  points: Point[];
  /** Where the ✕ goes: the last point shown (the diverged one), at y = ∞ (the top edge) when its loss is not finite. */
  marker: { x: number; y: number } | null;
  atStep: number;
  /** "diverged at step 6", written beside the ✕; `label` adds the loss (the ✕'s tooltip and the notes). */
  short: string;
  label: string;
}

function segmentXs(segment: DivergedSegment, axis: XAxisKind): number[] {
  if (axis === 'epoch') return segment.epoch;
  if (axis === 'examples') return segment.examplesSeen;
  if (axis === 'time') return segment.wallMs.map((ms) => ms / 1000);
  return segment.step;
}

/** One mark per diverged stretch of a run, cut to what the chart shows (`shown(step, x)`); stretches with nothing shown are left out. */
export function divergedMarks(runId: RunId, segments: readonly DivergedSegment[], axis: XAxisKind, shown: (step: number, x: number) => boolean): DivergedMark[] {
  const marks: DivergedMark[] = [];
  segments.forEach((segment, k) => {
    const xs = segmentXs(segment, axis);
    const points: Point[] = [];
    segment.step.forEach((step, i) => {
      if (Number.isFinite(xs[i]) && shown(step, xs[i])) points.push({ x: xs[i], y: Number.isFinite(segment.trainLoss[i]) ? segment.trainLoss[i] : null });
    });
    if (points.length === 0) return;
    // A loss that is not finite (NaN, ∞) is above every scale: its ✕ goes on the top edge at its own step. On the
    // last finite point instead, as before, a run that jumped from 0.9 to NaN in one tick got its ✕ drawn at 0.9,
    // on the scale and at an earlier step (and e2e/chartAxes.spec's diverged-✕ test depended on the tick sizes).
    const last = points[points.length - 1];
    const marker: DivergedMark['marker'] = { x: last.x, y: last.y ?? Infinity };
    const seed = segment.seed === null ? '' : `seed ${segment.seed}: `;
    const short = `diverged at step ${stepText(segment.atStep)}`;
    const label = `${short} (${seed}train loss ${lossText(segment.loss)})`;
    marks.push({ id: `${runId}/diverged/${k}`, runId, points, marker, atStep: segment.atStep, short, label });
  });
  return marks;
}

/** A mark's y on an axis with `domain`: itself, or the top edge when it is above the axis (then `offScale`). */
export function placeOnAxis(y: number, domain: readonly [number, number]): { y: number; offScale: boolean } {
  return y > domain[1] ? { y: domain[1], offScale: true } : { y, offScale: false };
}
