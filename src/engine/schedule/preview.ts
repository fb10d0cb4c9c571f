/**
 * The schedule's curve for the preview chart: the same scheduleAt the session uses, sampled over a horizon
 * that shows the schedule's shape (three cycles, five decay periods, the whole one-cycle or cosine plus
 * a tail) and always includes the current step.
 */
import { durationInSteps, scheduleAt, scheduleEnd, type ScheduleSettings } from './schedule';

export interface SchedulePreview {
  steps: number[];
  learningRates: number[];
  momenta: number[];
}

export function previewHorizon(s: ScheduleSettings, stepsPerEpoch: number, currentStep: number): number {
  const steps = (value: number): number => durationInSteps(value, s.unit, stepsPerEpoch);
  const end = scheduleEnd(s, stepsPerEpoch);
  let shape: number;
  if (end !== null) shape = Math.ceil(end * 1.1);
  else if (s.kind === 'cyclical') shape = 3 * (steps(s.stepSize) + (s.stepSizeDown > 0 ? steps(s.stepSizeDown) : steps(s.stepSize)));
  else if (s.kind === 'constant') shape = 1000;
  else shape = 5 * steps(s.stepSize);
  return Math.max(shape, Math.ceil(currentStep * 1.25), 10);
}

export function schedulePreview(s: ScheduleSettings, stepsPerEpoch: number, currentStep: number, points = 300): SchedulePreview {
  const horizon = previewHorizon(s, stepsPerEpoch, currentStep);
  const preview: SchedulePreview = { steps: [], learningRates: [], momenta: [] };
  let previous = -1;
  for (let k = 0; k < points; k++) {
    const t = Math.round((k * horizon) / (points - 1));
    if (t === previous) continue;
    previous = t;
    const v = scheduleAt(t, s, stepsPerEpoch);
    preview.steps.push(t);
    preview.learningRates.push(v.lr);
    preview.momenta.push(v.momentum);
  }
  return preview;
}
