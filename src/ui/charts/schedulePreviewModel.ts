/**
 * The schedule preview's y axes: ticks at 1, 2 or 5 times a power of ten, their labels, and an axis wide
 * enough for the longest label (the preview used a fixed 44 px, which cut "0.0075" to "0075").
 */
import { stepsPerEpoch } from '../../engine/budget';
import { niceTicks } from './lineChartModel';
import { formatRateTick } from './rangeChartModel';

/** The preview's tick font size in pixels, and the widest glyph's advance at that size (digits, '.', 'e', '−'). */
export const PREVIEW_TICK_FONT = 11;
const CHAR_WIDTH = 0.62 * PREVIEW_TICK_FONT;
/** The tick line and the gap between it and its label. */
const TICK_ALLOWANCE = 14;

export interface PreviewAxis {
  domain: [number, number];
  ticks: number[];
  width: number;
}

/**
 * An axis for `values`: from 0 (the learning rate) or around the values (momentum), up to a tick at or above
 * the largest, about `target` ticks, labelled by formatRateTick, and its width in pixels.
 */
export function previewAxis(values: readonly number[], fromZero: boolean, target = 4): PreviewAxis {
  const finite = values.filter(Number.isFinite);
  let low = fromZero ? 0 : Math.min(...finite);
  let high = Math.max(...finite);
  if (finite.length === 0) [low, high] = [0, 1];
  if (!(high > low)) [low, high] = high === 0 ? [0, 1] : fromZero ? [0, high] : [low - Math.abs(low) * 0.1, high + Math.abs(high) * 0.1];
  let ticks = niceTicks([low, high], false, target);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : high - low;
  // Extend to ticks that enclose the values, so the line never runs past the last label.
  if (ticks[ticks.length - 1] < high * (1 - 1e-9)) ticks = [...ticks, Number((ticks[ticks.length - 1] + step).toPrecision(12))];
  if (ticks[0] > low * (1 + 1e-9) && !fromZero) ticks = [Number((ticks[0] - step).toPrecision(12)), ...ticks];
  const domain: [number, number] = [ticks[0], ticks[ticks.length - 1]];
  return { domain, ticks, width: labelsWidth(ticks.map(formatRateTick)) };
}

/** The pixel width an axis needs for these labels. */
export function labelsWidth(labels: readonly string[]): number {
  return Math.ceil(Math.max(1, ...labels.map((l) => l.length)) * CHAR_WIDTH + TICK_ALLOWANCE);
}

/**
 * Steps per epoch for the preview's epoch marks and caption: the selected run's training rows as its worker
 * reported them (`problem.trainCount`, the rows the Stop-at control and the header's epoch count use) over its
 * batch size, clipped to the rows as the session clips it (engine/budget.ts). Before a run has reported its data,
 * the built-in set's training split from the configuration.
 */
export function previewStepsPerEpoch(run: { problem: { trainCount: number } } | null, config: { points: number; trainPercent: number; batchSize: number }): number {
  const reported = run?.problem.trainCount ?? 0;
  const trainCount = reported > 0 ? reported : Math.round((config.points * config.trainPercent) / 100);
  return stepsPerEpoch(trainCount, config.batchSize);
}
