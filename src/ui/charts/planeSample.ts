/**
 * The points the plane draws: all of them up to MAX_PLANE_POINTS, else every k-th point of each set (the same
 * k for training and test, so their proportions stay as they are). Each point is a filled, rimmed circle on a
 * canvas; at 100,000 points every redraw of the plane (several a second while training) blocked the page for
 * seconds, and a 640-pixel plane holds no more distinguishable dots than a few thousand anyway.
 */
import type { PointsPayload } from '../../worker/protocol';
import { groupedNumber } from '../../text/groupedNumber';

/** At most this many points, training and test together, are drawn on the plane. */
export const MAX_PLANE_POINTS = 3000;

export interface PlaneSample {
  train: PointsPayload | null;
  test: PointsPayload | null;
  /** Every `stride`-th point is drawn (1: all of them). */
  stride: number;
  shownTrain: number;
  totalTrain: number;
  shownTest: number;
  totalTest: number;
}

const countOf = (points: PointsPayload | null): number => points?.targets.length ?? 0;

/** Points 0, k, 2k, … of `points` (the same object when k is 1). */
export function everyNth(points: PointsPayload, stride: number): PointsPayload {
  if (stride <= 1) return points;
  const n = Math.ceil(points.targets.length / stride);
  const inputs = new Float32Array(2 * n);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    inputs[2 * i] = points.inputs[2 * i * stride];
    inputs[2 * i + 1] = points.inputs[2 * i * stride + 1];
    targets[i] = points.targets[i * stride];
  }
  return { inputs, targets };
}

/** Samples kept per (training points, test points, cap), so a redraw reuses them and keeps their identity. */
const samples = new WeakMap<PointsPayload, { test: PointsPayload | null; max: number; sample: PlaneSample }>();

/** The points to draw of a run's training and test points, at most `max` together. */
export function planeSample(train: PointsPayload | null, test: PointsPayload | null, max = MAX_PLANE_POINTS): PlaneSample {
  const cached = train ? samples.get(train) : undefined;
  if (cached && cached.test === test && cached.max === max) return cached.sample;
  const totalTrain = countOf(train);
  const totalTest = countOf(test);
  const stride = Math.max(1, Math.ceil((totalTrain + totalTest) / Math.max(1, max)));
  const shownTrainPoints = train ? everyNth(train, stride) : null;
  const shownTestPoints = test ? everyNth(test, stride) : null;
  const sample: PlaneSample = {
    train: shownTrainPoints,
    test: shownTestPoints,
    stride,
    shownTrain: countOf(shownTrainPoints),
    totalTrain,
    shownTest: countOf(shownTestPoints),
    totalTest,
  };
  if (train) samples.set(train, { test, max, sample });
  return sample;
}

const count = (n: number): string => groupedNumber(n);

/** "Showing every 34th point: 2,353 of 80,000 training and 589 of 20,000 test points.", or null when all show. */
export function sampleNote(sample: PlaneSample): string | null {
  if (sample.stride <= 1) return null;
  const k = sample.stride;
  const ordinal = `${k}${k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th')}`;
  return (
    `Showing every ${ordinal} point: ${count(sample.shownTrain)} of ${count(sample.totalTrain)} training ` +
    `and ${count(sample.shownTest)} of ${count(sample.totalTest)} test points.`
  );
}
