/**
 * Feedback alignment's fused kernel's signature (engine/fused/kernelSignatures.ts for what every fused kernel
 * shares): backprop's inputs (algorithms/backprop/kernelSignature.ts) and the run's fixed feedback matrices B.
 */
import type { TrainStepsAttrs, TrainStepsInput } from '../backprop/kernelSignature';

/** N feedback-alignment steps in one call (fused.ts). */
export const FEEDBACK_ALIGNMENT_STEPS_KERNEL = 'LocoLabFeedbackAlignmentSteps';

/** Backprop's inputs, and B in θ's layout (its bias entries unused). */
export type FeedbackAlignmentStepsInput = TrainStepsInput | 'feedback';

/** Backprop's attributes. */
export type FeedbackAlignmentStepsAttrs = TrainStepsAttrs;
