/**
 * The probes' share of a tick's one readback (probes/declaration.ts): at a diagnosed step every registered
 * probe measures, the values are concatenated in the registry's order, and after the readback they are split
 * back by the same declarations.
 */
import * as tf from '@tensorflow/tfjs-core';
import { probeLength, readProbe, type ProbeReadings } from '../probes/declaration';
import { StepQuantities, TENSOR_OPS, type DiagnosedStep } from '../probes/measurement';
import { PROBES } from '../probes/registry';

/** Every probe's values for one diagnosed step, as one vector (call inside a tidy; keep the result). */
export function measureProbes(step: DiagnosedStep): tf.Tensor1D {
  const shared = new StepQuantities(step);
  return tf.concat(PROBES.map((probe) => probe.measure(TENSOR_OPS, step, shared)));
}

/** The length of measureProbes' vector for a network of `layers` layers. */
export const probesLength = (layers: number): number => PROBES.reduce((sum, probe) => sum + probeLength(probe.declaration, layers), 0);

/** measureProbes' vector, read back, split into each probe's reading by name. */
export function readProbes(values: Float32Array, layers: number): ProbeReadings {
  const readings: ProbeReadings = {};
  let offset = 0;
  for (const { declaration } of PROBES) {
    const length = probeLength(declaration, layers);
    readings[declaration.name] = readProbe(declaration, values.subarray(offset, offset + length), layers);
    offset += length;
  }
  return readings;
}
