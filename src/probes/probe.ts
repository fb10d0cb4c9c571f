/**
 * A probe, as the one registry (registry.ts) lists it: its declaration, its measurement and its chart. Both the
 * page and the worker read that list, so this module and every probe's entry are free of TF.js and of React at
 * import time: the measurement is handed the TF.js ops it uses by the engine (engine/probeReadback.ts), and the chart is
 * loaded on demand by the page (ui/panels/probeCharts.ts), never by the worker, the engine or a bench.
 */
import type * as Tf from '@tensorflow/tfjs-core';
import type { ComponentType } from 'react';
import type { ProbeDeclaration } from './declaration';
import type { DiagnosedStep, StepQuantities, TENSOR_OPS } from './measurement';

/** The TF.js ops the engine hands to a measurement (measurement.ts TENSOR_OPS). */
export type TensorOps = typeof TENSOR_OPS;

export interface Probe {
  declaration: ProbeDeclaration;
  /**
   * The values, quantity-major (every layer of the first quantity, then the next); runs inside a tidy. `shared`
   * holds what the probes have in common, computed once for all of them (StepQuantities).
   */
  measure(tf: TensorOps, step: DiagnosedStep, shared: StepQuantities): Tf.Tensor1D;
  /** The chart that shows it (the page's Output panel draws the probes' charts in the registry's order). */
  loadChart(): Promise<ComponentType>;
}
