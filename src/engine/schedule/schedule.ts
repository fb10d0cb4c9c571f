/**
 * The learning-rate (and momentum) schedule the session asks once per step: a pure function of the global
 * step counter t and the settings. Durations may be given in epochs; they are converted with the current
 * steps per epoch (training points / batch size), rounded to whole steps.
 */
import { cyclical, CYCLICAL_MODES, type CyclicalMode } from './cyclical';
import { cosineWithWarmup, exponentialDecay, stepDecay } from './decay';
import { ANNEAL_STRATEGIES, fastaiOneCycle, oneCycle, type AnnealStrategy } from './oneCycle';

export { CYCLICAL_MODES, ANNEAL_STRATEGIES };
export type { CyclicalMode, AnnealStrategy };

export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'cyclical', 'one-cycle'] as const;
export type ScheduleKind = (typeof SCHEDULES)[number];
export const DURATION_UNITS = ['steps', 'epochs'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const ONE_CYCLE_STYLES = ['pytorch', 'fastai'] as const;
export type OneCycleStyle = (typeof ONE_CYCLE_STYLES)[number];

export interface ScheduleSettings {
  kind: ScheduleKind;
  /** Constant rate; initial rate of step, exponential and cosine; base_lr of cyclical. */
  learningRate: number;
  /** max_lr of cyclical and one-cycle. */
  maxLearningRate: number;
  /** Cosine's floor. */
  minLearningRate: number;
  unit: DurationUnit;
  /** Step/exponential decay period; cyclical rising half. */
  stepSize: number;
  /** Cyclical falling half; 0 means equal to stepSize. */
  stepSizeDown: number;
  /** γ of step and exponential decay. */
  decayFactor: number;
  cyclicalMode: CyclicalMode;
  /** γ of exp_range. */
  cyclicalGamma: number;
  /** Length of cosine and one-cycle. */
  totalSteps: number;
  warmupSteps: number;
  pctStart: number;
  anneal: AnnealStrategy;
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
  oneCycleStyle: OneCycleStyle;
  /** Cyclical and one-cycle: momentum inverse to the learning rate between these two. */
  cycleMomentum: boolean;
  baseMomentum: number;
  maxMomentum: number;
  /** Momentum when it is not cycled. */
  momentum: number;
}

export interface ScheduledValues {
  lr: number;
  momentum: number;
  /** True once a schedule with an end (cosine, one-cycle) is past it; the values then hold. */
  finished: boolean;
}

/** Whether this schedule sets the momentum itself. */
export function cyclesMomentum(s: ScheduleSettings): boolean {
  return s.cycleMomentum && (s.kind === 'cyclical' || s.kind === 'one-cycle');
}

/** A duration in the schedule's unit, in whole steps (at least 1). */
export function durationInSteps(value: number, unit: DurationUnit, stepsPerEpoch: number): number {
  return Math.max(1, Math.round(unit === 'epochs' ? value * stepsPerEpoch : value));
}

export function scheduleAt(t: number, s: ScheduleSettings, stepsPerEpoch: number): ScheduledValues {
  const steps = (value: number): number => durationInSteps(value, s.unit, stepsPerEpoch);
  const plain = (lr: number, finished = false): ScheduledValues => ({ lr, momentum: s.momentum, finished });
  const momentumOf = (m: number): number => (s.cycleMomentum ? m : s.momentum);
  switch (s.kind) {
    case 'constant':
      return plain(s.learningRate);
    case 'step':
      return plain(stepDecay(t, s.learningRate, s.decayFactor, steps(s.stepSize)));
    case 'exponential':
      return plain(exponentialDecay(t, s.learningRate, s.decayFactor, steps(s.stepSize)));
    case 'cosine': {
      const { lr, finished } = cosineWithWarmup(t, s.learningRate, s.minLearningRate, s.warmupSteps > 0 ? steps(s.warmupSteps) : 0, steps(s.totalSteps));
      return plain(lr, finished);
    }
    case 'cyclical': {
      const v = cyclical(t, {
        baseLr: s.learningRate,
        maxLr: s.maxLearningRate,
        stepSizeUp: steps(s.stepSize),
        stepSizeDown: s.stepSizeDown > 0 ? steps(s.stepSizeDown) : undefined,
        mode: s.cyclicalMode,
        gamma: s.cyclicalGamma,
        baseMomentum: s.baseMomentum,
        maxMomentum: s.maxMomentum,
      });
      return { lr: v.lr, momentum: momentumOf(v.momentum), finished: false };
    }
    case 'one-cycle': {
      const params = {
        maxLr: s.maxLearningRate,
        totalSteps: Math.max(2, steps(s.totalSteps)),
        pctStart: s.pctStart,
        anneal: s.anneal,
        divFactor: s.divFactor,
        finalDivFactor: s.finalDivFactor,
        threePhase: s.threePhase,
        baseMomentum: s.baseMomentum,
        maxMomentum: s.maxMomentum,
      };
      const v = s.oneCycleStyle === 'fastai' ? fastaiOneCycle(t, params) : oneCycle(t, params);
      return { lr: v.lr, momentum: momentumOf(v.momentum), finished: v.finished };
    }
  }
}

/** The step at which a schedule with an end finishes (cosine, one-cycle), or null. */
export function scheduleEnd(s: ScheduleSettings, stepsPerEpoch: number): number | null {
  if (s.kind === 'one-cycle') return Math.max(2, durationInSteps(s.totalSteps, s.unit, stepsPerEpoch));
  if (s.kind === 'cosine') return durationInSteps(s.totalSteps, s.unit, stepsPerEpoch);
  return null;
}
